"""How a division's name is written: alone (a heading) and inside a sentence (a report, a message)."""

from danvan.geo.models import Commune, Province


def test_inside_a_sentence_the_type_is_lower_case_and_the_name_keeps_its_capitals():
    assert Commune(name="Xã Tà Đùng").in_sentence == "xã Tà Đùng"
    assert Commune(name="Phường Bảo Lộc 1").in_sentence == "phường Bảo Lộc 1"
    assert Commune(name="Đặc khu Phú Quý").in_sentence == "đặc khu Phú Quý"
    assert Province(name="Lâm Đồng", division_type="tỉnh").in_sentence == "tỉnh Lâm Đồng"
    assert Province(name="Thành phố Hà Nội", division_type="thành phố").in_sentence == "thành phố Hà Nội"
    assert Commune(name="Xã Tà Đùng").short_name == "Tà Đùng"
