"""The plan overview's units × tasks matrix as HTML built in Python.

Why not a template: a commune plan has dozens of tasks and a dozen units, so the matrix is hundreds of
cells, and the template engine's loop, `{% url %}` and filters per row and per cell were most of the
overview's CPU (docs/BENCHMARKS.md, "Staff pages at national scale"). The markup is the one the
template had; every value goes through `format_html`, which escapes it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from danvan.plans.selectors import PlanOverview, TaskRow

_CANCELLED = mark_safe('<strong class="tag tag-cancelled">Đã hủy</strong>')
_LATE = mark_safe('<strong class="tag tag-late">Trễ hạn</strong>')
_AT_RISK = mark_safe('<strong class="tag tag-risk">Sắp đến hạn</strong>')
_EMPTY = mark_safe('<tr><td colspan="4">Kế hoạch chưa có nhiệm vụ.</td></tr>')


def _owners(r: TaskRow) -> SafeString:
    """Who owns the task, written under its name. Owners the plan names only in words (a body outside
    the commune, kept as text at import) have no column, so they are always written; the units with a
    column are written too on a phone, where the columns and the deadline are off-screen."""
    task = r.task
    said = []
    if r.leads:
        said.append(format_html("Chủ trì: {}", ", ".join(r.leads)))
    if r.partners:
        said.append(format_html("phối hợp: {}", ", ".join(r.partners)))
    units = ""
    if said:
        units = format_html(
            '<span class="row-owners phone-only">{}</span>',
            format_html_join("; ", "{}", ((x,) for x in said)),
        )
    lines = []
    if not r.leads and task.lead_text:
        lines.append(("Chủ trì (theo văn bản): ", task.lead_text, ""))
    if not r.partners and task.coordinating_text:
        lines.append(("Phối hợp (theo văn bản): ", task.coordinating_text, ""))
    lines.append(("Hạn: ", task.due_label, " phone-only"))
    written = format_html_join("\n", '<span class="row-owners{2}">{0}{1}</span>', lines)
    return format_html("{}\n{}", units, written)


def _row(r: TaskRow, prefix: str) -> SafeString:
    task = r.task
    if r.cancelled:
        css, state = "cancelled", _CANCELLED
    else:
        css = "late" if r.late else "risk" if r.at_risk else ""
        tag = _LATE if r.late else _AT_RISK if r.at_risk else ""
        state = format_html("{} {}", tag, task.get_status_display())
    cells = format_html_join("", '<td class="cell">{}</td>', ((c,) for c in r.cells))
    return format_html(
        '<tr class="{}">\n'
        "      <td>{}</td>\n"
        '      <td><a href="{}{}/">{}</a>{}</td>\n'
        "      <td>{}</td>\n"
        "      <td>{}</td>\n"
        "      {}\n"
        "    </tr>",
        css,
        task.ref,
        prefix,
        task.pk,
        Truncator(task.content).chars(120),
        _owners(r),
        task.due_label,
        state,
        cells,
    )


def matrix_rows(ov: PlanOverview, code: str) -> SafeString:
    """The matrix's body rows, late first as `plan_overview` sorted them (one `reverse` per page)."""
    if not ov.rows:
        return _EMPTY
    prefix = reverse("plans:task", args=[code, ov.plan.pk, 0]).removesuffix("0/")
    return format_html_join("\n", "{}", ((_row(r, prefix),) for r in ov.rows))
