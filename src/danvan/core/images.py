"""Photos people upload: the place a phone wrote into them (EXIF GPS), and a copy without any metadata.

A phone photo carries the camera, the owner's name on some phones, the exact time and, when location is
on, where it was taken (often the sender's own house). None of it may reach whoever later downloads the
file, so every stored photo is re-encoded by Pillow from its pixels only: turned upright first (the
EXIF orientation would be lost with the rest), then saved without EXIF, XMP or text chunks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from danvan.core.errors import ServiceError
from danvan.core.files import CheckedFile, check_upload

# The kinds `core.files.check_upload` names that Pillow reads and writes; HEIC (iPhones) through
# pillow-heif's plug-in.
CLEANABLE = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "heic": "HEIF"}
register_heif_opener()
# A 12 MP camera makes 4000 × 3000 = 12 million pixels; a 200 MP phone sensor 200 million. Beyond that
# a file is more likely a decompression bomb than a photo.
MAX_PIXELS = 210_000_000
GPS_IFD = 0x8825
_LAT_REF, _LAT, _LNG_REF, _LNG = 1, 2, 3, 4
SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Place:
    """A point as the petition stores it: degrees with 6 decimals (about 10 cm)."""

    lat: Decimal
    lng: Decimal


def _degrees(value, ref) -> Decimal | None:
    try:
        d, m, s = (Decimal(str(float(part))) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    out = d + m / 60 + s / 3600
    if str(ref or "").strip().upper()[:1] in ("S", "W"):
        out = -out
    return out.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _place_of(image: Image.Image) -> Place | None:
    try:
        gps = image.getexif().get_ifd(GPS_IFD)
    except Exception:
        return None
    if not gps or _LAT not in gps or _LNG not in gps:
        return None
    lat, lng = _degrees(gps[_LAT], gps.get(_LAT_REF)), _degrees(gps[_LNG], gps.get(_LNG_REF))
    if lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    if lat == 0 and lng == 0:  # what some cameras write when they had no fix
        return None
    return Place(lat=lat, lng=lng)


def _open(upload) -> Image.Image:
    name = getattr(upload, "name", "ảnh") or "ảnh"
    upload.seek(0)
    try:
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ServiceError(f"Ảnh “{name}” quá lớn để xử lý.", code="image_too_large", field="attachment")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError) as exc:
        raise ServiceError(
            f"Không đọc được ảnh “{name}”: tệp bị hỏng hoặc chưa tải lên hết. Vui lòng chọn lại ảnh.",
            code="bad_image",
            field="attachment",
        ) from exc
    finally:
        upload.seek(0)
    return image


def photo_place(upload, kind: str) -> Place | None:
    """Where the photo was taken, from its EXIF GPS, or None (no GPS, not a photo, unreadable)."""
    if kind not in CLEANABLE:
        return None
    try:
        return _place_of(_open(upload))
    except ServiceError:
        return None


def without_metadata(upload, info: CheckedFile) -> tuple[object, CheckedFile]:
    """The file to store and its check: a photo re-encoded upright with no metadata at all (its size
    and checksum are those of the copy); any other file unchanged. Raises ServiceError (Vietnamese) for
    a photo Pillow cannot read, so a broken image is refused rather than stored with its metadata."""
    fmt = CLEANABLE.get(info.kind)
    if fmt is None:
        return upload, info
    image = _open(upload)
    upright = ImageOps.exif_transpose(image)
    if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    options = {
        "JPEG": {"quality": 90, "optimize": True},
        "WEBP": {"quality": 90},
        "PNG": {"optimize": True},
        "HEIF": {"quality": 90},
    }
    # No exif=, no xmp=, no pnginfo=: Pillow writes none of them unless asked. The colour profile stays
    # (it says how to show the colours and nothing about the person).
    icc = image.info.get("icc_profile")
    upright.info = {}  # some writers (HEIF) copy what the image read; it keeps nothing
    upright.save(out, format=fmt, **options[fmt], **({"icc_profile": icc} if icc else {}))
    clean = ContentFile(out.getvalue(), name=getattr(upload, "name", "") or f"anh.{info.kind}")
    return clean, check_upload(clean)
