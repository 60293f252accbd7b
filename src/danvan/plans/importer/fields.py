"""A task's labelled fields in a plan's text: "Chủ trì: …", "Phối hợp: …", "Thời gian thực hiện: …",
"Sản phẩm: …", and the task block "a) Nhiệm vụ: … b) Cơ quan thực hiện: … c) Thời gian thực hiện: …"
whose lettered lines are the numbered task's fields, not tasks of their own. Read by `parse.py`."""

from __future__ import annotations

import re

from danvan.plans.importer.units import split_units
from danvan.text.normalize import fold

META = re.compile(
    r"^(?P<label>(?:Cơ quan|Đơn vị|Bộ phận)\s+"
    r"(?:chủ trì|phối hợp|thực hiện|tham mưu|chịu trách nhiệm)[^:]{0,40}"
    r"|Chủ trì(?: thực hiện)?|Phối hợp(?: thực hiện)?|Thời gian(?: thực hiện| hoàn thành)?"
    r"|Thời hạn(?: hoàn thành| thực hiện)?|Tiến độ(?: thực hiện| hoàn thành)?|Sản phẩm(?: đầu ra)?)\s*:\s*"
    r"(?P<value>.*)$",
    re.IGNORECASE,
)


def read_meta(text: str) -> tuple[str, str] | None:
    m = META.match(text)
    if not m:
        return None
    label = fold(m.group("label"))
    value = m.group("value").strip()
    if "phoi hop" in label and "chu tri" not in label:
        return "coordinating", value
    if "chu tri" in label or any(w in label for w in ("thuc hien", "tham muu", "chiu trach nhiem")):
        if label.startswith(("thoi gian", "thoi han", "tien do")):
            return "time", value
        return "lead", value
    if label.startswith(("thoi gian", "thoi han", "tien do")):
        return "time", value
    return "output", value


def apply_meta(node, kind: str, value: str) -> None:
    if kind == "lead":
        node.lead.extend(u for u in split_units(value) if u not in node.lead)
    elif kind == "coordinating":
        node.coordinating.extend(u for u in split_units(value) if u not in node.coordinating)
    elif kind == "time":
        node.time = value
    else:
        node.output = value


_TASK_FIELD = re.compile(r"^(?:Nội dung\s+)?nhiệm vụ(?: cụ thể)?\s*:\s*(?P<value>.*)$", re.IGNORECASE)


def field_letter(item, text: str) -> bool:
    """Whether a lettered item is one of `item`'s fields (the task block "a) Nhiệm vụ: … b) Cơ quan
    thực hiện: … c) Thời gian thực hiện: …"); if so, its value is put on `item`."""
    task = _TASK_FIELD.match(text)
    if task:
        if task.group("value").strip():
            item.details.append(task.group("value").strip())
        return True
    meta = read_meta(text)
    if meta is None:
        return False
    if meta[1]:
        apply_meta(item, *meta)
    return True


def is_time_label(text: str) -> bool:
    meta = read_meta(text.replace("*", "").strip())
    return meta is not None and meta[0] == "time"
