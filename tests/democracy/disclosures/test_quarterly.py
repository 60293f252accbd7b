"""The quarterly list of what was disclosed (Luật THDCCS 2022, Điều 13 khoản 2): every item public on at
least one day of the quarter, with its forms and its time, printed as an ND 30 .docx to post."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from danvan.core.errors import ServiceError
from danvan.democracy import services
from danvan.democracy.disclosures.quarterly import quarter_bounds, quarterly_items, quarterly_list_docx
from danvan.democracy.models import DisclosureKind
from danvan.democracy.rules import DisclosureForm as F
from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db
D = dt.date


def publish(people, commune, code, title, starts_on, ends_on=None, forms=(F.OFFICE_POSTING, F.PORTAL)):
    return services.disclosure_publish(
        by=people.coordinator,
        commune=commune,
        kind=DisclosureKind.objects.get(code=code),
        title=title,
        body="Nội dung.",
        forms=list(forms),
        starts_on=starts_on,
        ends_on=ends_on,
    )


@pytest.fixture
def third_quarter(people, commune):
    """Items around the third quarter of 2026 (1/7–30/9)."""
    return {
        "before": publish(people, commune, "budget", "Dự toán quý I", D(2026, 3, 1), D(2026, 6, 30)),
        "across": publish(
            people, commune, "projects_land", "Kế hoạch sử dụng đất", D(2026, 6, 15), D(2026, 7, 20)
        ),
        "inside": publish(
            people,
            commune,
            "social_support",
            "Danh sách hộ nghèo",
            D(2026, 8, 3),
            D(2026, 9, 1),
            forms=(F.OFFICE_POSTING, F.VILLAGE_POSTING, F.LOUDSPEAKER),
        ),
        "permanent": publish(people, commune, "admin_procedures", "Thủ tục hành chính", D(2026, 1, 5)),
        "after": publish(people, commune, "fees_charges", "Mức phí chợ", D(2026, 10, 1), D(2026, 10, 31)),
    }


def test_the_quarter_lists_every_item_public_on_one_of_its_days(people, commune, third_quarter):
    items = quarterly_items(commune, 2026, 3)
    assert [i.title for i in items] == ["Thủ tục hành chính", "Kế hoạch sử dụng đất", "Danh sách hộ nghèo"]
    across, inside = items[1], items[2]
    assert (across.starts_on, across.ends_on) == (D(2026, 6, 15), D(2026, 7, 20))
    assert inside.forms == [
        "Niêm yết tại trụ sở UBND xã",
        "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng ở thôn",
        "Hệ thống truyền thanh cấp xã",
    ]
    assert items[0].permanent and items[0].ends_on is None and items[0].clause == 13


def test_withdrawn_before_the_quarter_is_left_out_and_inside_it_is_noted(people, commune):
    early = publish(people, commune, "budget", "Gỡ sớm", D(2026, 5, 1), D(2026, 7, 31))
    services.disclosure_withdraw(
        by=people.coordinator, disclosure=early, reason="Nhầm văn bản", on=D(2026, 6, 20)
    )
    late = publish(people, commune, "budget", "Gỡ trong quý", D(2026, 6, 1), D(2026, 8, 31))
    services.disclosure_withdraw(
        by=people.coordinator, disclosure=late, reason="Nhầm văn bản", on=D(2026, 7, 10)
    )
    items = quarterly_items(commune, 2026, 3)
    assert [(i.title, i.ends_on, i.note) for i in items] == [
        ("Gỡ trong quý", D(2026, 7, 10), "Đã gỡ ngày 10/07/2026")
    ]


def test_a_bad_quarter_is_refused_in_vietnamese():
    with pytest.raises(ServiceError, match="Năm hoặc quý không hợp lệ"):
        quarter_bounds(2026, 5)
    assert quarter_bounds(2026, 2) == (D(2026, 4, 1), D(2026, 6, 30))


def test_the_document_is_an_nd30_list_citing_the_article(people, commune, third_quarter):
    doc = Document(io.BytesIO(quarterly_list_docx(commune, 2026, 3, today=D(2026, 10, 2))))
    cells = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    text = "\n".join([p.text for p in doc.paragraphs] + [c for r in cells for c in r])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "DANH SÁCH" in text
    assert "Các nội dung đã thực hiện công khai quý III năm 2026" in text and "Điều 13 khoản 2" in text
    row = next(r for r in cells if "Danh sách hộ nghèo" in r)
    assert "Khoản 7 Điều 11" in row and "03/08/2026 – 01/09/2026" in row
    assert any("Niêm yết thường xuyên từ 05/01/2026" in r for r in cells)
    assert not any("Mức phí chợ" in c for r in cells for c in r)


def test_staff_download_the_list_and_other_communes_get_404(client, people, commune, third_quarter):
    login(client, people.coordinator)
    page = client.get(ws(commune) + "/cong-khai/").content.decode()
    assert "Tải danh sách quý (.docx)" in page
    response = client.get(ws(commune) + "/cong-khai/danh-sach-theo-quy/", {"nam": 2026, "quy": 3})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"danh-sach-cong-khai-{commune.code}-2026-quy-3.docx" in response["Content-Disposition"]
    bad = client.get(ws(commune) + "/cong-khai/danh-sach-theo-quy/", {"nam": 2026, "quy": 9})
    assert bad.status_code == 400 and "Năm hoặc quý không hợp lệ" in bad.content.decode()
    login(client, people.outsider)
    assert client.get(ws(commune) + "/cong-khai/danh-sach-theo-quy/").status_code == 404


def test_a_corrected_item_ends_the_day_before_its_correction(people, commune):
    old = publish(people, commune, "budget", "Dự toán (bản đầu)", D(2026, 7, 1), D(2026, 8, 31))
    services.disclosure_correct(
        by=people.coordinator,
        disclosure=old,
        title="Dự toán (bản đính chính)",
        forms=[F.OFFICE_POSTING, F.PORTAL],
        ends_on=D(2026, 8, 31),
        reason="Sai số liệu",
        starts_on=D(2026, 7, 15),
    )
    items = {i.title: i for i in quarterly_items(commune, 2026, 3)}
    first, fixed = items["Dự toán (bản đầu)"], items["Dự toán (bản đính chính)"]
    assert (first.ends_on, first.note) == (D(2026, 7, 14), "Đã được đính chính, thay thế")
    assert fixed.note == "Bản đính chính"
