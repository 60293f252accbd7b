"""Reference data every commune starts with: the national list of fields (lĩnh vực) and the starting
keywords that suggest a field and a unit for a new petition (our own list, editable in the admin).

Seeded after every ``migrate`` and every test flush (the ``post_migrate`` signal, as Django does for
content types), and only into empty tables, so the administrator's edits are never overwritten and a
flushed database gets the lists back. Migration 0002 seeded the fields first; it stays as history.
"""

from __future__ import annotations

# (name, sort order). Three fields were added in December 2026 (agriculture, culture, the commune's own
# organisation): communes bring these to the commune often and they fitted no field, so they fell into
# "Khác". Migration 0007 adds them to existing databases; sort orders are fixed so both paths agree.
FIELDS = [
    ("Đất đai", 10),
    ("Môi trường", 20),
    ("Xây dựng, trật tự đô thị", 30),
    ("Giao thông, hạ tầng", 40),
    ("Nông nghiệp, thủy lợi", 45),
    ("Chính sách xã hội", 50),
    ("Y tế", 60),
    ("Giáo dục", 70),
    ("Văn hóa, thông tin, tôn giáo", 75),
    ("An ninh, trật tự", 80),
    ("Thủ tục hành chính", 90),
    ("Tổ chức bộ máy, chế độ cán bộ", 95),
    ("Thái độ, trách nhiệm của cán bộ", 100),
    ("Khác", 110),
]
ADDED_2026_12 = ["Nông nghiệp, thủy lợi", "Văn hóa, thông tin, tôn giáo", "Tổ chức bộ máy, chế độ cán bộ"]

# Keyword weights: 3 = telling (it names the field's own matter: "ổ gà", "trạm y tế"), 2 = ordinary,
# 1 = general (often used of other matters too: "đường", "hỗ trợ"). A keyword listed under two fields
# counts for neither more than half (`keywords.specificity`).
TELLING, ORDINARY, GENERAL = 3, 2, 1

