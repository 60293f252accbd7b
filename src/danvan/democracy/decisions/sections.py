"""The village-decisions section of the commune's periodic report: what residents decided, where, how."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q

from danvan.core.sections import Chart, Figure, SectionContent, Table, register
from danvan.democracy.decisions.models import VillageDecision
from danvan.democracy.decisions.rules import DecisionStatus, Method

RECORDED = (DecisionStatus.RECORDED, DecisionStatus.PUBLISHED)
FALLBACK_LABEL = "Phát phiếu sau hội nghị không đủ số hộ để đạt tỷ lệ"


def _recorded_in(start: dt.date, end: dt.date) -> Q:
    # A decision belongs to the period in which its outcome was recorded and reported to the commune.
    return Q(status__in=RECORDED, recorded_at__date__gte=start, recorded_at__date__lte=end)


def _method_label(method: str, fell_back: bool) -> str:
    return FALLBACK_LABEL if fell_back else Method(method).label


class VillageDecisionsSection:
    key = "village_decisions"
    title = "Nhân dân ở thôn, tổ dân phố bàn và quyết định"
    order = 60

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        content = SectionContent(title=self.title)
        rows = list(
            VillageDecision.objects.filter(_recorded_in(start, end), commune=commune)
            .values("village__name", "method", "fell_back_to_ballot")
            .annotate(n=Count("id"), passed=Count("id", filter=Q(passed=True)))
            .order_by("village__name", "method")
        )
        still_open = VillageDecision.objects.filter(
            commune=commune,
            status__in=[DecisionStatus.OPEN, DecisionStatus.NEEDS_BALLOT, DecisionStatus.NEEDS_MEETING],
        ).count()
        held = sum(r["n"] for r in rows)
        passed = sum(r["passed"] for r in rows)
        fallback = sum(r["n"] for r in rows if r["fell_back_to_ballot"])
        online = sum(r["n"] for r in rows if r["method"] == Method.ONLINE)
        content.figures = [
            Figure("decisions_recorded", "Nội dung đã bàn và quyết định", held),
            Figure("decisions_passed", "Nội dung được thông qua", passed),
            Figure(
                "decisions_passed_percent",
                "Tỷ lệ được thông qua (%)",
                round(100 * passed / held, 1) if held else None,
            ),
            Figure("decisions_fallback", "Hội nghị không đủ số hộ, chuyển phát phiếu", fallback),
            Figure("decisions_online", "Biểu quyết trực tuyến", online),
            Figure("decisions_open", "Đang biểu quyết cuối kỳ", still_open),
        ]
        period = f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
        if not held:
            content.paragraphs.append(
                f"Trong kỳ ({period}), chưa có nội dung nào được Nhân dân ở thôn, tổ dân phố "
                "bàn và quyết định và báo cáo UBND xã trên hệ thống."
                + (f" Đang tổ chức biểu quyết {still_open} nội dung." if still_open else "")
            )
            return content
        by_village: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        by_method: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in rows:
            v = by_village[r["village__name"]]
            v["n"] += r["n"]
            v["passed"] += r["passed"]
            v["fallback" if r["fell_back_to_ballot"] else r["method"]] += r["n"]
            m = by_method[_method_label(r["method"], r["fell_back_to_ballot"])]
            m[0] += r["n"]
            m[1] += r["passed"]
        content.paragraphs.append(
            f"Trong kỳ ({period}), Nhân dân ở {len(by_village)} thôn, tổ dân phố đã bàn và quyết định "
            f"{held} nội dung theo Luật Thực hiện dân chủ ở cơ sở năm 2022; {passed} nội dung được thông "
            f"qua (đạt tỷ lệ tán thành trên tổng số hộ gia đình theo Điều 21), {held - passed} nội dung "
            "không được thông qua."
        )
        if fallback:
            content.paragraphs.append(
                f"{fallback} hội nghị không đủ số hộ tham dự để đạt tỷ lệ tán thành, đã chuyển sang phát "
                "phiếu lấy ý kiến hộ gia đình (Điều 19 khoản 1 điểm b)."
            )
        if still_open:
            content.paragraphs.append(f"Cuối kỳ còn {still_open} nội dung đang tổ chức biểu quyết.")
        content.tables.append(
            Table(
                caption="Nội dung bàn và quyết định theo thôn, tổ dân phố",
                header=[
                    "Thôn, tổ dân phố",
                    "Số nội dung",
                    "Thông qua",
                    "Không thông qua",
                    "Hội nghị",
                    "Phát phiếu",
                    "Trực tuyến",
                ],
                rows=[
                    [
                        name,
                        str(v["n"]),
                        str(v["passed"]),
                        str(v["n"] - v["passed"]),
                        str(v[Method.MEETING]),
                        str(v[Method.BALLOT] + v["fallback"]),
                        str(v[Method.ONLINE]),
                    ]
                    for name, v in sorted(by_village.items())
                ],
            )
        )
        content.tables.append(
            Table(
                caption="Theo hình thức bàn và quyết định",
                header=["Hình thức", "Số nội dung", "Thông qua"],
                rows=[[label, str(n), str(p)] for label, (n, p) in sorted(by_method.items())],
            )
        )
        content.charts.append(
            Chart(
                title="Số nội dung bàn và quyết định theo thôn",
                labels=sorted(by_village),
                values=[float(by_village[name]["n"]) for name in sorted(by_village)],
                unit="nội dung",
            )
        )
        return content

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        """Per commune code: decisions recorded and passed in the period. One query for any number."""
        codes = [getattr(c, "pk", c) for c in communes]
        counts = {
            r["commune_id"]: r
            for r in VillageDecision.objects.filter(_recorded_in(start, end), commune_id__in=codes)
            .values("commune_id")
            .annotate(n=Count("id"), passed=Count("id", filter=Q(passed=True)))
            .order_by()
        }
        out = {}
        for code in codes:
            r = counts.get(code, {"n": 0, "passed": 0})
            out[code] = [
                Figure("decisions_recorded", "Nội dung đã bàn và quyết định", r["n"]),
                Figure("decisions_passed", "Nội dung được thông qua", r["passed"]),
                Figure(
                    "decisions_passed_percent",
                    "Tỷ lệ được thông qua (%)",
                    round(100 * r["passed"] / r["n"], 1) if r["n"] else None,
                ),
            ]
        return out


section = register(VillageDecisionsSection())
