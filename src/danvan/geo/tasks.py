"""Background jobs of the geo app."""

from __future__ import annotations

from django_tasks import task

from danvan.geo.services import divisions_load


@task()
def divisions_reload() -> dict[str, int]:
    """Refresh provinces and communes from the installed vietnam-provinces data."""
    result = divisions_load(by=None)
    return {
        "provinces_created": result.provinces_created,
        "provinces_updated": result.provinces_updated,
        "communes_created": result.communes_created,
        "communes_updated": result.communes_updated,
    }
