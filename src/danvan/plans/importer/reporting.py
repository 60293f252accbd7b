"""Reporting clauses of a plan ("gửi báo cáo năm về UBND xã (qua Phòng Văn hóa - Xã hội) chậm nhất ngày
10/10/2026", "… gửi về UBND tỉnh (qua Sở Nội vụ) trước ngày 01/11/2026") as reporting periods.

Each period keeps its direction: "units" when the commune's units report to the commune (to the
UBND xã, or through one of its offices), "province" when the commune itself reports upward (to the
UBND tỉnh, a Sở, a Ban of the province): those are the commune's own deadlines.
"""

from __future__ import annotations

import re

from danvan.text.dates import find_dates, make_date
from danvan.text.normalize import fold

UNITS, PROVINCE = "units", "province"
_REPORT_WORD = re.compile(r"báo cáo|gửi", re.IGNORECASE)

_DEADLINE_IN_REPORT = re.compile(
    r"(?:(6 tháng(?: đầu năm| cuối năm)?|9 tháng|năm|quý(?:\s+[IV]+|\s+\d)?|hằng tháng|hàng tháng|tháng)\s*)?"
    r"\(?\s*(?:trước|chậm nhất)(?:\s+là)?(?:\s+ngày)?\s+",
    re.IGNORECASE,
)
_REPORT_TARGET_WORDS = (
    r"(?:UBND|Ủy ban|Uỷ ban|Sở|Phòng|Văn phòng|Ban|Trung tâm|Bộ|Thường trực|Đảng ủy|Đảng uỷ|Chủ tịch|HĐND|"
    r"Cơ quan|Cục|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Thành ủy)"
)
_REPORT_TO = re.compile(
    rf"(?:(?:gửi\s+)?(?:về|cho)|báo cáo)\s+({_REPORT_TARGET_WORDS}[^,;.()]*?(?:\s*\([^)]*\))?)"
    r"(?=\s*(?:,|;|\.|\s+để\b|\s+trước\b|\s+chậm\b|\s+theo\b|\s+đồng gửi\b|\s+và\b|\s+định kỳ\b|$))"
)
_REPORT_CC = re.compile(
    rf"đồng gửi\s+({_REPORT_TARGET_WORDS}[^,;.()]*?(?:\s*\([^)]*\))?)(?=\s*(?:,|;|\.|\s+để\b|$))"
)
_REPORT_SUBJECT = re.compile(
    r"^((?:Các|Phòng|Văn phòng|Trung tâm|Ban|Công an|Ủy ban|Uỷ ban|UBND|Sở|Thủ trưởng)[^;:()]*?)\s+"
    r"(?:tổ chức|tham mưu|gửi|định kỳ|báo cáo|tổng hợp|chủ động|có trách nhiệm|thực hiện|xây dựng|căn cứ)\b"
)
_GENERIC_REPORTERS = "Các phòng, ban, đơn vị"
# Who sits above a commune: the province's People's Committee, its departments and party bodies, ministries.
_UPWARD = re.compile(
    r"\b(?:tinh|thanh pho truc thuoc|so [a-z]|bo [a-z]|trung uong|chinh phu|thu tuong|tinh uy|cuc )"
)
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?![\d/.-]*\d)")


def direction(to: list[str], issuer_level: str | None = None) -> str:
    """'province' when a report goes above the issuer (a commune's report to the tỉnh), else 'units'."""
    key = " " + fold("; ".join(to)) + " "
    if issuer_level in ("tinh", "thanh pho"):
        # A province plan: its departments report to it; upward is the ministries and the centre.
        return PROVINCE if re.search(r"\b(?:bo [a-z]|trung uong|chinh phu|thu tuong)", key) else UNITS
    return PROVINCE if _UPWARD.search(key) else UNITS


def _split_clauses(text: str) -> list[str]:
    """Split on ';' and sentence ends that are outside parentheses."""
    clauses, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch == ";" or (ch == "." and text[i + 1 : i + 2] == " ")):
            clauses.append(text[start:i])
            start = i + 1
    clauses.append(text[start:])
    return [c.strip() for c in clauses if c.strip()]


def _report_what(clause: str, period: str | None) -> str:
    f = fold(clause)
    if period:
        p = fold(period)
        if p.startswith("6 thang"):
            return "Báo cáo 6 tháng"
        if p.startswith("9 thang"):
            return "Báo cáo 9 tháng"
        if p.startswith("quy"):
            return "Báo cáo quý"
        if "thang" in p:
            return "Báo cáo tháng"
        return "Báo cáo năm"
    for key, label in (
        ("bao cao 6 thang", "Báo cáo 6 tháng"),
        ("bao cao nam", "Báo cáo năm"),
        ("bao cao quy", "Báo cáo quý"),
        ("bao cao so ket", "Báo cáo sơ kết"),
        ("bao cao tong ket", "Báo cáo tổng kết"),
    ):
        if key in f:
            return label
    if re.search(r"gui\s+(?:ban\s+)?ke hoach", f):
        return "Kế hoạch"
    if "bao cao ket qua" in f:
        return "Báo cáo kết quả"
    return "Báo cáo"


def _due(tail: str, year: int | None):
    dates = find_dates(tail)
    if dates and dates[0].start == 0:
        return dates[0].value
    m = _DAY_MONTH.match(tail)
    if m and year:
        # "trước ngày 15/5" in a plan for 2026 is 15/5/2026.
        return make_date(int(m.group(1)), int(m.group(2)), year)
    return None


def reporting_in(
    text: str, context_units: list[str] | None, year: int | None = None, level: str | None = None
) -> list[dict]:
    """The reporting periods one paragraph sets, each with its source clause in "text"."""
    if not _REPORT_WORD.search(text):
        return []
    body = re.sub(r"^[-–+•]\s*", "", text)
    subject = _REPORT_SUBJECT.match(body)
    reporters = [subject.group(1).strip()] if subject else (context_units or [_GENERIC_REPORTERS])
    entries: list[dict] = []
    for clause in _split_clauses(body):
        f = fold(clause)
        if "bao cao" not in f and not re.search(r"\bgui\b", f):
            continue
        to: list[str] = []
        m = _REPORT_TO.search(clause)
        if m:
            to.append(m.group(1).strip())
        to.extend(c.group(1).strip() for c in _REPORT_CC.finditer(clause) if c.group(1).strip() not in to)
        for d in _DEADLINE_IN_REPORT.finditer(clause):
            due = _due(clause[d.end() : d.end() + 30], year)
            if due is None:
                continue
            entries.append(
                {
                    "what": _report_what(clause, d.group(1)),
                    "due": due.isoformat(),
                    "from": list(reporters),
                    "to": list(to),
                    "direction": direction(to, level),
                    "text": clause,
                }
            )
    return entries


def reporting(texts: list[tuple[str, list[str] | None]], year: int | None = None, level=None) -> list[dict]:
    """Every distinct reporting period in the given (paragraph, units it belongs to) pairs."""
    seen: set[tuple[str, str, str]] = set()
    out: list[dict] = []
    for text, units in texts:
        for entry in reporting_in(text, units, year, level):
            key = (entry["what"], entry["due"], entry["direction"])
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return out
