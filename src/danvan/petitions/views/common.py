"""Helpers shared by the petition pages: limits, texts, service-error mapping, roles held, due dates."""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

from danvan.core.errors import ServiceError
from danvan.core.ratelimit import take_slot
from danvan.org.access import memberships_in

# Public submissions per client address in a window: enough for a family sharing a phone, too few
# for a script filling the commune's inbox.
SUBMIT_LIMIT = 5
SUBMIT_WINDOW_SECONDS = 10 * 60
RATE_LIMIT_MESSAGE = (
    "Bạn đã gửi quá {limit} đơn trong {minutes} phút từ cùng một thiết bị, mạng. "
    "Vui lòng đợi ít phút rồi gửi lại, hoặc gọi điện, đến trực tiếp UBND xã."
)
NOT_FOUND_MESSAGE = (
    "Không tìm thấy đơn với mã tra cứu này tại xã. Vui lòng kiểm tra lại mã (10 ký tự, dạng ABC-DEF-2345)."
)
PAGE_SIZE = 50
# Service error fields that have another name (or no field) on the forms.
_FIELD_ALIASES = {"attachment": "attachments", "identity": None, "client_token": None}

# How many pages past the one asked for the staff list counts before it says "hơn N đơn".
PAGES_AHEAD = 10

# --- helpers --------------------------------------------------------------------------------------------


def _apply_error(form, exc: ServiceError) -> None:
    field = _FIELD_ALIASES.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


def _take_submission_slot(request) -> bool:
    """Count one submission for this address; False once the window's limit is passed."""
    return take_slot(
        request, scope="petitions:submit", limit=SUBMIT_LIMIT, window_seconds=SUBMIT_WINDOW_SECONDS
    )


def _own_roles(user, commune) -> set[str]:
    """The roles held in this commune itself (what the services check), not over it."""
    return {m.role for m in memberships_in(user, commune)}


def _due_info(due, today, cal) -> dict | None:
    if due is None:
        return None
    if due < today:
        return {"due": due, "late": True, "days_late": (today - due).days}
    try:
        left = cal.count_working_days(today, due)
    except ValueError:
        left = None
    return {"due": due, "late": False, "left": left}


class CappedPaginator(Paginator):
    """A paginator that counts rows only up to a few pages past the page asked for: a commune's whole
    history is never counted to show its newest cases. `capped` says there are more than `count`;
    the page numbers then end with "+" and the next pages stay reachable one step at a time."""

    def __init__(self, object_list, per_page: int, *, page: str | None):
        super().__init__(object_list, per_page)
        try:
            wanted = max(int(page or 1), 1)
        except ValueError:
            wanted = 1
        self.cap = (wanted + PAGES_AHEAD) * per_page
        self.capped = False

    @cached_property
    def count(self) -> int:
        # COUNT(*) over a LIMITed subquery: the database stops after cap + 1 rows.
        n = self.object_list[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)
