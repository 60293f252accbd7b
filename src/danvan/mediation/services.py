"""Every write of the mediation app: teams and mediators, cases from receipt to their end, a petition
sent to mediation, a failed mediation turned into a petition. Each in one transaction with its audit
record; a refusal is a Vietnamese `ServiceError` and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune, Village
from danvan.mediation import rules
from danvan.mediation.models import Case, Mediator, Team
from danvan.org.access import can, memberships_in
from danvan.org.models import Role
from danvan.text.normalize import nfc

S = Case.Status
_CASE_FIELDS = ["status", "team", "assigned_on", "started_on", "ended_on", "written_agreement"]


def _require(by, commune: Commune, permission: str, what: str, team: Team | None = None) -> None:
    if not can(by, permission, commune):
        raise ServiceError(f"Bạn không có quyền {what}.", code="forbidden")
    if team is not None:
        # A village head acts for their own village's team only.
        mine = memberships_in(by, commune)
        only_village_head = bool(mine) and all(m.role == Role.VILLAGE_HEAD for m in mine)
        if only_village_head and not any(m.village_id == team.village_id for m in mine):
            raise ServiceError(f"Bạn chỉ được {what} của tổ hòa giải thôn mình.", code="forbidden")


def _text(value, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} tối đa {max_chars} ký tự.", field=field)
    return text


def _day(value: dt.date | None, *, field: str, label: str, not_before: dt.date | None = None) -> dt.date:
    if value is None:
        raise ServiceError(f"Vui lòng nhập {label} (dd/mm/yyyy).", field=field)
    today = timezone.localdate()
    if value > today:
        raise ServiceError(f"{label.capitalize()} không được sau hôm nay.", field=field)
    if value < today - dt.timedelta(days=3650):
        raise ServiceError(f"{label.capitalize()} quá xa (trước 10 năm).", field=field)
    if not_before and value < not_before:
        raise ServiceError(f"{label.capitalize()} không được trước ngày {not_before:%d/%m/%Y}.", field=field)
    return value


# --- teams and mediators ----------------------------------------------------------------------------------


def team_save(
    *,
    by,
    commune: Commune,
    village: Village,
    name: str,
    established_on=None,
    minority_area=False,
    team: Team | None = None,
) -> Team:
    _require(by, commune, "mediation.manage", "lập, kiện toàn tổ hòa giải")
    if village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    name = _text(name, field="name", label="tên tổ hòa giải", max_chars=200)
    with transaction.atomic():
        if Team.objects.filter(village=village, name=name).exclude(pk=getattr(team, "pk", None)).exists():
            raise ServiceError("Thôn này đã có tổ hòa giải cùng tên.", field="name")
        before = snapshot(team, ["name", "village", "minority_area"]) if team else None
        team = team or Team(commune=commune)
        team.village, team.name, team.established_on, team.minority_area = (
            village,
            name,
            established_on,
            minority_area,
        )
        team.save()
        audit_record(
            actor=by,
            action="mediation.team_saved",
            obj=team,
            commune=commune,
            before=before,
            after=snapshot(team, ["name", "village", "minority_area"]),
        )
    return team


def mediator_add(
    *, by, team: Team, full_name: str, gender: str, ethnic_minority=False, is_leader=False, recognised_on=None
) -> Mediator:
    _require(by, team.commune, "mediation.manage", "cập nhật hòa giải viên")
    full_name = _text(full_name, field="full_name", label="họ và tên", max_chars=150)
    if gender not in Mediator.Gender.values:
        raise ServiceError("Vui lòng chọn giới tính.", field="gender")
    with transaction.atomic():
        locked = Team.objects.select_for_update().get(pk=team.pk)
        if is_leader:
            locked.mediators.filter(is_leader=True, left_on__isnull=True).update(is_leader=False)
        mediator = Mediator.objects.create(
            team=locked,
            full_name=full_name,
            gender=gender,
            ethnic_minority=ethnic_minority,
            is_leader=is_leader,
            recognised_on=recognised_on,
        )
        audit_record(
            actor=by,
            action="mediation.mediator_added",
            obj=locked,
            commune=locked.commune,
            after={"mediator": mediator.pk, "leader": is_leader},
        )
    return mediator


def mediator_leave(*, by, mediator: Mediator, on: dt.date) -> Mediator:
    """Thôi làm hòa giải viên (Điều 11): kept in the records of the cases they mediated."""
    _require(by, mediator.team.commune, "mediation.manage", "cập nhật hòa giải viên")
    on = _day(on, field="left_on", label="ngày thôi làm hòa giải viên")
    with transaction.atomic():
        locked = Mediator.objects.select_for_update().select_related("team__commune").get(pk=mediator.pk)
        if locked.left_on:
            raise ServiceError("Hòa giải viên này đã thôi làm từ trước.", code="already_left")
        locked.left_on, locked.is_leader = on, False
        locked.save(update_fields=["left_on", "is_leader"])
        audit_record(
            actor=by,
            action="mediation.mediator_left",
            obj=locked.team,
            commune=locked.team.commune,
            after={"mediator": locked.pk, "left_on": on.isoformat()},
        )
    return locked


# --- cases --------------------------------------------------------------------------------------------------


def case_open(
    *,
    by,
    team: Team,
    received_on: dt.date,
    basis: str,
    matter: str,
    parties: str,
    summary: str,
    petition=None,
) -> Case:
    """Receive a case (Điều 16). From a petition: the petition is linked, its handling goes on apart."""
    commune = team.commune
    _require(by, commune, "mediation.write", "ghi nhận vụ, việc hòa giải", team)
    if basis not in Case.Basis.values:
        raise ServiceError("Vui lòng chọn căn cứ hòa giải.", field="basis")
    if matter not in Case.Matter.values:
        raise ServiceError("Vui lòng chọn loại vụ, việc.", field="matter")
    received_on = _day(received_on, field="received_on", label="ngày tiếp nhận")
    parties = _text(parties, field="parties", label="các bên", max_chars=2000)
    summary = _text(summary, field="summary", label="nội dung vụ, việc", max_chars=5000)
    if petition is not None and petition.commune_id != commune.pk:
        raise ServiceError("Đơn không thuộc xã này.", field="petition")
    if not team.is_active:
        raise ServiceError("Tổ hòa giải này không còn hoạt động.", field="team")
    with transaction.atomic():
        case = Case.objects.create(
            commune=commune,
            team=team,
            received_on=received_on,
            basis=basis,
            matter=matter,
            parties=parties,
            summary=summary,
            petition=petition,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="mediation.case_opened",
            obj=case,
            commune=commune,
            after={**snapshot(case, _CASE_FIELDS), "petition": getattr(petition, "pk", None)},
        )
    return case


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("commune", "team").get(pk=case.pk)


def _move(case: Case, to: str, by, **changes) -> Case:
    with transaction.atomic():
        locked = _lock(case)
        if to not in rules.TRANSITIONS[locked.status]:
            raise ServiceError(
                f"Vụ, việc đang ở trạng thái “{locked.get_status_display()}” nên không chuyển sang "
                f"“{S(to).label}” được.",
                code="bad_transition",
            )
        before = snapshot(locked, _CASE_FIELDS)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.status = to
        locked.save()
        audit_record(
            actor=by,
            action=f"mediation.case_{to}",
            obj=locked,
            commune=locked.commune,
            before=before,
            after=snapshot(locked, _CASE_FIELDS),
        )
    return locked


def case_assign(*, by, case: Case, mediator_ids, on: dt.date) -> Case:
    """Phân công hòa giải viên (Điều 18): at least one active mediator of the case's team."""
    _require(by, case.commune, "mediation.write", "phân công hòa giải viên", case.team)
    on = _day(on, field="assigned_on", label="ngày phân công", not_before=case.received_on)
    ids = {int(i) for i in mediator_ids or []}
    chosen = list(Mediator.objects.filter(pk__in=ids, team=case.team, left_on__isnull=True))
    if not chosen or len(chosen) != len(ids):
        raise ServiceError("Chọn ít nhất một hòa giải viên đang hoạt động của tổ.", field="mediators")
    if case.status != S.RECEIVED:
        raise ServiceError("Chỉ phân công khi vụ, việc vừa được tiếp nhận.", code="bad_transition")
    with transaction.atomic():
        locked = _lock(case)
        locked.assigned_on = on
        locked.save(update_fields=["assigned_on"])
        locked.mediators.set(chosen)
        audit_record(
            actor=by,
            action="mediation.case_assigned",
            obj=locked,
            commune=locked.commune,
            after={"mediators": sorted(m.pk for m in chosen), "assigned_on": on.isoformat()},
        )
    return locked


