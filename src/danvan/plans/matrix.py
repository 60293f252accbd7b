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
        '      <td><a href="{}{}/">{}</a></td>\n'
        "      <td>{}</td>\n"
        "      <td>{}</td>\n"
        "      {}\n"
        "    </tr>",
        css,
        task.ref,
        prefix,
        task.pk,
        Truncator(task.content).chars(120),
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
