"""Turn the text of a commune plan (Kế hoạch) into the structured dict the rest of the project stores.

Task references (`ref`) follow the document's own numbering under its Roman section:
"II.3" is item 3 of section II, "II.3.2" its sub-item 3.2, "II.3.2.a" a lettered item "a)" under it,
and "II.3-2" the second dash bullet directly under item II.3 ("II-1" for a bullet right under the
section heading). Bullets carrying fields ("- Cơ quan chủ trì: …", "- Thời gian thực hiện: …") are not
tasks; they fill the lead/coordinating/timeframe of the item they belong to.

The signer's `title` is the capitalised lines under the "TM. …" line joined with a space, as written
("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "CHỦ TỊCH"); `on_behalf` is the "TM. …" line itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import danvan.plans.importer.layout as lay
from danvan.plans.importer.assign import assign
from danvan.plans.importer.errors import PlanImportError
from danvan.plans.importer.fields import apply_meta, field_letter, is_time_label, read_meta
from danvan.plans.importer.letterhead import (
    ADMIN,
    closing,
    find_body_end,
    find_title,
    header_fields,
    issuer_from_body,
    read_title,
)
from danvan.plans.importer.reporting import reporting
from danvan.plans.importer.tables import appendix_tasks
from danvan.plans.importer.timeframe import UNSPECIFIED, classify, timeframe_in
from danvan.plans.importer.units import split_units
from danvan.text.citations import find_citations
from danvan.text.dates import roman_to_int
from danvan.text.normalize import fold

NOT_A_PLAN_MESSAGE = (
    "Không nhận ra đây là một kế hoạch: không thấy tiêu đề “KẾ HOẠCH” và các mục I, II, III… "
    "Vui lòng kiểm tra lại tệp đã chọn."
)

_YEAR_IN_TITLE = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)

_ACTION_VERBS = (
    "tổ chức|triển khai|thực hiện|tham mưu|xây dựng|rà soát|hướng dẫn|theo dõi|kiểm tra|đề xuất|"
    "nghiên cứu|để|in|cấp phát|vận động|tuyên truyền|tập huấn|bố trí|đôn đốc|giải quyết|tiếp nhận|"
    "quản lý|chỉ đạo|báo cáo|"
    "tổng hợp|thống kê|lập|phát động|khảo sát|đánh giá|biên soạn|cung cấp|phổ biến"
)
_INLINE_LEAD = re.compile(
    r"(?:^|[,;.:]\s*|\b[Gg]iao\s+)((?:Phòng|Văn phòng|Trung tâm|Công an|Ban|Ủy ban|Uỷ ban|UBND|Sở|Hội|Đoàn)"
    r"[^,;.:()]{0,80}?)\s+chủ trì(?:,\s*phối hợp(?:\s+với)?\s+([^;()]{3,160}?)"
    rf"(?=\s+(?:{_ACTION_VERBS})\b|[;()]|\.(?:\s|$)|$))?"
)
_DUTY_SUBJECT = re.compile(
    r"^([A-ZĐƯÂÊÔƠĂỦÚ][^;:()]{2,120}?)\s+"
    r"(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|tham mưu|chủ động|căn cứ|hướng dẫn|theo dõi|"
    r"chỉ đạo|thực hiện các|triển khai các|tổ chức các|bố trí|cân đối|tăng cường|phân công)\b"
)
_ASKED = re.compile(r"^(?:Đề nghị|Giao|Đối với|Yêu cầu)\s+")
_UNIT_START = re.compile(
    r"(?:Phòng|Văn phòng|Trung tâm|Công an|Ban|Ủy ban|Uỷ ban|UBND|UBMTTQ|HĐND|Sở|Cơ quan|Đơn vị|Hội|Đoàn|Đài|"
    r"Báo|Kho bạc|Chi cục|Thanh tra|Bảo hiểm|Liên đoàn|Đảng ủy|Đảng uỷ|Mặt trận|MTTQ|Trường|Trạm|Công đoàn|"
    r"Hội đồng|Bộ|Thủ trưởng|Chủ tịch|Hạt|Đội|Tổ|Bệnh viện|Cục|Viện|Thường trực|Quỹ|Chi nhánh|Công ty|"
    r"Hợp tác xã|Người đứng đầu|Lãnh đạo|Tòa án|Toà án|Viện kiểm sát|Ngân hàng|Bưu điện|Chi hội|Chi đoàn|"
    r"Các (?:cơ quan|đơn vị|sở|phòng|ban|ngành|địa phương|xã|phường|thôn|tổ|hội|đoàn thể|tổ chức|trường|"
    r"doanh nghiệp|cơ sở|Sở|Phòng|Ban))\b"
)
# Words that start like a body's name but are verbs or things: "Tổ chức hội nghị", "Ban hành", "Hội nghị".
_NOT_UNIT_START = re.compile(
    r"(?:Tổ chức|Ban hành|Hội nghị|Hội thảo|Hội thi|Trường hợp|Đơn vị tính|Bộ phận một cửa|Cơ quan chủ trì|"
    r"Đơn vị chủ trì|Cơ quan phối hợp|Đơn vị phối hợp|Cơ quan thực hiện|Đơn vị thực hiện)\b",
    re.IGNORECASE,
)


@dataclass
class Node:
    """One numbered, lettered or bulleted item of a section, with the fields attached to it."""

    ref: str
    kind: str  # "num" | "letter" | "bullet"
    text: str
    depth: float
    parent: Node | None = None
    details: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    time: str | None = None
    output: str | None = None
    bullets: int = 0
    children: list[Node] = field(default_factory=list)


@dataclass
class Section:
    ref: str
    title: str
    roles: set[str]
    paragraphs: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)


# ---------------------------------------------------------------- header


# ---------------------------------------------------------------- sections and items


def _section_roles(title: str) -> set[str]:
    f = fold(title)
    roles: set[str] = set()
    if any(
        w in f
        for w in ("noi dung", "nhiem vu", "giai phap", "hoat dong", "tien do", "chuong trinh", "danh muc")
    ):
        roles.add("tasks")
    if any(w in f for w in ("to chuc thuc hien", "trach nhiem", "phan cong")):
        roles.add("assignments")
    if roles:
        return roles
    if any(w in f for w in ("muc dich", "yeu cau", "muc tieu", "quan diem")):
        return {"purpose"}
    if "kinh phi" in f:
        return {"funding"}
    if any(w in f for w in ("danh gia", "tinh hinh", "ket qua", "thuc trang", "can cu", "su can thiet")):
        return {"context"}
    return {"tasks"}


def _split_sections(paragraphs: list[str]) -> tuple[list[str], list[Section]]:
    preamble: list[str] = []
    sections: list[Section] = []
    last = 0
    for p in paragraphs:
        m = lay.ROMAN_HEADING.match(p)
        value = roman_to_int(m.group(1)) if m else None
        if m and value and (value == last + 1 or (lay.is_upper_text(m.group(2)) and value > last)):
            last = value
            sections.append(Section(m.group(1), m.group(2).strip(), _section_roles(m.group(2))))
            continue
        if sections:
            sections[-1].paragraphs.append(p)
        else:
            preamble.append(p)
    if not sections:
        # A plan without Roman sections is all content.
        sections.append(Section("", "", {"tasks"}, paragraphs=preamble))
        preamble = []
    return preamble, sections


def _ref(base: str, tail: str, sep: str = ".") -> str:
    return f"{base}{sep}{tail}" if base else tail


def _build_nodes(section: Section) -> None:
    stack: list[Node] = []  # open numbered items, outermost first
    letter: Node | None = None
    last: Node | None = None
    refs: set[str] = set()

    def unique(ref: str) -> str:
        candidate, n = ref, 2
        while candidate in refs:
            candidate, n = f"{ref}#{n}", n + 1
        refs.add(candidate)
        return candidate

    for p in section.paragraphs:
        num = lay.numbered_item(p)
        if num:
            depth = num.group(1).count(".") + 1
            while stack and stack[-1].depth >= depth:
                stack.pop()
            parent = stack[-1] if stack else None
            if depth == 1 and is_time_label(num.group(3)):
                # "2. Thời gian thực hiện: từ nay đến hết năm 2025" under a section heading is the time
                # of the whole plan, said once, not a task: it and its lines stay the section's words.
                section.intro.append(p)
                letter = last = None
                continue
            node = Node(unique(_ref(section.ref, num.group(1))), "num", num.group(3).strip(), depth, parent)
            stack.append(node)
            letter = None
        elif (
            (let := lay.LETTERED_ITEM.match(p)) is not None
            and stack
            and field_letter(stack[-1], let.group(2))
        ):
            # "a) Nhiệm vụ: …", "b) Cơ quan thực hiện:", "c) Thời gian thực hiện: …" are the fields of
            # the numbered task above, not tasks: their bullets ("- Đơn vị chủ trì: …") belong to it too.
            letter, last = None, stack[-1]
            continue
        elif (let := lay.LETTERED_ITEM.match(p)) is not None:
            parent = stack[-1] if stack else None
            base = parent.ref if parent else section.ref
            node = Node(unique(_ref(base, let.group(1))), "letter", let.group(2).strip(), 9, parent)
            letter = node
        elif (bul := lay.BULLET.match(p)) is not None:
            text = bul.group(2).strip()
            owner = letter or (stack[-1] if stack else None)
            if owner is not None and bul.group(1) != "+" and field_letter(owner, text):
                # "- Nhiệm vụ:" with its "+" lines under a numbered item: the item's own words.
                last = owner
                continue
            meta = read_meta(text)
            if meta:
                target = owner if bul.group(1) != "+" else (last or owner)
                if target is not None:
                    apply_meta(target, *meta)
                else:
                    section.intro.append(p)
                continue
            if bul.group(1) == "+":
                (last.details if last else section.intro).append(text)
                continue
            if owner is not None:
                owner.bullets += 1
                ref = unique(_ref(owner.ref, str(owner.bullets), "-"))
            else:
                section_bullets = sum(1 for n in section.nodes if n.kind == "bullet" and n.parent is None) + 1
                ref = unique(_ref(section.ref, str(section_bullets), "-"))
            node = Node(ref, "bullet", text, 99, owner)
        else:
            meta = read_meta(p)
            target = last if last is not None else None
            if meta and target is not None:
                apply_meta(letter or (stack[-1] if stack else target), *meta)
            elif target is not None:
                target.details.append(p)
            else:
                section.intro.append(p)
            continue
        if node.parent is not None:
            node.parent.children.append(node)
        section.nodes.append(node)
        last = node


def _inline_roles(node: Node) -> None:
    m = _INLINE_LEAD.search(node.text)
    if m and not node.lead:
        node.lead = split_units(m.group(1))
        if m.group(2) and not node.coordinating:
            node.coordinating = split_units(m.group(2))


def _timeframe(node: Node, year: int | None) -> dict:
    """A "Thời gian thực hiện:" field first, else a time frame written in the item's own sentences."""
    if node.time:
        return classify(node.time, year)
    for text in [node.text, *node.details]:
        found = timeframe_in(text, year)
        if found:
            return found
    return classify(None)


