"""Loudspeaker bulletins (loa truyền thanh): compose, schedule per cluster, record airing, draft audio.

Every write in one transaction with its audit record. The draft audio is made offline by espeak-ng's
Vietnamese voice (Debian package `espeak-ng`); without the program the service says so plainly.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from danvan.announcements.models import Broadcast, Bulletin, BulletinItem, Post
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.geo.models import Village
from danvan.org.access import can

# A loudspeaker reader reads Vietnamese slowly and clearly: about 120 words (tiếng) a minute.
READING_WORDS_PER_MINUTE = 120
AUDIO = {
    "mp3": "âm thanh MP3",
    "m4a": "âm thanh M4A",
    "wav": "âm thanh WAV",
    "ogg": "âm thanh OGG",
    "amr": "ghi âm AMR",
}
MAX_AUDIO_BYTES = 50 * 1024 * 1024


def reading_minutes(text: str) -> int:
    """Minutes to read the text aloud, rounded up (0 for nothing)."""
    words = len(text.split())
    return math.ceil(words / READING_WORDS_PER_MINUTE) if words else 0


def bulletin_minutes(bulletin: Bulletin) -> int:
    return reading_minutes(" ".join(f"{i.title}. {i.text}" for i in bulletin.items.all()))


def _require(by, commune) -> None:
    if not can(by, "announcements.write", commune):
        raise ServiceError("Bạn không có quyền soạn, lên lịch bản tin loa.", code="forbidden")


def bulletin_create(*, by, commune, title: str, air_date: date) -> Bulletin:
    _require(by, commune)
    title = " ".join(str(title or "").split())
    if not title or len(title) > 200:
        raise ServiceError("Tên bản tin không được trống, tối đa 200 ký tự.", field="title")
    with transaction.atomic():
        bulletin = Bulletin.objects.create(commune=commune, title=title, air_date=air_date, created_by=by)
        audit_record(actor=by, action="announcements.bulletin_created", obj=bulletin, commune=commune)
    return bulletin


def bulletin_item_add(
    *, by, bulletin: Bulletin, title: str = "", text: str = "", post: Post | None = None, source: str = ""
) -> BulletinItem:
    """Add an item at the end: a post's reading text (`Post.reading_text`), or a text written for the
    loudspeaker."""
    _require(by, bulletin.commune)
    if post is not None:
        if post.commune_id != bulletin.commune_id:
            raise ServiceError("Tin bài không thuộc xã này.", field="post")
        title, text, source = (
            title or post.title,
            text or post.reading_text,
            source or f"announcements.post:{post.pk}",
        )
    title, text = " ".join(str(title or "").split()), str(text or "").strip()
    if not title or not text:
        raise ServiceError("Mục bản tin cần có tiêu đề và nội dung đọc.", field="text")
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        last = locked.items.aggregate(m=Max("position"))["m"] or 0
        item = BulletinItem.objects.create(
            bulletin=locked, position=last + 1, title=title[:200], text=text, post=post, source=source[:80]
        )
        audit_record(
            actor=by,
            action="announcements.bulletin_item_added",
            obj=locked,
            commune=locked.commune,
            after={"item": item.pk, "source": item.source},
        )
    return item


def broadcast_schedule(
    *,
    by,
    bulletin: Bulletin,
    cluster: str,
    village_ids,
    at: datetime,
    duration_minutes: int,
    reader: str = "",
) -> Broadcast:
    """Schedule the bulletin on a cluster of villages' loudspeakers. The slot must hold the reading."""
    commune = bulletin.commune
    _require(by, commune)
    cluster = " ".join(str(cluster or "").split())
    if not cluster:
        raise ServiceError("Nhập tên cụm loa (ví dụ: Cụm loa Thôn 1 – Thôn 2).", field="cluster")
    if not bulletin.items.exists():
        raise ServiceError("Bản tin chưa có mục nào để phát.", field="bulletin")
    needed = bulletin_minutes(bulletin)
    if duration_minutes < max(needed, 1):
        raise ServiceError(
            f"Thời lượng ngắn hơn thời gian đọc ước tính ({needed} phút).", field="duration_minutes"
        )
    villages = list(Village.objects.filter(commune=commune, pk__in=[int(v) for v in village_ids or []]))
    if len(villages) != len(set(village_ids or [])):
        raise ServiceError("Có thôn không thuộc xã này.", field="villages")
    with transaction.atomic():
        broadcast = Broadcast.objects.create(
            bulletin=bulletin,
            cluster=cluster[:120],
            scheduled_at=at,
            duration_minutes=duration_minutes,
            reader=reader[:120],
        )
        broadcast.villages.set(villages)
        audit_record(
            actor=by,
            action="announcements.broadcast_scheduled",
            obj=bulletin,
            commune=commune,
            after={"broadcast": broadcast.pk, "cluster": cluster, "at": at.isoformat()},
        )
    return broadcast


