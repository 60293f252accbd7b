"""Public-opinion pages: who opens what (another commune: 404; a role without the permission: 403), the
phone form through the service (bad input: a Vietnamese 400, nothing saved), the place picture with
the petitions on the same topic and village, the summary .docx, constant queries at 10× the data."""

from __future__ import annotations

import io

import pytest
from docx import Document

from danvan.geo.models import Village
from danvan.opinion.models import OpinionAlert, OpinionEntry, OpinionSummary
from danvan.petitions.models import Petition
from tests.opinion.conftest import field, record, today, village_1

pytestmark = pytest.mark.django_db


def base(commune) -> str:
    return f"/lam-viec/{commune.code}/du-luan"


@pytest.fixture
def alert(commune, people):
    record(people.village_head, commune, village=village_1(commune), fld=field(), level="frustrated")
    return OpinionAlert.objects.get()


def pages(commune, alert) -> list[str]:
    b = base(commune)
    start = today().replace(day=1).isoformat()
    return [
        f"{b}/",
        f"{b}/?level=frustrated&thon=abc",
        f"{b}/ghi/",
        f"{b}/noi/?thon={alert.village_id}&linh-vuc={alert.field_id}",
        f"{b}/canh-bao/{alert.pk}/",
        f"{b}/bao-cao/",
        f"{b}/bao-cao/{start}/{today().isoformat()}/",
    ]


def test_every_page_opens_for_the_coordinator(client, people, commune, alert):
    client.force_login(people.coordinator)
    for url in pages(commune, alert):
        assert client.get(url).status_code == 200, url


def test_another_communes_user_gets_404_and_a_province_viewer_403(client, people, commune, alert):
    client.force_login(people.outsider)
    for url in pages(commune, alert):
        assert client.get(url).status_code == 404, url
    client.force_login(people.province_viewer)
    for url in pages(commune, alert):
        assert client.get(url).status_code == 403, url


def test_a_village_head_cannot_open_the_summaries(client, people, commune, alert):
    client.force_login(people.village_head)
    assert client.get(f"{base(commune)}/bao-cao/").status_code == 403
    assert client.get(f"{base(commune)}/ghi/").status_code == 200


def test_the_phone_form_records_an_entry_and_tells_of_the_alert(client, people, commune):
    client.force_login(people.village_head)
    page = client.get(f"{base(commune)}/ghi/")
    token = page.context["form"].initial["client_token"]
    post = {
        "observed_on": today().strftime("%d/%m/%Y"),
        "village": village_1(commune).pk,
        "field": field().pk,
        "summary": "Bà con bức xúc vì xe chở cát làm hỏng đường.",
        "level": "hotspot_risk",
        "people_count": "40",
        "source": "meeting",
        "client_token": token,
    }
    response = client.post(f"{base(commune)}/ghi/", post, follow=True)
    assert "Lãnh đạo xã đã được báo" in response.content.decode()
    client.post(f"{base(commune)}/ghi/", post)  # a double tap
    assert OpinionEntry.objects.count() == 1 and OpinionAlert.objects.count() == 1


