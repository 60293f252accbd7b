"""Rules of announcements and subscriptions (commune policy, not law, except where cited)."""

from __future__ import annotations

# Who writes and sends posts: org/rules.py, "announcements.write".
TITLE_MAX = 200
BODY_MAX = 20000
FILES_MAX = 6

# The one-time code that confirms a subscription.
CODE_DIGITS = 6
CODE_MINUTES = 15
CODE_MAX_ATTEMPTS = 5
CODES_MAX = 5  # codes one address may ask for before staff must help (stops using us to spam a number)

CONSENT_TEXT = (
    "Tôi đồng ý để UBND xã lưu số điện thoại/địa chỉ thư điện tử này và các thôn tôi chọn, chỉ để gửi "
    "thông báo, tin tức của xã cho tôi. Tôi có thể hủy nhận tin bất cứ lúc nào bằng liên kết trong tin."
)
