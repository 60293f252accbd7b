"""Adding files to a petition already received (bổ sung tài liệu, chứng cứ vào hồ sơ đơn)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.core.images import without_metadata
from danvan.petitions import rules
from danvan.petitions.models import Attachment, Petition
from danvan.petitions.services.common import HANDLERS, MAX_ATTACHMENTS, Status, lock_petition, require_role

# Files can be added while the commune still handles the case, and after the answer (the signed
# decision is often scanned then). Not once it is closed, split, sent elsewhere or returned: the
# case file is final; a closed one is reopened (xem xét lại) first.
ATTACHABLE = rules.OPEN_STATUSES | {Status.RESOLVED}


def petition_add_attachments(*, petition: Petition, files: Iterable, by) -> list[Attachment]:
    """Add one or more files to `petition`, within the same limit per petition as intake
    (`MAX_ATTACHMENTS`). Every file is checked by its content and size before anything is stored;
    one bad file refuses them all. The audit record has kinds, sizes and checksums, never file names
    (a name can carry a person's name)."""
    require_role(by, petition.commune, HANDLERS, "thêm tệp đính kèm")
    # Imported here: `permissions` imports this package for its role sets.
    from danvan.petitions.permissions import may_see_content

    if not may_see_content(by, petition):
        # A denunciation's files can reveal the denouncer: only those handling it see and add them.
        raise ServiceError(
            "Chỉ cán bộ được giao xử lý đơn tố cáo mới được thêm tệp vào đơn này.", code="forbidden"
        )
    uploads = list(files or [])
    if not uploads:
        raise ServiceError("Vui lòng chọn ít nhất một tệp.", field="attachment")
    if len(uploads) > MAX_ATTACHMENTS:
        raise ServiceError(f"Mỗi đơn có tối đa {MAX_ATTACHMENTS} tệp đính kèm.", field="attachment")
    checked = [without_metadata(upload, check_upload(upload)) for upload in uploads]  # no EXIF stored
    with transaction.atomic():
        locked = lock_petition(petition)  # two officers adding at once cannot pass the limit together
        if locked.status not in ATTACHABLE:
            raise ServiceError(
                f"Đơn đang ở trạng thái “{locked.get_status_display()}”, không thêm được tệp đính kèm. "
                "Nếu cần bổ sung tài liệu cho đơn đã kết thúc, hãy xem xét lại đơn trước.",
                code="petition_closed",
            )
        existing = Attachment.objects.filter(petition=locked).count()
        if existing + len(checked) > MAX_ATTACHMENTS:
            raise ServiceError(
                f"Mỗi đơn có tối đa {MAX_ATTACHMENTS} tệp đính kèm; đơn này đã có {existing} tệp, "
                f"chỉ thêm được {max(MAX_ATTACHMENTS - existing, 0)} tệp nữa.",
                code="too_many_files",
                field="attachment",
            )
        added = [
            Attachment.objects.create(
                petition=locked,
                file=upload,
                name=(getattr(upload, "name", "") or "")[:255],
                kind=info.kind,
                mime=info.mime,
                size=info.size,
                sha256=info.sha256,
            )
            for upload, info in checked
        ]
        audit_record(
            actor=by,
            action="petitions.add_attachments",
            obj=locked,
            commune=locked.commune,
            after={
                "attachments": [
                    {"id": a.pk, "kind": a.kind, "size": a.size, "sha256": a.sha256} for a in added
                ],
                "total": existing + len(added),
            },
        )
    return added
