"""The “tình hình tư tưởng, dư luận Nhân dân” section of the commune's periodic report: entries by level,
topic and village, alerts; `key_figures` gives the province the levels across communes (two queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from danvan.core.sections import Figure, SectionContent, register
from danvan.opinion.models import Level, OpinionAlert, OpinionEntry
from danvan.opinion.services.summaries import summary_draft_text
from danvan.opinion.summary_document import tables_and_chart

LABELS = {
    "entries": "Ý kiến, dư luận ghi nhận",
    "frustrated": "Ý kiến bức xúc",
    "hotspot_risk": "Nơi có nguy cơ điểm nóng",
    "alerts": "Cảnh báo gửi lãnh đạo",
}


def _figures(codes: list[str], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    out = {code: dict.fromkeys(LABELS, 0) for code in codes}
    for row in (
        OpinionEntry.objects.filter(commune__in=codes, observed_on__gte=start, observed_on__lte=end)
        .values("commune_id")
        .annotate(
            entries=Count("id"),
            frustrated=Count("id", filter=Q(level=Level.FRUSTRATED)),
            hotspot_risk=Count("id", filter=Q(level=Level.HOTSPOT_RISK)),
        )
    ):
        out[row.pop("commune_id")].update(row)
    for row in (
        OpinionAlert.objects.filter(commune__in=codes, raised_at__date__gte=start, raised_at__date__lte=end)
        .values("commune_id")
        .annotate(n=Count("id"))
    ):
        out[row["commune_id"]]["alerts"] = row["n"]
    return out


class OpinionSection:
    key = "opinion"
    title = "Tình hình tư tưởng, dư luận Nhân dân"
    order = 15

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        figures = _figures(codes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in figures[code].items()] for code in codes}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = _figures([commune.code], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        # The report goes to the province: the counts and the draft's prose, never a restricted entry.
        section.paragraphs = [p for p in summary_draft_text(commune, start, end).split("\n\n") if p]
        section.tables, section.charts = tables_and_chart(commune, start, end)
        return section


register(OpinionSection())
