"""Read an uploaded plan file (.txt, .docx, .pdf) into plain text, refusing what cannot be read."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from danvan.plans.importer.errors import PlanImportError
from danvan.text.normalize import nfc

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Fewer readable characters than this across a whole PDF means a scan or drawing, not a text document.
_MIN_PDF_TEXT = 20

# Limits checked before a file is unpacked or parsed, so a small upload cannot hold a worker for long
# ("zip bomb": a 100 KB .docx whose parts unpack to hundreds of MB). A real plan is a few hundred KB
# of XML and a few pages; these leave room for pictures and long annexes.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # every part of a .docx together, as the zip declares them
MAX_XML_BYTES = 8 * 1024 * 1024  # the XML parts (text, styles, numbering) together
MAX_RATIO = 100  # declared size / stored size of one part larger than 1 MB unpacked
MAX_PARTS = 2000
MAX_PDF_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_TEXT_CHARS = 2_000_000  # the extracted text; a plan is a few tens of thousands of characters

MSG_EMPTY = "Tệp rỗng: không có nội dung để nhập."
MSG_TOO_BIG = (
    "Tệp quá lớn khi giải nén (hoặc có quá nhiều trang) nên không đọc: kế hoạch thường chỉ vài chục trang. "
    "Vui lòng kiểm tra lại tệp, hoặc bỏ bớt hình ảnh, phụ lục rồi tải lên lại."
)
MSG_IMAGE_ONLY = (
    "Không đọc được chữ: tệp chỉ có hình ảnh (có thể là bản scan hoặc ảnh chụp văn bản). "
    "Vui lòng tải lên bản .docx hoặc bản PDF xuất trực tiếp từ Word."
)
MSG_NO_TEXT_LAYER = (
    "Không đọc được chữ: tệp PDF không có lớp văn bản (có thể là bản scan hoặc ảnh chụp). "
    "Vui lòng tải lên bản .docx hoặc bản PDF xuất trực tiếp từ Word."
)
MSG_LEGACY_DOC = (
    "Tệp Word cũ (.doc, Word 97–2003) chưa được hỗ trợ. Vui lòng mở tệp bằng Word và lưu lại "
    "dưới dạng .docx hoặc PDF rồi tải lên lại."
)
MSG_ENCRYPTED = "Tệp được bảo vệ bằng mật khẩu nên không đọc được. Vui lòng gỡ mật khẩu rồi tải lên lại."
MSG_UNSUPPORTED = "Định dạng tệp không được hỗ trợ. Vui lòng tải lên tệp .docx, .pdf hoặc .txt."
MSG_CORRUPT = "Tệp bị hỏng hoặc không đúng định dạng nên không đọc được. Vui lòng kiểm tra lại tệp."
MSG_NOT_UTF8 = (
    "Tệp văn bản không dùng bảng mã UTF-8 nên không đọc đúng tiếng Việt. Vui lòng lưu lại với UTF-8."
)


def _read(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    return Path(source).read_bytes()


def detect_kind(data: bytes) -> str:
    """'pdf', 'docx', 'doc', 'encrypted', 'zip', 'image', 'text' or 'binary', judged from the content."""
    head = data[:1024]
    if b"%PDF" in head:
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        # Word and Excel put a password-protected .docx/.xlsx in an OLE container with this stream.
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "encrypted"
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "zip"
        except zipfile.BadZipFile:
            return "binary"
    if data.startswith((b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"GIF8")) or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    ):
        return "image"
    if b"\x00" in head or data.startswith(b"{\\rtf"):
        return "binary"
    return "text"


def extract_text(source: str | Path | bytes, filename: str | None = None) -> str:
    """The document's text, NFC-normalised, one paragraph or visual line per line.

    `filename` only improves messages; the type is decided from the bytes.
    """
    data = _read(source)
    if not data.strip():
        raise PlanImportError(MSG_EMPTY, PlanImportError.EMPTY)
    kind = detect_kind(data)
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind == "docx":
        text = _docx_text(data)
    elif kind == "encrypted":
        raise PlanImportError(MSG_ENCRYPTED, PlanImportError.ENCRYPTED)
    elif kind == "doc":
        raise PlanImportError(MSG_LEGACY_DOC, PlanImportError.LEGACY_DOC)
    elif kind == "image":
        raise PlanImportError(MSG_IMAGE_ONLY, PlanImportError.NO_TEXT_LAYER)
    elif kind == "text":
        text = _plain_text(data)
    else:
        raise PlanImportError(MSG_UNSUPPORTED, PlanImportError.UNSUPPORTED)
    if len(text) > MAX_TEXT_CHARS:
        raise PlanImportError(MSG_TOO_BIG, PlanImportError.TOO_BIG)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        if kind == "docx" and _docx_has_pictures(data):
            raise PlanImportError(MSG_IMAGE_ONLY, PlanImportError.NO_TEXT_LAYER)
        raise PlanImportError(MSG_EMPTY, PlanImportError.EMPTY)
    return text


def check_docx_size(data: bytes) -> None:
    """Refuse a .docx whose parts would unpack too big, judged from the sizes its zip directory declares.

    Python's zipfile never returns more than a part's declared size (it stops there, and a part that
    decompresses to more fails its CRC check), so checking the declared sizes bounds what is read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise PlanImportError(MSG_CORRUPT, PlanImportError.CORRUPT) from exc
    total = sum(p.file_size for p in parts)
    xml = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
    ratio_bomb = any(
        p.file_size > 1024 * 1024 and p.file_size > MAX_RATIO * max(p.compress_size, 1) for p in parts
    )
    if len(parts) > MAX_PARTS or total > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES or ratio_bomb:
        raise PlanImportError(MSG_TOO_BIG, PlanImportError.TOO_BIG)


