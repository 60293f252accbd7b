"""The rows of the staff lists (all petitions, overdue, due soon) and the running-deadline badge, as HTML
built in Python.

Why not a template: each page shows up to fifty rows, and the template engine spent about 70 % of the
petition list's CPU time on them (a URL resolved, an `{% include %}` and fifteen variable lookups per
row: docs/BENCHMARKS.md, "The staff mix"). The markup is the one the templates had; every value goes
through `format_html`, which escapes it, and the detail page shows the same badge from `due_badge`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from danvan.petitions.models import Petition

_SECRET = mark_safe('<span class="muted">Đơn tố cáo: nội dung xem trong chi tiết (hạn chế người xem).</span>')
_NONE = mark_safe('<span class="muted">—</span>')


def detail_prefix(code: str) -> str:
    """The petition page's URL without its number (one `reverse` per page, not one per row)."""
    return reverse("petitions:detail", args=[code, 0]).removesuffix("0/")


def _day(d) -> str:
    return d.strftime("%d/%m/%Y")


def due_badge(due: dict | None) -> SafeString:
    """The running deadline with "quá hạn N ngày" or "còn N ngày làm việc" (`views.common._due_info`)."""
    if not due:
        return _NONE
    if due["late"]:
        tag = format_html('<strong class="tag tag-late">quá hạn {} ngày</strong>', due["days_late"])
    elif due.get("left") is not None:
        risk = "tag-risk" if due["left"] <= 3 else "tag-ok"
        tag = format_html('<span class="tag {}">còn {} ngày làm việc</span>', risk, due["left"])
    else:
        tag = ""
    return format_html("{} {}", _day(due["due"]), tag)


def list_row(r: dict, prefix: str) -> SafeString:
    """One row of the commune's petition list (`lists._row`: the petition, its due info, secrecy)."""
    p: Petition = r["p"]
    due = r["due"]
    left = due.get("left") if due else None
    css = "late" if due and due["late"] else "risk" if left is not None and left <= 3 else ""
    kind = format_html("{}", p.get_kind_display())
    if p.kind == "unclassified" and p.kind_hint != "unclassified":
        hint = p.get_kind_hint_display().lower()
        kind += format_html('<br><span class="muted">người gửi chọn: {}</span>', hint)
    if p.complaint_round:
        kind += format_html(" (lần {})", p.complaint_round)
    content = _SECRET if r["secret"] else format_html("{}", Truncator(p.content).chars(120))
    if p.village_id:
        content += format_html('<br><span class="muted">{}</span>', p.village.name)
    unit = format_html("{}", p.unit.name if p.unit_id and p.unit.name else "—")
    if p.field_id:
        unit += format_html('<br><span class="muted">{}</span>', p.field.name)
    return format_html(
        '<tr class="{}">\n'
        '      <td data-label="Mã" class="code"><a href="{}{}/">{}</a></td>\n'
        '      <td data-label="Ngày nhận">{}</td>\n'
        '      <td data-label="Loại">{}</td>\n'
        '      <td data-label="Nội dung">{}</td>\n'
        '      <td data-label="Trạng thái">{}</td>\n'
        '      <td data-label="Đơn vị, lĩnh vực">{}</td>\n'
        '      <td data-label="Hạn hiện tại">{}</td>\n'
        "    </tr>",
        css,
        prefix,
        p.pk,
        p.tracking_code,
        _day(p.received_on),
        kind,
        content,
        p.get_status_display(),
        unit,
        due_badge(due),
    )


def due_table_row(r, prefix: str) -> SafeString:
    """One row of the overdue or due-soon table (`selectors.DueRow`)."""
    p: Petition = r.petition
    if r.days_late > 0:
        css, tag = "late", format_html('<strong class="tag tag-late">quá hạn {} ngày</strong>', r.days_late)
    elif r.working_days_left == 0:
        css, tag = "risk", mark_safe('<span class="tag tag-risk">hết hạn hôm nay</span>')
    else:
        left = r.working_days_left
        css, tag = "risk", format_html('<span class="tag tag-risk">còn {} ngày làm việc</span>', left)
    return format_html(
        '<tr class="{}"><td class="code" data-label="Mã"><a href="{}{}/">{}</a></td>\n'
        '    <td data-label="Loại">{}</td><td data-label="Trạng thái">{}</td>'
        '<td data-label="Đơn vị">{}</td>\n'
        '    <td data-label="Hạn">{} {}</td></tr>',
        css,
        prefix,
        p.pk,
        p.tracking_code,
        p.get_kind_display(),
        p.get_status_display(),
        p.unit.name if p.unit_id and p.unit.name else "—",
        _day(r.due),
        tag,
    )
