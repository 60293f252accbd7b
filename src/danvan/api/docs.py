"""The API's human-readable documentation at /api/v1/docs/: our own page rendered from the OpenAPI
schema on the server (no Swagger/Redoc assets, no CDN: it works on an intranet and on a phone)."""

from __future__ import annotations

from functools import lru_cache

from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from danvan.api.open311 import mapping

METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def _schema() -> dict:
    # The schema depends only on the code: build it once per process.
    return SchemaGenerator().get_schema(request=None, public=True)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _fields(schema: dict, components: dict) -> list[dict]:
    """The properties of a request body, one level deep, for a table."""
    if "$ref" in schema:
        schema = components.get(_ref_name(schema["$ref"]), {})
    required = set(schema.get("required", []))
    out = []
    for name, prop in (schema.get("properties") or {}).items():
        kind = prop.get("type") or (_ref_name(prop["$ref"]) if "$ref" in prop else "")
        if "allOf" in prop:
            kind = ", ".join(_ref_name(x.get("$ref", "")) for x in prop["allOf"])
        if prop.get("enum"):
            kind = " | ".join(str(v) for v in prop["enum"] if v not in (None, ""))
        out.append(
            {
                "name": name,
                "type": kind,
                "required": name in required,
                "description": prop.get("description", ""),
                "read_only": prop.get("readOnly", False),
            }
        )
    return out


def endpoints() -> list[dict]:
    """Each operation of the schema, grouped by tag, in the schema's order."""
    schema = _schema()
    components = schema.get("components", {}).get("schemas", {})
    groups: dict[str, list[dict]] = {}
    for path, ops in schema.get("paths", {}).items():
        for method in METHODS:
            op = ops.get(method)
            if op is None:
                continue
            body = (op.get("requestBody") or {}).get("content", {})
            body_schema = next(iter(body.values()), {}).get("schema") if body else None
            groups.setdefault((op.get("tags") or ["Khác"])[0], []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": {"path": "đường dẫn", "query": "tham số"}.get(p["in"], p["in"]),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _fields(body_schema, components) if body_schema else [],
                    "responses": [
                        {"status": status, "description": r.get("description", "")}
                        for status, r in op.get("responses", {}).items()
                    ],
                    "public": op.get("security") == [] or {} in op.get("security", [{}]),
                }
            )
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


def api_docs(request):
    return render(
        request,
        "api/docs.html",
        {
            "groups": endpoints(),
            "info": _schema().get("info", {}),
            "schema_url": reverse("api:schema"),
            "services": mapping.SERVICES,
            "closed_kinds": mapping.CLOSED_KINDS,
            "closed_kind_message": mapping.CLOSED_KIND_MESSAGE,
        },
    )