def _task(node: Node, year: int | None) -> dict:
    """The item as the JSON contract's task; leads and time frames of parents are filled in by assign."""
    return {
        "ref": node.ref,
        "content": node.text,
        "details": list(node.details),
        "lead": list(node.lead),
        "coordinating": list(node.coordinating),
        "timeframe": _timeframe(node, year),
        "output": node.output,
        "parent": node.parent.ref if node.parent is not None else None,
        "origin": "content",
    }


# ---------------------------------------------------------------- assignments and reporting


def is_unit_name(text: str) -> bool:
    """Whether a phrase starts like a body's name ("Phòng …", "Sở …", "Các phòng, ban …"), with its
    diacritics: "Bộ Công an" is a body, "Bố trí …" and "Tổ chức …" are verbs."""
    text = text.strip()
    return bool(text[:1].isupper() and _UNIT_START.match(text) and not _NOT_UNIT_START.match(text))


def _unit_heading(text: str) -> tuple[list[str], str | None] | None:
    """'Phòng Kinh tế: Phối hợp …' -> (['Phòng Kinh tế'], 'Phối hợp …'); 'Bộ CHQS tỉnh có trách nhiệm
    tham mưu …' -> (['Bộ CHQS tỉnh'], 'Có trách nhiệm tham mưu …'); None when not a unit heading."""
    body = _ASKED.sub("", text.strip())
    head, rest = body, None
    colon = body.find(":")
    subject = _DUTY_SUBJECT.match(body)
    if subject and is_unit_name(subject.group(1)) and (colon < 0 or subject.end(1) < colon):
        # The unit is the sentence's subject (and a closing "… các nội dung sau:" is not its name).
        head, rest = subject.group(1), body[subject.end(1) :].strip(" :")
    elif 0 < colon < 140:
        head, rest = body[:colon], body[colon + 1 :].strip() or None
    head = head.strip().strip(" .")
    if not head or not is_unit_name(head):
        return None
    if rest is None and (len(head) > 90 or body.rstrip().endswith((".", ";"))):
        return None
    if len(head) > 140:
        return None
    if rest:
        rest = rest[0].upper() + rest[1:]
    return split_units(head), rest


