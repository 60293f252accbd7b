"""Evaluation by the council (hội đồng đánh giá): each member scores a model on the criteria, the
coordinator closes the evaluation with the council's average and the level it proposes, or sends a
model that did not pass back to building."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.exemplars import rules
from danvan.exemplars.models import CouncilScore, Exemplar
from danvan.exemplars.services.checks import clean_text, move, require, scopes_of, today

# The council closes an evaluation only when at least this many members have scored.
MIN_COUNCIL_SCORES = 1
ONE_DECIMAL = Decimal("0.1")


def _points(points: dict) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in rules.CRITERIA:
        raw = (points or {}).get(c.key)
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            raise ServiceError(f"Vui lòng chấm điểm tiêu chí “{c.label}”.", field=c.key) from None
        if not 0 <= value <= c.max_points:
            raise ServiceError(f"Tiêu chí “{c.label}” chấm từ 0 đến {c.max_points} điểm.", field=c.key)
        out[c.key] = value
    return out


def is_conflict_of_interest(user, exemplar: Exemplar) -> bool:
    """For pages and the service alike: the member belongs to the model's unit or village, or wrote it."""
    return rules.is_conflict_of_interest(
        [(r, u, v) for r, u, v in scopes_of(user, exemplar.commune) if u is not None or v is not None],
        kind=exemplar.registrant_kind,
        unit_id=exemplar.unit_id,
        village_id=exemplar.village_id,
        is_author=exemplar.created_by_id == getattr(user, "pk", None),
    )


def council_score_submit(*, by, exemplar: Exemplar, points: dict, comment: str = "") -> CouncilScore:
    """A council member scores (or re-scores) a model being built; their own unit's is refused."""
    require(by, exemplar.commune, "exemplars.score", "chấm điểm mô hình")
    if is_conflict_of_interest(by, exemplar):
        raise ServiceError(
            "Bạn không chấm điểm mô hình của đơn vị, thôn mình hoặc do mình đăng ký (xung đột lợi ích).",
            code="conflict_of_interest",
        )
    values = _points(points)
    comment = clean_text(comment, field="comment", label="nhận xét", required=False, max_chars=2_000)
    total = Decimal(sum(values.values()))
    with transaction.atomic():
        # The status is read under the lock: an evaluation being closed meanwhile refuses the score.
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if locked.status != Exemplar.Status.BUILDING:
            raise ServiceError(
                "Chỉ chấm điểm mô hình đang xây dựng, chưa kết thúc đánh giá.", code="bad_state"
            )
        score, created = CouncilScore.objects.update_or_create(
            exemplar=exemplar, member=by, defaults={"points": values, "total": total, "comment": comment}
        )
        audit_record(
            actor=by,
            action="exemplars.score" if created else "exemplars.rescore",
            obj=exemplar,
            after={"points": values, "total": str(total)},
        )
    return score


def exemplar_evaluate(*, by, exemplar: Exemplar, conclusion: str, on: dt.date | None = None) -> Exemplar:
    """Close the evaluation: the score is the council's average and proposes the level
    (`rules.level_for`); a model below the commune's threshold is marked “chưa đạt”."""
    require(by, exemplar.commune, "exemplars.manage", "kết luận đánh giá mô hình")
    conclusion = clean_text(conclusion, field="conclusion", label="kết luận của hội đồng", max_chars=5_000)
    on = on or today()
    if on > today():
        raise ServiceError("Ngày đánh giá không được sau ngày hôm nay.", field="on")
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        scores = CouncilScore.objects.filter(exemplar=locked)
        count = scores.count()
        if count < MIN_COUNCIL_SCORES:
            raise ServiceError(
                "Chưa có thành viên hội đồng nào chấm điểm mô hình này.", code="no_scores", field="conclusion"
            )
        average = Decimal(scores.aggregate(a=Avg("total"))["a"]).quantize(ONE_DECIMAL, ROUND_HALF_UP)
        return move(
            by=by,
            exemplar=locked,
            to=Exemplar.Status.EVALUATED,
            action="exemplars.evaluate",
            changes={
                "score": average,
                "proposed_level": rules.level_for(average),
                "evaluated_on": on,
                "conclusion": conclusion,
            },
        )


def exemplar_reopen(*, by, exemplar: Exemplar) -> Exemplar:
    """Send an evaluated model back to building (it did not pass, or the council reviews it again)."""
    require(by, exemplar.commune, "exemplars.manage", "đánh giá lại mô hình")
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if locked.status != Exemplar.Status.EVALUATED:
            # registered → building is the coordinator accepting it (exemplar_start), not a re-evaluation
            raise ServiceError("Chỉ đánh giá lại mô hình đã được đánh giá.", code="bad_transition")
        return move(by=by, exemplar=locked, to=Exemplar.Status.BUILDING, action="exemplars.reopen")
