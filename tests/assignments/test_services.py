"""Who is in charge: assignments to a line of work or a village, the villages nobody is in charge of, the
steering committee with one head, the decisions as ND 30 .docx; every write audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document

from danvan.assignments import documents, selectors, services
from danvan.assignments.models import Assignment, CommitteeMember
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.documents.nd30 import render_docx
from danvan.geo.models import Village

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
S, R = Assignment.Scope, CommitteeMember.Role


def test_an_official_is_put_in_charge_of_a_village_then_leaves(people, commune):
    thon1 = Village.objects.get(commune=commune, name="Thôn 1")
    thon2 = Village.objects.create(commune=commune, name="Thôn 2")
    with pytest.raises(ServiceError) as err:
        services.assignment_make(
            by=people.leader, commune=commune, scope=S.VILLAGE, official=people.officer, starts_on=TODAY()
        )
    assert err.value.field == "village"
    a = services.assignment_make(
        by=people.leader,
        commune=commune,
        scope=S.VILLAGE,
        village=thon1,
        official=people.officer,
        starts_on=TODAY(),
    )
    assert a.position  # taken from the account's role when left empty
    with pytest.raises(ServiceError, match="đang được phân công"):
        services.assignment_make(
            by=people.coordinator,
            commune=commune,
            scope=S.VILLAGE,
            village=thon1,
            official=people.officer,
            starts_on=TODAY(),
        )
    with pytest.raises(ServiceError, match="không có vai trò ở xã"):
        services.assignment_make(
            by=people.leader, commune=commune, scope=S.DEMOCRACY, official=people.outsider, starts_on=TODAY()
        )
    with pytest.raises(ServiceError) as err:
        services.assignment_make(
            by=people.officer, commune=commune, scope=S.DEMOCRACY, official=people.officer, starts_on=TODAY()
        )
    assert err.value.code == "forbidden"
    current = selectors.current_assignments(commune)
    assert selectors.villages_without(commune, current) == [thon2]
    with pytest.raises(ServiceError):
        services.assignment_end(by=people.leader, assignment=a, on=TODAY() - dt.timedelta(days=1))
    services.assignment_end(by=people.leader, assignment=a, on=TODAY())
    assert selectors.current_assignments(commune) == []
    assert {e.action for e in AuditEvent.objects.filter(action__startswith="assignments.")} == {
        "assignments.assigned",
        "assignments.ended",
    }


def test_the_steering_committee_has_one_head(people, commune):
    services.member_add(
        by=people.leader,
        commune=commune,
        user=people.leader,
        full_name="",
        role=R.HEAD,
        office="Chủ tịch",
        starts_on=TODAY(),
    )
    with pytest.raises(ServiceError, match="đã có Trưởng ban"):
        services.member_add(
            by=people.leader,
            commune=commune,
            full_name="Ông B",
            role=R.HEAD,
            office="Phó Chủ tịch",
            starts_on=TODAY(),
        )
    services.member_add(
        by=people.leader,
        commune=commune,
        full_name="Bà C",
        role=R.STANDING,
        office="Mặt trận",
        starts_on=TODAY(),
    )
    with pytest.raises(ServiceError, match="đã là thành viên"):
        services.member_add(
            by=people.leader, commune=commune, full_name="Bà C", role=R.MEMBER, office="x", starts_on=TODAY()
        )
    assert [m.role for m in selectors.committee(commune)] == [R.HEAD, R.STANDING]


def test_the_decisions_as_docx_list_who_is_in_charge(people, commune):
    thon1 = Village.objects.get(commune=commune, name="Thôn 1")
    services.assignment_make(
        by=people.leader,
        commune=commune,
        scope=S.VILLAGE,
        village=thon1,
        official=people.officer,
        position="Chuyên viên",
        starts_on=TODAY(),
    )
    services.member_add(
        by=people.leader, commune=commune, full_name="Bà C", role=R.HEAD, office="Chủ tịch", starts_on=TODAY()
    )
    for document, expected in [
        (documents.assignment_decision(commune), [people.officer.get_full_name(), "Thôn 1"]),
        (documents.committee_decision(commune), ["Bà C", "Trưởng ban"]),
    ]:
        docx = Document(io.BytesIO(render_docx(document)))
        text = "\n".join(p.text for p in docx.paragraphs)
        cells = " ".join(c.text for t in docx.tables for row in t.rows for c in row.cells)
        assert "QUYẾT ĐỊNH" in text and "Độc lập - Tự do - Hạnh phúc" in cells + text
        assert all(word in cells for word in expected)


def test_a_meeting_conclusion_becomes_a_plan_task_once(people, commune):
    from danvan.org.models import Unit
    from danvan.plans.models import TaskChange
    from tests.plans.conftest import import_demo

    plan = import_demo(commune, people.coordinator)
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    with pytest.raises(ServiceError) as err:
        services.meeting_record(
            by=people.leader, commune=commune, held_on=TODAY(), summary="Sơ kết", conclusions=" \n"
        )
    assert err.value.field == "conclusions"
    meeting = services.meeting_record(
        by=people.leader,
        commune=commune,
        held_on=TODAY(),
        summary="Sơ kết 6 tháng",
        conclusions="- Rà soát quy chế dân chủ của các thôn\n- Tổ chức đối thoại với thanh niên",
    )
    first, second = meeting.conclusions.all()
    due = TODAY() + dt.timedelta(days=30)
    with pytest.raises(ServiceError) as err:
        services.conclusion_to_task(by=people.officer, conclusion=first, plan=plan, lead_unit=unit)
    assert err.value.code == "forbidden"
    task = services.conclusion_to_task(
        by=people.coordinator, conclusion=first, plan=plan, lead_unit=unit, due_date=due
    )
    assert (
        task.plan == plan and task.content == "Rà soát quy chế dân chủ của các thôn" and task.due_date == due
    )
    assert list(task.lead_units.all()) == [unit]
    assert "Ban Chỉ đạo" in TaskChange.objects.filter(task=task).first().reason
    with pytest.raises(ServiceError, match="đã được đưa vào kế hoạch"):
        services.conclusion_to_task(by=people.coordinator, conclusion=first, plan=plan, lead_unit=unit)
    second.refresh_from_db()
    assert second.task is None


def test_two_clicks_at_once_never_put_one_official_twice_in_charge(people, commune):
    """The database is the last guard behind the service's check, on SQLite as on PostgreSQL, with or without
    a village."""
    from django.db import IntegrityError, transaction

    fields = dict(commune=commune, scope=S.MASS_MOBILISATION, official=people.officer, starts_on=TODAY())
    Assignment.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(**fields)
    thon1 = Village.objects.get(commune=commune, name="Thôn 1")
    village = dict(fields, scope=S.VILLAGE, village=thon1)
    Assignment.objects.create(**village)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(**village)
    assert Assignment.objects.filter(official=people.officer, ended_on=None).count() == 2
