"""Scoring pages: who opens what (another commune: 404; a role: 403), a unit's sheet through the forms,
the review, the ranking with its exports, the province's ranking of its communes, queries per page
constant."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from danvan.org.models import Unit
from danvan.scoring import services
from danvan.scoring.models import Assessment, Band, Criterion, Framework
from tests.conftest import make_commune
from tests.scoring.conftest import add_petitions, add_tasks, audits

pytestmark = pytest.mark.django_db


def doc_text(content: bytes) -> str:
    """Every paragraph of a .docx, the header table's included."""
    doc = Document(io.BytesIO(content))
    cells = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def url(commune, rest=""):
    return f"/lam-viec/{commune.code}/cham-diem/{rest}"


def test_index_without_a_framework_offers_the_default_and_creates_it(client, commune, people):
    client.force_login(people.coordinator)
    page = client.get(url(commune))
    assert "Chưa có bộ tiêu chí năm 2026" in page.content.decode()
    response = client.post(url(commune, "lap/") + "?nam=2026")
    assert response.status_code == 302
    assert Framework.objects.filter(commune=commune, year=2026).exists()
    client.force_login(people.officer)
    assert client.post(url(commune, "lap/") + "?nam=2027").status_code == 403


def test_another_commune_is_not_found(client, commune, people, framework):
    client.force_login(people.outsider)
    assert client.get(url(commune)).status_code == 404
    assert client.get(url(commune, f"{framework.pk}/xep-loai.xlsx")).status_code == 404


def test_a_unit_officer_fills_and_sends_the_sheet_through_the_pages(
    client, commune, people, framework, economy
):
    client.force_login(people.officer)
    page = client.get(url(commune)).content.decode()
    assert "Phiếu tự chấm của đơn vị tôi" in page
    opened = client.post(url(commune, f"{framework.pk}/don-vi/{economy.pk}/"))
    sheet = Assessment.objects.get(framework=framework, unit=economy)
    assert opened["Location"] == url(commune, f"phieu/{sheet.pk}/")
    criteria = list(Criterion.objects.filter(framework=framework, measure=""))
    bad = client.post(
        url(commune, f"phieu/{sheet.pk}/tieu-chi/{criteria[0].pk}/"), {f"c{criteria[0].pk}-points": "99"}
    )
    assert bad.status_code == 400 and "Điểm phải từ 0 đến 10" in bad.content.decode()
    for c in criteria:
        r = client.post(
            url(commune, f"phieu/{sheet.pk}/tieu-chi/{c.pk}/"),
            {f"c{c.pk}-points": "7", f"c{c.pk}-note": "Có minh chứng"},
        )
        assert r.status_code == 302
    assert client.post(url(commune, f"phieu/{sheet.pk}/gui/")).status_code == 302
    assert Assessment.objects.get(pk=sheet.pk).status == "submitted"
    # The officer cannot review; another unit's sheet cannot be opened by them.
    assert client.post(url(commune, f"phieu/{sheet.pk}/tham-dinh/")).status_code == 403
    police = Unit.objects.get(commune=commune, name="Công an xã")
    assert client.post(url(commune, f"{framework.pk}/don-vi/{police.pk}/")).status_code == 403


def test_the_coordinator_reviews_with_a_reason_for_a_change(client, commune, people, framework, economy):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    criteria = list(Criterion.objects.filter(framework=framework, measure=""))
    for c in criteria:
        services.score_save(by=people.officer, assessment=sheet, criterion=c, points=5)
    services.assessment_submit(by=people.officer, assessment=sheet)
    client.force_login(people.coordinator)
    page = client.get(url(commune, f"phieu/{sheet.pk}/")).content.decode()
    assert "Kết luận thẩm định" in page
    first = criteria[0]
    missing = client.post(url(commune, f"phieu/{sheet.pk}/tham-dinh/"), {f"points_{first.pk}": "3"})
    assert missing.status_code == 400 and "lý do điều chỉnh" in missing.content.decode()
    ok = client.post(
        url(commune, f"phieu/{sheet.pk}/tham-dinh/"),
        {f"points_{first.pk}": "3", f"reason_{first.pk}": "Thiếu minh chứng"},
    )
    assert ok.status_code == 302
    assert Assessment.objects.get(pk=sheet.pk).status == "reviewed"
    assert "Thiếu minh chứng" in client.get(url(commune, f"phieu/{sheet.pk}/")).content.decode()


