"""Starting keywords for field suggestions (editable in the admin), and the folded published answers."""

import re
import unicodedata

from django.db import migrations

# Field name -> (the unit that usually handles it, keywords). Our own list, matched without accents.
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
    "Y tế": ("Phòng Văn hóa – Xã hội", ["trạm y tế", "khám bệnh", "dịch bệnh", "sốt xuất huyết", "tiêm", "thuốc"]),
    "Giáo dục": ("Phòng Văn hóa – Xã hội", ["trường", "học sinh", "giáo viên", "học phí", "lớp học", "mầm non"]),
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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", text).strip()


def add_keywords(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    FieldKeyword = apps.get_model("petitions", "FieldKeyword")
    for name, (unit_name, words) in KEYWORDS.items():
        field = Field.objects.filter(commune__isnull=True, name=name).first()
        if field is None:
            continue
        for word in words:
            FieldKeyword.objects.get_or_create(field=field, keyword=word, defaults={"unit_name": unit_name})
    Petition = apps.get_model("petitions", "Petition")
    for p in Petition.objects.filter(answer_published=True).only("id", "answer").iterator():
        Petition.objects.filter(pk=p.pk).update(answer_folded=_fold(p.answer))


def remove_keywords(apps, schema_editor):
    FieldKeyword = apps.get_model("petitions", "FieldKeyword")
    FieldKeyword.objects.filter(field__commune__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_hotspots_duplicates_suggestions")]

    operations = [migrations.RunPython(add_keywords, remove_keywords)]
