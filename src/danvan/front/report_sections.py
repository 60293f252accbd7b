"""The Front's voice in the commune's periodic report: recommendations and social criticism received in
the period, answered, and unanswered past their deadline at its end. Counts only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from danvan.core.sections import Figure, SectionContent, register
from danvan.front.models import FrontRecommendation

LABELS = {
    "received": "Kiến nghị, phản biện của Mặt trận và đoàn thể nhận trong kỳ",
    "answered": "Đã trả lời trong kỳ",
    "late": "Chưa trả lời, quá hạn cuối kỳ",
}


def period_counts(communes: Iterable, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    codes = [c.code for c in communes]
    unanswered_at_end = Q(answer="") | Q(answered_on__gt=end)
    rows = (
        FrontRecommendation.objects.filter(commune__in=codes)
        .values("commune_id")
        .annotate(
            received=Count("id", filter=Q(received_on__gte=start, received_on__lte=end)),
            answered=Count("id", filter=Q(answered_on__gte=start, answered_on__lte=end)),
            late=Count("id", filter=Q(received_on__lte=end, answer_due__lt=end) & unanswered_at_end),
        )
    )
    out = {code: dict.fromkeys(LABELS, 0) for code in codes}
    for r in rows:
        out[r["commune_id"]] = {k: r[k] for k in LABELS}
    return out


class FrontSection:
    key = "front"
    title = "Tiếp thu, trả lời kiến nghị, phản biện của Mặt trận và các đoàn thể"
    order = 47

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        counts = period_counts(communes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in f.items()] for code, f in counts.items()}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = period_counts([commune], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not (f["received"] or f["answered"] or f["late"]):
            section.paragraphs.append("Trong kỳ, UBND xã không nhận kiến nghị, phản biện nào của Mặt trận.")
            return section
        section.paragraphs.append(
            f"UBND xã nhận {f['received']} kiến nghị, ý kiến phản biện của Mặt trận và các đoàn thể; "
            f"đã trả lời {f['answered']}; cuối kỳ còn {f['late']} kiến nghị chưa trả lời đã quá hạn."
        )
        return section


register(FrontSection())
