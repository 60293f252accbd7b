"""The outcome document read back: the ND 30/2020 layout, the counts, the verdict, the signatures."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from danvan.democracy import services
from danvan.democracy.decisions.outcome_document import outcome_docx, percent, place_date
from danvan.democracy.rules import Choice, Matter, Method
from tests.democracy.conftest import make_decision

pytestmark = pytest.mark.django_db


def read(decision):
    decision.refresh_from_db()
    return Document(io.BytesIO(outcome_docx(decision)))


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_date_line_and_percent_follow_the_vietnamese_format():
    assert place_date("Xã Tà Đùng", date(2026, 5, 5)) == "Tà Đùng, ngày 05 tháng 5 năm 2026"
    assert place_date("Phường Ba Đình", date(2026, 2, 14)) == "Ba Đình, ngày 14 tháng 02 năm 2026"
    assert percent(51, 100) == "51,0%" and percent(2, 3) == "66,7%" and percent(0, 0) == "0,0%"


def test_a_passed_meeting_is_a_resolution_with_counts_and_signatures(village, people, households):
    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    services.meeting_record_attendance(
        decision=decision, present_households=households[:70], by=people.village_head
    )
    services.meeting_record_result(decision=decision, approve=68, reject=0, abstain=2, by=people.village_head)
    services.decision_close(decision=decision, by=people.village_head)
    services.decision_record_outcome(decision=decision, by=people.village_head, minutes="Làm trước mùa mưa.")
    doc = read(decision)

    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert doc.styles["Normal"].font.name == "Times New Roman"

    header = doc.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert left.text.splitlines() == ["XÃ TÀ ĐÙNG", "THÔN 1"]
    assert right.text.splitlines() == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    motto = right.paragraphs[1].runs[0]
    assert motto.bold and motto.underline and motto.font.size.pt == 13
    assert header.cell(1, 0).text.startswith("Số: ") and "/NQ-" in header.cell(1, 0).text
    date_run = header.cell(1, 1).paragraphs[0].runs[0]
    assert date_run.italic and ", ngày " in date_run.text and date_run.text.startswith("Tà Đùng")

    texts = [p.text for p in doc.paragraphs]
    assert "NGHỊ QUYẾT" in texts
    assert "Hội nghị đại diện hộ gia đình Thôn 1" in texts
    assert "Về: Làm đường bê tông liên xóm" in texts
    counts = {row.cells[0].text: (row.cells[1].text, row.cells[2].text) for row in doc.tables[1].rows[1:]}
    assert counts == {
        "Tổng số hộ gia đình của thôn": ("100", "100%"),
        "Số hộ tham dự hội nghị": ("70", "70,0%"),
        "Số hộ tán thành": ("68", "68,0%"),
        "Số hộ không tán thành": ("0", "0,0%"),
        "Số hộ không có ý kiến": ("2", "2,0%"),
    }
    text = all_text(doc)
    assert "Kết quả: ĐƯỢC THÔNG QUA — số hộ tán thành là 68/100 hộ, bằng 68,0% tổng số hộ" in text
    # The resolution states the threshold that applied and its article (a contribution: Điều 21(1)).
    assert "cần từ hai phần ba (2/3) trở lên tổng số hộ gia đình của thôn tán thành" in text
    assert "Điều 21 khoản 1" in text
    assert "Làm trước mùa mưa." in text
    assert "Ban kiểm phiếu: Nguyễn Văn A, Trần Thị B, Lê Văn C." in text
    signatures = doc.tables[2]
    assert signatures.cell(0, 0).text.startswith("THƯ KÝ")
    chair = signatures.cell(0, 1).text.splitlines()
    assert chair[:2] == ["CHỦ TRÌ HỘI NGHỊ", "TRƯỞNG THÔN"]
    assert chair[-1] == "Nguyễn Văn Truongthon"  # the village head's name, under the space to sign
    assert "Nơi nhận:" in texts and "- UBND xã Tà Đùng (để báo cáo);" in texts


def test_a_ballot_that_fails_is_minutes_counted_over_all_households(village, people, households):
    decision = make_decision(village, people.village_head, method=Method.BALLOT)
    services.decision_open(decision=decision, by=people.village_head)
    for h in households[:50]:
        services.ballot_cast(decision=decision, household=h, choice=Choice.APPROVE, by=people.village_head)
    services.ballot_cast(
        decision=decision, household=households[50], choice=Choice.REJECT, by=people.village_head
    )
    services.decision_close(decision=decision, by=people.village_head)
    services.decision_record_outcome(decision=decision, by=people.village_head)
    doc = read(decision)
    texts = [p.text for p in doc.paragraphs]
    assert "BIÊN BẢN" in texts and "NGHỊ QUYẾT" not in texts
    assert "Tổng hợp kết quả phát phiếu lấy ý kiến hộ gia đình Thôn 1" in texts
    counts = {row.cells[0].text: row.cells[1].text for row in doc.tables[1].rows[1:]}
    assert counts["Số hộ đã biểu quyết"] == "51" and counts["Số hộ tán thành"] == "50"
    assert "KHÔNG ĐƯỢC THÔNG QUA" in all_text(doc)
    assert "Chủ hộ" not in all_text(doc)  # no household is named
    assert doc.tables[2].cell(0, 1).text.startswith("TRƯỞNG THÔN")
    assert "/BB-" in doc.tables[0].cell(1, 0).text


def test_online_minutes_name_the_method(village, people, households):
    decision = make_decision(
        village, people.village_head, matter=Matter.OTHER_SELF_MANAGED, method=Method.ONLINE
    )
    services.decision_agree_online(decision=decision, by=people.village_head, as_role="village_head")
    services.decision_agree_online(decision=decision, by=people.supervisor, as_role="front")
    services.decision_open(decision=decision, by=people.village_head)
    services.decision_close(decision=decision, by=people.village_head)
    services.decision_record_outcome(decision=decision, by=people.village_head)
    texts = [p.text for p in read(decision).paragraphs]
    assert "Tổng hợp kết quả biểu quyết trực tuyến của hộ gia đình Thôn 1" in texts
    assert "Hình thức: Biểu quyết trực tuyến, bỏ phiếu kín." in texts


def test_noi_nhan_is_never_left_alone_on_the_last_page(village, people, households):
    """No LibreOffice here to lay pages out: Word's own properties say it. The closing sentence, the
    signature table (rows never split) and every line of "Nơi nhận" but the last keep with the next."""
    from docx.oxml.ns import qn

    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    services.meeting_record_attendance(
        decision=decision, present_households=households[:70], by=people.village_head
    )
    services.meeting_record_result(decision=decision, approve=68, reject=0, abstain=2, by=people.village_head)
    services.decision_close(decision=decision, by=people.village_head)
    services.decision_record_outcome(decision=decision, by=people.village_head)
    doc = read(decision)
    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Nơi nhận:")
    closing = paragraphs[start:]
    assert all(p.paragraph_format.keep_with_next for p in closing[:-1])
    assert not closing[-1].paragraph_format.keep_with_next
    signatures = doc.tables[-1]
    assert "THƯ KÝ" in signatures.rows[0].cells[0].text
    assert signatures.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(p.paragraph_format.keep_with_next for c in signatures.rows[0].cells for p in c.paragraphs)
    sentence = next(p for p in paragraphs if "được lập để báo cáo" in p.text)
    assert sentence.paragraph_format.keep_with_next
