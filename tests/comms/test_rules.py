"""Phone numbers, SMS segments and channel lengths, at their edges."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from danvan.comms import rules
from danvan.comms.phones import mask, normalize_phone
from danvan.core.errors import ServiceError

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    "raw",
    ["0912345678", "0912 345 678", "091.234.5678", "+84912345678", "84912345678", "0321234567", "0861234567"],
)
def test_vietnamese_mobile_numbers_in_any_usual_form(raw):
    assert normalize_phone(raw) == ("0" + raw.replace(" ", "").replace(".", "")[-9:])


@pytest.mark.parametrize(
    "raw", ["", "091234567", "09123456789", "0212345678", "0112345678", "abc", "+1 912345678"]
)
def test_anything_else_is_refused_in_vietnamese(raw):
    with pytest.raises(ServiceError) as err:
        normalize_phone(raw)
    assert err.value.code == "invalid_phone"
    assert "Số điện thoại không hợp lệ" in err.value.message


def test_masks():
    assert mask("0912345678") == "091*****78"
    assert mask("dan@example.vn") == "d***@example.vn"


def test_sms_segments_gsm_and_vietnamese():
    assert rules.sms_segments("a" * 160) == 1
    assert rules.sms_segments("a" * 161) == 2
    assert rules.sms_segments("Đ" * 70) == 1  # any diacritic makes the whole text UCS-2
    assert rules.sms_segments("Đ" * 71) == 2
    assert rules.sms_segments("Đ" * 67 * 5) == 5


def test_a_text_over_five_segments_is_refused_for_sms_only():
    text = "Đ" * (67 * 5 + 1)
    assert "6 phần tin" in rules.too_long_message(rules.SMS, text)
    assert rules.too_long_message(rules.EMAIL, text) == ""
    assert "tối đa 2000" in rules.too_long_message(rules.ZALO, "x" * 2001)


@override_settings(DANVAN_QUIET_HOURS=(21, 7))
def test_quiet_hours_hold_a_message_until_seven():
    evening = datetime(2026, 12, 2, 20, 59, tzinfo=HCM)
    assert rules.next_allowed_time(evening) == evening
    assert rules.next_allowed_time(datetime(2026, 12, 2, 21, 0, tzinfo=HCM)) == datetime(
        2026, 12, 3, 7, 0, tzinfo=HCM
    )
    assert rules.next_allowed_time(datetime(2026, 12, 3, 6, 59, tzinfo=HCM)) == datetime(
        2026, 12, 3, 7, 0, tzinfo=HCM
    )
