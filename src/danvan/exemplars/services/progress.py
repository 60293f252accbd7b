"""Progress while a model is built: a dated note, figures against its targets, an evidence file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.exemplars.models import Exemplar, Progress, Target
from danvan.exemplars.services.checks import clean_text, may_act_for, today

# Only pictures may be shown on the portal; a document stays in the workspace.
PUBLIC_KINDS = frozenset({"jpg", "png", "webp"})


def _figures(exemplar: Exemplar, figures: dict) -> dict[int, Decimal]:
    targets = {t.pk: t for t in exemplar.targets.all()}
    out: dict[int, Decimal] = {}
    for key, raw in (figures or {}).items():
        if raw is None or str(raw).strip() == "":
            continue
        try:
            target = targets[int(key)]
        except (KeyError, ValueError, TypeError):
            raise ServiceError("Chỉ tiêu không thuộc mô hình này.", field="figures") from None
        try:
            value = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            raise ServiceError(f"“{target.description}”: số liệu phải là một số.", field="figures") from None
        if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
            raise ServiceError(f"“{target.description}”: số liệu không hợp lệ.", field="figures")
        out[target.pk] = value
    return out


def exemplar_progress_add(
    *,
    by,
    exemplar: Exemplar,
    note: str,
    figures: dict | None = None,
    evidence=None,
    evidence_public: bool = False,
    on: dt.date | None = None,
) -> Progress:
    """The registrant (or the coordinator) reports progress; figures update what each target has
    achieved so far. A photo is shown on the portal only when marked so and the model is public."""
    if not may_act_for(by, exemplar):
        raise ServiceError("Bạn chỉ cập nhật được mô hình của đơn vị hoặc thôn mình.", code="forbidden")
    note = clean_text(note, field="note", label="nội dung tiến độ", max_chars=3_000)
    on = on or today()
    if on > today():
        raise ServiceError("Ngày cập nhật không được sau ngày hôm nay.", field="on")
    values = _figures(exemplar, figures or {})
    checked = check_upload(evidence) if evidence is not None else None
    if evidence_public and (checked is None or checked.kind not in PUBLIC_KINDS):
        raise ServiceError("Chỉ ảnh (JPG, PNG, WEBP) mới đăng được trên cổng thông tin.", field="attachment")
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        if locked.status == Exemplar.Status.REGISTERED:
            raise ServiceError(
                "Mô hình chưa được tiếp nhận: chỉ cập nhật tiến độ khi mô hình đang xây dựng.",
                code="bad_state",
            )
        progress = Progress(
            exemplar=locked,
            on=on,
            note=note,
            figures={str(k): str(v) for k, v in values.items()},
            by=by,
            evidence_public=bool(evidence_public),
        )
        if checked is not None:
            progress.evidence = evidence
            progress.evidence_name = (getattr(evidence, "name", "") or "minh-chung")[:255]
            progress.evidence_kind = checked.kind
            progress.evidence_sha256 = checked.sha256
        progress.save()
        for target in Target.objects.filter(pk__in=values):
            target.achieved = values[target.pk]
            target.save(update_fields=["achieved"])
        audit_record(
            actor=by,
            action="exemplars.progress",
            obj=locked,
            after={
                "progress": progress.pk,
                "on": on.isoformat(),
                "figures": progress.figures,
                "evidence_sha256": progress.evidence_sha256,
                "evidence_public": progress.evidence_public,
            },
        )
    return progress
