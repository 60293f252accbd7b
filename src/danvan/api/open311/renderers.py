"""GeoReport v2 bodies in JSON and XML. The XML element names are GeoReport's own: the view names the
root and the element of each item (`services`/`service`, `service_requests`/`request`,
`errors`/`error`); nested lists use the singular of their name (`attributes`/`attribute`...)."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from rest_framework.renderers import BaseRenderer, JSONRenderer

# A list under this name holds elements of that name.
SINGULAR = {"attributes": "attribute", "values": "value", "keywords": "keyword"}


class Open311JSONRenderer(JSONRenderer):
    format = "json"
    ensure_ascii = False


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(parent: ET.Element, name: str, value: Any) -> None:
    el = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, child in value.items():
            _append(el, key, child)
    elif isinstance(value, list | tuple):
        item = SINGULAR.get(name, "item")
        for child in value:
            _append(el, item, child)
    else:
        el.text = _text(value)


class Open311XMLRenderer(BaseRenderer):
    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        root_name = getattr(view, "xml_root", "response")
        item_name = getattr(view, "xml_item", "item")
        root = ET.Element(root_name)
        if isinstance(data, list):
            for item in data:
                _append(root, item_name, item)
        elif isinstance(data, dict):
            for key, value in data.items():
                _append(root, key, value)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)
