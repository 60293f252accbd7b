"""The households are told of a meeting or a household ballot, and sent its documents, at least 2 days
before it (NĐ 59/2023/NĐ-CP, Điều 3 khoản 3–4; Luật THDCCS 2022, Điều 19 khoản 2): opening earlier is
refused with the article, on both sides of the limit; online votes are outside that text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.democracy import services
from danvan.democracy.decisions.rules import DecisionStatus, Method, earliest_start
from tests.democracy.conftest import make_decision, refusals, state
from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def test_a_meeting_told_one_day_ago_cannot_open_yet(village, people, households):
    decision = make_decision(village, people.village_head, noticed_on=days_ago(1))
    before = state(decision)
    with pytest.raises(ServiceError, match=r"ít nhất 02 ngày trước.*Điều 3 khoản 3–4") as refused:
        services.decision_open(decision=decision, by=people.village_head)
    assert refused.value.code == "notice_too_short"
    assert f"sớm nhất ngày {timezone.localdate() + dt.timedelta(days=1):%d/%m/%Y}" in refused.value.message
    assert state(decision) == before
    assert refusals("decision_open")


def test_a_meeting_told_two_days_ago_opens(village, people, households):
    decision = make_decision(village, people.village_head, noticed_on=days_ago(2))
    opened = services.decision_open(decision=decision, by=people.village_head)
    assert opened.status == DecisionStatus.OPEN
    assert earliest_start(days_ago(2)) == timezone.localdate()


def test_a_ballot_without_a_recorded_notice_cannot_open(village, people, households):
    decision = make_decision(village, people.village_head, method=Method.BALLOT, noticed_on=None)
    with pytest.raises(ServiceError, match="Chưa ghi ngày thông báo") as refused:
        services.decision_open(decision=decision, by=people.village_head)
    assert refused.value.field == "noticed_on"
    services.decision_record_notice(decision=decision, on=days_ago(3), by=people.village_head)
    assert services.decision_open(decision=decision, by=people.village_head).status == DecisionStatus.OPEN


def test_a_notice_cannot_be_dated_tomorrow_nor_changed_once_open(village, people, households):
    decision = make_decision(village, people.village_head, noticed_on=None)
    with pytest.raises(ServiceError, match="không được sau hôm nay"):
        services.decision_record_notice(decision=decision, on=days_ago(-1), by=people.village_head)
    with pytest.raises(ServiceError, match="không được sau hôm nay"):
        make_decision(village, people.village_head, noticed_on=days_ago(-1))
    services.decision_record_notice(decision=decision, on=days_ago(5), by=people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    with pytest.raises(ServiceError, match="Chỉ ghi ngày thông báo khi chưa mở"):
        services.decision_record_notice(decision=decision, on=days_ago(4), by=people.village_head)


def test_the_village_head_records_the_notice_on_the_page(client, commune, village, people, households):
    decision = make_decision(village, people.village_head, noticed_on=None)
    login(client, people.village_head)
    url = f"{ws(commune)}/ban-quyet-dinh/{decision.pk}/"
    assert "Ghi ngày thông báo tới các hộ" in client.get(url).content.decode()
    client.post(url + "mo/")
    page = client.get(url).content.decode()
    assert "Chưa ghi ngày thông báo nội dung, tài liệu tới các hộ" in page
    told = days_ago(1)
    client.post(url + "thong-bao/", {"noticed_on": f"{told:%d/%m/%Y}"})
    page = client.get(url).content.decode()
    assert f"ngày {told:%d/%m/%Y}; họp hoặc phát phiếu sớm nhất ngày {earliest_start(told):%d/%m/%Y}" in page
    decision.refresh_from_db()
    assert decision.noticed_on == told and decision.status == DecisionStatus.DRAFT
