"""Media on shared S3-compatible storage (DANVAN_S3_BUCKET): a resident's photo sent with the public form
is stored in the bucket, never on the node's disk, and the staff download reads it back from there.

Against moto's S3 server (an S3-compatible HTTP server in a thread; no MinIO server is packaged for
Debian or PyPI), with the storage settings built by the same function as settings.py."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from danvan.core.storage import s3_storage
from danvan.petitions.models import Attachment, Petition

pytestmark = pytest.mark.django_db

BUCKET = "danvan-media"


@pytest.fixture(scope="module")
def s3_endpoint():
    moto_server = pytest.importorskip("moto.server", reason="moto (requirements-dev.txt) không có")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, tmp_path, monkeypatch):
    """A fresh bucket, and the project's storage pointed at it as DANVAN_S3_* would."""
    import boto3

    env = {
        "DANVAN_S3_BUCKET": BUCKET,
        "DANVAN_S3_ENDPOINT_URL": s3_endpoint,
        "DANVAN_S3_REGION": "us-east-1",
        "DANVAN_S3_ACCESS_KEY": "danvan-test",
        "DANVAN_S3_SECRET_KEY": "danvan-test-secret",
        "DANVAN_S3_PREFIX": "media",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="danvan-test",
        aws_secret_access_key="danvan-test-secret",
    )
    s3.create_bucket(Bucket=BUCKET)
    storages = {
        "default": s3_storage(env),
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    local = tmp_path / "media"
    local.mkdir()
    with override_settings(STORAGES=storages, MEDIA_ROOT=local):
        yield s3, local
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def _photo(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 12), "green").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def _send(client, commune, token: str, ip: str):
    data = {
        "content": "Cống thoát nước đầu thôn 1 bị tắc, nước tràn ra đường.",
        "kind_hint": "feedback",
        "village": "",
        "address": "Đầu thôn 1",
        "client_token": f"tok-{token}",
        "attachments": [_photo("anh.png")],
    }
    response = client.post(f"/xa/{commune.slug}/phan-anh/", data, REMOTE_ADDR=ip)
    assert response.status_code == 200, response.content.decode()[:500]
    return Attachment.objects.get(petition=Petition.objects.get(client_token=f"tok-{token}"))


def test_a_photo_sent_by_a_resident_is_kept_in_the_bucket_and_downloaded_from_it(
    client, commune, people, bucket
):
    s3, local = bucket
    # Given a resident's petition with a photo, sent through the public form
    attachment = _send(client, commune, "s3-a", "192.0.2.10")
    # Then the photo is an object in the bucket, and nothing is on this node's disk
    key = f"media/{attachment.file.name}"
    stored = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert stored.startswith(b"\x89PNG") and len(stored) == attachment.size
    assert not any(p.is_file() for p in local.rglob("*"))
    # When the coordinator downloads it from the case page
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/don-thu/{attachment.petition_id}/tep/{attachment.pk}/"
    response = client.get(url)
    # Then they get the bucket's bytes, under the file's name, never cached by the browser
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert "anh.png" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_two_photos_with_the_same_name_do_not_overwrite_each_other(client, commune, people, bucket):
    s3, _local = bucket
    first = _send(client, commune, "s3-b", "192.0.2.11")
    second = _send(client, commune, "s3-c", "192.0.2.12")
    assert first.file.name != second.file.name
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {f"media/{first.file.name}", f"media/{second.file.name}"} <= keys


def test_links_to_stored_files_are_signed_and_expire(bucket, s3_endpoint):
    from django.core.files.base import ContentFile

    name = default_storage.save("announcements/2026/12/thong-bao.txt", ContentFile(b"Loa: 7 gio"))
    url = default_storage.url(name)
    # A page (an announcement's photo, a bulletin's audio) links to the bucket with a signature that
    # expires, never to a public object.
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/media/announcements/")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=3600" in url
    with default_storage.open(name) as f:
        assert f.read() == b"Loa: 7 gio"
    default_storage.delete(name)
    assert not default_storage.exists(name)


def test_a_backup_says_the_media_are_in_the_bucket_not_in_the_archive(bucket):
    from danvan.core.backup import media_elsewhere

    # `danvan backup` then names the bucket in its manifest and warns that the bucket needs its own
    # backup, and `danvan restore` leaves the local media folder alone.
    assert media_elsewhere() == f"s3://{BUCKET}/media"


def test_the_local_media_folder_is_backed_up_as_before(settings):
    from danvan.core.backup import media_elsewhere

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    assert media_elsewhere() == ""
