"""Province deadline pages: the commune marks a report sent, the leader's home shows it, the province
viewer lists late communes; other communes and provinces are 404, other roles 403."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.plans.models import ProvinceSubmission, ReportingPeriod

pytestmark = pytest.mark.django_db

AFTER_JUNE = datetime(2026, 6, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def six_months(issued_plan) -> ReportingPeriod:
    return issued_plan.periods.get(direction="province", kind="six_months")


def sent_url(commune, period) -> str:
    return f"/lam-viec/{commune.code}/ke-hoach/{period.plan_id}/bao-cao/{period.pk}/da-gui/"


@time_machine.travel(AFTER_JUNE, tick=False)
def test_leader_home_shows_the_missed_report_until_it_is_sent(client, people, commune, six_months):
    client.force_login(people.leader)
    home = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "Báo cáo 6 tháng" in home and "đã quá hạn 15/06/2026" in home
    client.force_login(people.coordinator)
    response = client.post(
        sent_url(commune, six_months), {"sent_on": "2026-06-19", "reference": "95/BC-UBND"}
    )
    assert response.status_code == 302
    assert ProvinceSubmission.objects.get(period=six_months).reference == "95/BC-UBND"
    page = client.get(response["Location"]).content.decode()
    assert "Đã gửi ngày 19/06/2026" in page and "chậm hạn" in page
    client.force_login(people.leader)
    assert "đã quá hạn 15/06/2026" not in client.get(f"/lam-viec/{commune.code}/").content.decode()


@time_machine.travel(AFTER_JUNE, tick=False)
def test_officer_neither_sees_nor_marks(client, people, commune, six_months):
    client.force_login(people.officer)
    assert "đã quá hạn 15/06/2026" not in client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert client.post(sent_url(commune, six_months), {"sent_on": "2026-06-19"}).status_code == 403
    client.force_login(people.outsider)
    assert client.post(sent_url(commune, six_months), {"sent_on": "2026-06-19"}).status_code == 404
    assert not ProvinceSubmission.objects.exists()


@time_machine.travel(AFTER_JUNE, tick=False)
@pytest.mark.parametrize(
    ("data", "message"),
    [({"sent_on": ""}, "Vui lòng nhập ngày gửi"), ({"sent_on": "2026-07-01"}, "không được sau hôm nay")],
)
def test_bad_date_is_refused_in_vietnamese(client, people, commune, six_months, data, message):
    client.force_login(people.coordinator)
    response = client.post(sent_url(commune, six_months), data, follow=True)
    assert message in response.content.decode()
    assert not ProvinceSubmission.objects.exists()


@time_machine.travel(AFTER_JUNE, tick=False)
def test_province_viewer_sees_late_communes(client, people, commune, six_months):
    client.force_login(people.province_viewer)
    page = client.get(f"/tinh/{commune.province_id}/han-bao-cao/")
    assert page.status_code == 200
    text = page.content.decode()
    assert commune.name in text and "Chưa gửi, quá hạn" in text
    assert client.get(f"/tinh/{commune.province_id}/han-bao-cao/?nam=abc").status_code == 200


def test_other_province_and_commune_staff_get_404(client, people, other_commune, commune, six_months):
    client.force_login(people.province_viewer)
    assert client.get(f"/tinh/{other_commune.province_id}/han-bao-cao/").status_code == 404
    client.force_login(people.coordinator)
    assert client.get(f"/tinh/{commune.province_id}/han-bao-cao/").status_code == 404


def test_province_implementing_page_and_commune_link(client, people, commune, issued_plan, neighbour):
    document = issued_plan.parent_document
    client.force_login(people.province_viewer)
    page = client.get(f"/tinh/{commune.province_id}/ke-hoach-thuc-hien/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "1</strong>/2" in text and neighbour.name in text and "Chưa ban hành" in text
    client.force_login(people.outsider)
    assert client.get(f"/tinh/{commune.province_id}/ke-hoach-thuc-hien/").status_code == 404
    url = f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/ke-hoach-cap-tren/"
    assert client.post(url, {"document": str(document.pk)}).status_code == 404
    client.force_login(people.officer)
    assert client.post(url, {"document": ""}).status_code == 403
    client.force_login(people.coordinator)
    bad = client.post(url, {"document": "999999"}, follow=True)
    assert "không có trong danh sách" in bad.content.decode()
    issued_plan.refresh_from_db()
    assert issued_plan.parent_document == document
    client.post(url, {"document": ""})
    issued_plan.refresh_from_db()
    assert issued_plan.parent_document is None
