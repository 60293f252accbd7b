"""`{% workspace_menu %}`: the staff workspace's menu, rendered once per commune and set of menu
permissions, then reused by every page.

The menu is the same thirty links on every staff page; rendering it resolved thirty URLs per request
(a few milliseconds of a page that should take twenty: docs/BENCHMARKS.md, "The staff mix"). What it
shows depends only on the commune's code and kind, the menu permissions `org.pages.workspace_context`
computed for this user (still checked on every request), the URL map and prefix and the language, so those
are the key; nothing in it is per request or per person beyond that.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=4096)
def _menu(code: str, is_agency: bool, perms: tuple[tuple[str, bool], ...], urls: tuple, language: str):
    # A stand-in commune with only what the menu reads (its code and kind), so no model is cached.
    commune = {"code": code, "is_agency": is_agency}
    return mark_safe(render_to_string("web/ws/_menu.html", {"commune": commune, "perms_ws": dict(perms)}))  # noqa: S308


@register.simple_tag(takes_context=True)
def workspace_menu(context) -> SafeString:
    commune = context["commune"]
    perms = context.get("perms_ws") or {}
    return _menu(
        commune.code,
        bool(commune.is_agency),
        tuple(sorted((k, bool(v)) for k, v in perms.items())),
        (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF),
        get_language() or "",
    )
