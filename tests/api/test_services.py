"""API key services: create (hash only, audited), revoke (audited, once), last use; Open311 intake."""

from __future__ import annotations

import pytest

from danvan.api.keys import hash_key
from danvan.api.models import ApiKey
from danvan.api.services import api_key_create, api_key_find, api_key_mark_used, api_key_revoke
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_keeps_only_the_hash_and_audits(people, commune):
    created = api_key_create(by=people.admin, name="  Công cụ   thống kê ", kind="staff", user=people.leader)
    row = ApiKey.objects.get()
    assert row.name == "Công cụ thống kê"
    assert row.key_hash == hash_key(created.key) and created.key not in row.key_hash
    assert created.key.startswith(f"dvs_{row.prefix}.")
    event = AuditEvent.objects.get(action="api.key_create")
    assert event.actor == people.admin
    assert created.key not in str(event.after) and row.key_hash not in str(event.after)
    assert api_key_find(created.key) == row
    assert api_key_find(created.key + "x") is None
    assert api_key_find("dvs_000000000000.abcdefghijklmnopqrstuvwxyz") is None


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"name": " ", "kind": "staff"}, "name", "Vui lòng đặt tên"),
        ({"name": "x", "kind": "staff"}, "user", "tài khoản cán bộ"),
        ({"name": "x", "kind": "robot"}, "kind", "Loại khóa"),
    ],
)
def test_create_refuses_bad_input(db, kwargs, field, message):
    with pytest.raises(ServiceError) as err:
        api_key_create(by=None, **kwargs)
    assert err.value.field == field and message in err.value.message
    assert not ApiKey.objects.exists() and not AuditEvent.objects.filter(action__startswith="api.").exists()


def test_open311_key_has_no_owner(people):
    with pytest.raises(ServiceError) as err:
        api_key_create(by=None, name="Ứng dụng", kind="open311", user=people.leader)
    assert err.value.field == "user"


def test_revoke_once_and_audited(people):
    created = api_key_create(by=None, name="Khóa", kind="staff", user=people.leader)
    revoked = api_key_revoke(api_key=created.api_key, by=people.admin)
    assert not revoked.is_active and revoked.revoked_at is not None
    assert AuditEvent.objects.get(action="api.key_revoke").actor == people.admin
    with pytest.raises(ServiceError) as err:
        api_key_revoke(api_key=created.api_key, by=people.admin)
    assert err.value.code == "already_revoked"
    assert AuditEvent.objects.filter(action="api.key_revoke").count() == 1


def test_last_use_written_at_most_once_a_minute(people, django_assert_num_queries):
    api_key = api_key_create(by=None, name="Khóa", kind="staff", user=people.leader).api_key
    with django_assert_num_queries(1):
        api_key_mark_used(api_key)
    with django_assert_num_queries(0):
        api_key_mark_used(api_key)
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None