def test_the_ranking_and_its_exports(client, commune, people, framework, economy):
    add_tasks(commune, economy, on_time=1, late_done=1, undone=0)
    client.force_login(people.leader)
    page = client.get(url(commune)).content.decode()
    assert "Phòng Kinh tế" in page and "Xuất sắc" in page
    xlsx = client.get(url(commune, f"{framework.pk}/xep-loai.xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    wb = load_workbook(io.BytesIO(xlsx.content))
    rows = list(wb["Xếp loại"].iter_rows(values_only=True))
    assert rows[0][0] == "Hạng" and "Nhiệm vụ được giao chủ trì hoàn thành đúng hạn" in rows[0][2]
    economy_row = next(r for r in rows[1:] if r[1] == "Phòng Kinh tế")
    assert economy_row[2] == 10.0  # 1 of 2 tasks on time: half of 20 points
    evidence = list(wb["Minh chứng"].iter_rows(values_only=True))
    assert any(r[0] == "Phòng Kinh tế" and r[3] and "1/2 nhiệm vụ" in r[3] for r in evidence)
    docx = client.get(url(commune, f"{framework.pk}/xep-loai.docx"))
    text = doc_text(docx.content)
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        and "Kết quả chấm điểm, xếp loại công tác dân vận năm 2026" in text
    )
    assert "Phòng Kinh tế" in text
    assert client.get(url(commune, f"{framework.pk}/xep-loai.pdf")).status_code == 404


def test_thresholds_form_refuses_bad_values_in_vietnamese(client, commune, people, framework):
    client.force_login(people.coordinator)
    bad = client.post(
        url(commune, f"{framework.pk}/nguong/"), {"excellent": "60", "good": "70", "pass_": "50"}
    )
    assert bad.status_code == 400 and "giảm dần" in bad.content.decode()
    ok = client.post(
        url(commune, f"{framework.pk}/nguong/"), {"excellent": "88", "good": "70", "pass_": "50"}
    )
    assert (
        ok.status_code == 302 and Band.objects.get(framework=framework, level="excellent").min_percent == 88
    )
    client.force_login(people.officer)
    assert (
        client.post(
            url(commune, f"{framework.pk}/nguong/"), {"excellent": "88", "good": "70", "pass_": "50"}
        ).status_code
        == 403
    )


def _unit_data(commune, people, framework, unit) -> None:
    add_tasks(commune, unit)
    add_petitions(commune, unit)
    sheet = services.assessment_for(by=people.coordinator, framework=framework, commune=commune, unit=unit)
    for c in Criterion.objects.filter(framework=framework, measure=""):
        services.score_save(by=people.coordinator, assessment=sheet, criterion=c, points=5)


def test_ranking_page_queries_do_not_grow_with_units_or_data(
    client, commune, people, framework, economy, django_assert_max_num_queries
):
    _unit_data(commune, people, framework, economy)
    client.force_login(people.coordinator)
    with CaptureQueriesContext(connection) as one_unit:
        assert client.get(url(commune)).status_code == 200
    one_unit_queries = len(one_unit.captured_queries)
    for i in range(5):
        Unit.objects.create(commune=commune, name=f"Đơn vị thêm {i}")
    for unit in Unit.objects.filter(commune=commune).exclude(pk=economy.pk):
        _unit_data(commune, people, framework, unit)
    with django_assert_max_num_queries(one_unit_queries):
        page = client.get(url(commune))
    assert page.status_code == 200 and "Đơn vị thêm 4" in page.content.decode()


def test_the_province_ranks_its_communes_from_their_data(client, commune, neighbour, people, economy):
    add_tasks(commune, economy, on_time=1, late_done=0, undone=1)
    client.force_login(people.province_viewer)
    base = f"/tinh/{commune.province_id}/cham-diem/"
    assert "Chưa có bộ tiêu chí chấm điểm các xã năm 2026" in client.get(base).content.decode()
    assert client.post(base + "lap/communes/?nam=2026").status_code == 302
    framework = Framework.objects.get(province=commune.province, subject="communes")
    page = client.get(base).content.decode()
    assert commune.name in page and neighbour.name in page
    wb = load_workbook(io.BytesIO(client.get(base + f"{framework.pk}/xep-loai.xlsx").content))
    rows = {r[1]: r for r in wb["Xếp loại"].iter_rows(values_only=True)}
    assert rows[commune.name][2] == 7.5  # 1 of 2 tasks on time: half of 15
    assert rows[neighbour.name][2] == 15.0  # nothing owed
    docx = client.get(base + f"{framework.pk}/xep-loai.docx")
    assert "SỞ NỘI VỤ" in doc_text(docx.content)
    # The province does not fill in a commune's sheet; a commune's coordinator cannot open the province page.
    client.force_login(people.coordinator)
    assert client.get(base).status_code == 404
    page = client.get(url(commune)).content.decode()
    assert "Mở phiếu tự chấm của xã" in page
    assert client.post(url(commune, f"{framework.pk}/cua-xa/")).status_code == 302
    assert audits("scoring.assessment_open") == 1


def test_the_province_reviews_a_communes_sheet_and_its_page_queries_stay_constant(
    client, commune, neighbour, lam_dong, people, economy, django_assert_max_num_queries
):
    framework = services.framework_create_default(
        by=people.province_viewer, province=lam_dong, year=2026, subject="communes"
    )
    sheet = services.assessment_for(by=people.coordinator, framework=framework, commune=commune)
    for c in Criterion.objects.filter(framework=framework, measure=""):
        services.score_save(by=people.coordinator, assessment=sheet, criterion=c, points=c.max_points)
    services.assessment_submit(by=people.coordinator, assessment=sheet)
    add_tasks(commune, economy)
    client.force_login(people.province_viewer)
    base = f"/tinh/{lam_dong.code}/cham-diem/"
    with CaptureQueriesContext(connection) as two:
        page = client.get(base)
    two_communes = len(two.captured_queries)  # counted now: the connection's query log is bounded
    assert f"/lam-viec/{commune.code}/cham-diem/phieu/{sheet.pk}/" in page.content.decode()
    assert client.post(url(commune, f"phieu/{sheet.pk}/tham-dinh/"), {}).status_code == 302
    assert Assessment.objects.get(pk=sheet.pk).status == "reviewed"
    for i in range(4):
        other = make_commune(f"2490{i}", f"Xã Mới {i}", lam_dong, f"xa-moi-{i}")
        add_tasks(other, other.units.first())
    with django_assert_max_num_queries(two_communes):
        page = client.get(base)
    assert "Xã Mới 3" in page.content.decode()


def test_criteria_are_added_edited_and_removed_through_the_page(client, commune, people, framework):
    client.force_login(people.coordinator)
    base = url(commune, f"{framework.pk}/tieu-chi/")
    assert "Tổng điểm tối đa: <strong>100</strong>" in client.get(base).content.decode()
    bad = client.post(
        base, {"prefix": "moi", "moi-group_title": "III", "moi-title": "", "moi-max_points": "5"}
    )
    assert bad.status_code == 400 and "Vui lòng nhập tên tiêu chí" in bad.content.decode()
    added = client.post(
        base,
        {
            "prefix": "moi",
            "moi-group_title": "III. Riêng của xã",
            "moi-title": "Đối thoại tại thôn",
            "moi-max_points": "5",
            "moi-measure": "",
        },
    )
    assert added.status_code == 302
    new = Criterion.objects.get(framework=framework, title="Đối thoại tại thôn")
    edited = client.post(
        base,
        {
            "prefix": f"c{new.pk}",
            f"c{new.pk}-group_title": "III. Riêng của xã",
            f"c{new.pk}-title": "Đối thoại",
            f"c{new.pk}-max_points": "4",
            f"c{new.pk}-measure": "democracy.disclosures",
        },
    )
    assert edited.status_code == 400 and "không dùng được" in edited.content.decode()  # a commune measure
    assert client.post(base + f"{new.pk}/bo/").status_code == 302
    assert not Criterion.objects.filter(pk=new.pk).exists()
    client.force_login(people.officer)
    assert client.get(base).status_code == 403


def test_the_province_edits_its_own_framework_only(client, commune, lam_dong, people):
    framework = services.framework_create_default(
        by=people.province_viewer, province=lam_dong, year=2026, subject="communes"
    )
    client.force_login(people.province_viewer)
    base = f"/tinh/{lam_dong.code}/cham-diem/{framework.pk}/tieu-chi/"
    first = Criterion.objects.filter(framework=framework).first()
    r = client.post(
        base,
        {
            "prefix": f"c{first.pk}",
            f"c{first.pk}-group_title": first.group.title,
            f"c{first.pk}-title": first.title,
            f"c{first.pk}-max_points": "20",
            f"c{first.pk}-measure": first.measure,
        },
    )
    assert r.status_code == 302 and Criterion.objects.get(pk=first.pk).max_points == 20
    client.force_login(people.coordinator)
    assert client.get(base).status_code == 404


def test_the_province_viewer_finds_the_ranking_from_the_commune_chooser(client, commune, people):
    client.force_login(people.province_viewer)
    page = client.get("/lam-viec/").content.decode()
    assert f"/tinh/{commune.province_id}/cham-diem/" in page