def _docx_has_pictures(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return any(n.startswith("word/media/") for n in zf.namelist())


def _plain_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanImportError(MSG_NOT_UTF8, PlanImportError.UNSUPPORTED) from None


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_docx_size(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise PlanImportError(MSG_CORRUPT, PlanImportError.CORRUPT) from exc

    lines: list[str] = []

    def walk(container) -> None:
        # Paragraphs and tables in document order, so a letterhead table stays above the title.
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                            continue
                        seen.add(id(cell._tc))
                        lines.append("|")
                        walk(cell)
                    lines.append("|")

    walk(document)
    notes = _docx_footnotes(data)
    if notes:
        # Laid out as a page foot would be, so the parser lifts them out of the body the same way.
        lines.append(" " * 20)
        lines.extend(f"{n} {note}" for n, note in enumerate(notes, start=1))
    return "\n".join(lines)


def _docx_footnotes(data: bytes) -> list[str]:
    """Footnote texts of a .docx (python-docx does not read them, and plans cite laws in them)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/footnotes.xml" not in zf.namelist():
                return []
            root = etree.fromstring(zf.read("word/footnotes.xml"))
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        return []
    notes = []
    for note in root.iter(f"{w}footnote"):
        if note.get(f"{w}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in note.iter(f"{w}p")).strip()
        if text:
            notes.append(text)
    return notes


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    if len(data) > MAX_PDF_BYTES:
        raise PlanImportError(MSG_TOO_BIG, PlanImportError.TOO_BIG)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Some PDFs are encrypted only against editing and open with an empty password.
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise PlanImportError(MSG_ENCRYPTED, PlanImportError.ENCRYPTED)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise PlanImportError(MSG_TOO_BIG, PlanImportError.TOO_BIG)
        pages: list[str] = []
        ruled: list[int] = []
        size = 0
        for number, page in enumerate(reader.pages):
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_TEXT_CHARS:
                raise PlanImportError(MSG_TOO_BIG, PlanImportError.TOO_BIG)
            if _has_rulings(page):
                ruled.append(number)
    except PlanImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PlanImportError(MSG_CORRUPT, PlanImportError.CORRUPT) from exc
    for number, text in pdf_tables_text(data, ruled).items():
        pages[number] = text
    text = "\n".join(pages)
    if sum(1 for c in text if c.isalnum()) < _MIN_PDF_TEXT:
        raise PlanImportError(MSG_NO_TEXT_LAYER, PlanImportError.NO_TEXT_LAYER)
    return text


# --- tables in a PDF ---------------------------------------------------------------------------------
# pypdf reads a table cell by cell with no boundaries ("Phòng Văn hóa", "– Xã hội", "Quý I năm" on lines
# of their own), so a plan's task table in a PDF lost its columns. The pages that draw rulings are read
# again with pdfplumber, which finds the table grid, and each table is written the way a .docx table is
# (a "|" line before each cell, one closing the row), so the parser reads it the same way.

# Path operators that draw a table's rulings: rectangles ("re") and line segments ("l").
_RULING_OPS = re.compile(rb"\s(?:re|l)\s")
MIN_RULINGS = 4  # a page with fewer drawn lines has no grid (a signature line, an underline)
MAX_TABLE_PAGES = 40  # pdfplumber is ~20× slower than pypdf: a table pass over a few pages only


def _has_rulings(page) -> bool:
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:  # an unreadable content stream: the plain text stands
        return False
    return len(_RULING_OPS.findall(data, 0, 4 * 1024 * 1024)) >= MIN_RULINGS


def _cell_lines(text: str | None) -> list[str]:
    """A cell's visual lines as its paragraphs: a wrapped line joins the one before it; a dash starts a
    new item only after a line that ends a sentence or item ("- Sở A;", "- Sở B")."""
    paragraphs: list[str] = []
    for line in (text or "").split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        starts_item = line[:1] in "-–+•" and line[1:2] == " "
        if paragraphs and not (starts_item and paragraphs[-1].endswith((";", ".", ":", ","))):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        cells = [c for c in row if c is not None]  # None: a cell merged into its neighbour
        if not any((c or "").strip() for c in cells):
            continue
        for cell in cells:
            lines.append("|")
            # An empty cell is a blank line, as a .docx's empty paragraph is: "|" "|" would end the row.
            lines.extend(_cell_lines(cell) or [""])
        lines.append("|")
    return lines


def _page_with_tables(page) -> str | None:
    """The page's text with each ruled table linearised in place; None when it has no table."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return None
    parts: list[str] = []
    top = page.bbox[1]
    for table in tables:
        t_top, t_bottom = table.bbox[1], table.bbox[3]
        if t_top > top:
            parts.append(page.crop((page.bbox[0], top, page.bbox[2], t_top)).extract_text() or "")
        parts.append("\n".join(_table_lines(table.extract())))
        top = max(top, t_bottom)
    if top < page.bbox[3]:
        parts.append(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])).extract_text() or "")
    return "\n".join(p for p in parts if p)


def pdf_tables_text(data: bytes, page_numbers: list[int]) -> dict[int, str]:
    """{page number: text with its tables as cells} for the given pages that hold a table."""
    if not page_numbers:
        return {}
    import pdfplumber

    found: dict[int, str] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in page_numbers[:MAX_TABLE_PAGES]:
                text = _page_with_tables(pdf.pages[number])
                if text is not None:
                    found[number] = text
    except Exception:  # pdfplumber failing on a page pypdf could read: keep pypdf's text
        return {}
    return found
