"""Who calls the API: a staff user's key (`Authorization: Api-Key <key>`) or the session of a logged-in
staff member. An Open311 client's key is for /open311/v2/ only and is read by those views."""

from __future__ import annotations

from rest_framework import authentication, exceptions

from danvan.api.models import ApiKey
from danvan.api.services import api_key_find, api_key_mark_used

KEYWORD = "Api-Key"

BAD_KEY = "Khóa API không đúng hoặc không tồn tại."
REVOKED_KEY = "Khóa API đã bị thu hồi. Hãy đề nghị quản trị hệ thống cấp khóa mới."
INACTIVE_USER = "Tài khoản cán bộ gắn với khóa API này đã bị khóa."
OPEN311_KEY = "Khóa này dành cho ứng dụng Open311 (/open311/v2/), không dùng được cho API cán bộ."


def check_key(raw: str) -> ApiKey:
    """The active key for a presented key, or AuthenticationFailed with a machine code."""
    api_key = api_key_find(raw)
    if api_key is None:
        raise exceptions.AuthenticationFailed(BAD_KEY, code="bad_api_key")
    if not api_key.is_active:
        raise exceptions.AuthenticationFailed(REVOKED_KEY, code="revoked_api_key")
    return api_key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        word, _, raw = header.partition(" ")
        if word.lower() != KEYWORD.lower():
            return None  # another scheme (e.g. Basic): not ours to judge
        api_key = check_key(raw)
        if api_key.kind != ApiKey.Kind.STAFF:
            raise exceptions.PermissionDenied(OPEN311_KEY, code="open311_key")
        if not api_key.user.is_active:
            raise exceptions.AuthenticationFailed(INACTIVE_USER, code="inactive_user")
        api_key_mark_used(api_key)
        return api_key.user, api_key

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return f'{KEYWORD} realm="api"'
