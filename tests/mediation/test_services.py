"""Grassroots mediation (Luật Hòa giải ở cơ sở 2013): teams as the law wants them, cases to their end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.audit import AuditEvent
from danvan.core.errors import ServiceError
from danvan.geo.models import Village
from danvan.mediation import rules, selectors, services
from danvan.mediation.models import Case, Mediator
from danvan.petitions.models import Petition
from tests.mediation.conftest import TODAY, mediators_of, open_case

pytestmark = pytest.mark.django_db
S = Case.Status


def test_a_team_short_of_three_or_of_a_woman_is_told_what_it_lacks(people, commune, village):
    team = services.team_save(
        by=people.coordinator, commune=commune, village=village, name="Tổ 1", minority_area=True
    )
    services.mediator_add(
        by=people.coordinator, team=team, full_name="Ông Một", gender="male", is_leader=True
    )
    services.mediator_add(by=people.coordinator, team=team, full_name="Ông Hai", gender="male")
    problems = rules.team_problems(team, list(team.mediators.all()), TODAY())
    assert "mới có 2 hòa giải viên, cần từ 03 người trở lên" in problems
    assert "chưa có hòa giải viên nữ" in problems
    assert any("dân tộc thiểu số" in p for p in problems)
    services.mediator_add(
        by=people.coordinator, team=team, full_name="Ka Ba", gender="female", ethnic_minority=True
    )
    assert rules.team_problems(team, list(team.mediators.all()), TODAY()) == []


def test_a_mediator_who_leaves_no_longer_counts(people, team):
    woman = Mediator.objects.get(team=team, gender="female")
    services.mediator_leave(by=people.coordinator, mediator=woman, on=TODAY())
    current = list(Mediator.objects.filter(team=team, left_on__isnull=True))
    assert "chưa có hòa giải viên nữ" in rules.team_problems(team, current, TODAY())
    with pytest.raises(ServiceError, match="đã thôi"):
        services.mediator_leave(by=people.coordinator, mediator=woman, on=TODAY())


def test_a_case_goes_from_receipt_to_agreement_with_an_audit_trail(people, team):
    case = open_case(team, people)
    case = services.case_assign(
        by=people.village_head, case=case, mediator_ids=mediators_of(team)[:2], on=TODAY()
    )
    assert rules.start_due(case) == TODAY() + dt.timedelta(days=3)
    case = services.case_start(by=people.village_head, case=case, on=TODAY())
    case = services.case_end(
        by=people.village_head,
        case=case,
        outcome=S.SUCCEEDED,
        on=TODAY(),
        agreement="Cắm lại mốc.",
        written_agreement=True,
    )
    assert case.status == S.SUCCEEDED and case.written_agreement
    actions = list(
        AuditEvent.objects.filter(action__startswith="mediation.case")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "mediation.case_opened",
        "mediation.case_assigned",
        "mediation.case_mediating",
        "mediation.case_succeeded",
    ]
    with pytest.raises(ServiceError, match="không chuyển sang"):
        services.case_start(by=people.village_head, case=case, on=TODAY())


def test_mediation_must_start_within_three_days_of_the_assignment(people, team):
    case = open_case(team, people, days_ago=9)
    case = services.case_assign(
        by=people.coordinator,
        case=case,
        mediator_ids=mediators_of(team)[:1],
        on=TODAY() - dt.timedelta(days=4),
    )
    assert rules.start_late(case, TODAY())
    assert not rules.start_late(case, TODAY() - dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"received_on": timezone.localdate() + dt.timedelta(days=1)}, "received_on"),
        ({"parties": " "}, "parties"),
        ({"matter": "x"}, "matter"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(people, team, change, field):
    with pytest.raises(ServiceError) as refused:
        open_case(team, people, **change)
    assert refused.value.field == field and not Case.objects.exists()


def test_a_village_head_acts_for_their_own_villages_team_only(people, commune):
    other = Village.objects.create(commune=commune, name="Thôn 9", households=50)
    team = services.team_save(
        by=people.coordinator, commune=commune, village=other, name="Tổ hòa giải Thôn 9"
    )
    with pytest.raises(ServiceError, match="thôn mình"):
        open_case(team, people)
    with pytest.raises(ServiceError, match="không có quyền"):
        open_case(team, people, by=people.officer)
    with pytest.raises(ServiceError, match="không có quyền"):
        services.team_save(by=people.village_head, commune=commune, village=other, name="Tổ khác")


def test_a_failed_mediation_becomes_a_petition_once(people, team):
    case = open_case(team, people)
    services.case_assign(by=people.coordinator, case=case, mediator_ids=mediators_of(team)[:1], on=TODAY())
    services.case_start(by=people.coordinator, case=case, on=TODAY())
    case = services.case_end(
        by=people.coordinator, case=case, outcome=S.FAILED, on=TODAY(), agreement="Không thống nhất."
    )
    petition = services.case_to_petition(by=people.coordinator, case=case)
    assert petition.kind_hint == Petition.Kind.RECOMMENDATION and "Hòa giải không thành" in petition.content
    assert petition.village_id == team.village_id
    with pytest.raises(ServiceError, match="đã được chuyển"):
        services.case_to_petition(by=people.coordinator, case=case)
    # the parties may still ask to mediate again (Điều 27)
    assert services.case_start(by=people.coordinator, case=case, on=TODAY()).status == S.MEDIATING


def test_out_of_scope_needs_a_reason(people, team):
    case = open_case(team, people)
    with pytest.raises(ServiceError):
        services.case_out_of_scope(by=people.coordinator, case=case, reason="")
    case = services.case_out_of_scope(by=people.coordinator, case=case, reason="Trộm cắp: đã báo Công an xã.")
    assert case.status == S.OUT_OF_SCOPE


def test_the_years_statistics_and_the_report_section(people, commune, team):
    from danvan.mediation.report_sections import MediationSection

    ok = open_case(team, people)
    services.case_assign(by=people.coordinator, case=ok, mediator_ids=mediators_of(team)[:1], on=TODAY())
    services.case_start(by=people.coordinator, case=ok, on=TODAY())
    services.case_end(by=people.coordinator, case=ok, outcome=S.SUCCEEDED, on=TODAY(), agreement="Xong.")
    open_case(team, people, matter=Case.Matter.FAMILY)
    stats = selectors.year_statistics(commune, TODAY().year)
    assert (stats.received, stats.succeeded, stats.open, stats.success_percent) == (2, 1, 1, 100)
    assert (stats.teams, stats.mediators, stats.women) == (1, 3, 1)
    start, end = dt.date(TODAY().year, 1, 1), dt.date(TODAY().year, 12, 31)
    section = MediationSection().build(commune, start, end)
    assert "tiếp nhận 2 vụ, việc" in section.paragraphs[0] and "100%" in section.paragraphs[0]
    figures = MediationSection().key_figures([commune], start, end)[commune.code]
    assert {f.key: f.value for f in figures}["succeeded"] == 1
