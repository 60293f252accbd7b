"""Files of a refused portal form, held so a resident without JavaScript need not choose them again.

The form's script keeps the files in the page itself; a phone without the script sends them with every
try, and a browser cannot put a chosen file back into a new page. So when the portal refuses a form
(a complaint without a name, a bad coordinate), its files that pass the content check are held under the
form's client token, the page lists them ticked, and the next try takes them along. They are the files
as sent (the photo's place is still read on submission, its metadata dropped then, as for any upload),
never served to anyone, and deleted when the petition takes them or after `HOLD_HOURS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.petitions.models import HeldUpload
from danvan.petitions.services.common import CITIZEN, MAX_ATTACHMENTS

HOLD_HOURS = 24


def _token(client_token: str | None) -> str:
    token = (client_token or "").strip()
    if not token or len(token) > 64:
        raise ServiceError("Mã gửi đơn không hợp lệ.", field="client_token")
    return token


def held_files(*, commune, client_token: str | None) -> list[HeldUpload]:
    """The files held for this form, oldest first; none for a missing token."""
    token = (client_token or "").strip()
    if not token:
        return []
    since = timezone.now() - timedelta(hours=HOLD_HOURS)
    return list(HeldUpload.objects.filter(commune=commune, client_token=token, created_at__gte=since))


def held_files_keep(*, commune, client_token: str | None, uploads: Iterable) -> list[HeldUpload]:
    """Hold the files of a refused form (each checked by its content; a bad one refuses them all, with
    its reason). With what is already held, no more than the petition's limit."""
    token = _token(client_token)
    files = list(uploads or [])
    if not files:
        return held_files(commune=commune, client_token=token)
    checked = [(upload, check_upload(upload)) for upload in files]
    with transaction.atomic():
        already = HeldUpload.objects.select_for_update().filter(commune=commune, client_token=token)
        if already.count() + len(checked) > MAX_ATTACHMENTS:
            raise ServiceError(f"Chỉ gửi kèm tối đa {MAX_ATTACHMENTS} tệp.", field="attachment")
        for upload, info in checked:
            HeldUpload.objects.create(
                commune=commune,
                client_token=token,
                file=upload,
                name=(getattr(upload, "name", "") or "")[:255],
                kind=info.kind,
                size=info.size,
            )
        audit_record(
            actor=CITIZEN,
            action="petitions.files_held",
            commune=commune,
            after={"files": len(checked), "kinds": [info.kind for _, info in checked]},
        )
    return held_files(commune=commune, client_token=token)


def held_as_uploads(held: Iterable[HeldUpload]) -> list[ContentFile]:
    """The held files as uploads for `petition_submit` (which checks and cleans them like any other)."""
    out = []
    for row in held:
        with row.file.open("rb") as f:
            out.append(ContentFile(f.read(), name=row.name or row.file.name.rsplit("/", 1)[-1]))
    return out


def held_files_release(*, commune, client_token: str | None, keep_ids: Iterable[int] = ()) -> int:
    """Delete the held files of this form except `keep_ids` (after the petition took them, or those the
    resident unticked). Returns how many went."""
    token = (client_token or "").strip()
    if not token:
        return 0
    keep = {int(i) for i in keep_ids}
    with transaction.atomic():
        rows = [r for r in HeldUpload.objects.filter(commune=commune, client_token=token) if r.pk not in keep]
        for row in rows:
            transaction.on_commit(lambda f=row.file: f.delete(save=False))
        HeldUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
        if rows:
            audit_record(
                actor=CITIZEN, action="petitions.held_released", commune=commune, after={"files": len(rows)}
            )
    return len(rows)


def held_files_purge(*, now=None) -> int:
    """Daily: delete what was held longer than `HOLD_HOURS` (forms never sent)."""
    cutoff = (now or timezone.now()) - timedelta(hours=HOLD_HOURS)
    with transaction.atomic():
        rows = list(HeldUpload.objects.filter(created_at__lt=cutoff))
        for row in rows:
            transaction.on_commit(lambda f=row.file: f.delete(save=False))
        HeldUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
        if rows:
            audit_record(actor=None, action="petitions.held_purged", after={"files": len(rows)})
    return len(rows)
