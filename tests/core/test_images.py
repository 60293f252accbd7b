"""Photos keep their pixels and lose everything else: where they were taken, the camera, the owner."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.core.images import photo_place, without_metadata

GPS = {1: "S", 2: (8.0, 30.0, 36.0), 3: "E", 4: (108.0, 6.0, 0.0)}  # 8°30'36"S 108°6'E


def photo(fmt="JPEG", *, gps=GPS, orientation=None, size=(60, 40), name="IMG_0001.jpg"):
    import pillow_heif

    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[0x010F] = "Hãng máy ảnh"
    exif[0x013B] = "Nguyễn Văn Chủ Máy"  # Artist: some phones write the owner's name
    if gps:
        exif[0x8825] = gps
    if orientation:
        exif[0x0112] = orientation
    buf = io.BytesIO()
    Image.new("RGB", size, "green").save(buf, fmt, exif=exif.tobytes())
    return SimpleUploadedFile(name, buf.getvalue())


@pytest.mark.parametrize(("fmt", "kind"), [("JPEG", "jpg"), ("HEIF", "heic")])
def test_the_place_a_phone_wrote_is_read_in_degrees_with_its_hemisphere(fmt, kind):
    upload = photo(fmt)
    place = photo_place(upload, kind)
    assert place.lat == Decimal("-8.510000") and place.lng == Decimal("108.100000")
    assert upload.tell() == 0  # the upload is left ready to be stored


def test_no_place_without_gps_or_for_a_document_or_a_zero_fix():
    assert photo_place(photo(gps=None), "jpg") is None
    assert photo_place(photo(gps={1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}), "jpg") is None
    assert photo_place(SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), "pdf") is None


@pytest.mark.parametrize(
    ("fmt", "kind"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("HEIF", "heic")]
)
def test_a_stored_photo_has_no_metadata_and_its_checksum_is_the_copys(fmt, kind):
    upload = photo(fmt, name=f"anh.{kind}")
    info = check_upload(upload)
    clean, clean_info = without_metadata(upload, info)
    data = clean.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (60, 40)
        assert not image.getexif()
        assert not image.info.get("exif") and not image.info.get("xmp")
    assert b"Chu May" not in data and "Nguyễn".encode() not in data
    assert clean_info.kind == kind and clean_info.size == len(data) and clean_info.sha256 != info.sha256
    assert clean.name == f"anh.{kind}"


def test_a_sideways_photo_is_turned_upright_before_its_orientation_tag_goes():
    upload = photo(orientation=6, size=(60, 40))  # "rotate 90° to show": a portrait shot
    clean, _ = without_metadata(upload, check_upload(upload))
    with Image.open(clean) as image:
        assert image.size == (40, 60)


def test_a_document_is_stored_as_it_came():
    pdf = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF")
    info = check_upload(pdf)
    assert without_metadata(pdf, info) == (pdf, info)


def test_a_broken_photo_is_refused_in_vietnamese():
    good = photo().read()
    broken = SimpleUploadedFile("hong.jpg", good[: len(good) // 2])
    with pytest.raises(ServiceError) as err:
        without_metadata(broken, check_upload(broken))
    assert "Không đọc được ảnh" in err.value.message
