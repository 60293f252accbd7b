"""Plain spreadsheets (.xlsx, openpyxl) for the lists staff export: a bold, wrapped, frozen header row,
an autofilter on it, and dates stored as real dates shown dd/mm/yyyy (so sorting and filtering by
date work in Excel and LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


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


def finish(ws, *, header_row: int = 1) -> None:
    """Give every date cell below the header the dd/mm/yyyy format (datetimes in local time, as Excel
    has no time zones) and put an autofilter on the header row over the data."""
    for row in ws.iter_rows(min_row=header_row + 1):
        for cell in row:
            value = cell.value
            if isinstance(value, dt.datetime):
                if timezone.is_aware(value):
                    cell.value = timezone.localtime(value).replace(tzinfo=None)
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    if ws.max_column and not ws.auto_filter.ref:
        last = get_column_letter(ws.max_column)
        ws.auto_filter.ref = f"A{header_row}:{last}{max(ws.max_row, header_row)}"


def to_bytes(wb, *, header_row: int = 1) -> bytes:
    """The workbook's bytes, each sheet finished (real dates, autofilter) first."""
    for ws in wb.worksheets:
        finish(ws, header_row=header_row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def day_cell(day):
    """A date as a real spreadsheet date (shown dd/mm/yyyy by `finish`), empty when there is none."""
    return day or None
