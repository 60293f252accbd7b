"""Contribution matters for the whole commune (Luật THDCCS 2022, Điều 15 khoản 1–2 carried out across the
commune; Điều 21 khoản 1, second paragraph): one `CommuneDecision`, one village decision per village
(each decided by its own households, at least two thirds of them), and the commune-wide result: passed
when at least two thirds of ALL the commune's villages approved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import CommuneDecision, VillageDecision
from danvan.democracy.decisions.rules import CONTRIBUTION_MATTERS, DecisionStatus, Matter, VillageShare
from danvan.democracy.decisions.services.decisions import decision_create
from danvan.democracy.guards import Refused, audited_refusals, by_actor
from danvan.geo.models import Village
from danvan.org.access import memberships_in

FINAL = (DecisionStatus.RECORDED, DecisionStatus.PUBLISHED)
FIELDS = ["status", "villages_total", "villages_approving", "passed"]


def _require_leader(by, commune, *, obj=None) -> None:
    if getattr(by, "is_superuser", False):
        return
    if not any(m.role in rules.MANAGERS for m in memberships_in(by, commune)):
        raise Refused(
            "Chỉ lãnh đạo UBND xã và công chức đầu mối tạo và tổng hợp nội dung quyết định toàn xã.",
            code="forbidden",
            obj=obj,
            commune=commune,
        )


def _share(cd: CommuneDecision) -> VillageShare:
    return VillageShare(cd.pass_share, cd.pass_inclusive, cd.pass_citation)


@dataclass(frozen=True)
class CommuneTally:
    """Where the villages stand: how many decided, how many approved, how many approvals are needed."""

    villages: int
    decided: int
    approving: int
    needed: int
    share: VillageShare

    @property
    def reached(self) -> bool:
        return self.share.reached(self.approving, self.villages)

    @property
    def complete(self) -> bool:
        return self.decided == self.villages


def commune_decision_tally(cd: CommuneDecision) -> CommuneTally:
    """The count over every village of the commune (a village without its decision counts as not
    approving: the share is of ALL the commune's active villages), in 2 queries."""
    villages = Village.objects.filter(commune=cd.commune_id, is_active=True).count()
    parts = list(cd.village_decisions.values_list("status", "passed"))
    decided = sum(1 for status, _ in parts if status in FINAL)
    approving = sum(1 for status, passed in parts if status in FINAL and passed)
    share = _share(cd)
    return CommuneTally(villages, decided, approving, share.needed(villages), share)


@audited_refusals("commune_decision_create", by_actor)
def commune_decision_create(
    *,
    commune,
    matter: str,
    title: str,
    description: str = "",
    method: str,
    noticed_on: date | None = None,
    by,
) -> CommuneDecision:
    """A contribution matter for the whole commune, and a draft decision for each of its villages, which
    each village head then runs like any other (meeting or household ballot)."""
    _require_leader(by, commune)
    if matter not in CONTRIBUTION_MATTERS:
        raise Refused(
            "Chỉ nội dung đóng góp (khoản 1, 2 Điều 15) thực hiện trên địa bàn cả xã mới quyết định theo số "
            f"thôn tán thành (Điều 21 khoản 1 {rules.LAW}).",
            code="not_commune_wide",
            field="matter",
            commune=commune,
        )
    title = " ".join(str(title or "").split())
    if not title:
        raise Refused("Vui lòng nhập nội dung cần biểu quyết.", field="title", commune=commune)
    villages = list(Village.objects.filter(commune=commune, is_active=True).order_by("name"))
    if not villages:
        raise Refused("Xã chưa có thôn nào trong danh mục.", code="no_villages", commune=commune)
    share = rules.commune_wide_threshold(on=timezone.localdate())
    with transaction.atomic():
        cd = CommuneDecision.objects.create(
            commune=commune,
            matter=matter,
            title=title[:300],
            description=description or "",
            pass_share=share.share,
            pass_inclusive=share.inclusive,
            pass_citation=share.citation,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        for village in villages:
            part = decision_create(
                village=village,
                matter=matter,
                method=method,
                title=title,
                description=description,
                noticed_on=noticed_on,
                by=by,
                commune=commune,
            )
            VillageDecision.objects.filter(pk=part.pk).update(commune_decision=cd)
        audit_record(
            actor=by,
            action="democracy.commune_decision_created",
            obj=cd,
            after={"matter": matter, "villages": len(villages), "share": share.share},
        )
    return cd


@audited_refusals("commune_decision_conclude", by_actor)
def commune_decision_conclude(*, decision: CommuneDecision, by) -> CommuneDecision:
    """Count the villages once every village has recorded its decision, and keep the result."""
    with transaction.atomic():
        cd = CommuneDecision.objects.select_for_update().get(pk=decision.pk)
        _require_leader(by, cd.commune, obj=cd)
        if cd.status != CommuneDecision.Status.OPEN:
            raise Refused("Kết quả toàn xã đã được tổng hợp.", code="bad_status", obj=cd)
        pending = [
            d.village.name
            for d in cd.village_decisions.select_related("village").order_by("village__name")
            if d.status not in FINAL
        ]
        if pending:
            raise Refused(
                "Chưa tổng hợp được: các thôn sau chưa lập biên bản kết quả: " + ", ".join(pending) + ".",
                code="villages_pending",
                obj=cd,
            )
        tally = commune_decision_tally(cd)
        cd.status = CommuneDecision.Status.CONCLUDED
        cd.villages_total = tally.villages
        cd.villages_approving = tally.approving
        cd.passed = tally.reached
        cd.concluded_at = timezone.now()
        cd.save(update_fields=[*FIELDS, "concluded_at"])
        audit_record(
            actor=by,
            action="democracy.commune_decision_concluded",
            obj=cd,
            after={f: getattr(cd, f) for f in FIELDS},
        )
    return cd


def matter_choices() -> list[tuple[str, str]]:
    return [(m, Matter(m).label) for m in Matter.values if m in CONTRIBUTION_MATTERS]