def broadcast_aired(
    *, by, broadcast: Broadcast, aired_at: datetime | None = None, recording=None
) -> Broadcast:
    """Record that the broadcast went out (the proof a disclosure was read), with the reader's recording."""
    commune = broadcast.bulletin.commune
    _require(by, commune)
    aired_at = aired_at or timezone.now()
    if aired_at > timezone.now():
        raise ServiceError("Không thể ghi nhận đã phát cho một thời điểm trong tương lai.", field="aired_at")
    if recording is not None:
        check_upload(recording, allowed=AUDIO, max_bytes=MAX_AUDIO_BYTES)
    with transaction.atomic():
        locked = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
        locked.aired_at = aired_at
        if recording is not None:
            locked.recording.save(Path(recording.name or "ghi-am").name, recording, save=False)
        locked.save()
        audit_record(
            actor=by,
            action="announcements.broadcast_aired",
            obj=locked.bulletin,
            commune=commune,
            after={"broadcast": locked.pk, "aired_at": aired_at.isoformat(), "recording": bool(recording)},
        )
    return locked


def espeak_path() -> str:
    return shutil.which("espeak-ng") or ""


def bulletin_draft_audio(*, by, bulletin: Bulletin) -> Bulletin:
    """Read the bulletin with espeak-ng's Vietnamese voice into a WAV file kept with the bulletin."""
    _require(by, bulletin.commune)
    program = espeak_path()
    if not program:
        raise ServiceError(
            "Máy chủ chưa cài espeak-ng nên chưa tạo được bản đọc thử (apt-get install espeak-ng).",
            code="no_espeak",
        )
    items = list(bulletin.items.all())
    if not items:
        raise ServiceError("Bản tin chưa có mục nào để đọc.", field="bulletin")
    script = f"{bulletin.title}.\n\n" + "\n\n".join(f"{i.title}.\n{i.text}" for i in items)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ban-tin.wav"
        subprocess.run(  # noqa: S603 (a fixed program, text on stdin)
            [program, "-v", "vi", "-s", "140", "-w", str(out), "--stdin"],
            input=script.encode(),
            check=True,
            timeout=300,
            capture_output=True,
        )
        audio = out.read_bytes()
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        locked.draft_audio.save(f"ban-tin-{locked.pk}.wav", ContentFile(audio), save=True)
        audit_record(actor=by, action="announcements.bulletin_audio_made", obj=locked, commune=locked.commune)
    return locked


def broadcasts_for(obj) -> list[Broadcast]:
    """The aired broadcasts whose bulletin read this object out (a disclosure, a post), oldest first: the
    loudspeaker log another app shows as proof. `obj` is any model instance."""
    source = f"{obj._meta.label_lower}:{obj.pk}"
    return list(
        Broadcast.objects.filter(bulletin__items__source=source, aired_at__isnull=False)
        .select_related("bulletin")
        .distinct()
        .order_by("aired_at", "id")
    )


def consecutive_days_aired(obj) -> int:
    """The longest run of consecutive days on which the object was read on a loudspeaker."""
    days = sorted({timezone.localtime(b.aired_at).date() for b in broadcasts_for(obj)})
    best = run = 0
    for i, day in enumerate(days):
        run = run + 1 if i and (day - days[i - 1]).days == 1 else 1
        best = max(best, run)
    return best
