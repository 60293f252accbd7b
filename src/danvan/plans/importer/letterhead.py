"""The frame of a plan document: its letterhead (issuer, number, date, title) and its closing
(recipients, signer). Read by `parse.parse_plan_text`; no Django."""

from __future__ import annotations

import re

import danvan.plans.importer.layout as lay
from danvan.text.dates import make_date
from danvan.text.normalize import fold

ADMIN = re.compile(r"\b(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.+)$")

_BODY_ISSUER = re.compile(
    r"(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)(?:\s*\(UBND\))?\s+"
    r"(xã|phường|thị trấn|đặc khu|tỉnh|thành phố|huyện)\s+((?:\w+\s+){0,3}?\w+)\s+ban hành"
)

_MOTTO = ("chu nghia viet nam", "doc lap - tu do", "doc lap, tu do", "hanh phuc")

_NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*([0-9][\w.]*)?\s*/\s*([A-ZĐ][\wĐđ]*(?:\s*-\s*[\wĐđ]+)*)")

_TITLE_WORDS = ("CHU TICH", "GIAM DOC", "TRUONG", "BI THU", "PHO ", "TRUONG BAN", "THU TRUONG")

_SIGNER_LINE = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T\.M)\s*\.\s*\S")

_DATE_LINE = re.compile(
    r"((?:\w+\s+){0,5}\w+)\s*,\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.IGNORECASE
)


def find_title(paragraphs: list[str]) -> tuple[int, str | None] | None:
    for i, p in enumerate(paragraphs[:120]):
        folded = fold(p)
        if folded == "ke hoach":
            return i, None
        if folded.startswith("ke hoach ") and p[:8].isupper() and lay.is_upper_text(p[:8]):
            # "KẾ HOẠCH Thực hiện …" on one line: the rest is the title.
            return i, p[8:].strip()
    for i, p in enumerate(paragraphs[:120]):
        # A "QUYẾT ĐỊNH Phê duyệt Kế hoạch …" carries its plan inside: read it from the decision's title.
        if fold(p) == "quyet dinh" and "ke hoach" in fold(" ".join(paragraphs[i + 1 : i + 4])):
            return i, None
    return None


def read_title(paragraphs: list[str], start: int, inline: str | None) -> tuple[str, int]:
    parts: list[str] = [inline] if inline else []
    i = start + 1
    while i < len(paragraphs) and len(parts) < 5:
        p = paragraphs[i]
        if (
            p.startswith(("Căn cứ", "Kính gửi"))
            or lay.ROMAN_HEADING.match(p)
            or len(p) > 220
            or p.endswith((";", ":"))
            or (re.search(r"\bsố\s+\d+\s*/", p) and parts)
            or (parts and lay.is_upper_text(parts[-1]) != lay.is_upper_text(p))
        ):
            break
        if p.startswith("Thực hiện") and re.search(r"\bsố\s+\d", p):
            break
        parts.append(p)
        i += 1
    title = re.sub(r"\s+", " ", " ".join(parts)).strip(" .")
    return title, i


def header_fields(header: list[str]) -> dict:
    number = number_code = None
    for p in header:
        m = _NUMBER_LINE.match(p.strip())
        if m:
            number_code = re.sub(r"\s+", "", m.group(2))
            number = f"{m.group(1)}/{number_code}" if m.group(1) else None
            break
    place = issued_on = None
    year = None
    m = _DATE_LINE.search(" ".join(p for p in header if not p.startswith("Số")))
    if m:
        # The place is the capitalised words before ", ngày": "Thành phố Hồ Chí Minh" -> "Hồ Chí Minh".
        words = m.group(1).split()
        run: list[str] = []
        for w in reversed(words):
            if not w[:1].isupper() or lay.is_upper_text(w):
                break
            run.insert(0, w)
        place = " ".join(run) or None
        year = int(m.group(4))
        if m.group(2) and m.group(3):
            when = make_date(int(m.group(2)), int(m.group(3)), year)
            issued_on = when.isoformat() if when else None
    issuer = issuer_from_letterhead(header)
    return {
        "number": number,
        "number_code": number_code,
        "place": place,
        "issued_on": issued_on,
        "year": year,
        "issuer": issuer,
    }