# Field name -> (the unit that usually handles it, {weight: keywords}). Our own list, matched with
# diacritics (accent-folded only for text typed without them), as whole syllable sequences.
KEYWORDS = {
    "Đất đai": (
        "Phòng Kinh tế",
        {
            TELLING: [
                "sổ đỏ", "sổ hồng", "giấy chứng nhận quyền sử dụng đất", "quyền sử dụng đất", "gcn qsdđ",
                "qsdđ", "tranh chấp đất", "thu hồi đất", "giải phóng mặt bằng", "bồi thường", "đền bù",
                "tách thửa", "cấp đổi", "chuyển mục đích sử dụng đất", "đất nông nghiệp", "đất ở",
                "đất rừng", "đất lâm nghiệp", "lấn chiếm đất", "địa chính", "đo đạc", "tái định cư",
                "mốc giới", "diện tích đất", "cấp giấy chứng nhận", "quy hoạch sử dụng đất", "thửa đất",
                "đất công", "giao đất", "cho thuê đất", "đất đai", "chuyển đổi diện tích đất",
            ],
            ORDINARY: ["thửa", "ranh giới", "mặt bằng", "dự án", "quy hoạch"],
            GENERAL: ["đất", "lấn chiếm"],
        },
    ),
    "Môi trường": (
        "Phòng Kinh tế",
        {
            TELLING: [
                "ô nhiễm", "rác thải", "nước thải", "xả thải", "mùi hôi", "khói bụi", "chất thải",
                "bãi rác", "thu gom rác", "xử lý rác", "môi trường", "vệ sinh môi trường", "khí thải",
                "thuốc trừ sâu", "cá chết", "đốt rác", "hôi thối", "rác", "xác động vật",
            ],
            ORDINARY: ["khói", "bụi", "bùn đất", "trại heo", "trại lợn", "lò đốt", "đốt", "bùn"],
            GENERAL: ["chăn nuôi", "vệ sinh", "tiếng ồn", "nước"],
        },
    ),
    "Xây dựng, trật tự đô thị": (
        "Phòng Kinh tế",
        {
            TELLING: [
                "giấy phép xây dựng", "xây dựng trái phép", "xây trái phép", "xây dựng không phép",
                "trật tự đô thị", "lấn chiếm vỉa hè", "lấn vỉa hè", "lấn chiếm lòng đường", "sai phép",
                "cơi nới", "nhà trái phép", "vỉa hè", "đổ đất", "phế thải xây dựng", "chỉnh trang đô thị",
                "đô thị", "xây nhà trái phép", "dựng lều", "buôn bán lấn chiếm",
            ],
            ORDINARY: ["xây nhà", "công trình", "lầy lội", "khu dân cư", "chung cư", "lòng đường"],
            GENERAL: ["xây dựng", "xây"],
        },
    ),
    "Giao thông, hạ tầng": (
        "Phòng Kinh tế",
        {
            TELLING: [
                "ổ gà", "mặt đường", "làm đường", "mở đường", "đường giao thông", "đường liên thôn",
                "đường liên xã", "đường dân sinh", "nâng cấp đường", "sửa chữa đường", "sửa đường",
                "bê tông hóa", "cầu treo", "cầu tràn", "đèn đường", "đèn chiếu sáng", "chiếu sáng công cộng",
                "đèn tín hiệu", "biển báo", "tai nạn giao thông", "lưới điện", "đường dây điện",
                "trạm biến áp", "cột điện", "mất điện", "điện sinh hoạt", "giá điện", "điện lực",
                "nước sạch", "nước sinh hoạt", "cấp nước", "đường ống nước", "thoát nước",
                "cống thoát nước", "ngập úng", "ngập lụt", "hệ thống điện", "giao thông", "đường thoát hiểm",
                "đường nội thôn", "cầu cống", "đường điện", "cung cấp điện", "nhà chờ xe buýt",
            ],
            ORDINARY: ["đường", "cầu", "cống", "ngập", "điện", "sạt lở", "hư hỏng", "xuống cấp"],
            GENERAL: ["nâng cấp", "sửa chữa"],
        },
    ),
    "Nông nghiệp, thủy lợi": (
        "Phòng Kinh tế",
        {
            TELLING: [
                "thủy lợi", "kênh mương", "mương nội đồng", "tưới tiêu", "nước tưới", "giống cây",
                "cây trồng", "vật nuôi", "gia súc", "gia cầm", "dịch tả lợn", "lở mồm long móng",
                "phân bón", "khuyến nông", "sản xuất nông nghiệp", "hạn hán", "mất mùa", "hồ chứa",
                "đập", "lúa", "cà phê", "trồng rừng", "nông sản", "thú y", "chuyển đổi cây trồng",
            ],
            ORDINARY: ["mương", "kênh", "trồng trọt", "rừng", "nông dân", "chăn nuôi"],
            GENERAL: ["sản xuất"],
        },
    ),
    "Chính sách xã hội": (
        "Phòng Văn hóa – Xã hội",
        {
            TELLING: [
                "hộ nghèo", "cận nghèo", "trợ cấp", "bảo trợ xã hội", "người có công", "thương binh",
                "liệt sĩ", "khuyết tật", "người cao tuổi", "bảo hiểm y tế", "bảo hiểm xã hội",
                "chế độ chính sách", "lương hưu", "nhà tình nghĩa", "nhà đại đoàn kết", "trẻ mồ côi",
                "việc làm", "xuất khẩu lao động", "gia đình chính sách", "mai táng phí", "tiêu chí hộ nghèo",
                "hỗ trợ làm nhà", "làm nhà", "nhà ở cho người", "bảo trợ",
            ],
            ORDINARY: ["chính sách", "trợ giúp", "nghèo", "lao động", "bảo hiểm"],
            GENERAL: ["hỗ trợ"],
        },
    ),
    "Y tế": (
        "Phòng Văn hóa – Xã hội",
        {
            TELLING: [
                "trạm y tế", "bệnh viện", "khám bệnh", "chữa bệnh", "khám chữa bệnh", "bác sĩ", "bác sỹ",
                "y sĩ", "dịch bệnh", "sốt xuất huyết", "tiêm chủng", "tiêm phòng", "an toàn thực phẩm",
                "vệ sinh thực phẩm", "ngộ độc", "trang thiết bị y tế", "chăm sóc sức khỏe", "y tế",
                "cơ sở y tế", "nhân viên y tế", "thuốc chữa bệnh",
            ],
            ORDINARY: ["thuốc", "tiêm", "sức khỏe", "bệnh"],
            GENERAL: [],
        },
    ),
    "Giáo dục": (
        "Phòng Văn hóa – Xã hội",
        {
            TELLING: [
                "trường học", "học sinh", "giáo viên", "học phí", "lớp học", "phòng học", "mầm non",
                "tiểu học", "trung học", "bán trú", "điểm trường", "sách giáo khoa", "giáo dục",
                "nhà trường", "cô giáo", "thầy giáo", "bếp ăn học sinh",
            ],
            ORDINARY: ["trường", "lớp", "dạy học", "học tập"],
            GENERAL: ["học"],
        },
    ),
    "Văn hóa, thông tin, tôn giáo": (
        "Phòng Văn hóa – Xã hội",
        {
            TELLING: [
                "nhà văn hóa", "lễ hội", "di tích", "tôn giáo", "tín ngưỡng", "chùa", "nhà thờ",
                "truyền thanh", "phát thanh", "loa truyền thanh", "loa phát thanh", "thể dục thể thao",
                "sân thể thao", "sóng điện thoại", "sóng di động", "internet", "văn hóa", "thiết chế văn hóa",
                "đình làng", "karaoke", "phòng thu âm", "quảng cáo", "cưới hỏi", "việc tang",
            ],
            ORDINARY: ["loa", "thể thao", "văn nghệ", "đình", "thông tin", "tuyên truyền"],
            GENERAL: [],
        },
    ),
    "An ninh, trật tự": (
        "Công an xã",
        {
            TELLING: [
                "trộm cắp", "mất trộm", "trộm", "đánh nhau", "gây rối", "cờ bạc", "đánh bạc", "ma túy",
                "say rượu", "đua xe", "cướp", "lừa đảo", "tín dụng đen", "cho vay nặng lãi",
                "an ninh trật tự", "trật tự công cộng", "mất an ninh", "hành hung", "đe dọa",
                "camera an ninh", "công an", "tụ tập", "đá bóng", "mất trật tự", "an ninh", "nhậu",
            ],
            ORDINARY: ["ồn ào", "gây ồn", "trật tự", "cắp", "nghiện"],
            GENERAL: [],
        },
    ),
    "Thủ tục hành chính": (
        "Trung tâm Phục vụ hành chính công",
        {
            TELLING: [
                "thủ tục hành chính", "chứng thực", "khai sinh", "khai tử", "đăng ký kết hôn", "hộ tịch",
                "cư trú", "tạm trú", "thường trú", "căn cước", "một cửa", "dịch vụ công", "trả kết quả",
                "nộp hồ sơ", "đăng ký kinh doanh", "giấy phép kinh doanh", "sao y", "bộ phận một cửa",
            ],
            ORDINARY: ["thủ tục", "hồ sơ", "giấy tờ", "cấp phép"],
            GENERAL: [],
        },
    ),
    "Tổ chức bộ máy, chế độ cán bộ": (
        "Văn phòng HĐND và UBND",
        {
            TELLING: [
                "phụ cấp", "trưởng thôn", "bí thư chi bộ", "tổ trưởng tổ dân phố", "sáp nhập", "sắp xếp",
                "trụ sở", "tiếp xúc cử tri", "đại biểu", "hội đồng nhân dân", "chế độ cán bộ",
                "bộ máy", "biên chế", "cán bộ cơ sở", "người hoạt động không chuyên trách", "tinh giản",
                "đề án sáp nhập", "sáp nhập xã", "sáp nhập thôn", "trụ sở xã",
            ],
            ORDINARY: ["cán bộ", "công chức", "chức danh", "thôn trưởng"],
            GENERAL: [],
        },
    ),
    "Thái độ, trách nhiệm của cán bộ": (
        "Văn phòng HĐND và UBND",
        {
            TELLING: [
                "thái độ", "gây khó khăn", "nhũng nhiễu", "hách dịch", "chậm trễ", "thiếu trách nhiệm",
                "vô cảm", "tắc trách", "đùn đẩy", "gây phiền hà", "phiền hà", "tiêu cực", "vòi tiền",
                "làm khó", "không giải quyết", "trả lời chậm",
            ],
            ORDINARY: ["cán bộ", "công chức", "trách nhiệm"],
            GENERAL: [],
        },
    ),
}  # fmt: skip


