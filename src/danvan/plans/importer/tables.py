"""Task tables of a plan's appendices (Phụ lục "Danh mục nhiệm vụ"), read from their linearised text.

The extractor writes a Word table as a "|" line before each cell, the cell's paragraphs, and a "|" line
closing the row, so two "|" lines in a row separate rows and a "|" with only blank lines after it is an
empty cell. A table is a task table when its header row has a content column ("Nội dung", "Nhiệm vụ",
"Chỉ tiêu") and a lead column ("Chủ trì", "Đơn vị thực hiện"); a row numbered "I", "II" … groups the
rows under it; a row numbered "1", "2" … is a task.
"""

from __future__ import annotations

import re

from danvan.plans.importer.timeframe import UNSPECIFIED, classify, timeframe_in
from danvan.plans.importer.units import split_units
from danvan.text.dates import roman_to_int
from danvan.text.normalize import fold

# On the heading's own line: "\W*" alone would also cross the "|" line of a table just above it (the
# signature block's), which then read the heading as a cell and shifted every column by one.
_APPENDIX = re.compile(r"^[^\w\n]*ph[ụu]\s+l[ụu]c\b", re.IGNORECASE | re.MULTILINE)
_GROUP = re.compile(r"^([IVX]{1,4})\.\s+\S")
_COLUMNS = (
    ("lead", ("chu tri", "don vi thuc hien", "co quan thuc hien", "don vi thuc hien")),
    ("coordinating", ("phoi hop",)),
    ("time", ("thoi gian", "thoi han", "tien do")),
    ("output", ("san pham", "ket qua du kien")),
    ("content", ("noi dung", "nhiem vu", "chi tieu", "hoat dong", "giai phap", "ten")),
)


def _cell(lines: list[str]) -> str:
    """A cell's lines as one text; a line opening with a dash is a new item ("- Sở A", "- Sở B")."""
    text = ""
    for line in lines:
        line = line.replace("**", "").replace("*", "").strip()
        item = re.match(r"^[-–+•]\s+", line)
        if item:
            line = line[item.end() :]
        text = f"{text}; {line}" if item and text else f"{text} {line}"
    return re.sub(r"\s+", " ", text).strip(" ;")


def _rows(lines: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] | None = None
    for line in lines:
        if line.strip() == "|":
            if cell is not None and not cell:
                # "|" right after "|": the row ended, and this one opens the next row's first cell.
                if row:
                    rows.append(row)
                row, cell = [], []
                continue
            if cell is not None:
                row.append(_cell(cell))
            cell = []
        elif cell is not None:
            cell.append(line)
    if cell:
        row.append(_cell(cell))
    if row:
        rows.append(row)
    return rows


def _header(row: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, text in enumerate(row):
        key = fold(text)
        for name, words in _COLUMNS:
            if name not in columns and any(w in key for w in words):
                columns[name] = i
                break
    return columns if {"lead", "content"} <= set(columns) else None


def _when(time_cell: str, content: str, year: int | None) -> dict:
    """The time column; when it says nothing, a time frame the content itself states."""
    frame = classify(time_cell or None, year)
    if frame["kind"] == UNSPECIFIED:
        frame = timeframe_in(content, year) or frame
    return frame


def _split(value: str) -> list[str]:
    return split_units(value) if value else []


def appendix_tasks(text: str, year: int | None) -> list[dict]:
    """The tasks of every task table after a "PHỤ LỤC" line, refs "PL.I.1", "PL.2" …"""
    found = _APPENDIX.search(text)
    if found is None:
        return []
    lines = text[found.start() :].split("\n")
    start = 0
    tasks: list[dict] = []
    columns: dict[str, int] | None = None
    group = ""
    for row in _rows(lines[start:]):
        # A numbered row is data, never the column titles: no need to fold its (long) cells.
        numbered = bool(row and re.fullmatch(r"\d+", row[0].strip(". ")))
        header = None if numbered else _header(row)
        if header:
            columns, group = header, ""
            continue
        if columns is None or not row:
            continue
        number = row[0].strip(" .")
        heading = _GROUP.match(row[0])
        if (roman_to_int(number) and len(row) <= 3) or (heading and len(row) == 1):
            group = heading.group(1) if heading and len(row) == 1 else number
            continue
        if not re.fullmatch(r"\d{1,3}", number) or len(row) <= columns["content"]:
            continue

        def col(name: str, cells: list[str] = row, at: dict[str, int] = columns) -> str:
            i = at.get(name)
            return cells[i] if i is not None and i < len(cells) else ""

        content = col("content")
        if not content:
            continue
        ref = f"PL.{group}.{number}" if group else f"PL.{number}"
        tasks.append(
            {
                "ref": ref,
                "content": content,
                "details": [],
                "lead": _split(col("lead")),
                "coordinating": _split(col("coordinating")),
                "timeframe": _when(col("time"), content, year),
                "output": col("output") or None,
                "parent": None,
                "origin": "appendix",
            }
        )
    return tasks
