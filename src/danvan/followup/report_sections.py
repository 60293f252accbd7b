"""The follow-up of decisions in the commune's periodic report: execution items of decisions on
complaints and conclusions on denunciations, given, carried out, open and late. Counts only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.core.sections import Figure, SectionContent, register
from danvan.followup.selectors import period_counts

LABELS = {
    "given": "Việc thi hành quyết định giải quyết khiếu nại, tố cáo được giao",
    "done": "Việc đã thi hành xong trong kỳ",
    "open": "Việc đang thi hành cuối kỳ",
    "late": "Việc thi hành quá hạn cuối kỳ",
}


class FollowupSection:
    key = "followup"
    title = "Thi hành quyết định giải quyết khiếu nại, kết luận nội dung tố cáo"
    order = 42

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        counts = period_counts(communes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in f.items()] for code, f in counts.items()}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = period_counts([commune], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not (f["given"] or f["open"] or f["done"]):
            section.paragraphs.append(
                "Trong kỳ, không có việc thi hành quyết định giải quyết khiếu nại, tố cáo."
            )
            return section
        section.paragraphs.append(
            f"Trong kỳ giao {f['given']} việc thi hành quyết định giải quyết khiếu nại, "
            "kết luận nội dung tố cáo; "
            f"đã thi hành xong {f['done']} việc; cuối kỳ còn {f['open']} việc đang thi hành, trong đó "
            f"{f['late']} việc quá hạn."
        )
        return section


register(FollowupSection())
