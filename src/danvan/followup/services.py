"""Every write of the follow-up of decisions: add an execution item to a resolved complaint or
denunciation, mark it carried out (result, date, evidence) or not to be carried out (reason). One
transaction each, audited; a refusal changes nothing.

Who: the leaders and the coordinator add and cancel items; they and the officers of the responsible unit
record the result. A denunciation's items only for those who may see its content."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.followup.models import ExecutionItem
from danvan.org.access import can, memberships_in
from danvan.org.models import Role, Unit
from danvan.outgoing.models import OutgoingDocument
from danvan.petitions.models import Petition
from danvan.petitions.permissions import may_see_content
from danvan.petitions.services.letters import SOURCE as LETTER_SOURCE

MANAGE, UPDATE = "followup.manage", "followup.update"
KINDS = (Petition.Kind.COMPLAINT, Petition.Kind.DENUNCIATION)
RESOLVED = (Petition.Status.RESOLVED, Petition.Status.CLOSED)
DECISION_LETTERS = ("quyet-dinh-giai-quyet-khieu-nai", "ket-luan-to-cao")
_AUDIT = ["status", "due_on", "done_on", "result", "evidence_sha256", "responsible", "content"]
S = ExecutionItem.Status


def _text(value: str, *, field: str, label: str, max_chars: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ServiceError(f"Chưa ghi {label}.", code="required", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} dài quá {max_chars} ký tự.", code="too_long", field=field)
    return text


def may_see_item(user, petition: Petition) -> bool:
    return may_see_content(user, petition)


def may_manage(user, petition: Petition) -> bool:
    return can(user, MANAGE, petition.commune) and may_see_item(user, petition)


def may_update(user, item: ExecutionItem) -> bool:
    """The leaders and the coordinator; or an officer of the unit responsible for this item."""
    if not getattr(user, "is_authenticated", False) or not may_see_item(user, item.petition):
        return False
    if can(user, MANAGE, item.commune):
        return True
    return any(
        m.role == Role.UNIT_OFFICER and m.unit_id == item.unit_id for m in memberships_in(user, item.commune)
    )


def decisions_of(petition: Petition):
    """The decisions or conclusions issued for this case (numbered letters), newest first."""
    return OutgoingDocument.objects.filter(
        source=LETTER_SOURCE, source_id=petition.pk, letter__in=DECISION_LETTERS
    ).order_by("-issued_on", "-pk")


def execution_add(
    *,
    petition: Petition,
    by,
    content: str,
    unit: Unit | None,
    responsible: str,
    due_on: dt.date | None,
    decision: OutgoingDocument | None = None,
) -> ExecutionItem:
    """Một việc phải thi hành: what, by whom (a unit of the commune answers for it), by when, under which
    decision (the latest decision or conclusion of the case when none is named)."""
    if not may_manage(by, petition):
        raise ServiceError(
            "Chỉ lãnh đạo và công chức đầu mối được giao việc thi hành quyết định.", code="forbidden"
        )
    if petition.kind not in KINDS:
        raise ServiceError("Chỉ theo dõi thi hành quyết định giải quyết khiếu nại, tố cáo.", code="kind")
    if petition.status not in RESOLVED:
        raise ServiceError("Đơn chưa có quyết định giải quyết: chưa thể giao việc thi hành.", code="status")
    content = _text(content, field="content", label="việc phải thi hành", max_chars=2000)
    responsible = _text(responsible, field="responsible", label="người, cơ quan phải thi hành", max_chars=200)
    if unit is None or unit.commune_id != petition.commune_id:
        raise ServiceError("Chọn đơn vị chịu trách nhiệm của xã.", code="required", field="unit")
    if due_on is None:
        raise ServiceError("Chưa chọn hạn thi hành.", code="required", field="due_on")
    if decision is not None and (decision.source != LETTER_SOURCE or decision.source_id != petition.pk):
        raise ServiceError("Văn bản không phải quyết định của đơn này.", code="invalid", field="decision")
    decision = decision or decisions_of(petition).first()
    start = decision.issued_on if decision else petition.answered_on
    if start and due_on < start:
        raise ServiceError(
            f"Hạn thi hành không được trước ngày quyết định ({start:%d/%m/%Y}).",
            code="invalid",
            field="due_on",
        )
    with transaction.atomic():
        item = ExecutionItem.objects.create(
            commune=petition.commune,
            petition=petition,
            decision=decision,
            content=content,
            unit=unit,
            responsible=responsible,
            due_on=due_on,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="followup.execution_add",
            obj=item,
            commune=petition.commune,
            after=snapshot(item, _AUDIT) | {"petition": petition.tracking_code},
        )
    return item


def _close(item: ExecutionItem, by, status: str, result: str, on: dt.date | None, evidence=None):
    if not may_update(by, item):
        raise ServiceError("Bạn chỉ cập nhật được việc thi hành giao cho đơn vị của mình.", code="forbidden")
    label = "kết quả thi hành" if status == S.DONE else "lý do không phải thi hành"
    result = _text(result, field="result", label=label, max_chars=5000)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ServiceError("Ngày không được sau hôm nay.", code="invalid", field="on")
    checked = check_upload(evidence) if evidence is not None else None
    with transaction.atomic():
        locked = ExecutionItem.objects.select_for_update().get(pk=item.pk)
        if locked.status != S.OPEN:
            raise ServiceError(f"Việc này đã “{locked.get_status_display().lower()}”.", code="bad_transition")
        before = snapshot(locked, _AUDIT)
        locked.status, locked.done_on, locked.result = status, on, result
        if checked is not None:
            locked.evidence = evidence
            locked.evidence_name = (getattr(evidence, "name", "") or "minh-chung")[:255]
            locked.evidence_sha256 = checked.sha256
        locked.save()
        audit_record(
            actor=by,
            action=f"followup.execution_{status}",
            obj=locked,
            commune=locked.commune,
            before=before,
            after=snapshot(locked, _AUDIT),
        )
    return locked


def execution_done(*, item: ExecutionItem, by, result: str, on: dt.date | None = None, evidence=None):
    """Đã thi hành xong: the result, the day, and the evidence (a photo, a scan of the receipt…)."""
    return _close(item, by, S.DONE, result, on, evidence)


def execution_cancel(*, item: ExecutionItem, by, reason: str, on: dt.date | None = None):
    """Không phải thi hành nữa (e.g. the decision was annulled on a second complaint), with the reason.
    Only the leaders and the coordinator."""
    if not may_manage(by, item.petition):
        raise ServiceError("Chỉ lãnh đạo và công chức đầu mối được hủy việc thi hành.", code="forbidden")
    return _close(item, by, S.CANCELLED, reason, on)
