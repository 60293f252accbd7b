"""Creating a village decision, the online-voting agreements, opening and closing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import Household, VillageDecision
from danvan.democracy.decisions.rules import Matter, Method
from danvan.democracy.decisions.services.checks import (
    DECISION_FIELDS,
    Status,
    eligible_households,
    lock_decision,
    method_refusal,
    move,
    online_agreed,
    require_commune,
    require_manager,
    stamped_move,
)
from danvan.democracy.guards import Refused, audited_refusals, by_actor
from danvan.org.access import can

# --- decisions -----------------------------------------------------------------------------------


def _check_committee(names) -> list[str]:
    names = [" ".join(str(n).split()) for n in names or []]
    names = [n for n in names if n]
    if names and not (rules.COUNTING_COMMITTEE_MIN <= len(names) <= rules.COUNTING_COMMITTEE_MAX):
        raise Refused(
            f"Ban kiểm phiếu phải có từ {rules.COUNTING_COMMITTEE_MIN} đến {rules.COUNTING_COMMITTEE_MAX} "
            f"người ({rules.LAW}).",
            field="counting_committee",
        )
    return names


def _check_notice_day(noticed_on, *, obj=None, commune=None) -> None:
    if noticed_on is not None and noticed_on > timezone.localdate():
        raise Refused(
            "Ngày thông báo tới các hộ không được sau hôm nay.", field="noticed_on", obj=obj, commune=commune
        )


def _check_notice_period(decision: VillageDecision, today: date) -> None:
    """A meeting or a household ballot is held at least 2 days after the households were told and sent
    its documents (NĐ 59/2023, Điều 3 khoản 3–4; Luật THDCCS 2022, Điều 19 khoản 2)."""
    if decision.method not in rules.NOTICE_METHODS:
        return
    if decision.noticed_on is None:
        notice = rules.notice_rule(today)
        raise Refused(
            "Chưa ghi ngày thông báo nội dung, tài liệu tới các hộ. Phải thông báo ít nhất "
            f"{notice.value['days']:02d} ngày trước khi họp hoặc phát phiếu ({notice.citation}).",
            code="no_notice",
            field="noticed_on",
            obj=decision,
        )
    earliest = rules.earliest_start(decision.noticed_on)
    if today < earliest:
        notice = rules.notice_rule(decision.noticed_on)
        raise Refused(
            f"Các hộ được thông báo ngày {decision.noticed_on:%d/%m/%Y}; phải thông báo ít nhất "
            f"{notice.value['days']:02d} ngày trước khi họp hoặc phát phiếu ({notice.citation}), nên "
            f"sớm nhất ngày {earliest:%d/%m/%Y} mới được mở.",
            code="notice_too_short",
            obj=decision,
        )


@audited_refusals("decision_create", by_actor)
def decision_create(
    *,
    village,
    matter: str,
    method: str,
    title: str,
    description: str = "",
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    noticed_on: date | None = None,
    is_secret: bool | None = None,
    by_cluster: bool = False,
    counting_committee: Iterable[str] = (),
    by,
    commune=None,
) -> VillageDecision:
    """A draft decision; the method must be one the law allows for the matter."""
    require_commune(village, commune)
    require_manager(by, village)
    where = {"commune": village.commune}
    if matter not in Matter.values:
        raise Refused("Vui lòng chọn loại nội dung bàn và quyết định.", field="matter", **where)
    if method not in Method.values:
        raise Refused("Vui lòng chọn hình thức bàn và quyết định.", field="method", **where)
    if not rules.method_allowed(matter, method):
        raise Refused(method_refusal(matter, method), code="method_not_allowed", field="method", **where)
    title = " ".join(str(title or "").split())
    if not title:
        raise Refused("Vui lòng nhập nội dung cần biểu quyết.", field="title", **where)
    if opens_at and closes_at and closes_at <= opens_at:
        raise Refused("Thời điểm kết thúc phải sau thời điểm bắt đầu.", field="closes_at", **where)
    _check_notice_day(noticed_on, **where)
    if by_cluster:
        if method != Method.MEETING:
            raise Refused("Chỉ hội nghị mới tổ chức theo cụm dân cư.", field="by_cluster", **where)
        count = Household.objects.filter(village=village, is_active=True).count()
        if count < rules.CLUSTER_MEETING_MIN_HOUSEHOLDS:
            raise Refused(
                f"Chỉ thôn có từ {rules.CLUSTER_MEETING_MIN_HOUSEHOLDS} hộ trở lên mới được họp "
                f"theo cụm dân cư (thôn hiện có {count} hộ trong sổ).",
                field="by_cluster",
                **where,
            )
    try:
        committee = _check_committee(counting_committee)
    except Refused as refusal:
        refusal.commune = village.commune
        raise
    # The threshold in force the day the matter is put to the village stays with the decision.
    threshold = rules.threshold_for(matter, on=timezone.localdate())
    with transaction.atomic():
        decision = VillageDecision.objects.create(
            pass_share=threshold.share,
            pass_inclusive=threshold.inclusive,
            pass_citation=threshold.citation,
            village=village,
            commune=village.commune,
            matter=matter,
            method=method,
            title=title[:300],
            description=description or "",
            opens_at=opens_at,
            closes_at=closes_at,
            noticed_on=noticed_on,
            is_secret=rules.is_secret(method, is_secret),
            by_cluster=by_cluster,
            counting_committee=committee,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by,
            action="democracy.decision_created",
            obj=decision,
            after=snapshot(decision, DECISION_FIELDS),
        )
    return decision


@audited_refusals("decision_set_counting_committee", by_actor)
def decision_set_counting_committee(
    *, decision: VillageDecision, names: Iterable[str], by
) -> VillageDecision:
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        if decision.status in (Status.RECORDED, Status.PUBLISHED):
            raise Refused("Biên bản đã lập, không thể đổi ban kiểm phiếu.", code="bad_status", obj=decision)
        try:
            names = _check_committee(names)
        except Refused as refusal:
            refusal.obj = decision
            raise
        before = {"counting_committee": decision.counting_committee}
        decision.counting_committee = names
        decision.save(update_fields=["counting_committee"])
        audit_record(
            actor=by,
            action="democracy.counting_committee_set",
            obj=decision,
            before=before,
            after={"counting_committee": names},
        )
    return decision


@audited_refusals("decision_agree_online", by_actor)
def decision_agree_online(*, decision: VillageDecision, by, as_role: str) -> VillageDecision:
    """Record the village head's or the Ban công tác Mặt trận's agreement to vote online."""
    with transaction.atomic():
        decision = lock_decision(decision)
        if decision.method != Method.ONLINE:
            raise Refused("Nội dung này không biểu quyết trực tuyến.", code="not_online", obj=decision)
        if decision.status != Status.DRAFT:
            raise Refused("Chỉ ghi nhận sự đồng ý trước khi mở biểu quyết.", code="bad_status", obj=decision)
        if as_role not in rules.AGREE_ROLES:
            raise Refused("Vai trò đồng ý không hợp lệ.", field="as_role", obj=decision)
        if not rules.can_agree_as(by, decision.village, as_role):
            raise Refused(
                f"Chỉ {rules.AGREE_ROLES[as_role]} của thôn mới ghi nhận được sự đồng ý này.",
                code="forbidden",
                obj=decision,
            )
        now = timezone.now()
        prefix = "online_head" if as_role == "village_head" else "online_front"
        flag = "online_agreed_by_head" if as_role == "village_head" else "online_agreed_by_front"
        setattr(decision, flag, True)
        setattr(decision, f"{prefix}_agreed_by", by)
        setattr(decision, f"{prefix}_agreed_at", now)
        decision.save(update_fields=[flag, f"{prefix}_agreed_by", f"{prefix}_agreed_at"])
        audit_record(actor=by, action="democracy.online_agreed", obj=decision, after={"as_role": as_role})
    return decision


@audited_refusals("decision_open", by_actor)
def decision_open(*, decision: VillageDecision, by, short_register_reason: str = "") -> VillageDecision:
    """Open voting (or the meeting). Fixes the number of households the pass rule counts over. A
    register with fewer households than the village declared opens only with a leader's reason."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        before = snapshot(decision, DECISION_FIELDS)
        move(decision, Status.OPEN)
        if decision.method == Method.ONLINE and not online_agreed(decision):
            raise Refused(
                "Chưa thể mở biểu quyết trực tuyến: cần cả trưởng thôn và Ban công tác Mặt trận "
                f"ở thôn đồng ý ({rules.METHOD_CITATION[Method.ONLINE]}).",
                code="online_not_agreed",
                obj=decision,
            )
        now = timezone.now()
        if decision.closes_at and decision.closes_at <= now:
            raise Refused(
                "Thời điểm kết thúc đã qua; vui lòng sửa thời gian.", field="closes_at", obj=decision
            )
        _check_notice_period(decision, timezone.localdate())
        decision.opened_at = now
        total = eligible_households(decision).count()
        if total == 0:
            raise Refused(
                "Sổ hộ của thôn chưa có hộ nào. Vui lòng nhập sổ hộ trước khi biểu quyết.",
                code="empty_register",
                obj=decision,
            )
        declared = decision.village.households or 0
        if total < declared:
            reason = " ".join((short_register_reason or "").split())
            if not reason or not can(by, "decisions.confirm_short_register", decision.commune):
                raise Refused(
                    f"Sổ hộ của thôn mới có {total} hộ, ít hơn số hộ thôn đã khai báo ({declared} hộ); tỷ lệ "
                    "tán thành tính trên tất cả các hộ của thôn. Cần lãnh đạo UBND xã xác nhận kèm lý do "
                    "(hoặc bổ sung sổ hộ) trước khi mở.",
                    code="short_register",
                    field="short_register_reason",
                    obj=decision,
                )
            decision.register_note = (
                f"Sổ hộ có {total} hộ, thôn khai báo {declared} hộ; lãnh đạo xác nhận: {reason}"[:600]
            )
        decision.total_households = total
        decision.opens_at = decision.opens_at or now
        decision.save(update_fields=["status", "opened_at", "opens_at", "total_households", "register_note"])
        audit_record(
            actor=by,
            action="democracy.decision_opened",
            obj=decision,
            before=before,
            after=snapshot(decision, DECISION_FIELDS),
        )
    return decision