def keyword_rows(name: str):
    """(keyword, weight, unit name) for one field of the starting list."""
    unit_name, by_weight = KEYWORDS.get(name, ("", {}))
    for weight, words in by_weight.items():
        for word in words:
            yield word, weight, unit_name


def ensure_reference_data(sender, using="default", apps=None, **kwargs):
    """Create the national fields when there are none, then each national field's starting keywords
    when that field has none (so a field added later gets its list, and edited lists are kept)."""
    if apps is None:
        from django.apps import apps
    try:
        Field = apps.get_model("petitions", "Field")
        FieldKeyword = apps.get_model("petitions", "FieldKeyword")
    except LookupError:  # migrating backwards past the tables
        return
    national = Field.objects.using(using).filter(commune__isnull=True)
    if not national.exists():
        Field.objects.using(using).bulk_create(Field(name=name, sort_order=order) for name, order in FIELDS)
    with_keywords = set(
        FieldKeyword.objects.using(using)
        .filter(field__commune__isnull=True)
        .values_list("field_id", flat=True)
    )
    FieldKeyword.objects.using(using).bulk_create(
        FieldKeyword(field=f, keyword=word, weight=weight, unit_name=unit_name)
        for f in national
        if f.pk not in with_keywords
        for word, weight, unit_name in keyword_rows(f.name)
    )
