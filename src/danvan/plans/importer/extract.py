"""Read an uploaded plan file (.txt, .docx, .pdf) into plain text, refusing what cannot be read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from danvan.plans.importer.errors import PlanImportError
from danvan.text.normalize import nfc

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Fewer readable characters than this across a whole PDF means a scan or drawing, not a text document.
_MIN_PDF_TEXT = 20

MSG_EMPTY = "Tệp rỗng: không có nội dung để nhập."
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
    """'pdf' | 'docx' | 'doc' | 'encrypted' | 'zip' | 'text' | 'binary', judged from content, not the name."""
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
    elif kind == "text":
        text = _plain_text(data)
    else:
        raise PlanImportError(MSG_UNSUPPORTED, PlanImportError.UNSUPPORTED)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PlanImportError(MSG_EMPTY, PlanImportError.EMPTY)
    return text


def _plain_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanImportError(MSG_NOT_UTF8, PlanImportError.UNSUPPORTED) from None


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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
        pages = [page.extract_text() or "" for page in reader.pages]
    except PlanImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PlanImportError(MSG_CORRUPT, PlanImportError.CORRUPT) from exc
    text = "\n".join(pages)
    if sum(1 for c in text if c.isalnum()) < _MIN_PDF_TEXT:
        raise PlanImportError(MSG_NO_TEXT_LAYER, PlanImportError.NO_TEXT_LAYER)
    return text
