"""API errors as JSON: `{"error": {"code": ..., "message": "<Vietnamese>", "field": ...}}`.

`exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]) turns a service's `ServiceError` and every
DRF error (validation, authentication, permission, 404, throttling) into that shape, with Vietnamese
messages. The Open311 views use `open311_errors` instead, which speaks GeoReport's own format.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from danvan.core.errors import ServiceError

# ServiceError codes that are not "bad input" (400).
SERVICE_STATUS = {
    "forbidden": status.HTTP_403_FORBIDDEN,
    "bad_transition": status.HTTP_409_CONFLICT,
    "no_extension": status.HTTP_409_CONFLICT,
    "already_revoked": status.HTTP_409_CONFLICT,
    "exists": status.HTTP_409_CONFLICT,
    "not_found": status.HTTP_404_NOT_FOUND,
    # A petition's state that refuses the request now (closed case, duplicates already linked).
    "petition_closed": status.HTTP_409_CONFLICT,
    "already_linked": status.HTTP_409_CONFLICT,
    "target_linked": status.HTTP_409_CONFLICT,
    "has_duplicates": status.HTTP_409_CONFLICT,
    "not_open": status.HTTP_409_CONFLICT,
    "not_linked": status.HTTP_409_CONFLICT,
}

# DRF's own messages are English; these are what our users read.
MESSAGES = {
    "not_authenticated": (
        "Cần xác thực: gửi khóa API (tiêu đề “Authorization: Api-Key <khóa>”) hoặc đăng nhập."
    ),
    "authentication_failed": "Xác thực không thành công.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy dữ liệu này trong phạm vi của bạn.",
    "method_not_allowed": "Phương thức HTTP này không được hỗ trợ tại địa chỉ này.",
    "not_acceptable": "Không có định dạng trả về phù hợp với yêu cầu.",
    "unsupported_media_type": "Định dạng dữ liệu gửi lên không được hỗ trợ (dùng JSON hoặc biểu mẫu).",
    "parse_error": "Dữ liệu gửi lên không đọc được (JSON hoặc biểu mẫu sai cú pháp).",
    "throttled": "Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {wait} giây.",
}

# Field validation codes DRF uses -> a Vietnamese sentence.
FIELD_MESSAGES = {
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống.",
    "blank": "Trường này không được để trống.",
    "invalid": "Giá trị không hợp lệ.",
    "invalid_choice": "Giá trị không nằm trong danh sách cho phép.",
    "max_length": "Giá trị quá dài.",
    "min_length": "Giá trị quá ngắn.",
    "max_value": "Giá trị quá lớn.",
    "min_value": "Giá trị quá nhỏ.",
    "not_a_list": "Cần một danh sách.",
    "empty": "Danh sách không được rỗng.",
    "date": "Ngày không hợp lệ (dạng NĂM-THÁNG-NGÀY, ví dụ 2026-03-02).",
    "does_not_exist": "Không tìm thấy đối tượng này trong xã.",
    "incorrect_type": "Kiểu dữ liệu không đúng.",
    "max_digits": "Quá nhiều chữ số.",
    "max_decimal_places": "Quá nhiều chữ số thập phân.",
    "max_whole_digits": "Quá nhiều chữ số phần nguyên.",
}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def _first_field_error(detail, prefix: str = "") -> tuple[str | None, Any]:
    """The first (field path, ErrorDetail) of a nested validation error."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            path = f"{prefix}.{name}" if prefix and name else (name or prefix)
            found = _first_field_error(value, path)
            if found[1] is not None:
                return found
    elif isinstance(detail, list):
        for i, value in enumerate(detail):
            path = prefix if not isinstance(value, dict | list) else f"{prefix}[{i}]"
            found = _first_field_error(value, path)
            if found[1] is not None:
                return found
    else:
        return (prefix or None), detail
    return None, None


def _vietnamese(detail) -> str:
    """A DRF message in Vietnamese: ours when it already is (a custom validator), else by its code."""
    text = str(detail)
    code = getattr(detail, "code", None)
    if code in FIELD_MESSAGES and text.isascii():
        return FIELD_MESSAGES[code]
    if text.isascii():
        return FIELD_MESSAGES.get(code or "", "Giá trị không hợp lệ.")
    return text


def exception_handler(exc, context):
    if isinstance(exc, ServiceError):
        return Response(
            error_body(exc.code, exc.message, exc.field), status=SERVICE_STATUS.get(exc.code, 400)
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or MESSAGES["not_found"])
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        field, detail = _first_field_error(exc.detail)
        code = getattr(detail, "code", "invalid") or "invalid"
        response.data = error_body(code, _vietnamese(detail), field)
        return response
    detail = getattr(exc, "detail", "")
    code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    text = str(detail)
    if isinstance(exc, exceptions.Throttled):
        text = MESSAGES["throttled"].format(wait=int(exc.wait or 1))
    elif text == str(exc.default_detail) or text.isascii():
        # DRF's default text (English, or its own translation): ours is clearer. A message our code
        # raised is kept as is.
        text = MESSAGES.get(code) or MESSAGES.get(exc.default_code, "Yêu cầu không hợp lệ.")
    response.data = error_body(code, text)
    return response
