"""What a province asks for first, read from the side-by-side overview (`selectors.province_overview`):
communes not reporting, overdue petitions, the on-time rate, weeks or months without the Chairman's
reception, citizens' satisfaction where they rated; a chart of overdue petitions by commune; the full
table as .xlsx. Default period: the one in progress (in December, the year)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count

from danvan.documents import xlsx
from danvan.petitions.models import Petition
from danvan.reports.selectors import ProvinceOverview
from danvan.text.dates import reporting_period

CHART_KEY = "petitions_open_overdue"
CHART_TOP = 15


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    value: str
    detail: str
    alarm: bool = False


def default_period(today: dt.date) -> dict[str, str]:
    """The period form's data for the period in progress: the first half until June, then the year."""
    _, end = reporting_period(today)
    return {"ky-ky": "h1" if end.month == 6 else "year", "ky-nam": str(today.year)}


def _sum(overview: ProvinceOverview, key: str) -> tuple[int, int]:
    """(total, number of communes with a non-zero value)."""
    values = [r.values.get(key) or 0 for r in overview.rows]
    return sum(values), sum(1 for v in values if v)


def _pct(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").replace(",0", "") + "%"


def satisfaction(overview: ProvinceOverview) -> tuple[float | None, int]:
    """Average rating (1–5) citizens gave the answers of the period in the province, and how many rated.

    Read from the rows, not the tallies: a rating belongs to the day the answer was given, not to the
    month the petition was received. The partial index `petition_rated_answered` (rated petitions only,
    by commune and answer day, with the rating) answers it from the index alone, reading only the
    period's ratings whatever the years of history (docs/BENCHMARKS.md)."""
    row = Petition.objects.filter(
        commune__in=[r.commune for r in overview.rows],
        rating__isnull=False,
        answered_on__gte=overview.start,
        answered_on__lte=overview.end,
    ).aggregate(avg=Avg("rating"), n=Count("rating"))
    return row["avg"], row["n"]


def indicators(overview: ProvinceOverview) -> list[Indicator]:
    n = len(overview.rows)
    missing = [r for r in overview.rows if r.report is None]
    late = sum(1 for r in missing if r.late)
    detail = f"{late} xã đã quá hạn gửi" if late else "chưa xã nào quá hạn gửi"
    out = [
        Indicator(
            "not_reporting",
            "Xã, phường chưa gửi báo cáo",
            f"{len(missing)}/{n}",
            detail if missing else "tất cả đã gửi",
            alarm=late > 0,
        )
    ]
    overdue, where = _sum(overview, "petitions_open_overdue")
    out.append(
        Indicator(
            "petitions_open_overdue",
            "Đơn thư quá hạn chưa giải quyết",
            str(overdue) if overdue else "Không có",
            f"ở {where} xã, phường" if overdue else "không xã nào có đơn quá hạn",
            alarm=overdue > 0,
        )
    )
    on_time, _ = _sum(overview, "petitions_on_time")
    late_answers, _ = _sum(overview, "petitions_late")
    done = on_time + late_answers
    out.append(
        Indicator(
            "petitions_on_time_pct",
            "Tỷ lệ giải quyết đơn đúng hạn",
            _pct(100 * on_time / done) if done else "—",
            f"{on_time}/{done} đơn đã giải quyết" if done else "chưa có đơn được giải quyết trong kỳ",
            alarm=bool(done) and on_time < done,
        )
    )
    short, where = _sum(overview, "chairman_periods_short")
    out.append(
        Indicator(
            "chairman_periods_short",
            "Tuần, tháng Chủ tịch xã chưa tiếp công dân đủ",
            str(short) if short else "Không có",
            f"ở {where} xã, phường" if short else "các xã đều tiếp đủ theo quy định",
            alarm=short > 0,
        )
    )
    avg, rated = satisfaction(overview)
    if rated:
        out.append(
            Indicator(
                "satisfaction",
                "Mức hài lòng của người dân",
                f"{avg:.1f}/5".replace(".", ","),
                f"{rated} lượt đánh giá kết quả giải quyết",
                alarm=avg < 3,
            )
        )
    return out


def overdue_chart(overview: ProvinceOverview) -> list[tuple[str, int, int]]:
    """(commune, overdue petitions, bar width %) for the communes with any, most first; empty when
    fewer than two communes have some (a one-bar chart says nothing a sentence would not)."""
    ranked = sorted(
        ((r.commune.short_name, int(r.values.get(CHART_KEY) or 0)) for r in overview.rows),
        key=lambda x: (-x[1], x[0]),
    )
    ranked = [x for x in ranked if x[1]][:CHART_TOP]
    if len(ranked) < 2:
        return []
    peak = ranked[0][1]
    return [(name, value, round(100 * value / peak)) for name, value in ranked]


def status_text(row) -> str:
    if row.report:
        return "Nộp chậm" if row.late else "Đã gửi"
    return "Chưa gửi, quá hạn" if row.late else "Chưa gửi"


def overview_xlsx(overview: ProvinceOverview) -> bytes:
    """The full table: every commune, its report, and every key figure, as the province files it."""
    header = ["Xã, phường", "Số báo cáo", "Ngày ban hành", "Hạn gửi", "Tình trạng"]
    header += [c.label for c in overview.columns]
    wb, ws = xlsx.workbook("Bao cao cac xa", header, [28, 14, 14, 14, 16] + [14] * len(overview.columns))
    for r in overview.rows:
        ws.append(
            [
                r.commune.name,
                r.report.number_label if r.report else "",
                xlsx.day_cell(r.report.issued_on if r.report else None),
                xlsx.day_cell(r.due),
                status_text(r),
                *r.cells,
            ]
        )
    return xlsx.to_bytes(wb)
