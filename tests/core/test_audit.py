"""The audit log is written in the service's transaction and can never be rewritten."""

import pytest
from django.db import connection, transaction

from danvan.core.audit import audit_record
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(commune):
    with pytest.raises(RuntimeError, match="atomic"):
        audit_record(actor=None, action="test.outside", commune=commune)


def test_rows_cannot_be_changed_or_deleted_through_the_orm(commune):
    with transaction.atomic():
        event = audit_record(actor=None, action="test.event", obj=commune)
    assert (event.object_type, event.object_id, event.actor_name) == ("geo.commune", "24637", "hệ thống")
    event.note = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(note="sửa")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates(commune):
    from django.db import DatabaseError

    with transaction.atomic():
        event = audit_record(actor=None, action="test.event", obj=commune)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE core_auditevent SET note = 'x' WHERE id = %s", [event.pk])
