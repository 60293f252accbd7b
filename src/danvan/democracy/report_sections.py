"""Grassroots democracy's sections of the commune's periodic report: the disclosure register's compliance,
consultations held and answered, supervision recommendations received and answered. Counts and titles
only: never a commenter's name or contact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q, Sum
from django.utils import timezone

from danvan.core.sections import Figure, SectionContent, Table, register

# The village decisions section lives beside its pages; importing it here registers it, since the
# reports app discovers one report_sections module per app.
from danvan.democracy.decisions import sections  # noqa: F401
from danvan.democracy.disclosures.services import disclosure_compliance
from danvan.democracy.models import (
    Consultation,
    ConsultationComment,
    Disclosure,
    DisclosureKind,
    Recommendation,
)
from danvan.democracy.rules import CommentStatus, ConsultationStatus, DisclosureStatus, RecommendationStatus

SHOWN = [DisclosureStatus.PUBLISHED, DisclosureStatus.WITHDRAWN]


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _codes(communes: Iterable) -> list[str]:
    return [getattr(c, "pk", c) for c in communes]


class DisclosureSection:
    key = "democracy_disclosures"
    title = "Công khai thông tin theo Luật Thực hiện dân chủ ở cơ sở"
    order = 40

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        content = SectionContent(title=self.title)
        published = Disclosure.objects.filter(
            commune=commune, status__in=SHOWN, starts_on__gte=start, starts_on__lte=end
        ).count()
        result = disclosure_compliance(commune, year=end.year, until=end)
        if not published and not result.done:
            content.paragraphs.append(
                f"Từ {_d(start)} đến {_d(end)} chưa có nội dung công khai nào được ghi vào sổ công khai."
            )
        else:
            content.paragraphs.append(
                f"Từ {_d(start)} đến {_d(end)}, UBND xã công khai {published} nội dung. Tính đến {_d(end)}, "
                f"danh mục năm {end.year} yêu cầu {result.required} lượt công khai định kỳ, đã thực hiện "
                f"{result.done}, còn thiếu {result.missing}; {result.too_short} nội dung gỡ "
                f"trước thời hạn tối thiểu; {result.few_forms} nội dung công khai chưa đủ hình thức bắt buộc."
            )
        rows = []
        for row in result.problems:
            issues = []
            if row.missing:
                issues.append(f"thiếu {row.missing}/{row.required} lượt")
            if row.too_short:
                issues.append(f"{len(row.too_short)} nội dung gỡ sớm")
            if row.few_forms:
                issues.append(f"{len(row.few_forms)} nội dung thiếu hình thức")
            rows.append([row.kind.name, str(row.required), str(row.done), "; ".join(issues)])
        if rows:
            content.tables.append(
                Table(
                    caption=f"Nội dung công khai chưa đạt yêu cầu (năm {end.year})",
                    header=["Nội dung phải công khai", "Yêu cầu", "Đã công khai", "Tồn tại"],
                    rows=rows,
                )
            )
        content.figures += [
            Figure("disclosures_published", "Nội dung đã công khai", published),
            Figure("disclosures_required", "Lượt công khai định kỳ phải thực hiện", result.required),
            Figure("disclosures_done", "Lượt công khai định kỳ đã thực hiện", result.done),
            Figure("disclosures_missing", "Lượt công khai định kỳ còn thiếu", result.missing),
        ]
        return content

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        """3 queries whatever the number of communes: required kinds, items per commune and kind."""
        codes = _codes(communes)
        required = dict(
            DisclosureKind.objects.filter(is_active=True, per_year__gt=0).values_list("pk", "per_year")
        )
        done: dict[str, int] = {}
        for row in (
            Disclosure.objects.filter(
                commune__in=codes,
                status__in=SHOWN,
                kind_id__in=list(required),
                starts_on__gte=dt.date(end.year, 1, 1),
                starts_on__lte=end,
            )
            .values("commune_id", "kind_id")
            .annotate(n=Count("id"))
            .order_by()
        ):
            done[row["commune_id"]] = done.get(row["commune_id"], 0) + min(row["n"], required[row["kind_id"]])
        published = dict(
            Disclosure.objects.filter(
                commune__in=codes, status__in=SHOWN, starts_on__gte=start, starts_on__lte=end
            )
            .values("commune_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("commune_id", "n")
        )
        total = sum(required.values())
        return {
            code: [
                Figure("disclosures_published", "Nội dung đã công khai", published.get(code, 0)),
                Figure("disclosures_required", "Lượt công khai định kỳ phải thực hiện", total),
                Figure("disclosures_done", "Lượt công khai định kỳ đã thực hiện", done.get(code, 0)),
                Figure("disclosures_missing", "Lượt công khai định kỳ còn thiếu", total - done.get(code, 0)),
            ]
            for code in codes
        }


def _consultations(codes: list[str], start: dt.date, end: dt.date):
    return Consultation.objects.filter(commune__in=codes, opens_on__gte=start, opens_on__lte=end).exclude(
        status=ConsultationStatus.DRAFT
    )


class ConsultationSection:
    key = "democracy_consultations"
    title = "Lấy ý kiến Nhân dân"
    order = 41

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        content = SectionContent(title=self.title)
        items = list(
            _consultations([commune.pk], start, end)
            .annotate(
                people=Sum("comments__people_count", filter=Q(comments__status=CommentStatus.APPROVED)),
                n=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
            )
            .order_by("opens_on", "id")
        )
        if not items:
            content.paragraphs.append(f"Từ {_d(start)} đến {_d(end)} xã không tổ chức lấy ý kiến Nhân dân.")
        else:
            answered = sum(1 for c in items if c.status == ConsultationStatus.CONCLUDED)
            people = sum(c.people or 0 for c in items)
            content.paragraphs.append(
                f"Từ {_d(start)} đến {_d(end)}, xã lấy ý kiến Nhân dân về {len(items)} nội dung, nhận "
                f"{sum(c.n for c in items)} ý kiến của {people} lượt người; đã tổng hợp, "
                f"tiếp thu, giải trình và công bố kết quả {answered} nội dung."
            )
            content.tables.append(
                Table(
                    caption="Các nội dung lấy ý kiến Nhân dân",
                    header=["Nội dung", "Thời gian", "Số ý kiến", "Kết quả"],
                    rows=[
                        [
                            c.title,
                            f"{_d(c.opens_on)}–{_d(c.closes_on)}",
                            str(c.n),
                            "Đã công bố" if c.status == ConsultationStatus.CONCLUDED else "Chưa công bố",
                        ]
                        for c in items
                    ],
                )
            )
        figures = self.key_figures([commune], start, end)[commune.pk]
        content.figures += figures
        return content

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        """2 queries: consultations per commune, approved comments per commune."""
        codes = _codes(communes)
        held = {
            row["commune_id"]: row
            for row in _consultations(codes, start, end)
            .values("commune_id")
            .annotate(held=Count("id"), responded=Count("id", filter=Q(status=ConsultationStatus.CONCLUDED)))
            .order_by()
        }
        comments = dict(
            ConsultationComment.objects.filter(
                commune__in=codes,
                status=CommentStatus.APPROVED,
                consultation__opens_on__gte=start,
                consultation__opens_on__lte=end,
            )
            .values("commune_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("commune_id", "n")
        )
        return {
            code: [
                Figure(
                    "consultations_held", "Nội dung lấy ý kiến Nhân dân", held.get(code, {}).get("held", 0)
                ),
                Figure("consultation_comments", "Ý kiến góp ý nhận được", comments.get(code, 0)),
                Figure(
                    "consultations_responded",
                    "Nội dung đã công bố tiếp thu, giải trình",
                    held.get(code, {}).get("responded", 0),
                ),
            ]
            for code in codes
        }


class SupervisionSection:
    key = "democracy_supervision"
    title = "Giám sát của Nhân dân (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng)"
    order = 42

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        content = SectionContent(title=self.title)
        figures = self.key_figures([commune], start, end)[commune.pk]
        values = {f.key: f.value for f in figures}
        if not values["recommendations_received"] and not values["recommendations_overdue"]:
            content.paragraphs.append(
                f"Từ {_d(start)} đến {_d(end)} UBND xã không nhận kiến nghị giám sát nào."
            )
        else:
            content.paragraphs.append(
                f"Từ {_d(start)} đến {_d(end)}, UBND xã nhận {values['recommendations_received']} "
                f"kiến nghị của các ban giám sát, đã trả lời {values['recommendations_answered']}; "
                f"{values['recommendations_overdue']} kiến nghị đang quá hạn trả lời."
            )
        content.figures += figures
        return content

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        """1 query."""
        codes = _codes(communes)
        as_of = min(end, timezone.localdate())
        in_period = Q(sent_on__gte=start)
        rows = {
            row.pop("commune_id"): row
            for row in Recommendation.objects.filter(commune__in=codes, sent_on__lte=end)
            .values("commune_id")
            .annotate(
                received=Count("id", filter=in_period),
                answered=Count("id", filter=in_period & Q(status=RecommendationStatus.ANSWERED)),
                overdue=Count("id", filter=Q(status=RecommendationStatus.OPEN, due_on__lt=as_of)),
            )
            .order_by()
        }
        return {
            code: [
                Figure(
                    "recommendations_received",
                    "Kiến nghị giám sát nhận được",
                    rows.get(code, {}).get("received", 0),
                ),
                Figure(
                    "recommendations_answered",
                    "Kiến nghị giám sát đã trả lời",
                    rows.get(code, {}).get("answered", 0),
                ),
                Figure(
                    "recommendations_overdue",
                    "Kiến nghị quá hạn trả lời",
                    rows.get(code, {}).get("overdue", 0),
                ),
            ]
            for code in codes
        }


register(DisclosureSection())
register(ConsultationSection())
register(SupervisionSection())