def _assignments(sections: list[Section]) -> tuple[list[dict], dict[int, list[str]]]:
    """Unit headings of the organisation section(s), and for each node id the unit it belongs to.

    A unit's duties are the heading's own sentence after the name, its paragraphs, and every item under
    it (dashes, "a)", "1.1."), except an item that names a unit of its own (that one is its own entry).
    """
    entries: list[dict] = []
    unit_of: dict[int, list[str]] = {}
    headings: dict[int, tuple[list[str], str | None]] = {}
    for section in sections:
        if "assignments" not in section.roles:
            continue
        for node in section.nodes:
            found = _unit_heading(node.text) if node.kind != "bullet" or node.parent is None else None
            if found:
                headings[id(node)] = found
        for node in section.nodes:
            if id(node) not in headings:
                continue
            units, first = headings[id(node)]
            duties: list[str] = [first] if first else []
            duties.extend(node.details)
            stack = list(reversed(node.children))
            while stack:
                child = stack.pop()
                if id(child) in headings:
                    continue
                unit_of[id(child)] = units
                duties.append(child.text)
                duties.extend(child.details)
                stack.extend(reversed(child.children))
            unit_of[id(node)] = units
            for unit in units:
                entries.append({"unit": unit, "ref": node.ref, "duties": list(duties)})
    return entries, unit_of


