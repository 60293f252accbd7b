"""The commune's choice of steps per kind of đơn (quy trình theo loại đơn)."""

from __future__ import annotations

from django.db import transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.org.models import Role
from danvan.petitions.kind_steps import OPTIONAL_KINDS
from danvan.petitions.models import KindWorkflow
from danvan.petitions.services.common import Kind, require_role

# Which law keeps the steps of the kinds that may not skip them.
_LAW_OF_KIND = {
    Kind.COMPLAINT: "Luật Khiếu nại 2011, Điều 27, 29",
    Kind.DENUNCIATION: "Luật Tố cáo 2018, Điều 28",
}


def kind_workflow_set(
    *, commune, kind: str, skip_acceptance: bool, skip_verification: bool, by
) -> KindWorkflow:
    """Choose whether phản ánh or kiến nghị skip thụ lý and/or xác minh in this commune (the leaders)."""
    require_role(by, commune, {Role.COMMUNE_LEADER}, "thay đổi quy trình xử lý đơn")
    if kind in _LAW_OF_KIND:
        raise ServiceError(
            f"{Kind(kind).label} phải qua thụ lý và xác minh ({_LAW_OF_KIND[kind]}), không thể bỏ bước.",
            field="kind",
        )
    if kind not in OPTIONAL_KINDS:
        raise ServiceError("Vui lòng chọn loại đơn phản ánh hoặc kiến nghị.", field="kind")
    with transaction.atomic():
        row, _ = KindWorkflow.objects.select_for_update().get_or_create(commune=commune, kind=kind)
        before = {"skip_acceptance": row.skip_acceptance, "skip_verification": row.skip_verification}
        row.skip_acceptance, row.skip_verification = bool(skip_acceptance), bool(skip_verification)
        row.save()
        audit_record(
            actor=by,
            action="petitions.kind_workflow_set",
            obj=row,
            commune=commune,
            before=before,
            after={"skip_acceptance": row.skip_acceptance, "skip_verification": row.skip_verification},
        )
    return row
