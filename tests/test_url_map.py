"""Every URL the product had keeps its name and its path when code moves between modules.

`tests/fixtures/url_map.txt` was written from the URL map before democracy/, engagement/ and api/ were
split into sub-packages (one line `namespace:name<TAB>path pattern`). Each line must still resolve the
same way; new URLs may be added. To record a new map after a deliberate change:
`DANVAN_WRITE_URL_MAP=1 ./dvs test tests/test_url_map.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

FIXTURE = Path(__file__).parent / "fixtures" / "url_map.txt"


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}(unnamed)"
            yield f"{name}\t{prefix}{entry.pattern}"


# Django's admin builds this one pattern from the apps that register models in it: it changes with every
# new app, and no link of ours points at it.
GENERATED = ("admin:app_list\t",)


def url_map() -> list[str]:
    return sorted(line for line in set(_walk(get_resolver())) if not line.startswith(GENERATED))


def test_every_recorded_url_keeps_its_name_and_path():
    current = url_map()
    if os.environ.get("DANVAN_WRITE_URL_MAP"):
        FIXTURE.write_text("\n".join(current) + "\n", encoding="utf-8")
    recorded = [
        line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if not line.startswith(GENERATED)
    ]
    missing = sorted(set(recorded) - set(current))
    assert not missing, "these URLs moved or disappeared:\n" + "\n".join(missing)
    assert len(recorded) > 200
