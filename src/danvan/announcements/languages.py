"""Content in the commune's minority languages: its list of languages, a translated version of a post,
a bulletin's version in a language (a recorded reading, a translation, or both).

Vietnamese stays the original: a version never replaces the post or bulletin it belongs to, and is
removed with it. Every write in one transaction with its audit record; a refusal is a Vietnamese
`ServiceError` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from danvan.announcements.loudspeaker import AUDIO, MAX_AUDIO_BYTES
from danvan.announcements.models import Bulletin, BulletinVersion, Language, Post, PostVersion
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.org.access import can
from danvan.text.languages import MINORITY_LANGUAGES
from danvan.text.normalize import nfc

MANAGE, WRITE = "announcements.languages", "announcements.write"
ISO_639_3 = re.compile(r"^[a-z]{3}$")
# Vietnamese is the original of every post; a "version" in it would be a second original.
ORIGINAL = "vie"
# Names we know for the codes a commune is likely to need; the commune may still type its own name.
KNOWN = MINORITY_LANGUAGES
_POST_FIELDS = ["title", "body", "translator", "translated_on"]
_BULLETIN_FIELDS = ["text", "translator", "translated_on", "reader", "audio_sha256"]


def _text(value, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} tối đa {max_chars} ký tự.", field=field)
    return text


def _language_of(language: Language, commune) -> None:
    if language.commune_id != commune.pk:
        raise ServiceError("Ngôn ngữ này không có trong danh sách của xã.", field="language")
    # Read again: the list may have changed since the page that chose the language was drawn.
    if not Language.objects.filter(pk=language.pk, is_active=True).exists():
        raise ServiceError(f"Xã đã thôi dùng {language.name}.", field="language")


def _translated_on(day: dt.date | None, *, required: bool) -> dt.date | None:
    if day is None:
        if required:
            raise ServiceError("Vui lòng nhập ngày dịch (dd/mm/yyyy).", field="translated_on")
        return None
    if day > timezone.localdate():
        raise ServiceError("Ngày dịch không được sau hôm nay.", field="translated_on")
    return day


def language_add(*, by, commune, code: str, name: str = "") -> Language:
    """Add a language to the commune's list, or switch one it had stopped using back on."""
    if not can(by, MANAGE, commune):
        raise ServiceError("Bạn không có quyền sửa danh sách ngôn ngữ của xã.", code="forbidden")
    code = str(code or "").strip().lower()
    if not ISO_639_3.match(code):
        raise ServiceError("Mã ngôn ngữ gồm đúng 3 chữ cái theo ISO 639-3, ví dụ kpm (K'Ho).", field="code")
    if code == ORIGINAL:
        raise ServiceError("Tiếng Việt là bản gốc của mọi tin, không cần thêm.", field="code")
    name = _text(name or KNOWN.get(code, ""), field="name", label="tên ngôn ngữ", max_chars=60)
    with transaction.atomic():
        language, created = Language.objects.select_for_update().get_or_create(
            commune=commune, code=code, defaults={"name": name}
        )
        if not created and language.is_active:
            raise ServiceError(f"{language.name} đã có trong danh sách của xã.", field="code")
        before = None if created else snapshot(language, ["name", "is_active"])
        language.name, language.is_active = name, True
        language.save()
        audit_record(
            actor=by,
            action="announcements.language_added",
            obj=language,
            commune=commune,
            before=before,
            after=snapshot(language, ["code", "name", "is_active"]),
        )
    return language


def language_stop(*, by, language: Language) -> Language:
    """Stop offering a language: new versions can no longer be written in it and the portal no longer
    shows it; what was written stays (staff still see it)."""
    if not can(by, MANAGE, language.commune):
        raise ServiceError("Bạn không có quyền sửa danh sách ngôn ngữ của xã.", code="forbidden")
    with transaction.atomic():
        locked = Language.objects.select_for_update().get(pk=language.pk)
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        audit_record(actor=by, action="announcements.language_stopped", obj=locked, commune=locked.commune)
    return locked


def post_version_save(
    *,
    by,
    post: Post,
    language: Language,
    title: str,
    body: str,
    translator: str,
    translated_on: dt.date | None,
) -> PostVersion:
    """Write (or correct) the post's version in one of the commune's languages."""
    commune = post.commune
    if not can(by, WRITE, commune):
        raise ServiceError("Bạn không có quyền viết bản tiếng dân tộc của tin.", code="forbidden")
    _language_of(language, commune)
    title = _text(title, field="title", label="tiêu đề bản dịch", max_chars=200)
    body = _text(body, field="body", label="nội dung bản dịch", max_chars=20000)
    translator = _text(translator, field="translator", label="tên người dịch", max_chars=150)
    translated_on = _translated_on(translated_on, required=True)
    with transaction.atomic():
        version = PostVersion.objects.select_for_update().filter(post=post, language=language).first()
        before = snapshot(version, _POST_FIELDS) if version else None
        version = version or PostVersion(post=post, language=language)
        version.title, version.body, version.translator = title, body, translator
        version.translated_on, version.recorded_by, version.updated_at = translated_on, by, timezone.now()
        version.save()
        audit_record(
            actor=by,
            action="announcements.post_version_saved",
            obj=post,
            commune=commune,
            before=before,
            after={"language": language.code, **snapshot(version, _POST_FIELDS)},
        )
    return version


