"""Helpers for importer tests: locate the shared samples and render text as .docx/.pdf like users upload."""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
SAMPLES = REPO_ROOT / ".." / "shared" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def sample_text(relative: str) -> str:
    """A shared sample's text, or skip: a user's clone has no ../shared folder."""
    path = SAMPLES / relative
    if not path.exists():
        pytest.skip(
            f"sample documents not found at {SAMPLES.resolve()} (../shared/samples is not in this checkout)"
        )
    text = path.read_text(encoding="utf-8")
    # The crawled extras start with a "# source:" line that is not part of the document.
    if text.startswith("# source:"):
        text = text.split("\n", 1)[1]
    return text


def extra_sample_paths() -> list[Path]:
    folder = SAMPLES / "plans-extra"
    return sorted(folder.glob("*.txt")) if folder.exists() else []


def split_page_footnotes(text: str) -> tuple[str, list[str]]:
    """Body and footnote lines of an extracted text whose footnotes sit under a blank-run separator.

    A real .docx keeps footnotes out of the body and a real PDF prints them at the page foot, so the
    conversions below place them that way instead of mid-page where the .txt extraction left them.
    """
    body: list[str] = []
    notes: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line) >= 10 and not line.strip():
            i += 1
            while i < len(lines) and not (lines[i][:1] == " " and lines[i].strip()):
                if re.fullmatch(r"\s*\d{1,3}\s*", lines[i]):
                    break
                if lines[i].strip():
                    notes.append(lines[i].strip())
                i += 1
            continue
        body.append(line)
        i += 1
    return "\n".join(body), notes


def make_docx(text: str) -> bytes:
    """One Word paragraph per non-blank line (tabs kept, as split letterheads have them); no footnotes."""
    from docx import Document

    text, notes = split_page_footnotes(text)
    document = Document()
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line.strip(" "))
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_footnotes_part(buffer.getvalue(), notes) if notes else buffer.getvalue()


def _with_footnotes_part(docx: bytes, notes: list[str]) -> bytes:
    """Add a word/footnotes.xml part holding the notes (python-docx cannot write footnotes itself)."""
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    # Notes start "1 Luật …" in the extracted text; the part holds only the note text.
    texts = [escape(re.sub(r"^\d+\s+", "", note)) for note in notes]
    items = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:footnote>'
        for i, t in enumerate(texts, start=1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f"{items}</w:footnotes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/footnotes.xml", xml.encode("utf-8"))
    return out.getvalue()


def make_pdf(text: str, encrypt_with: str | None = None) -> bytes:
    """A text PDF: each line a paragraph wrapped to the page width, page numbers at the foot of each page."""
    if not FONT.exists():
        pytest.skip(f"font {FONT} not installed; needed to write Vietnamese into a test PDF")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=12, leading=16, spaceAfter=4)

    def page_number(canvas, doc) -> None:
        canvas.setFont("DejaVuSans", 10)
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))

    body, notes = split_page_footnotes(text)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=85, rightMargin=57, topMargin=57, bottomMargin=57)
    story = [
        Paragraph(escape(line.replace("\t", " ").strip()), style) for line in body.split("\n") if line.strip()
    ]
    if notes:
        # The footnotes go at the foot of a page of their own, under the usual rule, as in a printed plan.
        story += [PageBreak(), Paragraph("_" * 20, style)]
        story += [Paragraph(escape(note), style) for note in notes]
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    data = buffer.getvalue()
    if encrypt_with:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=encrypt_with, owner_password=encrypt_with, algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def make_blank_pdf() -> bytes:
    """A PDF with a drawn rectangle and no text at all, like a scan without OCR."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.fixture
def samples():
    """sample_text(relative path) -> text, skipping when the shared samples are absent."""
    return sample_text


@pytest.fixture
def render():
    """Renderers that turn plan text into the files users upload."""

    class Render:
        docx = staticmethod(make_docx)
        pdf = staticmethod(make_pdf)
        blank_pdf = staticmethod(make_blank_pdf)

    return Render


@pytest.fixture
def fixture_text():
    return lambda name: (FIXTURES / name).read_text(encoding="utf-8")
