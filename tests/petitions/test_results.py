"""The public list of resolved cases (ket-qua/) and query counts of the busy pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from danvan.geo.models import Village
from danvan.petitions import services
from danvan.petitions.models import Field
from tests.petitions.conftest import DENOUNCER, classify, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def resolved(commune, people, unit, *, answer, consent=True, publish=True, kind="feedback", field=None, **kw):
    identity = (
        dict(DENOUNCER)
        if kind == "denunciation"
        else {"full_name": "Phạm Thị Riêng Tư", "phone": "0988777666"}
    )
    p = submit(commune, kind, publish_consent=consent, identity=identity, **kw)
    p = classify(p, people, unit, kind, field=field)
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer=answer, on=date(2026, 3, 10), publish=publish and consent, by=people.officer
    )
    if p.status == "in_review":  # the leader approves an answer before it is published
        p = services.petition_answer_approve(petition=p, by=people.leader)
    return p


def test_only_consented_published_non_denunciation_cases_are_listed(client, commune, people, unit):
    resolved(commune, people, unit, answer="Đã sửa đèn đường thôn 1.")
    resolved(commune, people, unit, answer="Không đồng ý công khai.", consent=False)
    resolved(commune, people, unit, answer="Đồng ý nhưng không công khai.", publish=False)
    resolved(commune, people, unit, answer="Kết luận tố cáo bí mật.", kind="denunciation")
    html = client.get(f"/xa/{commune.slug}/ket-qua/").content.decode()
    assert "Đã sửa đèn đường thôn 1." in html
    for hidden in (
        "Không đồng ý công khai",
        "Đồng ý nhưng không",
        "tố cáo bí mật",
        "Phạm Thị Riêng Tư",
        "0988777666",
    ):
        assert hidden not in html
    assert DENOUNCER["full_name"] not in html
    assert "Đường vào thôn 1 bị sạt lở" not in html  # the citizen's own text is not published


def test_search_by_folded_words_field_village_and_month(client, commune, people, unit):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    land = Field.objects.get(commune=None, name="Đất đai")
    resolved(commune, people, unit, answer="Đã đo đạc lại ranh giới thửa đất.", village=village, field=land)
    resolved(commune, people, unit, answer="Đã sửa đèn đường.")
    url = f"/xa/{commune.slug}/ket-qua/"
    assert "ranh giới" in client.get(url, {"q": "RANH GIOI"}).content.decode()
    assert "đèn đường" not in client.get(url, {"q": "ranh gioi"}).content.decode()
    assert "đèn đường" not in client.get(url, {"village": village.pk}).content.decode()
    assert "ranh giới" in client.get(url, {"field": land.pk}).content.decode()
    assert "ranh giới" in client.get(url, {"month": "2026-03"}).content.decode()
    assert "ranh giới" not in client.get(url, {"month": "2026-04"}).content.decode()
    response = client.get(url, {"month": "tháng ba"})
    assert response.status_code == 200 and "Tháng không hợp lệ" in response.content.decode()


def test_the_results_page_does_not_query_more_with_more_cases(
    client, commune, people, unit, django_assert_max_num_queries
):
    resolved(commune, people, unit, answer="Kết quả số 0.")
    url = f"/xa/{commune.slug}/ket-qua/"
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for i in range(1, 6):
        resolved(commune, people, unit, answer=f"Kết quả số {i}.")
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Kết quả số") == 6


def test_the_overdue_list_does_not_query_more_with_more_petitions(
    client, commune, people, unit, django_assert_max_num_queries
):
    client.force_login(people.coordinator)
    old = date(2025, 1, 6)
    codes = [classify(submit(commune, "feedback", received_on=old), people, unit, "feedback").tracking_code]
    url = f"/lam-viec/{commune.code}/don-thu/han-xu-ly/"
    client.get(url)
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    for _ in range(10):
        codes.append(
            classify(submit(commune, "feedback", received_on=old), people, unit, "feedback").tracking_code
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert all(code in html for code in codes)


def test_the_hotspot_page_does_not_query_more_with_more_alerts(
    client, commune, people, django_assert_max_num_queries
):
    client.force_login(people.leader)
    submit(commune, "feedback", signers_count=9)
    url = f"/lam-viec/{commune.code}/don-thu/diem-nong/"
    client.get(url)
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    for _ in range(5):
        submit(commune, "feedback", signers_count=9)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("9 người đứng đơn") == 6
