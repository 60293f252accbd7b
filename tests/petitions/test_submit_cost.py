"""The citizen's submission under load (issue 21): the portal's POST makes the same few queries whatever
the commune's history, and what the citizen does not wait for (the field, unit and kind suggestion) is
done by the worker after the petition commits, once, with nothing of the content or sender in the task
table. Time is measured by bench/bench_petitions_load.py, never here."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from danvan.core.models import AuditEvent
from danvan.petitions import services, tasks
from danvan.petitions.models import Field, Petition, PetitionStep, PetitionSuggestion
from danvan.petitions.services import intake
from danvan.petitions.suggestions import SUGGEST_TASK
from danvan.petitions.tracking import new_tracking_code
from tests.petitions.conftest import DENOUNCER, classify, submit

pytestmark = pytest.mark.django_db

ROAD = "Đường vào thôn 1 bị sạt lở sau mưa, xe máy không đi được."
# The portal's POST of an anonymous phản ánh: the commune, the retry check, the held files, the petition,
# its public step, its audit record and the suggestion job in the same transaction (the working calendar is
# kept between requests: legaltime/calendar.py); in the test's transaction, a savepoint and its release.
FEEDBACK_MAX_QUERIES = 9
# A tố cáo with a phone adds the sender's row and the receipt notice in the outbox.
DENUNCIATION_MAX_QUERIES = 15
_addresses = itertools.count(1)


def add_history(commune, n: int) -> None:
    """`n` old cases with fields, steps and suggestions, written in bulk (the past, not a service)."""
    fields = list(Field.objects.filter(commune=None)[:5])
    today = date.today()
    rows = [
        Petition(
            commune=commune,
            tracking_code=new_tracking_code(),
            received_on=today - timedelta(days=30 + i % 700),
            kind="feedback",
            kind_hint="feedback",
            status="closed",
            field=fields[i % len(fields)],
            content=f"{ROAD} Lần {i}.",
            process_due=today,
        )
        for i in range(n)
    ]
    Petition.objects.bulk_create(rows)
    PetitionStep.objects.bulk_create(PetitionStep(petition=p, status="closed") for p in rows)
    PetitionSuggestion.objects.bulk_create(PetitionSuggestion(petition=p, source="keywords") for p in rows)


def post(client, commune, token: str, **extra):
    data = {"content": ROAD, "kind_hint": "feedback", "village": "", "client_token": f"tok-{token}", **extra}
    return client.post(f"/xa/{commune.slug}/phan-anh/", data, REMOTE_ADDR=f"10.7.{next(_addresses)}.1")


def queries_of_one_post(client, commune, token: str, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = post(client, commune, token, **extra)
    code = Petition.objects.get(commune=commune, client_token=f"tok-{token}").tracking_code
    assert response.status_code == 200 and code in response.content.decode()
    return len(ctx.captured_queries)


DENUNCIATION = {
    "kind_hint": "denunciation",
    "full_name": DENOUNCER["full_name"],
    "sender_address": DENOUNCER["address"],
    "phone": DENOUNCER["phone"],
}


@pytest.mark.parametrize(
    ("extra", "bound"), [({}, FEEDBACK_MAX_QUERIES), (DENUNCIATION, DENUNCIATION_MAX_QUERIES)]
)
def test_the_portal_post_costs_the_same_few_queries_with_ten_times_the_history(
    client, commune, people, extra, bound
):
    add_history(commune, 30)
    post(client, commune, "warm-up", **extra)  # what a process reads once (content types, the law)
    small = queries_of_one_post(client, commune, "small", **extra)
    add_history(commune, 270)
    large = queries_of_one_post(client, commune, "large", **extra)
    assert small == large <= bound


def test_the_post_reads_no_calendar_and_queues_its_job_with_the_petition(client, commune, people):
    post(client, commune, "warm-up")
    with CaptureQueriesContext(connection) as ctx:
        post(client, commune, "road")
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not any("legaltime_calendaroverride" in q for q in sql)
    job = next(i for i, q in enumerate(sql) if "dbtaskresult" in q.lower())
    petition = next(i for i, q in enumerate(sql) if q.startswith('INSERT INTO "petitions_petition"'))
    assert petition < job  # in the test's transaction: written before it ends, not on a commit after it
    road = Petition.objects.get(client_token="tok-road").pk
    assert DBTaskResult.objects.filter(task_path=SUGGEST_TASK, args_kwargs__args=[road]).count() == 1


@pytest.mark.django_db(transaction=True)  # really committed, then the worker's own connection, as served
def test_the_suggestion_is_made_by_the_worker_after_the_petition_commits(client, commune, people):
    response = post(client, commune, "road")
    petition = Petition.objects.get(client_token="tok-road")
    # The citizen got the tracking code without waiting for the suggestion; everything else is there.
    assert petition.tracking_code in response.content.decode()
    assert PetitionStep.objects.filter(petition=petition, status="received").count() == 1
    assert AuditEvent.objects.filter(action="petitions.submit", object_id=str(petition.pk)).count() == 1
    assert petition.process_due is not None
    assert not PetitionSuggestion.objects.filter(petition=petition).exists()
    job = DBTaskResult.objects.get(task_path=SUGGEST_TASK)
    assert job.args_kwargs["args"] == [petition.pk]

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    suggestion = PetitionSuggestion.objects.get(petition=petition)
    assert suggestion.field.name == "Giao thông, hạ tầng" and suggestion.unit.name == "Phòng Kinh tế"
    assert "sạt lở" in suggestion.reason and suggestion.kind == "feedback"


def test_a_denunciations_job_carries_only_the_petitions_id(
    commune, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = submit(commune, "denunciation", content="Tố cáo cán bộ xã nhận hối lộ khi xét hộ nghèo.")
    stored = str(DBTaskResult.objects.get(task_path=SUGGEST_TASK).args_kwargs)
    assert stored == str({"args": [p.pk], "kwargs": {}})
    for secret in (*DENOUNCER.values(), "hối lộ"):
        assert secret not in stored


def test_the_suggestion_job_is_idempotent(commune, people):
    p = submit(commune, "feedback", content=ROAD)
    assert tasks.suggest_for_petition.call(p.pk) is True
    first = PetitionSuggestion.objects.get(petition=p)
    assert tasks.suggest_for_petition.call(p.pk) is True  # a job run twice (a worker restarted)
    assert PetitionSuggestion.objects.filter(petition=p).count() == 1
    assert PetitionSuggestion.objects.get(petition=p).field_id == first.field_id


def test_a_petition_gone_before_its_job_ran_is_skipped(commune, people):
    p = submit(commune, "feedback", content=ROAD)
    pk = p.pk
    p.delete()
    assert tasks.suggest_for_petition.call(pk) is False
    assert not PetitionSuggestion.objects.filter(petition_id=pk).exists()


def test_a_case_classified_before_its_job_ran_records_whether_the_suggestion_was_kept(commune, people, unit):
    land = Field.objects.get(commune=None, name="Đất đai")
    p = classify(submit(commune, "feedback", content=ROAD), people, unit, "feedback", field=land)
    tasks.suggest_for_petition.call(p.pk)
    suggestion = PetitionSuggestion.objects.get(petition=p)
    assert suggestion.field.name == "Giao thông, hạ tầng"
    assert suggestion.field_accepted is False and suggestion.kind_accepted is True


def test_a_tracking_code_clash_is_retried_with_a_fresh_code(commune, people, monkeypatch):
    taken = submit(commune, "feedback").tracking_code
    codes = iter([taken, "ABC-DEF-2345"])
    monkeypatch.setattr(intake, "new_tracking_code", lambda: next(codes))
    p = services.petition_submit(commune=commune, content=ROAD, client_token="tok-clash")
    assert p.tracking_code == "ABC-DEF-2345"
    assert Petition.objects.filter(client_token="tok-clash").count() == 1
    assert PetitionStep.objects.filter(petition=p).count() == 1


def test_a_retry_of_a_submission_that_went_through_writes_nothing(commune, people):
    first = services.petition_submit(commune=commune, content=ROAD, client_token="tok-once")
    before = (Petition.objects.count(), PetitionStep.objects.count(), AuditEvent.objects.count())
    again = services.petition_submit(commune=commune, content=ROAD, client_token="tok-once")
    assert again.pk == first.pk
    assert (Petition.objects.count(), PetitionStep.objects.count(), AuditEvent.objects.count()) == before
