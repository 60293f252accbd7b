"""The budget section of the commune's periodic report: what the plans of the period's years planned, by
source, and what was spent in the period. Registered with `danvan.core.sections`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.budget.selectors import period_by_source, period_counts
from danvan.core.sections import Figure, SectionContent, Table, register

LABELS = {
    "planned": "Kinh phí dự toán (đồng)",
    "socialised": "Trong đó xã hội hóa (đồng)",
    "spent": "Kinh phí đã chi trong kỳ (đồng)",
}


def _vnd(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class BudgetSection:
    key = "budget"
    title = "Kinh phí thực hiện kế hoạch"
    order = 80

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        counts = period_counts(communes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in f.items()] for code, f in counts.items()}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = period_counts([commune], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not (f["planned"] or f["spent"]):
            section.paragraphs.append("Các kế hoạch trong kỳ chưa ghi dự toán kinh phí.")
            return section
        share = f" (đạt {round(100 * f['spent'] / f['planned'])}% dự toán)" if f["planned"] else ""
        section.paragraphs.append(
            f"Tổng kinh phí dự toán thực hiện các kế hoạch là {_vnd(f['planned'])} đồng, trong đó xã hội hóa "
            f"{_vnd(f['socialised'])} đồng; trong kỳ đã chi {_vnd(f['spent'])} đồng{share}."
        )
        section.tables.append(
            Table(
                caption="Kinh phí theo nguồn (đồng)",
                header=["Nguồn kinh phí", "Dự toán", "Đã chi trong kỳ"],
                rows=[[label, _vnd(p), _vnd(s)] for label, p, s in period_by_source(commune, start, end)],
            )
        )
        return section


register(BudgetSection())
