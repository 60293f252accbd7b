"""Turn extracted document text into clean paragraphs: undo page wrapping, drop page numbers and footnotes."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from danvan.text.normalize import nfc

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "1234567890")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_EMPHASIS = re.compile(r"(?<!\()\*(?!\))")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SUPERSCRIPT_MARK = re.compile(rf"(?<=[^\sm\d])[{_SUPERSCRIPTS}]+")
_DIGIT_MARK = re.compile(r"(?<=[a-zà-ỹđ”\"’)])(\d{1,2})(?=[\s,.;:)]|$)")
_RULE = re.compile(r"^\s*[-_=~.·]{3,}\s*$")
# A whitespace-only run or long underline is how PDF/DOCX extraction renders the footnote separator.
_FOOTNOTE_SEPARATOR = re.compile(r"^(?:[ \u00a0]{10,}|\s*_{10,}\s*)$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d+(?:\s*/\s*\d+)?\s*$", re.IGNORECASE
)
_NUMBERED_FOOTNOTE = re.compile(r"^(\d{1,2})\s+\S")
_SUP_FOOTNOTE = re.compile(rf"^\s*([{_SUPERSCRIPTS}]+)\s*\S")

ROMAN_HEADING = re.compile(r"^([IVX]{1,5})\s*[.)]\s*(\S.*)$")
NUMBERED_ITEM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(\.|\))?\s+(?=[^\s\d/])(.*)$")
LETTERED_ITEM = re.compile(r"^([a-zđ])\s*[).]\s+(\S.*)$")
BULLET = re.compile(r"^([-–—•·+])\s*(\S.*)$")
_BARE_MARKER = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})[.)]?$|^[a-zđ][).]$")
_SIGNATURE = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S|^(?:PHÓ\s+)?CHỦ TỊCH\b")
_OPENERS = ("Căn cứ ", "Thực hiện ", "Trên đây", "Nơi nhận", "Kính gửi")
# Words a Vietnamese sentence does not end on: a line ending in one was cut by the page, not by the author.
_CONTINUING_WORDS = frozenset(
    {
        *("của", "và", "về", "số", "ngày", "các", "những", "cho", "với", "tại", "theo", "trong", "đến"),
        *("từ", "là", "được", "để", "do", "bởi", "hoặc", "nhằm", "gồm", "thuộc", "như", "tháng", "năm"),
        *("trên", "dưới", "giữa", "sau", "trước", "khi", "nếu", "mà", "thì", "đã", "đang", "sẽ", "cần"),
        *("phải", "có"),
    }
)


@dataclass
class Layout:
    """Paragraphs of the document body in order, and the footnote texts that were lifted out of it."""

    paragraphs: list[str]
    footnotes: list[str] = field(default_factory=list)


def letter_counts(text: str) -> tuple[int, int]:
    """(capital letters, all letters) of a text."""
    # map() over str methods runs in C; a capital is always a letter, so the two counts agree.
    return sum(map(str.isupper, text)), sum(map(str.isalpha, text))


def _upper(counts: tuple[int, int]) -> bool:
    upper, letters = counts
    return letters >= 2 and upper / letters >= 0.85


def is_upper_text(text: str) -> bool:
    """A line written in capitals ('ỦY BAN NHÂN DÂN'), ignoring digits and punctuation."""
    return _upper(letter_counts(text))


_CELL_SPLIT = re.compile(r"\t|\s\|\s|^\||\|$")


def _clean_line(line: str) -> list[str]:
    """One raw line as zero or more cell lines, with markup and bookmarks gone."""
    # Each substitution only when its character is there: a plan has thousands of lines.
    if "[" in line:
        line = _BOOKMARK.sub("", line)
    line = line.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if "*" in line:
        # Markdown emphasis from crawled copies; a "(*)" note marker is kept.
        line = _EMPHASIS.sub("", line.replace("**", ""))
    if line.startswith("#"):
        line = _MD_HEADING.sub("", line)
    if _FOOTNOTE_SEPARATOR.match(line):
        return ["\x00SEP"]
    # Tables come as "|" between cells and split letterheads as tab-separated columns: one cell a line.
    cells = _CELL_SPLIT.split(line) if ("\t" in line or "|" in line) else [line]
    out = []
    for cell in cells:
        if _RULE.match(cell):
            out.append("")
        else:
            out.append(cell.rstrip())
    return out


def _lift_separated_footnotes(lines: list[str]) -> tuple[list[str], list[list[str]], set[int]]:
    """Remove footnote blocks printed under a separator at a page's foot; return them and their numbers."""
    body: list[str] = []
    notes: list[list[str]] = []
    numbers: set[int] = set()
    i = 0
    while i < len(lines):
        if lines[i] != "\x00SEP":
            body.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        first = _NUMBERED_FOOTNOTE.match(lines[j].strip()) if j < len(lines) else None
        if not first:
            i += 1
            continue
        block: list[str] = []
        while j < len(lines):
            line = lines[j]
            if line == "\x00SEP":
                j += 1
                continue
            if line.strip() and (line[0].isspace() or _PAGE_NUMBER.match(line)):
                # A new page starts with an indented line, or the page's number closes the footnotes.
                break
            if line.strip():
                m = _NUMBERED_FOOTNOTE.match(line.strip())
                if m:
                    numbers.add(int(m.group(1)))
                    if block:
                        notes.append(block)
                    block = []
                block.append(line.strip())
            j += 1
        if block:
            notes.append(block)
        i = j
    return body, notes, numbers


