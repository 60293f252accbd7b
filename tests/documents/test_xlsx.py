"""Spreadsheets: dates are real dates shown dd/mm/yyyy, the header row has an autofilter."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from danvan.documents import xlsx


def test_dates_are_dates_with_the_vietnamese_format_and_the_header_filters():
    wb, ws = xlsx.workbook("Danh sách", ["Mã", "Ngày nhận", "Lúc"], [10, 12, 16])
    at = dt.datetime(2026, 3, 4, 2, 30, tzinfo=dt.UTC)
    ws.append(["A", xlsx.day_cell(dt.date(2026, 3, 4)), at])
    ws.append(["B", xlsx.day_cell(None), None])
    sheet = load_workbook(io.BytesIO(xlsx.to_bytes(wb))).active
    assert sheet["B2"].value == dt.datetime(2026, 3, 4) and sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet["B3"].value is None
    # A moment is written in Vietnam's local time (Excel has no time zones).
    local = at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
    assert sheet["C2"].value == local and sheet["C2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet.freeze_panes == "A2"