def case_start(*, by, case: Case, on: dt.date) -> Case:
    _require(by, case.commune, "mediation.write", "ghi nhận việc hòa giải", case.team)
    if not case.mediators.exists():
        raise ServiceError("Phân công hòa giải viên trước khi bắt đầu hòa giải.", field="mediators")
    on = _day(
        on, field="started_on", label="ngày bắt đầu hòa giải", not_before=case.assigned_on or case.received_on
    )
    return _move(case, S.MEDIATING, by, started_on=on)


def case_end(*, by, case: Case, outcome: str, on: dt.date, agreement: str, written_agreement=False) -> Case:
    """Kết thúc hòa giải (Điều 23): thành (what was agreed), không thành, or the parties asked to stop."""
    _require(by, case.commune, "mediation.write", "ghi kết quả hòa giải", case.team)
    if outcome not in (S.SUCCEEDED, S.FAILED, S.STOPPED):
        raise ServiceError("Vui lòng chọn kết quả hòa giải.", field="outcome")
    on = _day(on, field="ended_on", label="ngày kết thúc", not_before=case.started_on or case.received_on)
    label = "thỏa thuận đạt được" if outcome == S.SUCCEEDED else "lý do, ý kiến các bên"
    agreement = _text(agreement, field="agreement", label=label, max_chars=5000)
    written = bool(written_agreement) and outcome == S.SUCCEEDED
    return _move(case, outcome, by, ended_on=on, agreement=agreement, written_agreement=written)


