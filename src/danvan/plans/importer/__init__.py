"""Import a commune plan (Kế hoạch) from an uploaded .docx/.pdf/.txt into structured data, without Django."""

from __future__ import annotations

from pathlib import Path

from danvan.plans.importer.errors import PlanImportError
from danvan.plans.importer.extract import extract_text
from danvan.plans.importer.parse import parse_plan_text
from danvan.plans.importer.units import match_unit


def import_plan(source: str | Path | bytes, filename: str | None = None) -> dict:
    """Read a file and parse it; raises PlanImportError with a Vietnamese message on failure."""
    return parse_plan_text(extract_text(source, filename))


__all__ = ["PlanImportError", "extract_text", "import_plan", "match_unit", "parse_plan_text"]
