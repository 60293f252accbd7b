"""Who must sign in with a second factor, and how a browser is named on the account page."""

from __future__ import annotations

import re

from django.conf import settings

from danvan.org.models import Membership, Role

# Roles that read across a commune (or a province, or everything): a stolen password alone must not open
# them. Village heads, unit officers and supervisors may enrol too; DANVAN_REQUIRE_2FA_ALL makes it
# compulsory for every staff account.
TWO_FACTOR_ROLES = (Role.COMMUNE_LEADER, Role.COORDINATOR, Role.PROVINCE_VIEWER, Role.SYSTEM_ADMIN)
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


def must_use_two_factor(user) -> bool:
    """True for superusers, for anyone holding one of TWO_FACTOR_ROLES, and for every account with a
    role (or Django staff flag) when settings.DANVAN_REQUIRE_2FA_ALL is on."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    memberships = Membership.objects.filter(user=user, is_active=True)
    if getattr(settings, "DANVAN_REQUIRE_2FA_ALL", False):
        return user.is_staff or memberships.exists()
    return memberships.filter(role__in=TWO_FACTOR_ROLES).exists()


_BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("CocCoc", "Cốc Cốc"),
    ("ZaloTheme", "Zalo"),
    ("Zalo", "Zalo"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("CriOS/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_label(user_agent: str) -> str:
    """“Chrome trên Android”, “Firefox trên Windows”: enough for a person to recognise their own device."""
    ua = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in ua), "")
    system = next((name for marker, name in _SYSTEMS if marker in ua), "")
    if re.search(r"HeadlessChrome", ua):
        browser = "Chrome"
    if browser and system:
        return f"{browser} trên {system}"
    return browser or system or "Trình duyệt không rõ"