@audited_refusals("decision_close", by_actor)
def decision_close(*, decision: VillageDecision, by) -> VillageDecision:
    return stamped_move(decision, Status.CLOSED, stamp="closed_at", action="democracy.decision_closed", by=by)


@audited_refusals("decision_record_notice", by_actor)
def decision_record_notice(*, decision: VillageDecision, on: date, by) -> VillageDecision:
    """Record the day the households were told of the meeting or ballot and sent its documents (giấy mời,
    thông báo đến từng hộ, truyền thanh, điện thoại, nhóm mạng xã hội của thôn: NĐ 59/2023, Điều 3(3))."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        if decision.status != Status.DRAFT:
            raise Refused("Chỉ ghi ngày thông báo khi chưa mở biểu quyết.", code="bad_status", obj=decision)
        if on is None:
            raise Refused("Vui lòng nhập ngày thông báo tới các hộ.", field="noticed_on", obj=decision)
        _check_notice_day(on, obj=decision)
        before = snapshot(decision, DECISION_FIELDS)
        decision.noticed_on = on
        decision.save(update_fields=["noticed_on"])
        audit_record(
            actor=by,
            action="democracy.decision_notice_recorded",
            obj=decision,
            before=before,
            after=snapshot(decision, DECISION_FIELDS),
        )
    return decision