def case_out_of_scope(*, by, case: Case, reason: str) -> Case:
    """Not for grassroots mediation (Điều 3 khoản 1): e.g. a crime, an administrative violation, a
    dispute against the State's interest. The officer says which, and where it goes instead."""
    _require(by, case.commune, "mediation.write", "ghi nhận vụ, việc không thuộc phạm vi hòa giải", case.team)
    reason = _text(reason, field="agreement", label="lý do không thuộc phạm vi hòa giải", max_chars=2000)
    return _move(case, S.OUT_OF_SCOPE, by, ended_on=timezone.localdate(), agreement=reason)


def case_to_petition(*, by, case: Case):
    """A failed mediation the parties take to the authorities (Điều 27): recorded as a petition of the
    commune (a kiến nghị the officer classifies), linked both ways. Once only."""
    from danvan.petitions.models import Petition
    from danvan.petitions.services import petition_record

    _require(by, case.commune, "mediation.write", "chuyển vụ, việc thành đơn", case.team)
    if case.status != S.FAILED:
        raise ServiceError("Chỉ vụ, việc hòa giải không thành mới chuyển thành đơn.", code="bad_status")
    with transaction.atomic():
        locked = _lock(case)
        if locked.follow_up_petition_id:
            raise ServiceError("Vụ, việc này đã được chuyển thành đơn.", code="already_sent")
        content = (
            f"Hòa giải không thành tại {locked.team.name} (vụ, việc số {locked.pk}, kết thúc ngày "
            f"{locked.ended_on:%d/%m/%Y}). Nội dung: {locked.summary}\nÝ kiến các bên: {locked.agreement}"
        )
        petition = petition_record(
            by=by,
            commune=locked.commune,
            channel=Petition.Channel.IN_PERSON,
            received_on=timezone.localdate(),
            content=content[:10_000],
            kind_hint=Petition.Kind.RECOMMENDATION,
            village=locked.team.village,
            client_token=f"mediation-{locked.pk}",
        )
        locked.follow_up_petition = petition
        locked.save(update_fields=["follow_up_petition"])
        audit_record(
            actor=by,
            action="mediation.case_to_petition",
            obj=locked,
            commune=locked.commune,
            after={"petition": petition.pk},
        )
    return petition
