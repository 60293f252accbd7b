"""Read a household register spreadsheet (.xlsx or UTF-8 .csv) into plain rows; the service saves them."""

from __future__ import annotations

import csv
import io
import zipfile

from danvan.core.errors import ServiceError
from danvan.text.normalize import fold

# Vietnamese column headers -> field names. Headers are matched folded (no accents, any case), so
# "MÃ HỘ", "Mã hộ" and "ma ho" all work.
COLUMNS = {
    "ma ho": "code",
    "chu ho": "head_name",
    "nguoi dai dien": "representative_name",
    "dien thoai": "phone",
    "so dien thoai": "phone",
    "email": "email",
    "e-mail": "email",
    "dia chi": "address",
}
REQUIRED = {"code": "Mã hộ", "head_name": "Chủ hộ"}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000  # a village has hundreds of households; anything far bigger is the wrong file


def read_rows(file) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {field: text}) for each non-empty data row. The header is row 1."""
    raw = file.read() if hasattr(file, "read") else bytes(file)
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise ServiceError("Tệp quá lớn (tối đa 5 MB).", field="file")
    # Decide by content, not by the file name a phone may have mangled: an .xlsx is a zip archive.
    table = _xlsx_table(raw) if raw[:4] == b"PK\x03\x04" else _csv_table(raw)
    if not table:
        raise ServiceError("Tệp không có dữ liệu.", field="file")
    header, *body = table
    fields = [COLUMNS.get(fold(_text(h)).strip()) for h in header]
    missing = [label for field, label in REQUIRED.items() if field not in fields]
    if missing:
        raise ServiceError(
            "Tệp thiếu cột: " + ", ".join(f"“{m}”" for m in missing) + ". Dòng đầu tiên phải là tên các cột "
            "“Mã hộ”, “Chủ hộ”, “Người đại diện”, “Điện thoại”, “Email”, “Địa chỉ”.",
            field="file",
        )
    if len(body) > MAX_ROWS:
        raise ServiceError(f"Tệp có quá nhiều dòng (tối đa {MAX_ROWS}).", field="file")
    rows = []
    for number, cells in enumerate(body, start=2):
        row = {}
        for field, cell in zip(fields, cells, strict=False):
            if field and field not in row:
                row[field] = _text(cell)
        if any(row.values()):
            rows.append((number, row))
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    # Excel stores "12" typed in a cell as the number 12.0; a household code is text.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _xlsx_table(raw: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ServiceError(
            "Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx hoặc .csv.", field="file"
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_table(raw: bytes) -> list[list]:
    try:
        text = raw.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError as exc:
        raise ServiceError("Tệp CSV phải dùng bảng mã UTF-8.", field="file") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]
