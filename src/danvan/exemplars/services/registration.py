"""Registering “Dân vận khéo” models: the year's deadline, a registration (possibly replicating a
recognised model), and the coordinator accepting it so building starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.exemplars import rules
from danvan.exemplars.models import Exemplar, ExemplarField, RegistrationCall, Target
from danvan.exemplars.services.checks import (
    AUDIT_FIELDS,
    clean_line,
    clean_text,
    move,
    require,
    scopes_of,
    today,
)
from danvan.geo.models import Commune, Village
from danvan.org.models import Unit
from danvan.plans.models import Task

MAX_TARGETS = 10


@dataclass(frozen=True)
class TargetInput:
    """One expected result as typed: what, in which measure, how much."""

    description: str
    measure: str
    planned: Decimal | str | int


def registration_call_set(
    *, by, commune: Commune, year: int, deadline: dt.date, task: Task | None = None, note: str = ""
) -> RegistrationCall:
    """Set (or change) the year's registration deadline, as the commune's plan gives it."""
    require(by, commune, "exemplars.manage", "đặt hạn đăng ký mô hình")
    if not isinstance(deadline, dt.date):
        raise ServiceError("Vui lòng nhập hạn đăng ký.", field="deadline")
    if not 2000 <= int(year) <= 2100 or deadline.year not in (year - 1, year):
        raise ServiceError("Hạn đăng ký phải thuộc năm đăng ký (hoặc cuối năm trước).", field="deadline")
    if task is not None and task.plan.commune_id != commune.pk:
        raise ServiceError("Nhiệm vụ không thuộc kế hoạch của xã này.", field="task")
    note = clean_line(note, field="note", label="ghi chú", required=False, max_chars=300)
    with transaction.atomic():
        call = RegistrationCall.objects.select_for_update().filter(commune=commune, year=year).first()
        before = snapshot(call, ["deadline", "task", "note"]) if call else None
        if call is None:
            call = RegistrationCall(commune=commune, year=year)
        call.deadline, call.task, call.note = deadline, task, note
        call.save()
        audit_record(
            actor=by,
            action="exemplars.call_set",
            obj=call,
            before=before,
            after=snapshot(call, ["year", "deadline", "task", "note"]),
        )
    return call


def _targets(targets: Iterable[TargetInput]) -> list[Target]:
    rows = []
    for i, t in enumerate(targets, start=1):
        description = clean_line(
            t.description, field="targets", label=f"chỉ tiêu {i}", required=False, max_chars=300
        )
        measure = clean_line(
            t.measure, field="targets", label=f"đơn vị tính {i}", required=False, max_chars=40
        )
        raw = str(t.planned if t.planned is not None else "").strip().replace(",", ".")
        if not (description or measure or raw):
            continue  # an empty row of the form
        if not description or not measure or not raw:
            raise ServiceError(
                f"Chỉ tiêu {i}: vui lòng nhập đủ nội dung, đơn vị tính và mức phấn đấu.", field="targets"
            )
        try:
            planned = Decimal(raw)
        except InvalidOperation:
            raise ServiceError(f"Chỉ tiêu {i}: mức phấn đấu phải là một số.", field="targets") from None
        if not planned.is_finite() or planned <= 0 or planned >= Decimal("1e10"):
            raise ServiceError(f"Chỉ tiêu {i}: mức phấn đấu phải là số lớn hơn 0.", field="targets")
        rows.append(Target(order=len(rows), description=description, measure=measure, planned=planned))
    if not rows:
        raise ServiceError(
            "Vui lòng nêu ít nhất một kết quả dự kiến đo được (ví dụ: 40 hộ tham gia).", field="targets"
        )
    if len(rows) > MAX_TARGETS:
        raise ServiceError(f"Mỗi mô hình có tối đa {MAX_TARGETS} chỉ tiêu.", field="targets")
    return rows


def _registrant(
    commune: Commune, kind: str, unit: Unit | None, village: Village | None, name: str
) -> tuple[Unit | None, Village | None, str]:
    if kind not in Exemplar.RegistrantKind.values:
        raise ServiceError("Vui lòng chọn ai đăng ký mô hình.", field="registrant_kind")
    if kind == Exemplar.RegistrantKind.UNIT:
        if unit is None or unit.commune_id != commune.pk:
            raise ServiceError("Vui lòng chọn đơn vị đăng ký (thuộc xã này).", field="unit")
        return unit, None, ""
    if kind == Exemplar.RegistrantKind.VILLAGE:
        if village is None or village.commune_id != commune.pk:
            raise ServiceError("Vui lòng chọn thôn, tổ dân phố đăng ký (thuộc xã này).", field="village")
        return None, village, ""
    name = clean_line(name, field="registrant_name", label="tên tổ chức, cá nhân đăng ký", max_chars=200)
    return None, None, name


def exemplar_register(
    *,
    by,
    commune: Commune,
    name: str,
    field: ExemplarField | None,
    registrant_kind: str,
    builders: str,
    content: str,
    start_on: dt.date | None,
    review_on: dt.date | None,
    targets: Iterable[TargetInput],
    unit: Unit | None = None,
    village: Village | None = None,
    registrant_name: str = "",
    partners: str = "",
    villages: Iterable[Village] = (),
    task: Task | None = None,
    origin: Exemplar | None = None,
    public_consent: bool = False,
) -> Exemplar:
    """Register a model (đăng ký xây dựng mô hình). With `origin`, the new model replicates a recognised
    one (nhân rộng): the origin becomes “replicated” in the same transaction."""
    require(by, commune, "exemplars.register", "đăng ký mô hình")
    unit, village, registrant_name = _registrant(commune, registrant_kind, unit, village, registrant_name)
    if not rules.may_act_for(
        scopes_of(by, commune),
        kind=registrant_kind,
        unit_id=unit.pk if unit else None,
        village_id=village.pk if village else None,
    ):
        raise ServiceError(
            "Bạn chỉ đăng ký được mô hình cho đơn vị hoặc thôn của mình.",
            code="forbidden",
            field="registrant_kind",
        )
    name = clean_line(name, field="name", label="tên mô hình", max_chars=300)
    if field is None or not field.is_active or field.commune_id not in (None, commune.pk):
        raise ServiceError("Vui lòng chọn lĩnh vực của mô hình.", field="field")
    builders = clean_line(builders, field="builders", label="chủ thể xây dựng mô hình", max_chars=500)
    partners = clean_line(partners, field="partners", label="đơn vị phối hợp", required=False, max_chars=500)
    content = clean_text(content, field="content", label="nội dung, cách làm của mô hình", max_chars=10_000)
    if not isinstance(start_on, dt.date):
        raise ServiceError("Vui lòng nhập ngày bắt đầu.", field="start_on")
    if not isinstance(review_on, dt.date):
        raise ServiceError("Vui lòng nhập ngày sơ kết, đánh giá.", field="review_on")
    if review_on < start_on:
        raise ServiceError("Ngày sơ kết, đánh giá không được trước ngày bắt đầu.", field="review_on")
    places = list(villages or [])
    if any(v.commune_id != commune.pk for v in places):
        raise ServiceError("Có thôn không thuộc xã này.", field="villages")
    if task is not None and task.plan.commune_id != commune.pk:
        raise ServiceError("Nhiệm vụ không thuộc kế hoạch của xã này.", field="task")
    target_rows = _targets(targets)
    if origin is not None:
        if origin.commune.province_id != commune.province_id:
            raise ServiceError("Mô hình gốc không thuộc tỉnh này.", field="origin")
        same = (origin.commune_id == commune.pk) and (
            (registrant_kind == "unit" and origin.unit_id == getattr(unit, "pk", None))
            or (registrant_kind == "village" and origin.village_id == getattr(village, "pk", None))
        )
        if same:
            raise ServiceError(
                "Mô hình phải được nhân rộng ở đơn vị hoặc thôn khác với nơi xây dựng mô hình gốc.",
                field="registrant_kind",
            )
    duplicate = Exemplar.objects.filter(
        commune=commune,
        year=start_on.year,
        name__iexact=name,
        registrant_kind=registrant_kind,
        unit=unit,
        village=village,
        registrant_name=registrant_name,
    ).exists()
    if duplicate:
        raise ServiceError("Mô hình này đã được đăng ký trong năm.", code="duplicate", field="name")
    with transaction.atomic():
        locked_origin = None
        if origin is not None:
            # Read the origin's status under the lock: it is what the replication moves.
            locked_origin = Exemplar.objects.select_for_update().get(pk=origin.pk)
            if locked_origin.status not in rules.RECOGNISED:
                raise ServiceError("Chỉ nhân rộng được mô hình đã được công nhận.", field="origin")
        exemplar = Exemplar.objects.create(
            commune=commune,
            year=start_on.year,
            name=name,
            field=field,
            registrant_kind=registrant_kind,
            unit=unit,
            village=village,
            registrant_name=registrant_name,
            builders=builders,
            partners=partners,
            content=content,
            start_on=start_on,
            review_on=review_on,
            task=task,
            origin=origin,
            public_consent=bool(public_consent),
            registered_on=today(),
            created_by=by,
        )
        exemplar.villages.set(places)
        for t in target_rows:
            t.exemplar = exemplar
        Target.objects.bulk_create(target_rows)
        audit_record(
            actor=by,
            action="exemplars.register",
            obj=exemplar,
            after={
                **snapshot(exemplar, [*AUDIT_FIELDS, "origin", "public_consent"]),
                "targets": [f"{t.description}: {t.planned} {t.measure}" for t in target_rows],
            },
        )
        if locked_origin is not None and locked_origin.status == Exemplar.Status.RECOGNISED:
            move(by=by, exemplar=locked_origin, to=Exemplar.Status.REPLICATED, action="exemplars.replicated")
    return exemplar


def exemplar_start(*, by, exemplar: Exemplar) -> Exemplar:
    """The coordinator accepts a registration: the model is being built (đang xây dựng)."""
    require(by, exemplar.commune, "exemplars.manage", "tiếp nhận đăng ký mô hình")
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if locked.status != Exemplar.Status.REGISTERED:
            # evaluated → building is a re-evaluation (exemplar_reopen), not accepting a registration
            raise ServiceError("Đăng ký này đã được tiếp nhận.", code="bad_transition")
        return move(by=by, exemplar=locked, to=Exemplar.Status.BUILDING, action="exemplars.start")
