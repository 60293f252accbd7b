"""Household ballots and online votes: one per household, secret where required, nothing after the close."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection

from danvan.comms.outbox import deliver_due
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.models import (
    BallotChoice,
    Household,
    OnlineVoteCode,
    VillageDecision,
    Vote,
    VoteReceipt,
)
from danvan.democracy.rules import Choice, DecisionStatus, Matter, Method
from tests.democracy.conftest import make_decision, refusals, state

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 8:00 in Việt Nam
CLOSES = NOW + timedelta(days=7)


@pytest.fixture
def ballot(village, people, households) -> VillageDecision:
    with time_machine.travel(NOW, tick=False):
        decision = make_decision(village, people.village_head, method=Method.BALLOT, closes_at=CLOSES)
        return services.decision_open(decision=decision, by=people.village_head)


def cast(decision, household, choice, by):
    return services.ballot_cast(decision=decision, household=household, choice=choice, by=by)


# --- secret paper ballots --------------------------------------------------------------------------------


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_secret_ballot_keeps_no_link_between_a_household_and_its_choice(ballot, people, households):
    cast(ballot, households[0], Choice.APPROVE, people.village_head)
    cast(ballot, households[1], Choice.REJECT, people.village_head)
    cast(ballot, households[2], Choice.APPROVE, people.village_head)

    assert VoteReceipt.objects.filter(decision=ballot).count() == 3
    assert not Vote.objects.exists()  # the only table that holds a household beside a choice
    # Inspect the tables as stored, not through the models: the choices table is one counter per choice,
    # with no household and no time; the receipts table has no choice.
    with connection.cursor() as cursor:
        choices = connection.ops.quote_name(BallotChoice._meta.db_table)
        receipts = connection.ops.quote_name(VoteReceipt._meta.db_table)
        cursor.execute(f"SELECT * FROM {choices} WHERE decision_id = %s", [ballot.pk])  # noqa: S608 - model table
        columns = [c[0] for c in cursor.description]
        rows = sorted(
            (row[columns.index("choice")], row[columns.index("count")]) for row in cursor.fetchall()
        )
        cursor.execute(f"SELECT * FROM {receipts} WHERE decision_id = %s", [ballot.pk])  # noqa: S608 - model table
        receipt_columns = [c[0] for c in cursor.description]
    assert sorted(columns) == ["channel", "choice", "count", "decision_id", "id"]
    assert rows == [("approve", 2), ("reject", 1)]
    assert "choice" not in receipt_columns and "household_id" in receipt_columns
    # Nor does the audit log say how anyone voted.
    for event in AuditEvent.objects.filter(action="democracy.ballot_cast"):
        assert "choice" not in (event.after or {}) and "approve" not in str(event.after)
    tally = services.decision_tally(ballot)
    assert (tally.approve, tally.reject, tally.voted) == (2, 1, 3)


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_an_open_ballot_keeps_each_households_choice(village, people, households):
    decision = make_decision(village, people.village_head, method=Method.BALLOT, is_secret=False)
    services.decision_open(decision=decision, by=people.village_head)
    cast(decision, households[0], Choice.APPROVE, people.village_head)
    assert Vote.objects.get(decision=decision).household == households[0]
    assert not BallotChoice.objects.exists()
    assert services.decision_tally(decision).approve == 1


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_second_vote_from_a_household_is_refused_and_audited(ballot, people, households):
    cast(ballot, households[0], Choice.APPROVE, people.village_head)
    before = state(ballot)
    with pytest.raises(ServiceError) as err:
        cast(ballot, households[0], Choice.REJECT, people.village_head)
    assert err.value.message == "Hộ H001 đã biểu quyết nội dung này; mỗi hộ chỉ được biểu quyết một lần."
    assert err.value.code == "already_voted"
    assert state(ballot) == before
    [event] = refusals("ballot_cast")
    assert (event.actor, event.object_id, event.commune) == (
        people.village_head,
        str(ballot.pk),
        ballot.commune,
    )
    assert event.note == err.value.message


def test_vote_after_the_close_is_refused_and_audited(ballot, people, households):
    with time_machine.travel(CLOSES, tick=False):
        before = state(ballot)
        with pytest.raises(ServiceError) as err:
            cast(ballot, households[0], Choice.APPROVE, people.village_head)
    assert err.value.message == "Đã hết thời gian biểu quyết; phiếu không được ghi nhận."
    assert state(ballot) == before
    assert len(refusals("ballot_cast")) == 1


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_vote_after_the_decision_was_closed_early_is_refused(ballot, people, households):
    services.decision_close(decision=ballot, by=people.village_head)
    with pytest.raises(ServiceError) as err:
        cast(ballot, households[0], Choice.APPROVE, people.village_head)
    assert err.value.code == "closed"


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_ballot_from_a_household_of_another_village_is_refused(ballot, people, commune):
    from danvan.geo.models import Village

    other = Village.objects.create(commune=commune, name="Thôn 2")
    stranger = Household.objects.create(village=other, code="X1", head_name="Người Thôn Khác")
    with pytest.raises(ServiceError) as err:
        cast(ballot, stranger, Choice.APPROVE, people.village_head)
    assert err.value.code == "not_eligible"
    assert not VoteReceipt.objects.exists()


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_only_village_staff_enter_ballots(ballot, people, households):
    with pytest.raises(ServiceError) as err:
        cast(ballot, households[0], Choice.APPROVE, people.outsider)
    assert err.value.code == "forbidden"
    assert not VoteReceipt.objects.exists()


@time_machine.travel(NOW + timedelta(days=1), tick=False)
def test_contribution_ballot_passes_at_67_of_100_households_not_66(ballot, people, households):
    # Điều 15 khoản 1 (contributions): at least two thirds of ALL households (Điều 21(1)).
    for household in households[:66]:
        cast(ballot, household, Choice.APPROVE, people.village_head)
    assert services.decision_tally(ballot).passes is False
    cast(ballot, households[66], Choice.APPROVE, people.village_head)
    assert services.decision_tally(ballot).passes is True


# --- online votes ------------------------------------------------------------------------------------------


@pytest.fixture
def online(village, people, households) -> VillageDecision:
    Household.objects.filter(pk=households[0].pk).update(email="ho1@example.vn")
    Household.objects.filter(pk=households[1].pk).update(phone="0912345678")
    with time_machine.travel(NOW, tick=False):
        decision = make_decision(
            village,
            people.village_head,
            matter=Matter.OTHER_SELF_MANAGED,
            method=Method.ONLINE,
            closes_at=CLOSES,
            counting_committee=[],
        )
        services.decision_agree_online(decision=decision, by=people.village_head, as_role="village_head")
        services.decision_agree_online(decision=decision, by=people.supervisor, as_role="front")
        return services.decision_open(decision=decision, by=people.village_head)


def code_in(text: str) -> str:
    return re.search(r": (\d{6})\.", text).group(1)


def send_by_email(decision, household, capture) -> str:
    with capture(execute=True):
        where = services.online_code_send(decision=decision, household=household)
    deliver_due()  # what the worker does with the queued message
    assert where == "h***@example.vn"
    return code_in(mail.outbox[-1].body)


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_online_vote_with_the_code_sent_by_email(online, households, django_capture_on_commit_callbacks):
    code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["ho1@example.vn"]
    stored = OnlineVoteCode.objects.get()
    assert code not in stored.code_hash and stored.sent_to == "email"
    assert not AuditEvent.objects.filter(note__contains=code).exists()
    services.online_vote_cast(decision=online, household=households[0], code=code, choice=Choice.APPROVE)
    stored.refresh_from_db()
    assert stored.used_at is not None
    assert not Vote.objects.exists()  # online votes are secret
    assert BallotChoice.objects.get(decision=online).count == 1
    assert services.decision_tally(online).by_channel == {"online": 1}


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_code_for_a_phone_goes_through_the_phone_sender(
    online, households, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.INFO, logger="danvan.comms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        where = services.online_code_send(decision=online, household=households[1])
        deliver_due()
    assert where == "091*****78"
    [record] = [r for r in caplog.records if r.name == "danvan.comms"]
    assert record.args[0] == "0912345678"
    code = code_in(record.args[1])
    services.online_vote_cast(decision=online, household=households[1], code=code, choice=Choice.REJECT)
    assert services.decision_tally(online).reject == 1


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_wrong_code_is_refused_audited_and_counted(online, households, django_capture_on_commit_callbacks):
    code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    before = state(online)
    with pytest.raises(ServiceError) as err:
        services.online_vote_cast(decision=online, household=households[0], code=wrong, choice=Choice.APPROVE)
    assert err.value.message == "Mã xác thực không đúng."
    assert state(online) == before
    [event] = refusals("online_vote")
    assert event.actor_name == "Đại diện hộ H001" and event.actor is None
    assert OnlineVoteCode.objects.get().attempts == 1


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_code_locks_after_five_wrong_tries(online, households, django_capture_on_commit_callbacks):
    code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(ServiceError):
            services.online_vote_cast(
                decision=online, household=households[0], code=wrong, choice=Choice.APPROVE
            )
    with pytest.raises(ServiceError) as err:
        services.online_vote_cast(decision=online, household=households[0], code=code, choice=Choice.APPROVE)
    assert err.value.code == "code_locked"
    assert not VoteReceipt.objects.exists()


def test_expired_code_is_refused(online, households, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    with time_machine.travel(NOW + timedelta(hours=1, minutes=10), tick=False):
        before = state(online)
        with pytest.raises(ServiceError) as err:
            services.online_vote_cast(
                decision=online, household=households[0], code=code, choice=Choice.APPROVE
            )
    assert err.value.message == "Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới."
    assert state(online) == before
    assert len(refusals("online_vote")) == 1


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_used_code_and_second_online_vote_are_refused(online, households, django_capture_on_commit_callbacks):
    code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    services.online_vote_cast(decision=online, household=households[0], code=code, choice=Choice.APPROVE)
    before = state(online)
    with pytest.raises(ServiceError) as err:
        services.online_vote_cast(decision=online, household=households[0], code=code, choice=Choice.REJECT)
    assert err.value.code == "code_used"
    # A new code is not even sent to a household that has voted.
    with pytest.raises(ServiceError) as err:
        services.online_code_send(decision=online, household=households[0])
    assert err.value.code == "already_voted"
    assert state(online) == before
    assert len(refusals("online_vote")) == len(refusals("online_code_send")) == 1


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_a_newer_code_replaces_the_older_one(online, households, django_capture_on_commit_callbacks):
    first = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    second = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    if first != second:
        with pytest.raises(ServiceError) as err:
            services.online_vote_cast(
                decision=online, household=households[0], code=first, choice=Choice.APPROVE
            )
        assert err.value.code == "code_expired"
    services.online_vote_cast(decision=online, household=households[0], code=second, choice=Choice.APPROVE)


def test_online_vote_after_the_close_is_refused(online, households, django_capture_on_commit_callbacks):
    with time_machine.travel(CLOSES - timedelta(minutes=2), tick=False):
        code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    with time_machine.travel(CLOSES, tick=False):
        before = state(online)
        with pytest.raises(ServiceError) as err:
            services.online_vote_cast(
                decision=online, household=households[0], code=code, choice=Choice.APPROVE
            )
    assert err.value.code == "closed"
    assert state(online) == before
    assert len(refusals("online_vote")) == 1


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_household_without_contact_gets_no_code(online, households):
    with pytest.raises(ServiceError) as err:
        services.online_code_send(decision=online, household=households[5])
    assert err.value.code == "no_contact"
    assert not OnlineVoteCode.objects.exists()


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_online_vote_on_a_matter_decided_at_a_meeting_is_refused(village, people, households):
    Household.objects.filter(pk=households[0].pk).update(email="ho1@example.vn")
    decision = make_decision(village, people.village_head, matter=Matter.VILLAGE_HEAD_ELECTION)
    services.decision_open(decision=decision, by=people.village_head)
    before = state(decision)
    with pytest.raises(ServiceError) as err:
        services.online_code_send(decision=decision, household=households[0])
    assert err.value.code == "method_not_allowed"
    with pytest.raises(ServiceError) as err:
        services.online_vote_cast(
            decision=decision, household=households[0], code="123456", choice=Choice.APPROVE
        )
    assert err.value.message.startswith(
        "Nội dung “Bầu, cho thôi làm trưởng thôn/tổ trưởng tổ dân phố” phải được quyết định tại hội nghị"
    )
    assert state(decision) == before
    assert len(refusals("online_vote")) == len(refusals("online_code_send")) == 1


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_online_vote_refused_if_an_agreement_was_lost(online, households, django_capture_on_commit_callbacks):
    code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    VillageDecision.objects.filter(pk=online.pk).update(online_agreed_by_front=False)
    with pytest.raises(ServiceError) as err:
        services.online_vote_cast(decision=online, household=households[0], code=code, choice=Choice.APPROVE)
    assert err.value.code == "online_not_agreed"


@time_machine.travel(NOW + timedelta(hours=1), tick=False)
def test_online_outcome_is_recorded_after_close(
    online, people, households, django_capture_on_commit_callbacks
):
    code = send_by_email(online, households[0], django_capture_on_commit_callbacks)
    services.online_vote_cast(decision=online, household=households[0], code=code, choice=Choice.APPROVE)
    with pytest.raises(ServiceError):
        services.decision_record_outcome(decision=online, by=people.village_head)
    services.decision_close(decision=online, by=people.village_head)
    services.decision_record_outcome(decision=online, by=people.village_head)
    online.refresh_from_db()
    assert online.status == DecisionStatus.RECORDED and online.passed is False
    assert "Số hộ đã biểu quyết: 1." in online.outcome
