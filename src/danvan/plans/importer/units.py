"""Match the unit names a plan writes ("VP HĐND&UBND", "Phòng VHXH") to a commune's own unit list."""

from __future__ import annotations

import re

from danvan.text.normalize import fold

STANDARD_UNITS: tuple[str, ...] = (
    "Văn phòng HĐND và UBND",
    "Phòng Văn hóa – Xã hội",
    "Phòng Kinh tế",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Dịch vụ công",
    "Công an xã",
    "Ban Chỉ huy Quân sự",
    "Ủy ban MTTQ Việt Nam xã",
)

# Spellings seen in plans -> the standard name. Keys are compared folded, after the trailing level is cut.
DEFAULT_ALIASES: dict[str, str] = {
    "VP HĐND&UBND": "Văn phòng HĐND và UBND",
    "VP HĐND và UBND": "Văn phòng HĐND và UBND",
    "Văn phòng HĐND & UBND": "Văn phòng HĐND và UBND",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân": "Văn phòng HĐND và UBND",
    "Văn phòng HĐND-UBND": "Văn phòng HĐND và UBND",
    "Phòng VHXH": "Phòng Văn hóa – Xã hội",
    "Phòng VH-XH": "Phòng Văn hóa – Xã hội",
    "Phòng Văn hoá - Xã hội": "Phòng Văn hóa – Xã hội",
    "Phòng KT": "Phòng Kinh tế",
    "Trung tâm PVHCC": "Trung tâm Phục vụ hành chính công",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    "Trung tâm Dịch vụ công ích": "Trung tâm Dịch vụ công",
    "Trung tâm Dịch vụ tổng hợp": "Trung tâm Dịch vụ công",
    "Trung tâm Cung ứng dịch vụ công": "Trung tâm Dịch vụ công",
    "Công an": "Công an xã",
    "CA xã": "Công an xã",
    "Ban CHQS": "Ban Chỉ huy Quân sự",
    "BCHQS": "Ban Chỉ huy Quân sự",
    "UBMTTQ": "Ủy ban MTTQ Việt Nam xã",
    "Ủy ban MTTQ": "Ủy ban MTTQ Việt Nam xã",
    "Ủy ban MTTQ Việt Nam": "Ủy ban MTTQ Việt Nam xã",
    "Ủy ban Mặt trận Tổ quốc Việt Nam": "Ủy ban MTTQ Việt Nam xã",
    "UB MTTQ VN": "Ủy ban MTTQ Việt Nam xã",
    "MTTQ": "Ủy ban MTTQ Việt Nam xã",
}

# "Công an xã" keeps its "xã" in the standard list, so the level is cut from both sides before comparing.
_LEVEL_SUFFIX = re.compile(r"\s+(?:xa|phuong|thi tran|dac khu)$")


def unit_key(name: str) -> str:
    """Folded name with '&', dashes and the trailing ' xã'/' phường' normalised away."""
    key = fold(name).replace("&", " va ").replace("-", " - ")
    key = re.sub(r"\s*-\s*", " - ", key)
    key = re.sub(r"\s+", " ", key).strip(" .;,")
    return _LEVEL_SUFFIX.sub("", key)


def match_unit(name: str, candidates: list[str], aliases: dict[str, str] | None = None) -> str | None:
    """The candidate this name refers to, or None. Aliases (defaults plus the caller's) map spellings."""
    if not name or not name.strip():
        return None
    by_key = {unit_key(c): c for c in candidates}
    key = unit_key(name)
    if key in by_key:
        return by_key[key]
    merged = {unit_key(k): v for k, v in DEFAULT_ALIASES.items()}
    merged.update({unit_key(k): v for k, v in (aliases or {}).items()})
    target = merged.get(key)
    if target is not None:
        return by_key.get(unit_key(target))
    return None


# Words a unit's name starts with ("Phòng …", "Trung tâm …", "Các phòng, ban …"), compared folded.
_UNIT_PREFIX_WORDS = (
    "Phòng|Văn phòng|Trung tâm|Công an|Ban|Ủy ban|Uỷ ban|UBND|HĐND|Sở|Các|Cơ quan|Đơn vị|Hội|Đoàn|Đài|Báo|"
    "Kho bạc|Chi cục|Thanh tra|Bảo hiểm|Liên đoàn|Đảng ủy|Đảng uỷ|Mặt trận|MTTQ|UBMTTQ|Trường|Trạm|Công đoàn|"
    "Hội đồng|Bộ Chỉ huy|Thủ trưởng|Chủ tịch|Hạt|Đội|Tổ|Bệnh viện|Cục|Viện|Bộ|Thường trực|Quỹ|Chi nhánh|"
    "Công ty|Hợp tác xã"
)
_UNIT_PREFIXES = tuple(fold(p) for p in _UNIT_PREFIX_WORDS.split("|"))
_JOINT_OFFICE = re.compile(r"HĐND\s*(?:và|&)\s*UBND|Hội đồng nhân dân và Ủy ban nhân dân", re.IGNORECASE)


def split_units(value: str) -> list[str]:
    """'Phòng Văn hóa – Xã hội (chủ trì …); Phòng Kinh tế.' -> the unit names; generic groups stay whole."""
    value = re.sub(r"\([^)]*\)", "", value).strip(" .;,")
    # "Văn phòng HĐND và UBND" is one office: its "và" must not split it.
    value = _JOINT_OFFICE.sub(lambda m: m.group(0).replace(" và ", "\x00").replace("&", "\x01"), value)
    units: list[str] = []
    for part in re.split(r"\s*;\s*", value):
        part = part.strip(" .,")
        if not part:
            continue
        pieces = [x.strip(" .") for x in re.split(r",\s*|\s+và\s+", part) if x.strip(" .")]
        if len(pieces) > 1 and all(fold(x).startswith(_UNIT_PREFIXES) and x[:1].isupper() for x in pieces):
            units.extend(pieces)
        else:
            units.append(part)
    return [u.replace("\x00", " và ").replace("\x01", "&") for u in units]
