"""The staff workspace: every view resolves the commune through org.access, then calls services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from danvan.comms.services import notification_mark_read, notifications_mark_all_read
from danvan.core.counting import counts
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.core.selectors import audit_events_for_commune
from danvan.democracy.consultations.selectors import pending_comments
from danvan.engagement.selectors import chairman_gaps, late_commitments_queryset
from danvan.followup.selectors import late_items
from danvan.geo.models import Village
from danvan.geo.selectors import villages_of
from danvan.geo.services import village_create, village_update
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import (
    can,
    commune_for,
    is_system_admin,
    visible_communes,
    watched_provinces,
)
from danvan.org.models import Unit
from danvan.org.pages import workspace_context
from danvan.org.selectors import units_of
from danvan.org.services import unit_create, unit_update
from danvan.petitions import selectors as petition_selectors
from danvan.plans.province import commune_deadlines
from danvan.plans.selectors import late_tasks_queryset
from danvan.web.forms import AuditFilterForm, DeadlineForm, UnitForm, VillageForm
from danvan.web.inbox import inbox_for


@login_required
def choose(request):
    """Go straight to the only commune, or list the ones the user may open."""
    communes = list(
        visible_communes(request.user).select_related("province").order_by("province_id", "name")[:500]
    )
    provinces = list(watched_provinces(request.user).order_by("name"))
    if len(communes) == 1 and not provinces:
        return redirect("web:ws_home", code=communes[0].code)
    return render(
        request,
        "web/ws/choose.html",
        {"communes": communes, "provinces": provinces, "is_admin": is_system_admin(request.user)},
    )


@login_required
def home(request, code: str):
    """The person's own home: what waits for them ("chờ tôi"), their notifications, and the commune-wide
    alarms only for those who lead (web/inbox.py)."""
    commune = commune_for(request.user, code)
    today = timezone.localdate()
    inbox = inbox_for(user=request.user, commune=commune, today=today)
    manages = can(request.user, "engagement.manage", commune)
    # The commune-wide alarms, for those who lead, and the comments waiting for moderation: counts over
    # different tables, read together in one query (each rule stays its app's queryset).
    wanted = {}
    if inbox.leads:
        wanted = {
            "late_count": late_tasks_queryset(commune=commune, today=today),
            "petitions_overdue": petition_selectors.overdue_queryset(commune=commune, today=today),
            "hotspots_open": petition_selectors.open_hotspots(commune=commune),
            "commitments_late": late_commitments_queryset(commune, today),
            "executions_late": late_items(commune, today),
        }
    if can(request.user, "democracy.manage_consultations", commune):
        wanted["comments_pending"] = pending_comments(commune)
    alarms = counts(wanted)
    alarms.setdefault("comments_pending", 0)
    return render(
        request,
        "web/ws/home.html",
        workspace_context(
            request,
            commune,
            inbox=inbox,
            notifications=inbox.notifications,
            **alarms,
            # The commune's own reports to the province: for those who send them.
            province_deadlines=(
                commune_deadlines(commune=commune, today=today)
                if can(request.user, "plans.review_reports", commune)
                else []
            ),
            # Only those who keep the schedule are asked to fix a week without the Chairman.
            chairman_gaps=chairman_gaps(commune=commune, today=today)[:3] if manages else [],
        ),
    )


@login_required
@require_POST
def notifications_read(request, code: str):
    """Đánh dấu đã đọc: one notification (field `id`) or all of them (no `id`)."""
    commune = commune_for(request.user, code)
    note_id = request.POST.get("id")
    try:
        if note_id:
            note = notification_mark_read(user=request.user, notification_id=note_id, commune=commune)
            # "Mở": read and open. Only a path on this site (notifications are written by our own code).
            if note.url and request.POST.get("mo") and url_has_allowed_host_and_scheme(note.url, None):
                return redirect(note.url)
        else:
            count = notifications_mark_all_read(user=request.user, commune=commune)
            messages.success(
                request,
                f"Đã đánh dấu đã đọc {count} thông báo." if count else "Không còn thông báo chưa đọc.",
            )
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("web:ws_home", code=commune.code)


@login_required
def units(request, code: str):
    commune = commune_for(request.user, code, permission="org.view_units")
    form = UnitForm(request.POST or None)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission="org.manage_units")
        if form.is_valid():
            try:
                unit = unit_create(
                    commune=commune,
                    name=form.cleaned_data["name"],
                    short_name=form.cleaned_data["short_name"],
                    by=request.user,
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"Đã thêm đơn vị “{unit.name}”.")
                return redirect("web:ws_units", code=commune.code)
    return render(
        request, "web/ws/units.html", workspace_context(request, commune, units=units_of(commune), form=form)
    )


@login_required
def unit_edit(request, code: str, unit_id: int):
    commune = commune_for(request.user, code, permission="org.manage_units")
    # Looked up inside the commune: another commune's unit id is a 404.
    unit = get_object_or_404(Unit, pk=unit_id, commune=commune)
    initial = {"name": unit.name, "short_name": unit.short_name, "is_active": unit.is_active}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit_update(unit=unit, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("web:ws_units", code=commune.code)
    return render(request, "web/ws/unit_edit.html", workspace_context(request, commune, unit=unit, form=form))


@login_required
def villages(request, code: str):
    commune = commune_for(request.user, code, permission="geo.view_villages")
    form = VillageForm(request.POST or None)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission="geo.manage_villages")
        if form.is_valid():
            try:
                village = village_create(
                    commune=commune,
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                    households=form.cleaned_data["households"],
                    by=request.user,
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"Đã thêm “{village.name}”.")
                return redirect("web:ws_villages", code=commune.code)
    return render(
        request,
        "web/ws/villages.html",
        workspace_context(request, commune, villages=villages_of(commune), form=form),
    )


@login_required
def village_edit(request, code: str, village_id: int):
    commune = commune_for(request.user, code, permission="geo.manage_villages")
    village = get_object_or_404(Village, pk=village_id, commune=commune)
    initial = {
        "name": village.name,
        "kind": village.kind,
        "households": village.households,
        "is_active": village.is_active,
    }
    form = VillageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            village_update(village=village, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("web:ws_villages", code=commune.code)
    return render(
        request, "web/ws/village_edit.html", workspace_context(request, commune, village=village, form=form)
    )


@login_required
def calendar(request, code: str):
    """The year's days off and a deadline calculator, so staff can check a legal time limit."""
    commune = commune_for(request.user, code)
    cal = current_calendar()
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), 2035)
    form = DeadlineForm(request.GET if "start" in request.GET else None)
    due = None
    if form.is_bound and form.is_valid():
        start, amount = form.cleaned_data["start"], form.cleaned_data["amount"]
        if form.cleaned_data["unit"] == "working":
            due = cal.add_working_days(start, amount)
        else:
            due = cal.add_calendar_days(start, amount)
    days = cal.days_off(date(year, 1, 1), date(year, 12, 31))
    return render(
        request,
        "web/ws/calendar.html",
        workspace_context(
            request, commune, days=days, year=year, form=form, due=due, years=range(year - 1, year + 2)
        ),
    )


@login_required
def audit(request, code: str):
    commune = commune_for(request.user, code, permission="audit.view")
    form = AuditFilterForm(request.GET or None)
    events = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        qs = audit_events_for_commune(
            commune=commune,
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id", ""),
            actor_name=data.get("actor", ""),
            since=data.get("since"),
            until=data.get("until"),
        )
        events = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(request, "web/ws/audit.html", workspace_context(request, commune, form=form, events=events))
