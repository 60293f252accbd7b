"""Vietnamese error pages."""

from django.shortcuts import render


def not_found(request, exception=None):
    message = str(exception) if exception and str(exception) and "resolve" not in str(exception) else ""
    return render(
        request, "web/error.html", {"title": "Không tìm thấy trang", "message": message}, status=404
    )


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "Bạn không có quyền xem trang này."
    return render(
        request, "web/error.html", {"title": "Không có quyền truy cập", "message": message}, status=403
    )
