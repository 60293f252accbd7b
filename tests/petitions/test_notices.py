"""A sender who left an e-mail or a phone hears of each step of their petition, and nothing more."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from danvan.petitions.models import Petition
from tests.petitions.conftest import classify, submit

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@override_settings(DANVAN_SITE_URL="https://danvan.example.vn")
def test_an_email_sender_gets_each_step_with_the_tracking_link_and_no_content(commune, people, unit):
    p = submit(
        commune,
        "feedback",
        identity={"full_name": "Nguyễn Văn Dân", "email": "dan@example.vn", "address": "Thôn 1"},
    )
    assert p.notify_citizen
    run_worker()
    classify(p, people, unit, "feedback")
    run_worker()
    assert [m.to for m in mail.outbox] == [["dan@example.vn"], ["dan@example.vn"]]
    last = mail.outbox[-1]
    assert p.tracking_code in last.subject
    assert f"đơn mã {p.tracking_code} – Đã phân loại." in last.body
    assert f"https://danvan.example.vn/xa/{commune.slug}/tra-cuu/?ma={p.tracking_code}" in last.body
    assert "sạt lở" not in last.body and "Nguyễn Văn Dân" not in last.body


def test_a_phone_goes_through_the_phone_sender(commune, people, unit, caplog):
    submit(commune, "complaint")  # the complaint fixture identity has a phone, no e-mail
    with caplog.at_level(logging.INFO, logger="danvan.comms"):
        run_worker()
    [record] = [r for r in caplog.records if r.name == "danvan.comms"]
    assert record.args[0] == "0912345678"
    assert "– Đã tiếp nhận." in record.args[1]
    assert mail.outbox == []


def test_an_anonymous_sender_queues_nothing(commune):
    p = submit(commune, "feedback")
    assert not p.notify_citizen
    assert DBTaskResult.objects.filter(task_path__endswith="send_status_notice").count() == 0
    assert Petition.objects.count() == 1
