"""A sender who left an e-mail or a phone hears of their petition three times at most: on receipt, when
it is accepted or leaves the commune, and with the result; never of their own rating."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from danvan.comms.models import OutboundMessage
from danvan.comms.visibility import recipient_shown
from danvan.petitions import services
from danvan.petitions.models import Petition
from tests.petitions.conftest import accepted, classify, submit

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@override_settings(DANVAN_SITE_URL="https://danvan.example.vn")
def test_an_email_sender_hears_on_receipt_and_acceptance_not_of_classifying(commune, people, unit):
    p = submit(
        commune,
        "feedback",
        identity={"full_name": "Nguyễn Văn Dân", "email": "dan@example.vn", "address": "Thôn 1"},
    )
    assert p.notify_citizen
    run_worker()
    p = classify(p, people, unit, "feedback")
    run_worker()
    assert len(mail.outbox) == 1  # classifying is internal: no message
    services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    run_worker()
    assert [m.to for m in mail.outbox] == [["dan@example.vn"], ["dan@example.vn"]]
    last = mail.outbox[-1]
    assert p.tracking_code in last.subject
    assert f"đơn mã {p.tracking_code} – Đang giải quyết." in last.body  # plain words (issue 16)
    assert f"https://danvan.example.vn/xa/{commune.slug}/tra-cuu/?ma={p.tracking_code}" in last.body
    assert "sạt lở" not in last.body and "Nguyễn Văn Dân" not in last.body
    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_a_phone_goes_through_the_phone_sender(commune, people, unit, caplog):
    submit(commune, "complaint")  # the complaint fixture identity has a phone, no e-mail
    with caplog.at_level(logging.INFO, logger="danvan.comms"):
        run_worker()
    [record] = [r for r in caplog.records if r.name == "danvan.comms"]
    assert record.args[0] == "0912345678"
    assert "– Đã nhận đơn." in record.args[1]
    assert mail.outbox == []


def test_the_result_is_sent_and_the_rating_is_not(commune, people, unit):
    p = accepted(commune, people, unit, "complaint")
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(petition=p, answer="Đã sửa đường.", on=date(2026, 3, 20), by=people.officer)
    services.petition_rate(petition=p, rating=5, tracking_code=p.tracking_code)
    texts = list(OutboundMessage.objects.order_by("id").values_list("text", flat=True))
    assert [t.split("\n")[0].rsplit("– ", 1)[1] for t in texts] == [
        "Đã nhận đơn.",
        "Đang giải quyết.",
        "Đã có kết quả.",
    ]


def test_a_denouncers_number_is_never_shown_in_the_log_even_to_handlers(commune, people, unit):
    p = accepted(commune, people, unit, "denunciation")
    messages = list(OutboundMessage.objects.filter(source=f"petitions.petition:{p.pk}"))
    assert len(messages) == 2 and all(m.protected for m in messages)
    for user in (people.leader, people.officer, people.coordinator):
        assert {recipient_shown(user, m) for m in messages} == {"(người tố cáo: được giữ bí mật)"}


def test_a_complainants_number_is_shown_to_case_handlers_and_masked_for_others(commune, people, unit):
    p = accepted(commune, people, unit, "complaint")
    message = OutboundMessage.objects.filter(source=f"petitions.petition:{p.pk}").first()
    assert recipient_shown(people.coordinator, message) == "0912345678"
    assert recipient_shown(people.supervisor, message) == "091*****78"


def test_an_anonymous_sender_queues_nothing(commune):
    p = submit(commune, "feedback")
    assert not p.notify_citizen
    assert OutboundMessage.objects.count() == 0
    assert Petition.objects.count() == 1
