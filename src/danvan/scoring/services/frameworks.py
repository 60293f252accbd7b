"""Frameworks: the default written by us, a province's adopted by a commune, criteria edited before
anyone has sent a sheet, and the bands' thresholds edited at any time."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.scoring import rules
from danvan.scoring.models import Assessment, Band, Criterion, CriterionGroup, Framework
from danvan.scoring.services.checks import clean_text, may_manage, may_manage_province

DEFAULT_TITLES = {
    Framework.Subject.UNITS: "Tiêu chí chấm điểm, xếp loại công tác dân vận của các đơn vị năm {year}",
    Framework.Subject.COMMUNES: "Tiêu chí chấm điểm, xếp loại công tác dân vận chính quyền cấp xã năm {year}",
}


def _audit_target(framework: Framework) -> dict:
    return {"commune": framework.commune, "obj": framework}


def _write_bands(framework: Framework, values: dict[str, Decimal]) -> None:
    for level, value in values.items():
        Band.objects.update_or_create(framework=framework, level=level, defaults={"min_percent": value})


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ServiceError("Năm không hợp lệ.", field="year")


def framework_create_default(
    *, by, year: int, commune=None, province=None, subject: str = "units"
) -> Framework:
    """A framework from our default criteria: a commune's for its units, or a province's (for its
    communes, or for its communes to adopt for their units)."""
    _check_year(year)
    if (commune is None) == (province is None):
        raise ServiceError("Bộ tiêu chí thuộc một xã hoặc một tỉnh.")
    if commune is not None:
        subject = Framework.Subject.UNITS
    if subject not in Framework.Subject.values:
        raise ServiceError("Đối tượng chấm không hợp lệ.", field="subject")
    probe = Framework(commune=commune, province=province, subject=subject, year=year)
    if not (may_manage(by, probe) if commune is not None else may_manage_province(by, province)):
        raise ServiceError("Bạn không có quyền lập bộ tiêu chí chấm điểm ở đây.", code="forbidden")
    catalogue = rules.DEFAULT_UNITS if subject == Framework.Subject.UNITS else rules.DEFAULT_COMMUNES
    try:
        with transaction.atomic():
            framework = Framework.objects.create(
                year=year,
                commune=commune,
                province=province,
                subject=subject,
                title=DEFAULT_TITLES[subject].format(year=year),
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
            for g, (group_title, criteria) in enumerate(catalogue, 1):
                group = CriterionGroup.objects.create(framework=framework, order=g, title=group_title)
                Criterion.objects.bulk_create(
                    Criterion(
                        framework=framework,
                        group=group,
                        order=i,
                        title=c.title,
                        guidance=c.guidance,
                        max_points=Decimal(c.max_points),
                        measure=c.measure,
                        target=c.target,
                    )
                    for i, c in enumerate(criteria, 1)
                )
            _write_bands(framework, rules.DEFAULT_BANDS)
            audit_record(
                actor=by,
                action="scoring.framework_create",
                after={"year": year, "subject": subject, "default": True},
                **_audit_target(framework),
            )
    except IntegrityError:
        raise ServiceError(f"Đã có bộ tiêu chí năm {year}.", code="exists") from None
    return framework


def framework_adopt(*, by, commune, source: Framework) -> Framework:
    """A commune takes its province's framework for units as its own for that year (a copy it may
    then adjust: thresholds at any time, criteria until a sheet is sent)."""
    if source.province_id != commune.province_id or source.subject != Framework.Subject.UNITS:
        raise ServiceError("Chỉ áp dụng được bộ tiêu chí chấm đơn vị do tỉnh mình ban hành.", field="source")
    probe = Framework(commune=commune, subject=Framework.Subject.UNITS, year=source.year)
    if not may_manage(by, probe):
        raise ServiceError("Bạn không có quyền áp dụng bộ tiêu chí tại xã này.", code="forbidden")
    try:
        with transaction.atomic():
            framework = Framework.objects.create(
                year=source.year,
                commune=commune,
                subject=Framework.Subject.UNITS,
                title=source.title,
                adopted_from=source,
                created_by=by,
            )
            for group in source.groups.prefetch_related("criteria"):
                copy = CriterionGroup.objects.create(
                    framework=framework, order=group.order, title=group.title
                )
                Criterion.objects.bulk_create(
                    Criterion(
                        framework=framework,
                        group=copy,
                        order=c.order,
                        title=c.title,
                        guidance=c.guidance,
                        max_points=c.max_points,
                        measure=c.measure,
                        target=c.target,
                    )
                    for c in group.criteria.all()
                )
            _write_bands(
                framework, {b.level: b.min_percent for b in source.bands.all()} or rules.DEFAULT_BANDS
            )
            audit_record(
                actor=by,
                action="scoring.framework_adopt",
                after={"year": source.year, "source": source.pk},
                **_audit_target(framework),
            )
    except IntegrityError:
        raise ServiceError(f"Xã đã có bộ tiêu chí năm {source.year}.", code="exists") from None
    return framework


def bands_set(*, by, framework: Framework, excellent, good, pass_) -> Framework:
    """Edit the thresholds (% of the maximum total); the ranking follows at once."""
    if not may_manage(by, framework):
        raise ServiceError("Bạn không có quyền sửa ngưỡng xếp loại.", code="forbidden")
    try:
        values = {
            k: Decimal(str(v).strip().replace(",", "."))
            for k, v in (("excellent", excellent), ("good", good), ("pass", pass_))
        }
    except InvalidOperation:
        raise ServiceError("Ngưỡng phải là một số.", field="excellent") from None
    problem = rules.thresholds_valid(values)
    if problem:
        raise ServiceError(problem, field="excellent")
    with transaction.atomic():
        before = {
            b.level: str(b.min_percent) for b in Band.objects.select_for_update().filter(framework=framework)
        }
        _write_bands(framework, values)
        audit_record(
            actor=by,
            action="scoring.bands_set",
            before=before,
            after={k: str(v) for k, v in values.items()},
            **_audit_target(framework),
        )
    return framework


def _unlocked(framework: Framework) -> Framework:
    """The framework locked for a change of its criteria, refused once any sheet has been sent."""
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    if Assessment.objects.filter(framework=locked).exclude(status=Assessment.Status.DRAFT).exists():
        raise ServiceError("Đã có đơn vị gửi phiếu chấm: không sửa được tiêu chí năm này.", code="locked")
    return locked


def criterion_delete(*, by, framework: Framework, criterion: Criterion) -> None:
    """Remove a criterion (and the draft points given to it) while no sheet has been sent."""
    if not may_manage(by, framework):
        raise ServiceError("Bạn không có quyền sửa bộ tiêu chí.", code="forbidden")
    if criterion.framework_id != framework.pk:
        raise ServiceError("Tiêu chí không thuộc bộ tiêu chí này.")
    with transaction.atomic():
        locked = _unlocked(framework)
        if Criterion.objects.filter(framework=locked).count() <= 1:
            raise ServiceError("Bộ tiêu chí phải còn ít nhất một tiêu chí.", code="last")
        before = {
            "criterion": criterion.pk,
            "title": criterion.title,
            "max_points": str(criterion.max_points),
        }
        group = criterion.group
        criterion.delete()
        if not group.criteria.exists():
            group.delete()
        audit_record(actor=by, action="scoring.criterion_delete", before=before, **_audit_target(locked))


def criterion_save(
    *,
    by,
    framework: Framework,
    group_title: str,
    title: str,
    max_points,
    measure: str = "",
    target=None,
    guidance: str = "",
    criterion: Criterion | None = None,
) -> Criterion:
    """Add or edit a criterion, only while no sheet of this framework has been sent (scores given
    against the old wording would no longer mean what they said)."""
    if not may_manage(by, framework):
        raise ServiceError("Bạn không có quyền sửa bộ tiêu chí.", code="forbidden")
    title = clean_text(title, field="title", label="tên tiêu chí", max_chars=300)
    group_title = clean_text(group_title, field="group_title", label="nhóm tiêu chí", max_chars=300)
    guidance = clean_text(guidance, field="guidance", label="cách chấm", required=False, max_chars=500)
    try:
        points = Decimal(str(max_points).strip().replace(",", "."))
    except InvalidOperation:
        raise ServiceError("Điểm tối đa phải là một số.", field="max_points") from None
    if not points.is_finite() or points <= 0 or points > 100:
        raise ServiceError("Điểm tối đa phải lớn hơn 0 và không quá 100.", field="max_points")
    if measure and (
        measure not in rules.MEASURES or framework.subject not in rules.MEASURES[measure].subjects
    ):
        raise ServiceError("Cách đo từ dữ liệu không dùng được cho đối tượng chấm này.", field="measure")
    with transaction.atomic():
        locked = _unlocked(framework)
        group, _ = CriterionGroup.objects.get_or_create(
            framework=locked, title=group_title, defaults={"order": locked.groups.count() + 1}
        )
        if criterion is None:
            criterion = Criterion(framework=locked, order=group.criteria.count() + 1)
        elif criterion.framework_id != locked.pk:
            raise ServiceError("Tiêu chí không thuộc bộ tiêu chí này.")
        criterion.group = group
        criterion.title, criterion.guidance, criterion.max_points = title, guidance, points
        criterion.measure, criterion.target = measure, (int(target) if target not in (None, "") else None)
        criterion.save()
        audit_record(
            actor=by,
            action="scoring.criterion_save",
            after={"criterion": criterion.pk, "title": title, "max_points": str(points), "measure": measure},
            **_audit_target(locked),
        )
    return criterion
