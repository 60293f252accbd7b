"""Where uploaded and generated files live: the local media folder, or an S3-compatible bucket shared by
every node (`DANVAN_S3_BUCKET`; MinIO, Ceph, a cloud's object store). Read by settings.py; no Django here.

Every file of the project goes through Django's storage API (`FieldFile.open`, `.save`, `.url`,
`.delete`), never a local path, so switching the backend moves them all."""

from __future__ import annotations

from collections.abc import Mapping


def s3_storage(env: Mapping[str, str]) -> dict | None:
    """The `STORAGES["default"]` entry for an S3 bucket from these environment variables; None when
    `DANVAN_S3_BUCKET` is unset (the local media folder)."""
    bucket = env.get("DANVAN_S3_BUCKET", "").strip()
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.get("DANVAN_S3_ENDPOINT_URL") or None,
            "region_name": env.get("DANVAN_S3_REGION") or None,
            "access_key": env.get("DANVAN_S3_ACCESS_KEY") or None,
            "secret_key": env.get("DANVAN_S3_SECRET_KEY") or None,
            "location": env.get("DANVAN_S3_PREFIX", ""),
            "addressing_style": env.get("DANVAN_S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",  # what MinIO and every current S3 expect
            # Objects stay private (the bucket's own policy): a page links to a signed address that
            # expires, and staff downloads go through the views that check who may read the file.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": int(env.get("DANVAN_S3_URL_SECONDS", "3600")),
            # Two residents' "anh.jpg" in the same month must not overwrite each other: the file
            # storage adds a suffix, django-storages' default would replace the first one.
            "file_overwrite": False,
        },
    }


def s3_origin(env: Mapping[str, str]) -> str:
    """The origin pages load signed files from (for the Content-Security-Policy)."""
    endpoint = env.get("DANVAN_S3_ENDPOINT_URL") or "https://*.amazonaws.com"
    return "/".join(endpoint.split("/")[:3])
