"""Content blocks a document is made of, shared by every renderer (.docx, PDF, charts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """A real table in the document: a caption, a header row, body rows of already formatted text."""

    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn as an image in the document (by month, by field, by village...)."""

    title: str
    labels: list[str]
    values: list[float]
    unit: str = ""
