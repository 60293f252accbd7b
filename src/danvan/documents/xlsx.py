"""Plain spreadsheets (.xlsx, openpyxl) for the lists staff export: a bold, wrapped, frozen header row."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter


def workbook(title: str, header: list[str], widths: list[int]):
    """A workbook with one sheet named `title` (Excel allows 31 characters) and its header row."""
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    return wb, ws


def to_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def day_cell(day) -> str:
    """A date as officials write it (dd/mm/yyyy), empty when there is none."""
    return f"{day:%d/%m/%Y}" if day else ""
