"""Check uploaded files by their content (not their name), with a size limit and a checksum."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import filetype

from danvan.core.errors import ServiceError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a scanned page or a phone photo fits; a video does not

# What a commune office and a citizen's phone actually send as evidence.
DOCUMENTS_AND_IMAGES: dict[str, str] = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "jpg": "ảnh JPG",
    "png": "ảnh PNG",
    "webp": "ảnh WEBP",
    "heic": "ảnh HEIC",
}


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    mime: str
    size: int
    sha256: str


def check_upload(
    upload, *, allowed: dict[str, str] = DOCUMENTS_AND_IMAGES, max_bytes: int = MAX_UPLOAD_BYTES
) -> CheckedFile:
    """Refuse a file that is too large, empty, or not of an allowed type judged from its bytes."""
    name = getattr(upload, "name", "tệp") or "tệp"
    size = upload.size
    if size == 0:
        raise ServiceError(f"Tệp “{name}” rỗng.", code="empty_file", field="attachment")
    if size > max_bytes:
        raise ServiceError(
            f"Tệp “{name}” lớn hơn {max_bytes // (1024 * 1024)} MB. Vui lòng chọn tệp nhỏ hơn.",
            code="file_too_large",
            field="attachment",
        )
    upload.seek(0)
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        digest.update(chunk)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in allowed:
        kinds = ", ".join(allowed.values())
        raise ServiceError(
            f"Tệp “{name}” không phải loại được nhận. Chỉ nhận: {kinds}.",
            code="file_type",
            field="attachment",
        )
    return CheckedFile(kind=kind.extension, mime=kind.mime, size=size, sha256=digest.hexdigest())


def download_name(name: str, kind: str, *, fallback: str) -> str:
    """A name safe to offer for download: no folders, quotes or control characters, and the extension
    of the type found in the bytes (`kind`), so a PNG uploaded as "x.html" downloads as "x.html.png"
    and is never opened as a page."""
    clean = "".join(ch for ch in (name or "") if ch.isprintable() and ch not in '/\\"<>:*?|').strip(" .")
    clean = clean[:150] or fallback
    if not kind:
        return clean
    suffix = clean.rsplit(".", 1)[-1].lower() if "." in clean else ""
    same = {suffix} | ({"jpg", "jpeg"} if suffix in ("jpg", "jpeg") else set())
    return clean if kind.lower() in same else f"{clean}.{kind.lower()}"


def sniff_kind(field) -> str:
    """The type of a stored file, judged from its first bytes (for files stored without it)."""
    with field.open("rb") as f:
        kind = filetype.guess(f.read(8192))
    return kind.extension if kind else "bin"
