"""The generated prose as an official writes it: "chưa có …" instead of "0 …", one cut-off date.

The modules write their sections with the counts in figures ("tổ chức 0 buổi tiếp công dân",
"Tính đến ngày 03/12/2026"). A report goes out under a leader's signature, so before the text is
shown or printed the reports app rewrites a zero count as Vietnamese administrative prose does and
puts every "tính đến" on the report's one cut-off date: the end of the period, or the issue date
when the report is issued (or written) before the period ends.
"""

from __future__ import annotations

import datetime as dt
import re

# Verbs (longest first) that come before a count in the modules' sentences: "tổ chức 0 buổi tiếp công
# dân" becomes "chưa tổ chức buổi tiếp công dân".
VERBS = sorted(
    [
        "tổ chức",
        "tiếp nhận",
        "trả lời",
        "công khai",
        "giải quyết",
        "hướng dẫn",
        "chuyển",
        "nhận",
        "tiếp",
        "đăng ký",
        "hoàn thành",
        "ghi nhận",
        "cập nhật tiến độ",
        "nộp",
        "thực hiện",
        "đánh giá",
        "công nhận",
        "lấy ý kiến Nhân dân về",
        "bàn và quyết định",
        "trực tiếp tiếp",
    ],
    key=len,
    reverse=True,
)
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_AS_OF = re.compile(r"([Tt])ính đến (?:ngày )?" + _DATE)
# A clause ends at punctuation; the noun phrase after a zero runs to there.
_REST = r"([^,.;:()]*?)(?=\s*(?:[,.;:()]|$))"
_VERB_ZERO = re.compile(
    r"(\bđã )?\b(" + "|".join(re.escape(v) for v in VERBS) + r") 0\b ?" + _REST, re.IGNORECASE
)
_HAS_ZERO = re.compile(r"\b([Cc])ó 0 ")
_STILL_ZERO = re.compile(r"\b([Cc])òn 0 ")
_BRACKET_ZERO = re.compile(r"\(0 ([^)]+)\)")
# "…, 0 cam kết đang thực hiện": no verb before the zero; not when a verb follows it ("0 đang …").
_LEAD_ZERO = re.compile(r"(^|[,;:]\s|\btrong đó\s|\bvà\s)0 (?!đang\b|đã\b|chưa\b)(?=\D)")
# "3 nhiệm vụ đang thực hiện, 0 chưa thực hiện": the noun is the one counted before in the sentence.
_BARE_ZERO = re.compile(r"(^|[,;:]\s|\btrong đó\s|\bvà\s)0 (?=(?:đang|đã|chưa)\b)")
UNITS = ("nhiệm vụ", "đơn", "cam kết", "kiến nghị", "nội dung", "mô hình", "báo cáo", "lượt", "buổi")
_UNIT_BEFORE = re.compile(r"\d+ (" + "|".join(UNITS) + r")\b")
# A count of times after a verb that already names the action: "cập nhật tiến độ 0 lượt" → "chưa cập
# nhật tiến độ".
_TIMES = {"lượt", "lần"}


def cutoff(end: dt.date, issued_on: dt.date | None, today: dt.date) -> dt.date:
    """The one "tính đến" date of a report: its end date or its issue date (today for a draft),
    whichever is earlier."""
    return min(end, issued_on or today)


def _as_of(text: str, day: dt.date) -> str:
    """A "tính đến" later than the cut-off is put on it; an earlier date the official wrote is kept."""

    def fix(m: re.Match) -> str:
        try:
            written = dt.date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
        except ValueError:
            return m.group(0)
        return f"{m.group(1)}ính đến ngày {min(written, day):%d/%m/%Y}"

    return _AS_OF.sub(fix, text)


def _verb_zero(m: re.Match) -> str:
    first = m.group(1) or m.group(2)
    verb, rest = m.group(2), m.group(3).strip()
    word = "Chưa" if first[:1].isupper() else "chưa"
    verb = verb[:1].lower() + verb[1:] if not verb.startswith("UBND") else verb
    if rest in _TIMES and verb.lower() == "cập nhật tiến độ":
        rest = ""
    if rest and " " not in rest:  # a bare unit: "chưa hướng dẫn lượt nào"
        rest += " nào"
    return f"{word} {verb} {rest}" if rest else f"{word} {verb}"


def _bare_zero(m: re.Match, line: str) -> str:
    counted = _UNIT_BEFORE.findall(line[: m.start()])
    return f"{m.group(1)}không có {counted[-1]} " if counted else m.group(0)


def _sentence_case(text: str) -> str:
    # A rewrite at the start of a sentence ("Chưa có …", "Chưa tổ chức …") keeps its capital.
    return re.sub(r"(^|[.!?]\s+)(chưa|không)\b", lambda m: m.group(1) + m.group(2).capitalize(), text)


def official(text: str, *, as_of: dt.date | None = None) -> str:
    """`text` with zero counts written out in words and every "tính đến" on `as_of`."""
    if not text:
        return text
    lines = []
    for line in text.split("\n"):
        if as_of is not None:
            line = _as_of(line, as_of)
        line = _HAS_ZERO.sub(lambda m: ("Chưa" if m.group(1) == "C" else "chưa") + " có ", line)
        line = _STILL_ZERO.sub(lambda m: ("Không" if m.group(1) == "C" else "không") + " còn ", line)
        line = _BRACKET_ZERO.sub(r"(không có \1)", line)
        line = _VERB_ZERO.sub(_verb_zero, line)
        line = _LEAD_ZERO.sub(r"\1không có ", line)
        line = _BARE_ZERO.sub(lambda m, text=line: _bare_zero(m, text), line)
        lines.append(_sentence_case(line))
    return "\n".join(lines)
