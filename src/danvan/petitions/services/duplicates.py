"""Linking a petition to the open case it duplicates (đơn trùng), undoing it, or dismissing a suggestion.

A linked petition keeps its own tracking code and status; the citizen's tracking page says it is
handled together with another đơn, never which one (a tracking code lets its holder rate the answer,
so another sender's code is never shown)."""

from __future__ import annotations

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.petitions import rules
from danvan.petitions.models import DuplicateDismissal, Petition
from danvan.petitions.services.common import HANDLERS, lock_petition, record_event, require_role

LINKED_NOTE = (
    "Đơn này được xử lý chung với một đơn khác có cùng nội dung; kết quả vẫn tra cứu theo mã của bạn."
)
UNLINKED_NOTE = "Đơn này được xử lý riêng."


def petition_link_duplicate(*, petition: Petition, original: Petition, by) -> Petition:
    """Mark `petition` as a duplicate of `original` (both open, same commune): it is handled with it."""
    require_role(by, petition.commune, HANDLERS, "gộp đơn trùng")
    if original.commune_id != petition.commune_id:
        raise ServiceError("Đơn được chọn không thuộc xã này.", field="original")
    if original.pk == petition.pk:
        raise ServiceError("Không thể gộp một đơn với chính nó.", field="original")
    with transaction.atomic():
        # Lock both rows in id order so two officers linking the same pair cannot deadlock.
        rows = {
            p.pk: p
            for p in Petition.objects.select_for_update()
            .select_related("commune")
            .filter(pk__in=[petition.pk, original.pk])
            .order_by("pk")
        }
        locked, target = rows[petition.pk], rows[original.pk]
        if locked.duplicate_of_id:
            raise ServiceError("Đơn này đã được gộp với một đơn khác.", code="already_linked")
        if target.duplicate_of_id:
            raise ServiceError(
                "Đơn được chọn cũng là đơn trùng: hãy gộp với đơn gốc của nó.", code="target_linked"
            )
        if locked.status not in rules.OPEN_STATUSES or target.status not in rules.OPEN_STATUSES:
            raise ServiceError("Chỉ gộp được các đơn đang xử lý.", code="not_open")
        if Petition.objects.filter(duplicate_of=locked).exists():
            raise ServiceError(
                "Đã có đơn khác gộp vào đơn này: hãy gộp đơn được chọn vào đơn này thay vì ngược lại.",
                code="has_duplicates",
            )
        before = snapshot(locked, ["duplicate_of"])
        locked.duplicate_of = target
        locked.save(update_fields=["duplicate_of", "updated_at"])
        record_event(
            locked,
            by=by,
            action="link_duplicate",
            before=before,
            note=LINKED_NOTE,
            extra={"duplicate_of": target.pk, "duplicate_of_code": target.tracking_code},
        )
    return locked


def petition_unlink_duplicate(*, petition: Petition, by) -> Petition:
    """Undo a link: the petition is handled on its own again."""
    require_role(by, petition.commune, HANDLERS, "tách đơn trùng")
    with transaction.atomic():
        locked = lock_petition(petition)
        if not locked.duplicate_of_id:
            raise ServiceError("Đơn này không gộp với đơn nào.", code="not_linked")
        before = {"duplicate_of": locked.duplicate_of_id}
        locked.duplicate_of = None
        locked.save(update_fields=["duplicate_of", "updated_at"])
        record_event(locked, by=by, action="unlink_duplicate", before=before, note=UNLINKED_NOTE)
    return locked


def petition_dismiss_duplicate(*, petition: Petition, other: Petition, by) -> DuplicateDismissal:
    """Staff decided `other` is not the same case: it is not offered again for this pair."""
    require_role(by, petition.commune, HANDLERS, "bỏ gợi ý đơn trùng")
    if other.commune_id != petition.commune_id or other.pk == petition.pk:
        raise ServiceError("Đơn được chọn không hợp lệ.", field="other")
    with transaction.atomic():
        first, second = sorted([petition.pk, other.pk])
        dismissal, created = DuplicateDismissal.objects.get_or_create(
            petition_id=first, other_id=second, defaults={"by": by}
        )
        if created:
            audit_record(
                actor=by,
                action="petitions.dismiss_duplicate",
                obj=petition,
                commune=petition.commune,
                after={"other": other.pk, "other_code": other.tracking_code},
            )
    return dismissal
