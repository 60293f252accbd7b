"""The outcome of a village decision as a .docx in the administrative format of Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from django.utils import timezone
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import VillageDecision
from danvan.democracy.decisions.rules import Matter, Method
from danvan.democracy.decisions.services import Tally, decision_tally
from danvan.documents.nd30 import (
    BODY_PT,
    FONT,
    MOTTO,
    MOTTO_SUB,
    keep_table_together,
    keep_with_next,
    new_document,
    no_borders,
    set_widths,
)
from danvan.org.models import Membership, Role
from danvan.text.normalize import slugify_vi

# The law the outcome rests on, with its date of adoption.
BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022;"
_DIVISION_PREFIX = re.compile(r"^(xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class OutcomeFacts:
    """What the document says, computed once so tests and the page read the same figures."""

    kind: str  # "NGHỊ QUYẾT" or "BIÊN BẢN"
    type_code: str  # ND 30/2020 abbreviation: NQ, BB
    subtitle: str
    tally: Tally
    present: int | None
    chair_title: str
    chair_name: str
    place_date: str


def percent(part: int, whole: int) -> str:
    """62,5% — Vietnamese decimal comma, one decimal place."""
    value = round(100 * part / whole, 1) if whole else 0.0
    return f"{value:.1f}".replace(".", ",") + "%"


def place_date(commune_name: str, day) -> str:
    """'Tà Đùng, ngày 05 tháng 5 năm 2026': days under 10 and months under 3 take a leading 0 (ND 30/2020)."""
    place = _DIVISION_PREFIX.sub("", commune_name).strip()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _village_head_name(decision: VillageDecision) -> str:
    m = (
        Membership.objects.filter(role=Role.VILLAGE_HEAD, village_id=decision.village_id, is_active=True)
        .select_related("user")
        .first()
    )
    if m is None:
        return ""
    u = m.user
    return " ".join(p for p in (u.last_name, u.first_name) if p) or u.username


def outcome_facts(decision: VillageDecision) -> OutcomeFacts:
    tally = decision_tally(decision)
    at_meeting = decision.method == Method.MEETING and not decision.fell_back_to_ballot
    village = decision.village.name
    # A meeting that adopts a matter issues a resolution; a ballot, an online vote or a matter the
    # meeting did not adopt is recorded in minutes (Luật THDCCS 2022, Điều 17–21: "nghị quyết, biên bản").
    if at_meeting and tally.passes:
        kind, code = "NGHỊ QUYẾT", "NQ"
        subtitle = f"Hội nghị đại diện hộ gia đình {village}"
    elif at_meeting:
        kind, code = "BIÊN BẢN", "BB"
        subtitle = f"Hội nghị đại diện hộ gia đình {village}"
    elif decision.method == Method.ONLINE:
        kind, code = "BIÊN BẢN", "BB"
        subtitle = f"Tổng hợp kết quả biểu quyết trực tuyến của hộ gia đình {village}"
    else:
        kind, code = "BIÊN BẢN", "BB"
        subtitle = f"Tổng hợp kết quả phát phiếu lấy ý kiến hộ gia đình {village}"
    day = timezone.localtime(decision.recorded_at).date() if decision.recorded_at else timezone.localdate()
    return OutcomeFacts(
        kind=kind,
        type_code=code,
        subtitle=subtitle,
        tally=tally,
        present=decision.present_count if at_meeting else None,
        chair_title="CHỦ TRÌ HỘI NGHỊ" if at_meeting else "TRƯỞNG THÔN",
        chair_name=_village_head_name(decision),
        place_date=place_date(decision.commune.name, day),
    )


# --- low-level formatting -----------------------------------------------------------------------------


def _run(paragraph, text: str, *, size=BODY_PT, bold=False, italic=False, underline=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    # Word uses the east-Asian font slot for some Vietnamese glyphs: set it too.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _para(container, text: str = "", *, align=None, space_after=0, **run_kw):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if text:
        _run(p, text, **run_kw)
    return p


def _cell(cell, lines: list[tuple[str, dict]], align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for text, kw in lines:
        _para(cell, text, align=align, **kw)


# --- the document -------------------------------------------------------------------------------------


def outcome_docx(decision: VillageDecision) -> bytes:
    """The resolution or minutes of a recorded decision, ready to print, sign and send to the commune."""
    facts = outcome_facts(decision)
    tally = facts.tally
    doc = new_document()  # A4, ND 30 margins, Times New Roman, page numbers from page 2

    # Header: issuer on the left, the national motto on the right, number and place/date below.
    head = doc.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(head)
    set_widths(head, [Mm(65), Mm(100)])  # room for the motto on one line
    _cell(
        head.cell(0, 0),
        [
            (decision.commune.name.upper(), {"size": 13}),
            (decision.village.name.upper(), {"size": 13, "bold": True, "underline": True}),
        ],
    )
    _cell(
        head.cell(0, 1),
        [
            (MOTTO, {"size": 12, "bold": True}),
            (MOTTO_SUB, {"size": 13, "bold": True, "underline": True}),
        ],
    )
    _cell(head.cell(1, 0), [(f"Số: ....../{facts.type_code}-{_village_code(decision)}", {"size": 13})])
    _cell(head.cell(1, 1), [(facts.place_date, {"size": 14, "italic": True})])

    _para(doc, "", space_after=6)
    _para(doc, facts.kind, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(doc, facts.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(doc, f"Về: {decision.title}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=12)

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, BASIS, align=justify, italic=True, space_after=6)
    _para(
        doc,
        f"Loại nội dung: {Matter(decision.matter).label} (Điều 15 {rules.LAW}).",
        align=justify,
        space_after=6,
    )
    method = Method(decision.method).label
    if decision.fell_back_to_ballot:
        method = (
            "Hội nghị không đủ số hộ tham dự để đạt tỷ lệ tán thành, chuyển sang phát phiếu lấy ý kiến hộ "
            f"gia đình ({rules.BALLOT_FALLBACK_CITATION})"
        )
    elif decision.method != Method.MEETING:
        method += ", bỏ phiếu kín" if decision.is_secret else ", phiếu có ghi tên hộ"
    _para(doc, f"Hình thức: {method}.", align=justify, space_after=6)
    if decision.counting_committee:
        _para(
            doc,
            "Ban kiểm phiếu: " + ", ".join(decision.counting_committee) + ".",
            align=justify,
            space_after=6,
        )

    total = tally.total_households
    rows = [("Tổng số hộ gia đình của thôn", str(total), "100%")]
    if facts.present is not None:
        rows.append(("Số hộ tham dự hội nghị", str(facts.present), percent(facts.present, total)))
    else:
        rows.append(("Số hộ đã biểu quyết", str(tally.voted), percent(tally.voted, total)))
    rows += [
        ("Số hộ tán thành", str(tally.approve), percent(tally.approve, total)),
        ("Số hộ không tán thành", str(tally.reject), percent(tally.reject, total)),
        ("Số hộ không có ý kiến", str(tally.abstain), percent(tally.abstain, total)),
    ]
    table = doc.add_table(rows=1 + len(rows), cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [Mm(85), Mm(30), Mm(50)])
    for i, text in enumerate(("Nội dung", "Số hộ", "Tỷ lệ so với tổng số hộ")):
        _cell(table.cell(0, i), [(text, {"size": 13, "bold": True})])
    for r, (label, n, pct) in enumerate(rows, start=1):
        _cell(table.cell(r, 0), [(label, {"size": 13})], align=WD_ALIGN_PARAGRAPH.LEFT)
        _cell(table.cell(r, 1), [(n, {"size": 13})])
        _cell(table.cell(r, 2), [(pct, {"size": 13})])

    _para(doc, "", space_after=6)
    if facts.present is not None:
        _para(
            doc,
            f"Hội nghị có {facts.present}/{total} hộ gia đình tham dự, đủ để có thể đạt tỷ lệ tán thành "
            f"(ít nhất {tally.needed} hộ).",
            align=justify,
            space_after=6,
        )
    verdict = "ĐƯỢC THÔNG QUA" if tally.passes else "KHÔNG ĐƯỢC THÔNG QUA"
    p = _para(doc, "Kết quả: ", align=justify, bold=True, space_after=6)
    _run(p, verdict, bold=True)
    _run(
        p,
        f" — số hộ tán thành là {tally.approve}/{total} hộ, bằng {percent(tally.approve, total)} tổng số hộ "
        f"gia đình của thôn ({tally.threshold.statement}).",
    )
    minutes = _minutes(decision)
    if minutes:
        _para(doc, "Ý kiến, diễn biến:", align=justify, bold=True, space_after=3)
        for line in minutes.splitlines():
            if line.strip():
                _para(doc, line.strip(), align=justify, space_after=3)
    closing = _para(
        doc,
        f"{facts.kind.capitalize()} này được lập để báo cáo Ủy ban nhân dân {decision.commune.in_sentence} "
        "và công bố kết quả tới Nhân dân trong thôn.",
        align=justify,
        space_after=12,
    )

    # Signatures: the secretary on the left, the chair (the village head) on the right.
    sign = doc.add_table(rows=1, cols=2)
    no_borders(sign)
    set_widths(sign, [Mm(80), Mm(85)])
    _cell(
        sign.cell(0, 0),
        [("THƯ KÝ", {"bold": True}), ("(Ký, ghi rõ họ tên)", {"italic": True, "size": 13})]
        + [("", {})] * 3
        + [("", {})],
    )
    _cell(
        sign.cell(0, 1),
        [(facts.chair_title, {"bold": True})]
        + ([("TRƯỞNG THÔN", {"bold": True})] if facts.chair_title != "TRƯỞNG THÔN" else [])
        + [("(Ký, ghi rõ họ tên)", {"italic": True, "size": 13})]
        + [("", {})] * 3
        + [(facts.chair_name, {"bold": True})],
    )
    # The closing sentence, the signatures and "Nơi nhận" stay on one page (never "Nơi nhận" alone).
    keep_with_next(closing)
    keep_table_together(sign, with_next=True)
    keep_with_next(_para(doc, "", space_after=6))
    p = _para(doc, "Nơi nhận:", bold=True, italic=True, size=12)
    keep_with_next(p)
    lines = (
        f"- UBND {decision.commune.in_sentence} (để báo cáo);",
        f"- Ban công tác Mặt trận {decision.village.name};",
        f"- Lưu: {decision.village.name}.",
    )
    for i, line in enumerate(lines):
        q = _para(doc, line, size=11)
        if i < len(lines) - 1:
            keep_with_next(q)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _village_code(decision: VillageDecision) -> str:
    # "Thôn 1" -> "T1"-like short code for the number line; villages have no official abbreviation.
    words = slugify_vi(decision.village.name).split("-")
    return "".join(w[0].upper() if not w.isdigit() else w for w in words if w) or "THON"


def _minutes(decision: VillageDecision) -> str:
    """The free text the village head added to the recorded outcome (after the generated lines)."""
    _, sep, rest = (decision.outcome or "").partition("\n\n")
    return rest.strip() if sep else ""


def filename(decision: VillageDecision) -> str:
    kind = "nghi-quyet" if outcome_facts_kind(decision) == "NQ" else "bien-ban"
    return f"{kind}-{slugify_vi(decision.village.name)}-{decision.pk}.docx"


def outcome_facts_kind(decision: VillageDecision) -> str:
    at_meeting = decision.method == Method.MEETING and not decision.fell_back_to_ballot
    return "NQ" if at_meeting and decision.passed else "BB"