def _descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    for child in node.children:
        out.append(child)
        out.extend(_descendants(child))
    return out


# ---------------------------------------------------------------- closing, recipients, signer


# ---------------------------------------------------------------- entry point


def parse_plan_text(text: str) -> dict:
    """Parse a plan's text into the importer's JSON dict. Raises PlanImportError when it is not a plan."""
    if not text or not text.strip():
        raise PlanImportError("Tệp không có nội dung.", PlanImportError.EMPTY)
    layout = lay.build_layout(text)
    paragraphs = layout.paragraphs
    found = find_title(paragraphs)
    if found is None:
        raise PlanImportError(NOT_A_PLAN_MESSAGE, PlanImportError.NOT_A_PLAN)
    title_at, inline_title = found
    title, body_start = read_title(paragraphs, title_at, inline_title)
    body_end, tail_start = find_body_end(paragraphs, body_start)
    preamble, sections = _split_sections(paragraphs[body_start:body_end])
    if not any(s.ref for s in sections) and not any(lay.numbered_item(p) for p in sections[0].paragraphs):
        raise PlanImportError(NOT_A_PLAN_MESSAGE, PlanImportError.NOT_A_PLAN)

    header = header_fields(paragraphs[:title_at])
    issuer, place = header["issuer"], header["place"]
    if issuer is None:
        from_body = issuer_from_body(preamble + paragraphs[body_start:body_end])
        if from_body:
            issuer, place = from_body[0], place or from_body[1]
    if place is None and issuer:
        admin = ADMIN.search(issuer)
        place = admin.group(2).title() if admin else None
    year = header["year"]
    if year is None:
        m = _YEAR_IN_TITLE.search(title)
        year = int(m.group(1)) if m else None

    # Citations: title and preamble first (they are the plan's basis), then the body, then footnotes.
    opening = "\n".join([title, *preamble])
    rest = "\n".join(p for s in sections for p in [s.title, *s.paragraphs])
    scan = "\n".join([opening, rest, *layout.footnotes])
    citations = find_citations(scan)
    basis = [i for i, c in enumerate(citations) if c.start < len(opening)]

    for section in sections:
        _build_nodes(section)
    assignments, unit_of = _assignments(sections)
    tasks = []
    for section in sections:
        if "tasks" not in section.roles:
            continue
        for node in section.nodes:
            _inline_roles(node)
            tasks.append(_task(node, year))
    seen_refs = {t["ref"] for t in tasks}
    for extra in appendix_tasks(text, year):
        while extra["ref"] in seen_refs:  # a second appendix numbering its rows from 1 again
            extra["ref"] += "'"
        seen_refs.add(extra["ref"])
        tasks.append(extra)
    admin = ADMIN.search(issuer or "")
    level = fold(admin.group(1)) if admin else None
    report_texts: list[tuple[str, list[str] | None]] = []
    for section in sections:
        report_texts.extend((p, None) for p in section.intro)
        for node in section.nodes:
            units = unit_of.get(id(node))
            report_texts.append((node.text, units))
            report_texts.extend((d, units) for d in node.details)
    periods = reporting(report_texts, year, level)
    tasks.extend(assign(tasks, assignments, periods, year))
    recipients, signer = closing(paragraphs[tail_start:])

    return {
        "title": title,
        "doc_type": "KH",
        "number": header["number"],
        "number_code": header["number_code"],
        "issuer": issuer,
        "place": place,
        "issued_on": header["issued_on"],
        "year": year,
        "signer": signer,
        "citations": [c.to_dict() for c in citations],
        "basis": basis,
        "sections": [{"ref": s.ref, "title": s.title, "roles": sorted(s.roles)} for s in sections],
        "tasks": tasks,
        "assignments": assignments,
        "reporting": periods,
        "recipients": recipients,
        "footnotes": layout.footnotes,
    }


__all__ = ["UNSPECIFIED", "parse_plan_text", "split_units"]