def test_bad_form_input_is_a_400_in_vietnamese(client, people, commune):
    client.force_login(people.village_head)
    response = client.post(
        f"{base(commune)}/ghi/", {"observed_on": "32/13/2026", "level": "x", "summary": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vui lòng ghi ý kiến người dân." in body and "Ngày không hợp lệ" in body
    assert not OpinionEntry.objects.exists()


def test_the_alert_page_joins_the_petitions_of_the_place_and_the_leader_directs(
    client, people, commune, alert
):
    Petition.objects.create(
        commune=commune,
        tracking_code="AAA-BBB-CCCC",
        received_on=today(),
        content="Đường hỏng",
        village=alert.village,
        field=alert.field,
        kind="feedback",
    )
    Petition.objects.create(
        commune=commune,
        tracking_code="DDD-EEE-FFFF",
        received_on=today(),
        content="Tố cáo bí mật",
        village=alert.village,
        field=alert.field,
        kind="denunciation",
    )
    client.force_login(people.leader)
    body = client.get(f"{base(commune)}/canh-bao/{alert.pk}/").content.decode()
    assert "AAA-BBB-CCCC" in body and "DDD-EEE-FFFF" not in body and "1 đơn tố cáo" in body
    assert client.post(f"{base(commune)}/canh-bao/{alert.pk}/chi-dao/", {"direction": ""}).status_code == 400
    client.post(f"{base(commune)}/canh-bao/{alert.pk}/chi-dao/", {"direction": "Đối thoại tại thôn"})
    alert.refresh_from_db()
    assert alert.status == "acknowledged"
    client.force_login(people.village_head)
    assert client.post(f"{base(commune)}/canh-bao/{alert.pk}/chi-dao/", {"direction": "x"}).status_code == 403


def test_another_communes_alert_is_not_found(client, people, commune, neighbour, alert):
    from danvan.org.models import Role
    from danvan.org.services import membership_grant

    membership_grant(user=people.coordinator, role=Role.COORDINATOR, commune=neighbour, by=None)
    client.force_login(people.coordinator)
    assert client.get(f"/lam-viec/{neighbour.code}/du-luan/canh-bao/{alert.pk}/").status_code == 404


def test_the_coordinator_issues_the_monthly_summary_as_docx(client, people, commune, alert):
    # A second village and field, calm: the charts compare at least two bars (one bar is no chart).
    other = Village.objects.create(commune=commune, name="Thôn 2")
    record(people.coordinator, commune, village=other, fld=field("Giáo dục"), level="stable")
    client.force_login(people.coordinator)
    y, m = today().year, today().month
    response = client.get(f"{base(commune)}/bao-cao/?kind=month&number={m}&year={y}")
    assert response.status_code == 302
    edit = response["Location"]
    page = client.get(edit)
    text = page.context["form"].initial["text"]
    assert "bức xúc" in text
    client.post(edit, {"title": f"Tình hình dư luận tháng {m}", "text": text})
    summary = OpinionSummary.objects.get()
    client.post(
        f"{base(commune)}/bao-cao/so/{summary.pk}/ban-hanh/",
        {"number": "12", "issued_on": today().isoformat()},
    )
    summary.refresh_from_db()
    assert summary.number == 12
    docx = client.get(f"{base(commune)}/bao-cao/so/{summary.pk}/tai-ve/")
    doc = Document(io.BytesIO(docx.content))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Số: 12/BC-UBND" in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "TÌNH HÌNH TƯ TƯỞNG" in body and doc.inline_shapes  # the chart


def test_nonsense_period_is_404_not_500(client, people, commune):
    client.force_login(people.coordinator)
    assert client.get(f"{base(commune)}/bao-cao/2026-13-01/2026-01-01/").status_code == 404
    assert client.get(f"{base(commune)}/noi/?thon=abc").status_code == 404


def _many(commune, people, n):
    from danvan.geo.models import Village

    villages = [Village.objects.create(commune=commune, name=f"Thôn số {i}-{n}") for i in range(n)]
    for i, v in enumerate(villages):
        record(
            people.coordinator, commune, village=v, fld=field(), level="frustrated" if i % 2 else "divided"
        )


def test_pages_keep_a_constant_number_of_queries(client, people, commune, django_assert_max_num_queries):
    _many(commune, people, 2)
    client.force_login(people.leader)
    alert = OpinionAlert.objects.first()
    start = today().replace(day=1).isoformat()
    urls = [
        f"{base(commune)}/",
        f"{base(commune)}/ghi/",
        f"{base(commune)}/canh-bao/{alert.pk}/",
        f"{base(commune)}/noi/?thon={alert.village_id}&linh-vuc={alert.field_id}",
        f"{base(commune)}/bao-cao/",
        f"{base(commune)}/bao-cao/{start}/{today().isoformat()}/",
    ]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        counts[url] = len(few.captured_queries)
    _many(commune, people, 20)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200


def test_the_petition_hotspot_leads_to_the_same_place_s_opinions(client, people, commune, alert):
    from danvan.petitions.models import HotspotAlert

    HotspotAlert.objects.create(
        commune=commune, reason="cluster", key="cluster:x", village=alert.village, field=alert.field
    )
    client.force_login(people.leader)
    body = client.get(f"/lam-viec/{commune.code}/don-thu/diem-nong/").content.decode()
    link = f"/lam-viec/{commune.code}/du-luan/noi/?thon={alert.village_id}&amp;linh-vuc={alert.field_id}"
    assert link in body
    place = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Điểm nóng đơn thư" in place and "Ý kiến, dư luận (1)" in place
