"""The petitions' section of the commune's periodic report: received by kind and field, resolved on time
and late, still open past the deadline, hotspots. Counts only: no sender, no content of a đơn.

The counting follows `petitions.statistics` (a split đơn counts through its parts; on time means the
answer came no later than the resolve deadline), over a date range instead of a calendar year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from danvan.core.sections import Chart, Figure, SectionContent, Table, register
from danvan.petitions import tallies
from danvan.petitions.models import Petition
from danvan.petitions.statistics import BEING_RESOLVED

S = Petition.Status
LABELS = {
    "petitions_received": "Đơn thư tiếp nhận",
    "petitions_resolved": "Đơn đã giải quyết",
    "petitions_on_time": "Giải quyết đúng hạn",
    "petitions_late": "Giải quyết trễ hạn",
    "petitions_on_time_pct": "Tỷ lệ giải quyết đúng hạn (%)",
    "petitions_open_overdue": "Đơn đang quá hạn giải quyết",
}
COUNTS = ("received", "resolved", "on_time", "late", "open_overdue")
REAL_KINDS = [
    Petition.Kind.FEEDBACK,
    Petition.Kind.RECOMMENDATION,
    Petition.Kind.COMPLAINT,
    Petition.Kind.DENUNCIATION,
]


def _as_of(end: dt.date) -> dt.date:
    return min(end, timezone.localdate())


def _percent(on_time: int, late: int) -> float | None:
    judged = on_time + late
    return round(100 * on_time / judged, 1) if judged else None


def _totals(codes: list[str], start: dt.date, end: dt.date) -> dict[str, dict]:
    """Each commune's petitions received in the period (and of them resolved, on time, late), and,
    among all received by its end, those still being resolved past their deadline: the period from
    the tallies (`tallies.period_counts`), the open ones past their deadline from the rows (partial
    index `petition_open_due`): 2 queries whatever the number of communes."""
    overdue = Q(status__in=list(BEING_RESOLVED), resolve_due__lt=_as_of(end), received_on__lte=end)
    return tallies.period_counts(codes, start, end, also={"open_overdue": overdue})


def _hotspot_model():
    """The hotspot alerts of the petitions app, where that part is installed (it may not be yet)."""
    try:
        return apps.get_model("petitions", "HotspotAlert")
    except LookupError:
        return None


def _hotspots(commune, start: dt.date, end: dt.date) -> list[list[str]]:
    """Hotspot alerts raised in the period: why, where, on what, how many đơn, where handling stands."""
    model = _hotspot_model()
    if model is None:
        return []
    alerts = (
        model.objects.filter(commune=commune, raised_at__date__gte=start, raised_at__date__lte=end)
        .select_related("village", "field")
        .annotate(n=Count("petitions"))
        .order_by("raised_at", "pk")
    )
    return [
        [
            a.get_reason_display(),
            a.village.name if a.village else "—",
            a.field.name if a.field else "—",
            str(a.n),
            a.get_status_display(),
        ]
        for a in alerts
    ]


class PetitionsSection:
    key = "petitions"
    title = "Tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo"
    order = 20

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        totals = _totals(codes, start, end)
        result = {}
        for code in codes:
            t = totals.get(code, {})
            values = {
                "petitions_received": t.get("received", 0),
                "petitions_resolved": t.get("resolved", 0),
                "petitions_on_time": t.get("on_time", 0),
                "petitions_late": t.get("late", 0),
                "petitions_on_time_pct": _percent(t.get("on_time", 0), t.get("late", 0)),
                "petitions_open_overdue": t.get("open_overdue", 0),
            }
            result[code] = [Figure(k, LABELS[k], v) for k, v in values.items()]
        return result

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        section = SectionContent(title=self.title)
        figures = self.key_figures([commune], start, end)[commune.code]
        v = {f.key: f.value for f in figures}
        base = Petition.objects.filter(commune=commune, received_on__gte=start, received_on__lte=end).exclude(
            status=S.SPLIT
        )
        if not v["petitions_received"] and not v["petitions_open_overdue"]:
            section.paragraphs.append("Trong kỳ báo cáo, UBND xã không tiếp nhận đơn thư nào.")
            section.figures.extend(figures)
            return section
        kinds = dict(base.values_list("kind").annotate(n=Count("id")).order_by())
        kind_rows = [
            [label, str(kinds.get(value, 0))] for value, label in Petition.Kind.choices if value in kinds
        ]
        by_field = [
            (row["field__name"] or "Chưa phân loại", row["n"])
            for row in base.values("field__name").annotate(n=Count("id")).order_by("-n", "field__name")
        ]
        by_village = [
            (row["village__name"] or "Không rõ thôn", row["n"])
            for row in base.values("village__name").annotate(n=Count("id")).order_by("-n", "village__name")
        ]
        months = {
            (row["y"], row["m"]): row["n"]
            for row in base.annotate(y=ExtractYear("received_on"), m=ExtractMonth("received_on"))
            .values("y", "m")
            .annotate(n=Count("id"))
            .order_by()
        }
        pct = v["petitions_on_time_pct"]
        pct_text = f", đạt {pct:g}% đúng hạn" if pct is not None else ""
        section.paragraphs.append(
            f"Trong kỳ, UBND xã tiếp nhận {v['petitions_received']} đơn thư ("
            + ", ".join(f"{label.lower()} {n}" for label, n in kind_rows)
            + f"). Đã giải quyết {v['petitions_resolved']} đơn, "
            f"trong đó {v['petitions_on_time']} đơn đúng hạn, "
            f"{v['petitions_late']} đơn trễ hạn{pct_text}. Hiện còn {v['petitions_open_overdue']} đơn "
            "đang giải quyết đã quá hạn."
        )
        section.tables.append(Table("Đơn thư tiếp nhận theo loại", ["Loại đơn", "Số đơn"], kind_rows))
        section.tables.append(
            Table(
                "Đơn thư tiếp nhận theo lĩnh vực", ["Lĩnh vực", "Số đơn"], [[n, str(c)] for n, c in by_field]
            )
        )
        section.tables.append(
            Table(
                "Kết quả giải quyết",
                ["Nội dung", "Số đơn"],
                [
                    ["Đã giải quyết", str(v["petitions_resolved"])],
                    ["Đúng hạn", str(v["petitions_on_time"])],
                    ["Trễ hạn", str(v["petitions_late"])],
                    ["Tỷ lệ đúng hạn", f"{pct:g}%" if pct is not None else "—"],
                    ["Đang giải quyết, đã quá hạn", str(v["petitions_open_overdue"])],
                ],
            )
        )
        month_keys = []
        y, m = start.year, start.month
        while (y, m) <= (end.year, end.month):
            month_keys.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        if base.exists():
            section.charts.append(
                Chart(
                    "Đơn thư tiếp nhận theo tháng",
                    [f"T{m}/{y % 100:02d}" for y, m in month_keys],
                    [months.get(k, 0) for k in month_keys],
                    "đơn",
                )
            )
            section.charts.append(
                Chart(
                    "Đơn thư theo lĩnh vực",
                    [n for n, _ in by_field[:12]],
                    [c for _, c in by_field[:12]],
                    "đơn",
                )
            )
            section.charts.append(
                Chart(
                    "Đơn thư theo thôn",
                    [n for n, _ in by_village[:15]],
                    [c for _, c in by_village[:15]],
                    "đơn",
                )
            )
        hotspots = _hotspots(commune, start, end)
        if hotspots:
            section.paragraphs.append(
                f"Hệ thống ghi nhận {len(hotspots)} điểm nóng "
                "(nhiều đơn cùng nội dung, cùng địa bàn) trong kỳ."
            )
            section.tables.append(
                Table(
                    "Điểm nóng được cảnh báo",
                    ["Lý do", "Thôn", "Lĩnh vực", "Số đơn", "Tình trạng"],
                    hotspots,
                )
            )
        section.figures.extend(figures)
        return section


register(PetitionsSection())