def issuer_from_letterhead(header: list[str]) -> str | None:
    lines: list[str] = []
    for p in header:
        folded = fold(p)
        if (
            folded.startswith("cong hoa")
            or folded == "cong"
            or any(m in folded for m in _MOTTO)
            or p.startswith("Số")
        ):
            continue
        if "ngay" in folded.split():
            continue
        if folded in ("quyet dinh", "ke hoach", "thong bao", "quyet dinh:"):
            break
        if lay.is_upper_text(p) and len(p) < 80:
            lines.append(p.strip(" */"))
            if len(lines) == 3 or ADMIN.search(p):
                break
        elif lines:
            break
    return re.sub(r"\s+", " ", " ".join(lines)).strip() or None


def issuer_from_body(paragraphs: list[str]) -> tuple[str, str] | None:
    """'UBND xã Bình Chương ban hành Kế hoạch …' when a draft has no letterhead."""
    for p in paragraphs:
        m = _BODY_ISSUER.search(p)
        if m and all(w[:1].isupper() for w in m.group(3).split()):
            return f"ỦY BAN NHÂN DÂN {m.group(2).upper()} {m.group(3).upper()}", m.group(3)
    return None


def find_body_end(paragraphs: list[str], start: int) -> tuple[int, int]:
    """(end of body, start of the closing block) — the body stops at 'Trên đây …', './.', 'Nơi nhận'."""
    for i in range(start, len(paragraphs)):
        p = paragraphs[i]
        # Only the opening words matter: folding every long body paragraph whole made long plans slow.
        folded = fold(p[:16])
        if folded.startswith("noi nhan") or _SIGNER_LINE.match(p):
            return i, i
        if p.startswith("Trên đây"):
            return i, i + 1
        if p.rstrip().endswith("./."):
            if lay.is_structural(p) and not p.startswith(("Căn cứ", "Thực hiện")):
                return i + 1, i + 1
            return i, i + 1
    return len(paragraphs), len(paragraphs)


def _is_name(p: str) -> bool:
    words = p.split()
    if not (2 <= len(words) <= 6) or any(c.isdigit() for c in p) or re.search(r"[(),;:/]", p):
        return False
    if fold(p) in ("da ky", "da ky va dong dau"):
        return False
    if any(w in fold(p).upper() + " " for w in _TITLE_WORDS) and lay.is_upper_text(p):
        return False
    return all(w[:1].isupper() for w in words)


def closing(paragraphs: list[str]) -> tuple[list[str], dict | None]:
    recipients: list[str] = []
    block: list[str] = []
    in_recipients = False
    for p in paragraphs:
        folded = fold(p)
        if folded.startswith("phu luc") or len(p) > 160:
            break
        if folded.startswith("noi nhan"):
            in_recipients = True
            rest = p.split(":", 1)[1].strip() if ":" in p else ""
            if rest:
                recipients.append(_clean_recipient(rest))
            continue
        if in_recipients and lay.BULLET.match(p):
            recipients.append(_clean_recipient(p))
            continue
        if in_recipients and recipients and p[:1].islower():
            recipients[-1] = _clean_recipient(f"{recipients[-1]} {p}")
            continue
        block.append(p)
    return recipients, _signer(block)


def _clean_recipient(text: str) -> str:
    text = re.sub(r"^[-–+•]\s*", "", text.strip())
    text = re.sub(r";\s*\(", " (", text)
    return text.rstrip(" ;.,")


def _signer(block: list[str]) -> dict | None:
    on_behalf = None
    titles: list[str] = []
    name = None
    for p in block:
        s = p.strip(" *")
        if re.match(r"^T\.?M\s*\.", s):
            on_behalf = re.sub(r"^T\.?M\s*\.\s*", "TM. ", s)
        elif _SIGNER_LINE.match(s) or (
            lay.is_upper_text(s) and any(w in fold(s).upper() for w in _TITLE_WORDS)
        ):
            titles.append(s)
        elif _is_name(s) and (titles or on_behalf):
            name = s
    if not titles and not on_behalf and not name:
        return None
    return {"name": name or "", "title": " ".join(titles), "on_behalf": on_behalf}