def post_version_remove(*, by, version: PostVersion) -> None:
    _version_remove(
        by,
        version,
        owner=version.post,
        fields=_POST_FIELDS,
        action="announcements.post_version_removed",
        refusal="Bạn không có quyền xóa bản tiếng dân tộc của tin.",
    )


def bulletin_version_save(
    *,
    by,
    bulletin: Bulletin,
    language: Language,
    text: str = "",
    translator: str = "",
    translated_on: dt.date | None = None,
    reader: str = "",
    audio=None,
) -> BulletinVersion:
    """Add (or correct) the bulletin's version in a language: a recorded reading (checked as real audio
    by its content, at most MAX_AUDIO_BYTES), a written translation with who translated it and when, or
    both. A new recording replaces the old one; without one the old recording stays."""
    commune = bulletin.commune
    if not can(by, WRITE, commune):
        raise ServiceError("Bạn không có quyền thêm bản tin loa tiếng dân tộc.", code="forbidden")
    _language_of(language, commune)
    text = _text(text, field="text", label="bản dịch", max_chars=20000, required=False)
    translator = _text(
        translator, field="translator", label="tên người dịch", max_chars=150, required=bool(text)
    )
    translated_on = _translated_on(translated_on, required=bool(text))
    reader = _text(reader, field="reader", label="tên người đọc", max_chars=150, required=False)
    checked = None
    if audio is not None:
        try:
            checked = check_upload(audio, allowed=AUDIO, max_bytes=MAX_AUDIO_BYTES)
        except ServiceError as err:
            raise ServiceError(err.message, code=err.code, field="audio") from None
    with transaction.atomic():
        version = (
            BulletinVersion.objects.select_for_update().filter(bulletin=bulletin, language=language).first()
        )
        if not text and checked is None and not (version and version.audio):
            raise ServiceError("Tải lên bản ghi âm hoặc nhập bản dịch.", field="audio")
        before = snapshot(version, _BULLETIN_FIELDS) if version else None
        version = version or BulletinVersion(bulletin=bulletin, language=language)
        version.text, version.translator = text, translator if text else ""
        version.translated_on = translated_on if text else None
        version.reader, version.recorded_by, version.updated_at = reader, by, timezone.now()
        if checked is not None:
            old = version.audio.name if version.audio else ""
            if old:  # removed only once the new one is committed: a failed save keeps the old reading
                transaction.on_commit(lambda: version.audio.storage.delete(old))
            name = f"ban-tin-{bulletin.pk}-{language.code}.{checked.kind}"
            version.audio.save(name, audio, save=False)
            version.audio_mime, version.audio_size, version.audio_sha256 = (
                checked.mime,
                checked.size,
                checked.sha256,
            )
        version.save()
        audit_record(
            actor=by,
            action="announcements.bulletin_version_saved",
            obj=bulletin,
            commune=commune,
            before=before,
            after={"language": language.code, **snapshot(version, _BULLETIN_FIELDS)},
        )
    return version


def audio_response(version: BulletinVersion, *, download: bool):
    """The recording as a response of its real type: played in the page, or downloaded with a name the
    loudspeaker operator recognises (the air date and the language). Media files are not served by the
    web server here, so every recording goes through a view that checked who may hear it."""
    from django.http import FileResponse

    # Stored under the extension of the type found in its bytes (bulletin_version_save).
    kind = version.audio.name.rsplit(".", 1)[-1]
    name = f"ban-tin-loa-{version.bulletin.air_date:%Y-%m-%d}-{version.language.code}.{kind}"
    response = FileResponse(
        version.audio.open("rb"), as_attachment=download, filename=name, content_type=version.audio_mime
    )
    return response


def bulletin_version_remove(*, by, version: BulletinVersion) -> None:
    _version_remove(
        by,
        version,
        owner=version.bulletin,
        fields=_BULLETIN_FIELDS,
        action="announcements.bulletin_version_removed",
        refusal="Bạn không có quyền xóa bản tin loa tiếng dân tộc.",
    )


def _version_remove(by, version, *, owner, fields, action: str, refusal: str) -> None:
    """Remove a post's or bulletin's version in a language, audited on what it belongs to with what was
    lost; a recording is deleted from storage only once the removal is committed."""
    commune = owner.commune
    if not can(by, WRITE, commune):
        raise ServiceError(refusal, code="forbidden")
    with transaction.atomic():
        audit_record(
            actor=by,
            action=action,
            obj=owner,
            commune=commune,
            before={"language": version.language.code, **snapshot(version, fields)},
        )
        audio = getattr(version, "audio", None)  # a post's version has none
        if audio:
            name = audio.name
            transaction.on_commit(lambda: audio.storage.delete(name))
        version.delete()
