"""Reference data every commune starts with: the national list of fields (lĩnh vực) and the starting
keywords that suggest a field and a unit for a new petition (our own list, editable in the admin).

Seeded after every ``migrate`` and every test flush (the ``post_migrate`` signal, as Django does for
content types), and only into empty tables, so the administrator's edits are never overwritten and a
flushed database gets the lists back. Migration 0002 seeded the fields first; it stays as history.
"""

from __future__ import annotations

FIELDS = [
    "Đất đai",
    "Môi trường",
    "Xây dựng, trật tự đô thị",
    "Giao thông, hạ tầng",
    "Chính sách xã hội",
    "Y tế",
    "Giáo dục",
    "An ninh, trật tự",
    "Thủ tục hành chính",
    "Thái độ, trách nhiệm của cán bộ",
    "Khác",
]

# Field name -> (the unit that usually handles it, keywords). Our own list, matched with diacritics
# (accent-folded only for text typed without them), as whole syllable sequences.
KEYWORDS = {
    "Đất đai": (
        "Phòng Kinh tế",
        [
            "đất",
            "sổ đỏ",
            "giấy chứng nhận quyền sử dụng",
            "lấn chiếm",
            "ranh giới",
            "tranh chấp đất",
            "thu hồi đất",
            "bồi thường",
            "giải phóng mặt bằng",
            "đền bù",
            "thửa",
        ],
    ),
    "Môi trường": (
        "Phòng Kinh tế",
        [
            "rác",
            "ô nhiễm",
            "nước thải",
            "khói",
            "bụi",
            "mùi hôi",
            "xả thải",
            "tiếng ồn",
            "chăn nuôi",
            "thuốc trừ sâu",
        ],
    ),
    "Xây dựng, trật tự đô thị": (
        "Phòng Kinh tế",
        ["xây dựng", "xây nhà", "giấy phép xây dựng", "công trình", "lấn vỉa hè", "xây trái phép"],
    ),
    "Giao thông, hạ tầng": (
        "Phòng Kinh tế",
        [
            "đường",
            "cầu",
            "ổ gà",
            "sạt lở",
            "đèn đường",
            "cống",
            "mương",
            "ngập",
            "điện",
            "nước sạch",
            "kênh",
        ],
    ),
    "Chính sách xã hội": (
        "Phòng Văn hóa – Xã hội",
        [
            "hộ nghèo",
            "cận nghèo",
            "trợ cấp",
            "bảo trợ",
            "người có công",
            "thương binh",
            "liệt sĩ",
            "khuyết tật",
            "hỗ trợ",
            "bảo hiểm",
        ],
    ),
    "Y tế": (
        "Phòng Văn hóa – Xã hội",
        ["trạm y tế", "khám bệnh", "dịch bệnh", "sốt xuất huyết", "tiêm", "thuốc"],
    ),
    "Giáo dục": (
        "Phòng Văn hóa – Xã hội",
        ["trường", "học sinh", "giáo viên", "học phí", "lớp học", "mầm non"],
    ),
    "An ninh, trật tự": (
        "Công an xã",
        [
            "trộm",
            "cắp",
            "đánh nhau",
            "gây rối",
            "cờ bạc",
            "ma túy",
            "nhậu",
            "say rượu",
            "mất trộm",
            "hát karaoke",
            "đua xe",
        ],
    ),
    "Thủ tục hành chính": (
        "Trung tâm Phục vụ hành chính công",
        ["thủ tục", "hồ sơ", "chứng thực", "khai sinh", "hộ tịch", "cư trú", "giấy tờ", "một cửa"],
    ),
    "Thái độ, trách nhiệm của cán bộ": (
        "Văn phòng HĐND và UBND",
        ["cán bộ", "thái độ", "gây khó khăn", "nhũng nhiễu", "hách dịch", "chậm trễ"],
    ),
}


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    """Create the national fields when there are none, then their keywords when there are none."""
    if apps is None:
        from django.apps import apps
    try:
        Field = apps.get_model("petitions", "Field")
        FieldKeyword = apps.get_model("petitions", "FieldKeyword")
    except LookupError:  # migrating backwards past the tables
        return
    national = Field.objects.using(using).filter(commune__isnull=True)
    if not national.exists():
        Field.objects.using(using).bulk_create(
            Field(name=name, sort_order=order * 10) for order, name in enumerate(FIELDS, start=1)
        )
    keywords = FieldKeyword.objects.using(using).filter(field__commune__isnull=True)
    if keywords.exists():
        return
    by_name = {f.name: f for f in national}
    FieldKeyword.objects.using(using).bulk_create(
        FieldKeyword(field=by_name[name], keyword=word, unit_name=unit_name)
        for name, (unit_name, words) in KEYWORDS.items()
        if name in by_name
        for word in words
    )
