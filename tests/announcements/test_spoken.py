"""A post's text as the loudspeaker reads it (our own short texts)."""

from __future__ import annotations

import pytest

from danvan.announcements.spoken import spoken_text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("UBND xã thông báo", "Ủy ban nhân dân xã thông báo"),
        ("Văn phòng HĐND và UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
        ("họp lúc 19h30 tại NVH thôn 2", "họp lúc 19 giờ 30 phút tại nhà văn hóa thôn 2"),
        ("bắt đầu 7h, kết thúc 09:15", "bắt đầu 7 giờ, kết thúc 9 giờ 15 phút"),
        ("Ngày 05/12/2026 tiêm phòng", "Ngày 5 tháng 12 năm 2026 tiêm phòng"),
        ("hạn nộp trước 31/12/2026", "hạn nộp trước ngày 31 tháng 12 năm 2026"),
        ("hạn ngày 5/12.", "hạn ngày 5 tháng 12."),
        ("diện tích 120m2, đạt 85%", "diện tích 120 mét vuông, đạt 85 phần trăm"),
        ("Xem tại https://danvan.example/tin/5. Cảm ơn.", "Xem tại trên cổng thông tin của xã. Cảm ơn."),
    ],
)
def test_what_the_eye_skims_the_ear_hears_in_full(written, read):
    assert spoken_text(written) == read


@pytest.mark.parametrize(
    "text",
    [
        "1/2 số hộ đã nộp",  # a half, not a date
        "Thôn 3: họp dân",  # a colon after a number is not a time
        "diện tích 5 ha",  # hectares are not hours
        "ngày 32/13/2026",  # not a date: left as written
    ],
)
def test_what_is_not_a_date_or_time_is_left_alone(text):
    assert "giờ" not in spoken_text(text) and "tháng" not in spoken_text(text)


def test_lines_are_kept_and_blank_ones_dropped():
    assert spoken_text("Dòng một\n\n  Dòng   hai ") == "Dòng một\nDòng hai"