def _lift_superscript_footnotes(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Remove '¹ ...' footnote lines, with the lowercase continuation a footnote gets on the next page."""
    starts = [i for i, line in enumerate(lines) if _SUP_FOOTNOTE.match(line)]
    if not starts:
        return lines, []
    drop: set[int] = set()
    notes: dict[int, list[str]] = {}
    open_note: int | None = None
    for i in starts:
        # The text just above a footnote, starting in lowercase, is the previous footnote running over a page.
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if (
            open_note is not None
            and j >= 0
            and j not in drop
            and lines[j].strip()[:1].islower()
            and not notes[open_note][-1].rstrip().endswith((".", "…"))
        ):
            notes[open_note].append(lines[j].strip())
            drop.add(j)
        notes[i] = [lines[i].strip()]
        drop.add(i)
        open_note = i
    body = [line for k, line in enumerate(lines) if k not in drop]
    return body, [notes[k] for k in sorted(notes)]


def _strip_markers(line: str, numbers: set[int]) -> str:
    """Drop footnote markers stuck to words: 'cơ sở²', 'khéo”3,' (only numbers that have a footnote)."""
    line = _SUPERSCRIPT_MARK.sub("", line)
    if numbers:

        def repl(m: re.Match[str]) -> str:
            return "" if int(m.group(1)) in numbers else m.group(0)

        line = _DIGIT_MARK.sub(repl, line)
    return line


def numbered_item(line: str) -> re.Match[str] | None:
    """'2.1. Xxx', '3) Xxx', '2.1 Xxx' — but not '29 tháng 11' (a bare number needs its dot or bracket)."""
    m = NUMBERED_ITEM.match(line)
    return m if m and (m.group(2) or "." in m.group(1)) else None


def is_structural(line: str) -> bool:
    """A line that starts a block of its own: heading, numbered or lettered item, bullet, signature."""
    s = line.strip()
    return bool(
        ROMAN_HEADING.match(s)
        or numbered_item(s)
        or LETTERED_ITEM.match(s)
        or BULLET.match(s)
        or _SIGNATURE.match(s)
        or s.startswith(_OPENERS)
    )


def _should_join(
    prev: str,
    nxt: str,
    wrapped: bool,
    full_width: int,
    prev_upper: bool | None = None,
    next_upper: bool | None = None,
) -> bool:
    """Whether `nxt` continues `prev`. `prev_upper` is is_upper_text(prev) when the caller knows it: the
    paragraph being built grows line by line, and counting its letters each time made long plans slow."""
    a, b = prev.rstrip(), nxt.strip()
    a_upper = is_upper_text(a) if prev_upper is None else prev_upper
    b_upper = is_upper_text(b) if next_upper is None else next_upper
    if not a or not b:
        return False
    if _BARE_MARKER.match(a.strip()):
        return True
    if a.endswith("./.") or _SIGNATURE.match(a.strip()):
        return False
    if ROMAN_HEADING.match(a.strip()) and a_upper and b_upper and not a.endswith((".", ":")):
        return not is_structural(b) and len(b) < 80
    if is_structural(b) or (b_upper and len(b) > 3):
        return False
    if a_upper and len(a) > 3:
        # A capitalised heading or title ends where sentence case starts.
        return False
    first = b[0]
    if first.islower() or first.isdigit() or first in "(/":
        return True
    if a.endswith((".", ":", ";", "!", "?")):
        return False
    last_word = a.rsplit(None, 1)[-1].lower()
    if last_word in _CONTINUING_WORDS:
        return True
    return wrapped and len(a.strip()) >= full_width


def build_layout(text: str) -> Layout:
    """Clean extracted text into paragraphs (see the module docstring)."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines: list[str] = []
    for raw in text.split("\n"):
        lines.extend(_clean_line(raw))
    lines, separated, numbers = _lift_separated_footnotes(lines)
    lines, superscripted = _lift_superscript_footnotes(lines)
    lines = [_strip_markers(line, numbers) for line in lines if not _PAGE_NUMBER.match(line)]

    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    wrapped = len(lengths) >= 20 and statistics.median(lengths) < 110
    full_width = int(lengths[int(len(lengths) * 0.8)] * 0.8) if lengths else 0

    paragraphs: list[str] = []
    current = ""
    counts = (0, 0)  # letter_counts(current), kept up to date as lines are joined
    for line in lines:
        s = line.strip()
        if not s:
            continue
        line_counts = letter_counts(s)
        if current and _should_join(current, s, wrapped, full_width, _upper(counts), _upper(line_counts)):
            current = f"{current.rstrip()} {s}"
            counts = (counts[0] + line_counts[0], counts[1] + line_counts[1])
        else:
            if current:
                paragraphs.append(_tidy(current))
            current, counts = s, line_counts
    if current:
        paragraphs.append(_tidy(current))

    footnotes = [_tidy(" ".join(block)) for block in separated + superscripted]
    footnotes = [re.sub(rf"^[{_SUPERSCRIPTS}\d]+\s*", "", note) for note in footnotes]
    return Layout(paragraphs, footnotes)


_SPACE_BEFORE_MARK = re.compile(r" ([,.;:])(?= |$)")


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    # "Tà Đùng ." -> "Tà Đùng." (extraction leaves a space before punctuation); only where there is one.
    if " ," in text or " ." in text or " ;" in text or " :" in text:
        text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    return text
