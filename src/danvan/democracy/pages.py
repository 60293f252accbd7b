"""What the staff pages of disclosures, consultations and supervision share: the workspace context with
the democracy sub-menu, file downloads, page size, the public comment rate limit."""

from __future__ import annotations

from django.http import FileResponse, Http404

from danvan.core.files import download_name
from danvan.democracy.supervision.services import boards_of
from danvan.org.access import can
from danvan.org.pages import workspace_context

PAGE_SIZE = 30
# Comments per client address in a window: enough for a family sharing a phone, too few for a script.
COMMENT_LIMIT = 5
COMMENT_WINDOW_SECONDS = 10 * 60
RATE_LIMIT_MESSAGE = (
    "Bạn đã gửi quá {limit} lần trong {minutes} phút từ cùng một thiết bị, mạng. "
    "Vui lòng đợi ít phút rồi gửi lại."
)
FIELD_ALIASES = {"forms": "channels", "upload": "file", "reason": "reason"}


def page_context(request, commune, section: str, **extra):
    may_boards = can(request.user, "democracy.manage_boards", commune)
    may_answer = can(request.user, "democracy.answer_recommendations", commune)
    return workspace_context(
        request,
        commune,
        dem_section=section,
        may_publish=can(request.user, "democracy.publish", commune),
        may_consult=can(request.user, "democracy.manage_consultations", commune),
        may_boards=may_boards,
        may_answer=may_answer,
        # The supervision pages are for those who manage or answer boards, and for the boards' members.
        may_supervision=may_boards or may_answer or boards_of(request.user, commune).exists(),
        **extra,
    )


def file_response(field, name: str, kind: str, mime: str):
    if not field:
        raise Http404("Nội dung này không có tệp đính kèm.")
    response = FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=download_name(name, kind, fallback="tep"),
        content_type=mime or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
