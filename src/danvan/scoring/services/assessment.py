"""A unit's score sheet: self-assessed criteria with evidence, sent, then reviewed by the framework's
owner (each adjustment with its reason), or returned for another look."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.scoring.models import Assessment, Criterion, Framework, Score
from danvan.scoring.services.checks import (
    clean_points,
    clean_text,
    may_review,
    may_self_assess,
    move,
    now,
)


def assessment_for(*, by, framework: Framework, commune, unit=None) -> Assessment:
    """The sheet of a unit (or, under a province's framework, of a commune), opened as a draft the first
    time someone entitled to fill it in opens it."""
    if framework.subject == Framework.Subject.UNITS:
        if unit is None or unit.commune_id != framework.commune_id or not unit.is_active:
            raise ServiceError("Đơn vị không thuộc xã của bộ tiêu chí này.", field="unit")
    elif unit is not None or commune.province_id != framework.province_id:
        raise ServiceError("Xã không thuộc tỉnh của bộ tiêu chí này.")
    existing = Assessment.objects.filter(framework=framework, commune=commune, unit=unit).first()
    if existing is not None:
        return existing
    probe = Assessment(framework=framework, commune=commune, unit=unit)
    if not may_self_assess(by, probe):
        raise ServiceError("Bạn không có quyền tự chấm cho đơn vị này.", code="forbidden")
    try:
        with transaction.atomic():
            probe.save()
            audit_record(
                actor=by,
                action="scoring.assessment_open",
                obj=probe,
                after={"framework": framework.pk, "unit": unit.pk if unit else None},
            )
    except IntegrityError:
        return Assessment.objects.get(framework=framework, commune=commune, unit=unit)
    return probe


def _criterion(assessment: Assessment, criterion: Criterion) -> Criterion:
    if criterion.framework_id != assessment.framework_id:
        raise ServiceError("Tiêu chí không thuộc bộ tiêu chí của phiếu này.", field="criterion")
    if criterion.is_computed:
        raise ServiceError("Tiêu chí này được tính từ dữ liệu, không tự chấm.", field="criterion")
    return criterion


def score_save(
    *, by, assessment: Assessment, criterion: Criterion, points, note: str = "", evidence=None
) -> Score:
    """Self-assess one criterion: points (in quarters, up to its maximum), an explanation, and an
    evidence file checked by content. A new file replaces the old; without one the old stays."""
    if not may_self_assess(by, assessment):
        raise ServiceError("Bạn chỉ tự chấm được cho đơn vị của mình.", code="forbidden")
    criterion = _criterion(assessment, criterion)
    value = clean_points(points, max_points=criterion.max_points)
    note = clean_text(note, field="note", label="giải trình", required=False)
    checked = check_upload(evidence) if evidence is not None else None
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status != Assessment.Status.DRAFT:
            raise ServiceError("Phiếu đã gửi: không sửa được điểm tự chấm.", code="bad_state")
        score, _ = Score.objects.get_or_create(
            assessment=locked, criterion=criterion, defaults={"self_points": value}
        )
        before = {
            "points": str(score.self_points),
            "note": score.self_note,
            "evidence_sha256": score.evidence_sha256,
        }
        score.self_points, score.self_note = value, note
        if checked is not None:
            score.evidence = evidence
            score.evidence_name = (getattr(evidence, "name", "") or "minh-chung")[:255]
            score.evidence_kind = checked.kind
            score.evidence_sha256 = checked.sha256
        score.save()
        audit_record(
            actor=by,
            action="scoring.self_score",
            obj=locked,
            before=before,
            after={
                "criterion": criterion.pk,
                "points": str(value),
                "note": note,
                "evidence_sha256": score.evidence_sha256,
            },
        )
    return score


def assessment_submit(*, by, assessment: Assessment) -> Assessment:
    """Send the sheet for review once every self-assessed criterion has its points."""
    if not may_self_assess(by, assessment):
        raise ServiceError("Bạn chỉ gửi được phiếu của đơn vị mình.", code="forbidden")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("framework").get(pk=assessment.pk)
        needed = set(
            Criterion.objects.filter(framework=locked.framework_id, measure="").values_list("pk", flat=True)
        )
        given = set(locked.scores.values_list("criterion_id", flat=True))
        if needed - given:
            raise ServiceError(f"Còn {len(needed - given)} tiêu chí chưa tự chấm.", code="incomplete")
        return move(
            by=by,
            assessment=locked,
            to="submitted",
            action="scoring.submit",
            changes={"submitted_at": now(), "submitted_by": by, "return_reason": ""},
        )


def assessment_return(*, by, assessment: Assessment, reason: str) -> Assessment:
    """Send a sheet back to the unit with what to look at again."""
    if not may_review(by, assessment):
        raise ServiceError("Bạn không có quyền thẩm định phiếu này.", code="forbidden")
    reason = clean_text(reason, field="reason", label="lý do trả lại")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("framework").get(pk=assessment.pk)
        return move(
            by=by, assessment=locked, to="draft", action="scoring.return", changes={"return_reason": reason}
        )


def assessment_review(*, by, assessment: Assessment, decisions: dict[int, tuple[object, str]]) -> Assessment:
    """Conclude the review: for each self-assessed criterion, accept the unit's points (None) or give
    other points with the reason, which is required. Every criterion not named is accepted."""
    if not may_review(by, assessment):
        raise ServiceError("Bạn không có quyền thẩm định phiếu này.", code="forbidden")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("framework").get(pk=assessment.pk)
        if locked.status != Assessment.Status.SUBMITTED:
            raise ServiceError("Chỉ thẩm định phiếu đã gửi.", code="bad_state")
        scores = {s.criterion_id: s for s in locked.scores.select_related("criterion")}
        changed = {}
        for criterion_id, (raw, reason) in decisions.items():
            score = scores.get(criterion_id)
            if score is None:
                raise ServiceError("Tiêu chí không có trong phiếu.", field="criterion")
            if raw in (None, ""):
                score.review_points, score.review_reason = None, ""
            else:
                value = clean_points(
                    raw, max_points=score.criterion.max_points, field=f"points_{criterion_id}"
                )
                if value == score.self_points:
                    score.review_points, score.review_reason = None, ""
                else:
                    reason_text = clean_text(
                        reason,
                        field=f"reason_{criterion_id}",
                        label=f"lý do điều chỉnh điểm “{score.criterion.title}”",
                    )
                    score.review_points, score.review_reason = value, reason_text
                    changed[criterion_id] = {
                        "from": str(score.self_points),
                        "to": str(value),
                        "reason": score.review_reason,
                    }
            score.save(update_fields=["review_points", "review_reason"])
        move(
            by=by,
            assessment=locked,
            to="reviewed",
            action="scoring.review",
            changes={"reviewed_at": now(), "reviewed_by": by},
        )
        audit_record(actor=by, action="scoring.review_points", obj=locked, after={"adjusted": changed})
        return locked


def assessment_reopen(*, by, assessment: Assessment) -> Assessment:
    """Reopen a reviewed sheet for another review (e.g. new evidence came in)."""
    if not may_review(by, assessment):
        raise ServiceError("Bạn không có quyền thẩm định phiếu này.", code="forbidden")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().select_related("framework").get(pk=assessment.pk)
        return move(by=by, assessment=locked, to="submitted", action="scoring.reopen")
