"""How a petition's words are read for a field: our own short texts (the real ones are in the benchmark)."""

from __future__ import annotations

from danvan.petitions import catalogue
from danvan.petitions.keywords import (
    KeywordEntry,
    confidence,
    keyword_matches,
    lead_part,
    match_key,
    score_fields,
    without_addresses,
)

NAMES = [name for name, _order in catalogue.FIELDS]
ENTRIES = [
    KeywordEntry(i, word, weight, unit)
    for i, name in enumerate(NAMES)
    for word, weight, unit in catalogue.keyword_rows(name)
]


def best(text: str) -> str | None:
    ranked = score_fields(text, ENTRIES)
    return NAMES[ranked[0].field_id] if ranked else None


def test_a_street_address_is_not_a_road_problem():
    assert "Lê Lợi" not in without_addresses("Nhà số 5 đường Lê Lợi bị mất trộm xe máy.")
    assert best("Nhà số 5 đường Lê Lợi bị mất trộm xe máy đêm qua.") == "An ninh, trật tự"
    assert best("Cử tri thôn Nà Pin đề nghị bổ sung bác sĩ cho trạm y tế.") == "Y tế"


def test_a_general_word_does_not_outweigh_a_telling_one():
    # "hỗ trợ" (general) and "xây dựng" (general) lose to "trạm y tế" and "phòng học".
    assert best("Đề nghị hỗ trợ kinh phí mua trang thiết bị cho trạm y tế xã.") == "Y tế"
    assert best("Đề nghị xây dựng thêm phòng học cho điểm trường thôn 3.") == "Giáo dục"


def test_what_is_asked_weighs_more_than_the_explanation():
    text = "Đề nghị: sửa chữa mặt đường bị ổ gà. Đoạn này gần trường học nên học sinh đi lại khó."
    assert lead_part(text).strip().startswith("sửa chữa mặt đường")
    assert best(text) == "Giao thông, hạ tầng"


def test_old_and_new_tone_placement_are_one_spelling():
    assert match_key("thuỷ lợi hoà bình", False) == match_key("thủy lợi hòa bình", False)
    assert keyword_matches("thủy lợi", match_key("Kênh thuỷ lợi bị bồi lấp.", False), False)
    assert match_key("quý", False) == "quý"  # "qu" is a consonant: the mark stays where it is


def test_a_phrase_and_the_word_inside_it_count_once():
    ranked = score_fields("Trạm y tế xuống cấp.", ENTRIES)
    health = next(r for r in ranked if NAMES[r.field_id] == "Y tế")
    assert health.matched == ["trạm y tế"]


def test_the_thin_fields_are_found_in_our_own_texts():
    cases = {
        "Mương nội đồng bị bồi lấp, nước tưới không vào được ruộng.": "Nông nghiệp, thủy lợi",
        "Nhà văn hóa thôn dột nát, không tổ chức được lễ hội.": "Văn hóa, thông tin, tôn giáo",
        "Đề nghị xem xét phụ cấp cho trưởng thôn sau sáp nhập.": "Tổ chức bộ máy, chế độ cán bộ",
        "Cán bộ một cửa có thái độ hách dịch với người dân.": "Thái độ, trách nhiệm của cán bộ",
        "Quán ăn đầu chợ không bảo đảm an toàn thực phẩm.": "Y tế",
        "Đèn đường khu phố 2 hỏng cả tháng nay.": "Giao thông, hạ tầng",
        "Lò đốt rác gây khói bụi, mùi hôi cho cả xóm.": "Môi trường",
        "Hộ bên cạnh cơi nới lấn vỉa hè.": "Xây dựng, trật tự đô thị",
    }
    for text, field in cases.items():
        assert best(text) == field, text


def test_confidence_is_high_for_a_clear_text_and_low_for_a_vague_one():
    clear = confidence(score_fields("Đường liên thôn nhiều ổ gà, sạt lở, xe không đi được.", ENTRIES))
    vague = confidence(score_fields("Gặp cán bộ để hỏi việc.", ENTRIES))
    assert clear >= 0.6 > 0.3 > vague
