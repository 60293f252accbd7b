"""Password rules for staff accounts, in Vietnamese: Django's checks with our own messages, and a list of
passwords common in Vietnam (Django's English list does not know "matkhau123" or "123456aA@")."""

from __future__ import annotations

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError

from danvan.text.normalize import fold

# Our own list: Vietnamese words and habits people build passwords from, folded (no accents, lower case).
# A password is refused when, folded and stripped of digits and symbols, it is one of these words, or
# when it is exactly one of the whole passwords below.
VIETNAMESE_WORDS = frozenset(
    [
        "matkhau",
        "matma",
        "matkhaumoi",
        "matkhaucuatoi",
        "doimatkhau",
        "quantri",
        "quantrivien",
        "admin",
        "administrator",
        "vietnam",
        "vietnamoi",
        "hanoi",
        "saigon",
        "danang",
        "haiphong",
        "hue",
        "cantho",
        "dalat",
        "lamdong",
        "taydung",
        "yeuem",
        "anhyeuem",
        "emyeuanh",
        "yeuanh",
        "iloveyou",
        "toiyeuem",
        "congchuc",
        "canbo",
        "ubnd",
        "ubndxa",
        "dangnhap",
        "xinchao",
        "chucmung",
        "hoahong",
        "thienthan",
        "khongbiet",
        "khongco",
        "password",
        "passw0rd",
        "qwerty",
        "abc",
        "abcd",
        "abcdef",
        "asdf",
        "asdfgh",
        "zxcvbn",
        "test",
        "thu",
        "thunghiem",
        "demo",
        "nguoidung",
        "taikhoan",
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
    ]
)
VIETNAMESE_PASSWORDS = frozenset(
    [
        "matkhau123",
        "matkhau@123",
        "matkhau1234",
        "matkhau12345",
        "matkhau123456",
        "123456aa@",
        "123456a@",
        "12345678a@",
        "abc@123",
        "abc@12345",
        "admin@123",
        "admin123456",
        "quantri@123",
        "ubnd@123",
        "ubndxa@123",
        "vietnam@123",
        "vietnam123",
        "hanoi@123",
        "saigon@123",
        "anhyeuem123",
        "yeuem123456",
        "password@123",
        "p@ssw0rd",
        "1qaz2wsx3edc",
        "qwerty@123",
    ]
)


def _letters(password: str) -> str:
    return "".join(ch for ch in fold(password) if ch.isalpha())


class VietnameseCommonValidator:
    """Refuse passwords common in Vietnam (our own list, above)."""

    def validate(self, password: str, user=None) -> None:
        folded = fold(password).strip()
        if folded in VIETNAMESE_PASSWORDS or _letters(password) in VIETNAMESE_WORDS:
            raise ValidationError(
                "Mật khẩu này quá phổ biến (như “matkhau123”), dễ bị đoán. Hãy chọn mật khẩu khác.",
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return "Không dùng mật khẩu phổ biến như “matkhau123”, “admin@123”, tên địa danh kèm số."


class LengthValidator(django_rules.MinimumLengthValidator):
    def validate(self, password: str, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self) -> str:
        return f"Mật khẩu có ít nhất {self.min_length} ký tự."


class CommonValidator(django_rules.CommonPasswordValidator):
    def validate(self, password: str, user=None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán.", code="password_too_common"
            ) from None

    def get_help_text(self) -> str:
        return "Không dùng mật khẩu phổ biến."


class NumericValidator(django_rules.NumericPasswordValidator):
    def validate(self, password: str, user=None) -> None:
        if password.isdigit():
            raise ValidationError("Mật khẩu không được chỉ gồm chữ số.", code="password_entirely_numeric")

    def get_help_text(self) -> str:
        return "Mật khẩu không chỉ gồm chữ số."


class SimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def validate(self, password: str, user=None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử của bạn.",
                code="password_too_similar",
            ) from None

    def get_help_text(self) -> str:
        return "Mật khẩu không giống tên đăng nhập, họ tên hay thư điện tử."
