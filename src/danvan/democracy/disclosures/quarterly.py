"""The quarterly list of what was disclosed (danh sách các nội dung đã được thực hiện công khai), Luật
THDCCS 2022, Điều 13 khoản 2: every item public during the quarter, with its forms and its time, drawn
up each quarter and posted at the commune office and the village cultural houses. Printed as an ND 30
.docx through `danvan.documents`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from danvan.core.errors import ServiceError
from danvan.democracy.disclosures.models import Disclosure
from danvan.democracy.disclosures.rules import DisclosureForm, DisclosureStatus
from danvan.documents import nd30
from danvan.documents.blocks import Table
from danvan.law.registry import rule
from danvan.text.dates import quarter_end

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
FIRST_YEAR = 2023  # Luật THDCCS 2022 took effect on 1/7/2023


@dataclass(frozen=True)
class ListedItem:
    """One line of the list: what was disclosed, in which forms, from when to when."""

    title: str
    kind: str
    clause: int | None
    forms: list[str]
    starts_on: dt.date
    ends_on: dt.date | None  # last day public; None: still public (or posted permanently)
    permanent: bool
    note: str


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in ROMAN or not (FIRST_YEAR <= year <= 2100):
        raise ServiceError("Năm hoặc quý không hợp lệ.", field="quy")
    return dt.date(year, 3 * quarter - 2, 1), quarter_end(quarter, year)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _last_public_day(item: Disclosure) -> dt.date | None:
    """The last day the item was public: its end, the day before it was withdrawn or replaced."""
    ends = [item.ends_on] if item.ends_on else []
    if item.status == DisclosureStatus.WITHDRAWN and item.withdrawn_on:
        ends.append(item.withdrawn_on)
    correction = getattr(item, "correction", None) if item.status == DisclosureStatus.SUPERSEDED else None
    if correction is not None:
        ends.append(correction.starts_on - dt.timedelta(days=1))
    return min(ends) if ends else None


def _note(item: Disclosure) -> str:
    if item.status == DisclosureStatus.WITHDRAWN:
        return f"Đã gỡ ngày {item.withdrawn_on:%d/%m/%Y}" if item.withdrawn_on else "Đã gỡ"
    if item.status == DisclosureStatus.SUPERSEDED:
        return "Đã được đính chính, thay thế"
    if item.corrects_id:
        return "Bản đính chính"
    return ""


def quarterly_items(commune, year: int, quarter: int) -> list[ListedItem]:
    """Every item public on at least one day of the quarter, in the order it started (2 queries)."""
    start, end = quarter_bounds(year, quarter)
    rows = (
        Disclosure.objects.filter(commune=commune, starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=start))
        .select_related("kind", "correction")
        .defer("body", "search_text")
        .order_by("starts_on", "id")
    )
    labels = dict(DisclosureForm.choices)
    out = []
    for item in rows:
        last = _last_public_day(item)
        if last is not None and last < start:
            continue
        out.append(
            ListedItem(
                title=item.title,
                kind=item.kind.name,
                clause=item.kind.clause,
                forms=[labels.get(code, code) for code in item.forms],
                starts_on=item.starts_on,
                ends_on=last,
                permanent=item.kind.permanent,
                note=_note(item),
            )
        )
    return out


def _time(item: ListedItem) -> str:
    if item.ends_on is None:
        prefix = "Niêm yết thường xuyên từ" if item.permanent else "Từ"
        return f"{prefix} {item.starts_on:%d/%m/%Y}"
    return f"{item.starts_on:%d/%m/%Y} – {item.ends_on:%d/%m/%Y}"


def quarterly_list_docx(commune, year: int, quarter: int, *, today: dt.date) -> bytes:
    """The list as an ND 30 document (DANH SÁCH), ready to sign and post."""
    items = quarterly_items(commune, year, quarter)
    posting = rule("disclosure.posting", on=quarter_bounds(year, quarter)[1])
    parent, issuer = nd30.issuer_lines(commune)
    rows = [
        [
            str(i),
            item.title,
            f"Khoản {item.clause} Điều 11" if item.clause else item.kind,
            "; ".join(item.forms),
            _time(item),
            item.note,
        ]
        for i, item in enumerate(items, start=1)
    ]
    committee = f"Ủy ban nhân dân {commune.name[:1].lower()}{commune.name[1:]}"
    intro = (
        f"Căn cứ {posting.citation}, {committee} lập danh sách các nội dung đã thực "
        f"hiện công khai trong quý {ROMAN[quarter]} năm {year}, kèm theo hình thức và thời gian thực hiện, "
        "để niêm yết tại trụ sở Hội đồng nhân dân, Ủy ban nhân dân xã, tại nhà văn hóa và các điểm sinh hoạt "
        "cộng đồng ở thôn, tổ dân phố."
    )
    paragraphs = [intro] if rows else [intro, "Trong quý không có nội dung nào được công khai."]
    tables = (
        [
            Table(
                caption=f"Các nội dung đã công khai quý {ROMAN[quarter]}/{year}",
                header=["STT", "Nội dung công khai", "Loại nội dung", "Hình thức", "Thời gian", "Ghi chú"],
                rows=rows,
            )
        ]
        if rows
        else []
    )
    document = nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=parent,
            number=nd30.number_line(None, "DS-UBND"),
            place_date=nd30.date_line(commune.short_name, today),
        ),
        title="DANH SÁCH",
        subtitle=f"Các nội dung đã thực hiện công khai quý {ROMAN[quarter]} năm {year}",
        blocks=[nd30.Block(heading="", paragraphs=paragraphs, tables=tables)],
        recipients=[
            "Trụ sở HĐND, UBND xã (niêm yết);",
            "Các thôn, tổ dân phố (niêm yết tại nhà văn hóa);",
            "Ban Thường trực UBMTTQ Việt Nam xã;",
            "Lưu: VT.",
        ],
        signature=nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name=""),
    )
    return nd30.render_docx(document)


def filename(commune, year: int, quarter: int) -> str:
    return f"danh-sach-cong-khai-{commune.code}-{year}-quy-{quarter}.docx"
