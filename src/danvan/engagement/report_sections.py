"""The engagement section of the commune's periodic report: citizen reception (the Chairman's days,
checked per week until 30/6/2026 and per month since, as the law in force asked), the register by
handling, dialogues and questions answered, voters' petitions, commitments.

Registered with `danvan.core.sections`; read-only; nothing personal (no visitor's name or ID).
`key_figures` answers for many communes in seven queries whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Min, Q
from django.utils import timezone

from danvan.core.sections import Figure, SectionContent, Table, register
from danvan.engagement import rules
from danvan.engagement.models import (
    Commitment,
    Dialogue,
    DialogueQuestion,
    ReceptionEntry,
    ReceptionSession,
    VoterPetition,
)

LATE_LIST_LIMIT = 30

LABELS = {
    "reception_sessions": "Buổi tiếp công dân đã tổ chức",
    "chairman_sessions": "Buổi Chủ tịch UBND xã trực tiếp tiếp",
    "chairman_periods": "Số tuần, tháng đã kiểm tra ngày Chủ tịch tiếp công dân",
    "chairman_periods_short": "Tuần, tháng chưa đủ ngày Chủ tịch tiếp công dân",
    "register_entries": "Lượt tiếp công dân (sổ tiếp)",
    "register_accepted": "Lượt tiếp: tiếp nhận đơn để xử lý",
    "register_guided": "Lượt tiếp: trả lại đơn và hướng dẫn",
    "register_forwarded": "Lượt tiếp: chuyển đơn",
    "group_visits": "Đoàn đông người",
    "dialogues_held": "Hội nghị đối thoại đã tổ chức",
    "questions_answered": "Câu hỏi được trả lời tại đối thoại",
    "voter_petitions": "Kiến nghị cử tri tiếp nhận",
    "voter_petitions_answered": "Kiến nghị cử tri đã trả lời",
    "commitments_done": "Cam kết hoàn thành trong kỳ",
    "commitments_open": "Cam kết đang thực hiện",
    "commitments_late": "Cam kết trễ hạn",
}


def _as_of(end: dt.date) -> dt.date:
    return min(end, timezone.localdate())


def _chairman_periods(
    start: dt.date, as_of: dt.date, days: set[dt.date], since: dt.date | None
) -> list[rules.ReceptionPeriod]:
    """The weeks and months of the period that can be judged: those that began on or after the first
    reception day the commune recorded (before it, the product holds no schedule to judge) and ended
    by `as_of`, and any that is already met."""
    if since is None:
        return []
    first = max(start, since)
    if first.weekday() >= 5:  # a period starting on a weekend starts with the next week
        first += dt.timedelta(days=7 - first.weekday())
    if first > as_of:
        return []
    # A running week or month is not yet short, and one that began before the commune's first recorded
    # day is not known in full: either counts only when already met.
    return [
        p
        for p in rules.reception_periods(days, first=first, last=as_of)
        if not p.short or (p.end <= as_of and p.start >= since)
    ]


def _figures(codes: list[str], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    as_of = _as_of(end)
    out: dict[str, dict[str, int]] = {code: dict.fromkeys(LABELS, 0) for code in codes}
    chairman_days: dict[str, set[dt.date]] = defaultdict(set)
    first_session = dict(
        ReceptionSession.objects.filter(commune__in=codes)
        .values("commune_id")
        .annotate(first=Min("on"))
        .values_list("commune_id", "first")
    )
    # 1. Sessions held in the period (each row one session: at most a few a week per commune).
    for code, on, role in ReceptionSession.objects.filter(
        commune__in=codes, on__gte=start, on__lte=as_of
    ).values_list("commune_id", "on", "host_role"):
        out[code]["reception_sessions"] += 1
        if role == ReceptionSession.HostRole.CHAIRMAN:
            out[code]["chairman_sessions"] += 1
            chairman_days[code].add(on)
    for code in codes:
        periods = _chairman_periods(start, as_of, chairman_days[code], first_session.get(code))
        out[code]["chairman_periods"] = len(periods)
        out[code]["chairman_periods_short"] = sum(p.short for p in periods)
    # 2. The register by handling.
    H = ReceptionEntry.Handling
    for row in (
        ReceptionEntry.objects.filter(commune__in=codes, received_on__gte=start, received_on__lte=end)
        .values("commune_id")
        .annotate(
            total=Count("id"),
            accepted=Count("id", filter=Q(handling=H.ACCEPT)),
            guided=Count("id", filter=Q(handling=H.GUIDE)),
            forwarded=Count("id", filter=Q(handling=H.FORWARD)),
            groups=Count("id", filter=Q(people_count__gte=rules.GROUP_VISIT_MIN_PEOPLE)),
        )
    ):
        f = out[row["commune_id"]]
        f["register_entries"], f["register_accepted"] = row["total"], row["accepted"]
        f["register_guided"], f["register_forwarded"] = row["guided"], row["forwarded"]
        f["group_visits"] = row["groups"]
    # 3. Dialogues held, 4. questions answered at them.
    held = Dialogue.objects.filter(
        commune__in=codes, status=Dialogue.Status.HELD, held_on__gte=start, held_on__lte=end
    )
    for row in held.values("commune_id").annotate(n=Count("id")):
        out[row["commune_id"]]["dialogues_held"] = row["n"]
    for row in (
        DialogueQuestion.objects.filter(dialogue__in=held, status=DialogueQuestion.Status.APPROVED)
        .exclude(answer="")
        .values("dialogue__commune_id")
        .annotate(n=Count("id"))
    ):
        out[row["dialogue__commune_id"]]["questions_answered"] = row["n"]
    # 5. Voters' petitions collected in the period, and how many are answered.
    for row in (
        VoterPetition.objects.filter(commune__in=codes, meeting__on__gte=start, meeting__on__lte=end)
        .values("commune_id")
        .annotate(total=Count("id"), answered=Count("id", filter=Q(status=VoterPetition.Status.ANSWERED)))
    ):
        out[row["commune_id"]]["voter_petitions"] = row["total"]
        out[row["commune_id"]]["voter_petitions_answered"] = row["answered"]
    # 6. Commitments: done in the period, open and late as things stand at its end.
    S = Commitment.Status
    for row in (
        Commitment.objects.filter(commune__in=codes)
        .values("commune_id")
        .annotate(
            done=Count("id", filter=Q(status=S.DONE, done_on__gte=start, done_on__lte=end)),
            open=Count("id", filter=Q(status=S.OPEN, created_at__date__lte=end)),
            late=Count("id", filter=Q(status=S.OPEN, due_on__lt=as_of)),
        )
    ):
        f = out[row["commune_id"]]
        f["commitments_done"], f["commitments_open"], f["commitments_late"] = (
            row["done"],
            row["open"],
            row["late"],
        )
    return out


def _chairman_days(commune, start: dt.date, as_of: dt.date) -> set[dt.date]:
    return set(
        ReceptionSession.objects.filter(
            commune=commune, on__gte=start, on__lte=as_of, host_role=ReceptionSession.HostRole.CHAIRMAN
        ).values_list("on", flat=True)
    )


def _first_session(commune) -> dt.date | None:
    return ReceptionSession.objects.filter(commune=commune).aggregate(first=Min("on"))["first"]


class EngagementSection:
    key = "engagement"
    title = "Tiếp công dân, đối thoại, kiến nghị cử tri và thực hiện cam kết với nhân dân"
    order = 30

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        figures = _figures(codes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in figures[code].items()] for code in codes}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = _figures([commune.code], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not any(v for k, v in f.items() if k not in ("chairman_periods", "chairman_periods_short")):
            section.paragraphs.append(
                "Trong kỳ chưa ghi nhận buổi tiếp công dân, hội nghị đối thoại, kiến nghị cử tri "
                "hay cam kết nào."
            )
            return section
        text = (
            f"Trong kỳ, UBND xã tổ chức {f['reception_sessions']} buổi tiếp công dân, "
            f"trong đó Chủ tịch UBND xã trực tiếp tiếp {f['chairman_sessions']} buổi"
        )
        if f["chairman_periods"]:
            periods = _chairman_periods(
                start, _as_of(end), _chairman_days(commune, start, _as_of(end)), _first_session(commune)
            )
            short = [p for p in periods if p.short]
            text += (
                f", đủ số ngày tiếp theo quy định ở {len(periods) - len(short)}/{len(periods)} tuần, tháng"
            )
            if short:
                rules_cited = sorted({p.rule_text for p in short})
                text += (
                    f" (chưa bảo đảm: {', '.join(p.label for p in short[:12])}"
                    f"{'…' if len(short) > 12 else ''}; quy định {'; '.join(rules_cited)})"
                )
        text += (
            f". Tiếp {f['register_entries']} lượt công dân ({f['group_visits']} đoàn đông người): tiếp nhận "
            f"{f['register_accepted']} đơn để xử lý, hướng dẫn {f['register_guided']} lượt, chuyển "
            f"{f['register_forwarded']} đơn đến cơ quan có thẩm quyền."
        )
        section.paragraphs.append(text)
        section.paragraphs.append(
            f"Tổ chức {f['dialogues_held']} hội nghị đối thoại với nhân dân, trả lời "
            f"{f['questions_answered']} câu hỏi, ý kiến. Tiếp nhận {f['voter_petitions']} kiến nghị cử tri, "
            f"đã trả lời {f['voter_petitions_answered']}. "
            f"Hoàn thành {f['commitments_done']} cam kết trong kỳ; "
            f"{f['commitments_open']} cam kết đang thực hiện, trong đó {f['commitments_late']} "
            "cam kết trễ hạn."
        )
        section.tables.append(
            Table(
                caption="Kết quả tiếp công dân",
                header=["Nội dung", "Số lượng"],
                rows=[
                    [LABELS[k], str(f[k])]
                    for k in (
                        "reception_sessions",
                        "chairman_sessions",
                        "chairman_periods_short",
                        "register_entries",
                        "register_accepted",
                        "register_guided",
                        "register_forwarded",
                        "group_visits",
                    )
                ],
            )
        )
        late = list(
            Commitment.objects.filter(commune=commune, status=Commitment.Status.OPEN, due_on__lt=_as_of(end))
            .select_related("unit")
            .only("content", "unit__name", "due_on", "source")
            .order_by("due_on", "id")[:LATE_LIST_LIMIT]
        )
        if late:
            section.tables.append(
                Table(
                    caption="Cam kết trễ hạn",
                    header=["STT", "Nội dung cam kết", "Nguồn", "Đơn vị thực hiện", "Hạn"],
                    rows=[
                        [str(i), c.content, c.get_source_display(), c.unit.name, f"{c.due_on:%d/%m/%Y}"]
                        for i, c in enumerate(late, start=1)
                    ],
                )
            )
        return section


register(EngagementSection())
