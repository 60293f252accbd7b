"""Find the legal and policy documents a Vietnamese text cites ("Nghị định số 59/2023/NĐ-CP ngày …")."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from danvan.text.dates import find_dates
from danvan.text.normalize import fold, nfc

# Longest names first so "Nghị quyết liên tịch" wins over "Nghị quyết".
DOC_TYPES: tuple[str, ...] = (
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Quy chế phối hợp",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Thông tư",
    "Công văn",
    "Công điện",
    "Hướng dẫn",
    "Quy định",
    "Quy chế",
    "Đề án",
    "Chương trình",
    "Thông báo",
    "Phương án",
    "Văn bản",
    "Pháp lệnh",
    "Bộ luật",
    "Luật",
)
_TYPE_BY_FOLD = {fold(t): t for t in DOC_TYPES}

# A document number always has a letter code after a slash or dash: "6604/KH-UBND", "120-KL/TW",
# "10/2022/QH15". Extraction sometimes leaves a space before the dash ("114 -KL/TW").
_CODE = r"[0-9A-ZĐ][0-9A-Za-zĐđ&]*"
_NUMBER = rf"\d{{1,6}}[a-z]?(?:\s?[/-]\s?{_CODE})+"
_TYPE_ALT = "|".join(re.escape(t) for t in DOC_TYPES)
# Case-insensitive for the type only: "kế hoạch số 06/KH-UBND" is still a citation.
_NUMBERED = re.compile(rf"(?i:\b({_TYPE_ALT})(?:\s+(?:số|liên tịch số))?)\s*[:.]?\s+({_NUMBER})(?![\w/-])")
_AFTER_DATE = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s*")
_ISSUER = re.compile(
    r"^\s*,?\s*của\s+((?:[A-ZĐÀ-Ỹ][^\s,;.()]*|Ủy|Uỷ)(?:\s+(?!về\b|việc\b|thực\b|quy\b|ban hành\b|phê\b"
    r"|hướng\b|triển\b|tổ\b|khóa\b|khoá\b|tại\b|lần\b|ngày\b|số\b|đến\b|giai\b|năm\b|cụ\b|nhằm\b|để\b|trong\b|về\b)"
    r"[^\s,;.()]+)*)"
)
_TITLE_STOP = re.compile(r"[;]|\.(?:\s|$)|\n")
# A law's name runs until a word that starts what the sentence says about it.
_LAW = re.compile(r"\b(Bộ luật|Luật|Pháp lệnh)\s+(sửa đổi, bổ sung(?: một số điều)?(?: của)?|[A-ZĐÀ-Ỹ])")
_LAW_NAME_STOP = re.compile(
    r"\s+(?:số|năm|ngày|của|về|được|đã|theo|tại|nhằm|để|trong|với|hiện hành|có hiệu lực|quy định|"
    r"và(?!\s+đại biểu)|hướng dẫn|thì|là|đến|giai đoạn)\b|[;,.():“”\"\n]|\s+-\s"
)
_LAW_NUMBER = re.compile(rf"^\s*,?\s*(?:số\s+)?({_NUMBER})(?![\w/-])")
_LAW_CHAIN = re.compile(
    r"^(?:(?:,\s*|\s+và\s+)(?:Bộ luật|Luật)\s+[A-ZĐÀ-Ỹ][^,;.()]*?(?=,|\s+và\s+|\s+số\b|[;.(]|$))+"
)


@dataclass
class Citation:
    type: str
    number: str | None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    start: int = 0

    def key(self) -> tuple[str, str]:
        """Documents are the same when type and number agree; unnumbered ones by their folded title."""
        if self.number:
            return self.type, self.number.upper()
        return self.type, fold(self.title or "")

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("start")
        return data


def _canonical_type(raw: str) -> str:
    return _TYPE_BY_FOLD.get(fold(raw), raw)


def _clean_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _tail_details(text: str, pos: int, limit: int) -> tuple[str | None, str | None, str | None]:
    """Date, issuer and title written after a number: 'ngày 14/8/2023 của Chính phủ quy định ...'."""
    tail = text[pos:limit]
    cut = 0
    when: str | None = None
    m = _AFTER_DATE.match(tail)
    if m:
        dates = find_dates(tail[m.end() : m.end() + 40])
        if dates and dates[0].start == 0:
            when = dates[0].value.isoformat()
            cut = m.end() + dates[0].end
    issuer = None
    m = _ISSUER.match(tail[cut:])
    if m:
        issuer = m.group(1).strip()
        cut += m.end()
    rest = tail[cut:]
    stop = _TITLE_STOP.search(rest)
    title = rest[: stop.start()] if stop else rest
    title = re.sub(r"^[\s,]*(?:\(?(?:khóa|khoá)\s+[IVXL]+\)?\s*)?", "", title)
    title = re.sub(r"\s+", " ", title).strip(" ,:")
    if len(title) < 4 or title.lower().startswith(("này", "nêu trên", "trên")):
        title = None
    elif len(title) > 300:
        title = title[:300].rsplit(" ", 1)[0] + "…"
    return when, issuer, title


def _find_laws(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    laws: list[Citation] = []
    for m in _LAW.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        start_name = m.start(2)
        if m.group(2).startswith("sửa đổi"):
            # An amending law names the laws it amends ("Luật sửa đổi ... của Luật A, Luật B và Luật C").
            after = text[m.end(2) :]
            first = re.match(
                r"\s*(?:Bộ luật|Luật)\s+[A-ZĐÀ-Ỹ][^,;.()]*?(?=,|\s+và\s+|\s+số\b|[;.(]|$)", after
            )
            if not first:
                continue
            end_name = m.end(2) + first.end()
            chain = _LAW_CHAIN.match(text[end_name:])
            if chain:
                end_name += chain.end()
        else:
            stop = _LAW_NAME_STOP.search(text, start_name)
            end_name = stop.start() if stop else len(text)
        name = re.sub(r"\s+", " ", text[start_name:end_name]).strip()
        if not name or len(name) > 250:
            continue
        kind = m.group(1)
        number = None
        num = _LAW_NUMBER.match(text[end_name : end_name + 40])
        end = end_name
        if num:
            number = _clean_number(num.group(1))
            end = end_name + num.end()
        when, issuer, _ = _tail_details(text, end, min(len(text), end + 300))
        laws.append(Citation(kind, number, when, issuer, f"{kind} {name}", m.start()))
        # The amended laws inside an amending law's name are not separate citations here.
        taken.append((m.start(), end))
    return laws


def find_citations(text: str) -> list[Citation]:
    """All citations in order of first appearance, each document once."""
    text = nfc(text)
    numbered = list(_NUMBERED.finditer(text))
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for i, m in enumerate(numbered):
        limit = numbered[i + 1].start() if i + 1 < len(numbered) else len(text)
        limit = min(limit, m.end() + 400)
        kind = _canonical_type(m.group(1))
        when, issuer, title = _tail_details(text, m.end(), limit)
        if kind in ("Luật", "Bộ luật", "Pháp lệnh"):
            # "Luật số 10/2022/QH15" has no name here; the number still identifies it.
            title = None
        found.append(Citation(kind, _clean_number(m.group(2)), when, issuer, title, m.start()))
        taken.append((m.start(), m.end()))
    found.extend(_find_laws(text, taken))
    found.sort(key=lambda c: c.start)
    return dedupe(found)


def dedupe(citations: list[Citation]) -> list[Citation]:
    """Keep the first mention of each document, filling its blanks from later mentions.

    A law named once without a number and once with one ("Luật Thực hiện dân chủ ở cơ sở năm 2022" and
    "... số 10/2022/QH15") is one document: the numbered mention absorbs the unnumbered one.
    """
    by_key: dict[tuple[str, str], Citation] = {}
    ordered: list[Citation] = []
    for c in citations:
        existing = by_key.get(c.key())
        if existing is None:
            by_key[c.key()] = c
            ordered.append(c)
            continue
        existing.date = existing.date or c.date
        existing.issuer = existing.issuer or c.issuer
        existing.title = existing.title or c.title
    titled = {}
    for c in ordered:
        if c.number and c.title:
            titled.setdefault((c.type, fold(c.title)), c)
    result = []
    for c in ordered:
        twin = titled.get((c.type, fold(c.title or ""))) if not c.number else None
        if twin is not None:
            twin.start = min(twin.start, c.start)
            continue
        result.append(c)
    result.sort(key=lambda c: c.start)
    return result


def extract_citations(text: str) -> list[dict]:
    """Citations as plain dicts: {"type", "number", "date", "issuer", "title"}."""
    return [c.to_dict() for c in find_citations(text)]
