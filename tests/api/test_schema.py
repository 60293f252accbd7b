"""The OpenAPI schema is served and valid; the documentation page needs no external asset."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/communes/{code}/petitions/",
    "/api/v1/communes/{code}/petitions/{id}/",
    *[
        f"/api/v1/communes/{{code}}/petitions/{{id}}/{a}/"
        for a in (
            "classify",
            "split",
            "forward",
            "guide",
            "return",
            "accept",
            "verify",
            "extend",
            "resolve",
            "close",
            "reopen",
            "second-round",
        )
    ],
    "/api/v1/communes/{code}/petitions/{id}/attachments/",
    "/api/v1/communes/{code}/petitions/{id}/attachments/{attachment_id}/",
    "/api/v1/communes/{code}/petitions/{id}/duplicates/",
    "/api/v1/communes/{code}/petitions/{id}/duplicates/{other_id}/link/",
    "/api/v1/communes/{code}/petitions/{id}/duplicates/{other_id}/dismiss/",
    "/api/v1/communes/{code}/petitions/{id}/duplicates/unlink/",
    "/api/v1/communes/{code}/hotspots/",
    "/api/v1/communes/{code}/hotspots/{id}/acknowledge/",
    "/api/v1/communes/{code}/hotspots/{id}/resolve/",
    "/api/v1/communes/{code}/fields/",
    "/api/v1/tracking/{tracking_code}/",
    *[
        f"/open311/v2/{p}.{fmt}"
        for p in ("services", "services/{service_code}", "requests", "requests/{service_request_id}")
        for fmt in ("json", "xml")
    ],
]


def test_schema_served_as_yaml_and_json(client):
    yaml = client.get("/api/v1/schema/")
    assert yaml.status_code == 200 and "openapi: 3" in yaml.content.decode()
    schema = json.loads(client.get("/api/v1/schema/", {"format": "json"}).content)
    assert schema["info"]["title"] == "Dân Vận Số — API"
    for path in PATHS:
        assert path in schema["paths"], path
    assert schema["components"]["securitySchemes"]["ApiKey"]["name"] == "Authorization"


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/open311/v2/requests.json" in out.read_text()


def test_docs_page_is_self_contained(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open311 GeoReport v2" in html and "/api/v1/communes/{code}/petitions/{id}/accept/" in html
    assert "Thụ lý đơn" in html and "Authorization: Api-Key" in html
    external = [
        u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if u.startswith(("http:", "https:", "//"))
    ]
    assert external == []
