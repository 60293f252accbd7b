"""Complaints under the law in force from 1/7/2026: suspension with the clock paused, partial withdrawal;
and the second round (filing period from receipt or from the first-round deadline, the province decides)."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.permissions import available_actions
from danvan.petitions.selectors import overdue
from tests.petitions.conftest import accepted, classify, submit

pytestmark = pytest.mark.django_db
S = Petition.Status


def complaint_accepted_on(commune, people, unit, day: date) -> Petition:
    p = classify(submit(commune, "complaint", received_on=date(2026, 7, 1)), people, unit, "complaint")
    return services.petition_accept(petition=p, on=day, by=people.leader)


def test_a_complaint_paused_10_days_ends_10_days_later(commune, people, unit):
    # Accepted Wednesday 8/7/2026: 30 days end Friday 7/8 (Luật Khiếu nại Điều 28).
    p = complaint_accepted_on(commune, people, unit, date(2026, 7, 8))
    assert p.resolve_due == date(2026, 8, 7)
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.complaint_suspend(
        petition=p, reason="Chờ kết quả giám định", on=date(2026, 7, 13), by=people.leader
    )
    assert (p.status, p.suspended_on, p.suspended_from) == (S.SUSPENDED, date(2026, 7, 13), S.VERIFYING)
    # While suspended no deadline runs: not overdue even long after the old deadline.
    assert p not in [r.petition for r in overdue(commune=commune, today=date(2026, 9, 1))]
    assert available_actions(p, {"commune_leader"}) == ["resume", "withdraw_part"]
    p = services.complaint_resume(petition=p, on=date(2026, 7, 23), by=people.leader)
    assert (p.status, p.resolve_due, p.paused_days) == (S.VERIFYING, date(2026, 8, 17), 10)
    assert p.suspended_on is None
    step = p.steps.order_by("-id").first()
    assert "17/08/2026" in step.public_note


def test_suspension_was_not_in_the_law_before_july_2026(commune, people, unit):
    p = accepted(commune, people, unit, "complaint")  # accepted 4/3/2026
    with pytest.raises(ServiceError) as exc:
        services.complaint_suspend(petition=p, reason="Chờ giám định", on=date(2026, 6, 30), by=people.leader)
    assert exc.value.code == "not_in_force" and "01/07/2026" in exc.value.message
    p.refresh_from_db()
    assert p.status == S.ACCEPTED


def test_only_the_chairman_suspends_and_only_a_suspended_complaint_resumes(commune, people, unit):
    p = complaint_accepted_on(commune, people, unit, date(2026, 7, 8))
    with pytest.raises(ServiceError):
        services.complaint_suspend(petition=p, reason="x", on=date(2026, 7, 9), by=people.officer)
    with pytest.raises(ServiceError) as exc:
        services.complaint_resume(petition=p, on=date(2026, 7, 9), by=people.leader)
    assert exc.value.code == "not_suspended"


def test_partial_withdrawal_is_recorded_and_the_rest_goes_on(commune, people, unit):
    p = complaint_accepted_on(commune, people, unit, date(2026, 7, 8))
    p = services.complaint_withdraw_part(
        petition=p, part="Rút yêu cầu bồi thường cây trồng", on=date(2026, 7, 15), by=people.officer
    )
    assert p.status == S.ACCEPTED and "Rút yêu cầu bồi thường cây trồng" in p.withdrawn_part
    assert "phần còn lại tiếp tục được giải quyết" in p.steps.order_by("-id").first().public_note
    old = accepted(commune, people, unit, "complaint")
    with pytest.raises(ServiceError) as exc:
        services.complaint_withdraw_part(
            petition=old, part="Rút một ý", on=date(2026, 6, 30), by=people.officer
        )
    assert exc.value.code == "not_in_force"


def test_second_filing_period_runs_from_receipt_of_the_first_decision(commune, people, unit):
    p = accepted(commune, people, unit, "complaint")
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(petition=p, answer="Giữ nguyên.", on=date(2026, 3, 20), by=people.leader)
    # Received on 25/3: 30 days end Friday 24/4, though 30 days from the decision itself end on 20/4.
    with pytest.raises(ServiceError, match="hết ngày 24/04/2026"):
        services.complaint_second_round(
            petition=p, by=people.coordinator, on=date(2026, 4, 27), decision_received_on=date(2026, 3, 25)
        )
    second = services.complaint_second_round(
        petition=p, by=people.coordinator, on=date(2026, 4, 24), decision_received_on=date(2026, 3, 25)
    )
    assert second.status == S.FORWARDED and second.decision_known_on == date(2026, 3, 25)


def test_second_round_without_a_first_decision_runs_from_the_first_deadline(commune, people, unit):
    p = accepted(commune, people, unit, "complaint")  # accepted 4/3/2026, first-round deadline 3/4
    assert p.resolve_due == date(2026, 4, 3)
    with pytest.raises(ServiceError) as exc:
        services.complaint_second_round(petition=p, by=people.coordinator, on=date(2026, 4, 2))
    assert exc.value.code == "not_resolved"
    # 30 days from 3/4 end Sunday 3/5 after the 30/4–1/5 holidays: the last day is Monday 4/5.
    with pytest.raises(ServiceError, match="hết ngày 04/05/2026"):
        services.complaint_second_round(petition=p, by=people.coordinator, on=date(2026, 5, 5))
    second = services.complaint_second_round(petition=p, by=people.coordinator, on=date(2026, 5, 4))
    assert second.complaint_round == 2 and "Chủ tịch UBND tỉnh Lâm Đồng" in second.outcome_letter
