"""Recognition (công nhận, khen thưởng): the leaders record the decision on a model the council passed."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.exemplars.models import Commendation, Exemplar
from danvan.exemplars.services.checks import clean_line, move, require, today

LEVEL_ORDER = {Exemplar.Level.COMMUNE: 1, Exemplar.Level.PROVINCE: 2}


def exemplar_recognise(
    *,
    by,
    exemplar: Exemplar,
    kind: str,
    level: str,
    decision_number: str,
    decision_on: dt.date | None,
    issuer: str,
    reward: str = "",
) -> Commendation:
    """Record the recognition decision. The level may not exceed what the council proposed."""
    require(by, exemplar.commune, "exemplars.recognise", "công nhận, khen thưởng mô hình")
    if kind not in Commendation.Kind.values:
        raise ServiceError("Vui lòng chọn hình thức công nhận.", field="kind")
    if level not in LEVEL_ORDER:
        raise ServiceError("Vui lòng chọn cấp công nhận.", field="level")
    decision_number = clean_line(
        decision_number, field="decision_number", label="số quyết định", max_chars=60
    )
    issuer = clean_line(issuer, field="issuer", label="cơ quan ban hành quyết định", max_chars=200)
    reward = clean_line(reward, field="reward", label="hình thức khen thưởng", required=False, max_chars=300)
    if kind == Commendation.Kind.AWARD and not reward:
        raise ServiceError("Vui lòng ghi hình thức khen thưởng (giấy khen, tiền thưởng…).", field="reward")
    if not isinstance(decision_on, dt.date):
        raise ServiceError("Vui lòng nhập ngày quyết định.", field="decision_on")
    if decision_on > today():
        raise ServiceError("Ngày quyết định không được sau ngày hôm nay.", field="decision_on")
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if locked.status == Exemplar.Status.EVALUATED:
            if locked.proposed_level == Exemplar.Level.NOT_PASSED:
                raise ServiceError(
                    "Hội đồng đánh giá mô hình chưa đạt: không thể công nhận.", code="not_passed"
                )
            if LEVEL_ORDER[level] > LEVEL_ORDER.get(locked.proposed_level, 0):
                raise ServiceError("Cấp công nhận cao hơn mức hội đồng đề xuất.", field="level")
            if locked.evaluated_on and decision_on < locked.evaluated_on:
                raise ServiceError("Ngày quyết định không được trước ngày đánh giá.", field="decision_on")
        move(by=by, exemplar=locked, to=Exemplar.Status.RECOGNISED, action="exemplars.recognise")
        commendation = Commendation.objects.create(
            exemplar=locked,
            kind=kind,
            level=level,
            decision_number=decision_number,
            decision_on=decision_on,
            issuer=issuer,
            reward=reward,
            by=by,
        )
        audit_record(
            actor=by,
            action="exemplars.commendation",
            obj=locked,
            after=snapshot(
                commendation, ["kind", "level", "decision_number", "decision_on", "issuer", "reward"]
            ),
        )
    return commendation
