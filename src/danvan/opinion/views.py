"""Staff pages of the public-opinion log under /lam-viec/<code>/du-luan/: the list with open alerts, the
phone form, one alert (its place's picture: entries, petitions, hotspots), one place, and the monthly
or quarterly summary (.docx). Nothing here is public.

Every view resolves the commune through `org.access.commune_for` and looks objects up inside it;
writes go through `opinion.services`."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.geo.models import Village
from danvan.opinion import rules, selectors, services
from danvan.opinion.forms import (
    AcknowledgeForm,
    EntryForm,
    FilterForm,
    IssueForm,
    PeriodForm,
    SummaryForm,
    fields_of,
)
from danvan.opinion.models import OpinionAlert, OpinionSummary
from danvan.opinion.summary_document import summary_docx, summary_filename, tables_and_chart
from danvan.org.access import can, commune_for, memberships_in, roles_in
from danvan.org.models import Role
from danvan.org.pages import workspace_context

VIEW = "opinion.view"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ctx(request, commune, **extra):
    return workspace_context(
        request,
        commune,
        may_record=can(request.user, "opinion.record", commune),
        may_handle=can(request.user, "opinion.handle_alerts", commune),
        may_summarise=can(request.user, "opinion.summarise", commune),
        **extra,
    )


def _refuse(form, exc: ServiceError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)
    form_error(form, exc)


@login_required
def entry_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    form = FilterForm(request.GET or None, commune=commune)
    filters = {}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = {
            "village_id": d["village"].pk if d["village"] else None,
            "field_id": d["field"].pk if d["field"] else None,
            "level": d["level"],
            "start": d["start"],
            "end": d["end"],
        }
    entries = list(selectors.entry_list(request.user, commune, **filters)[:200])
    return render(
        request,
        "opinion/list.html",
        _ctx(request, commune, form=form, entries=entries, alerts=list(selectors.open_alerts(commune))),
    )


def _own_villages(user, commune):
    """None when the user records for any village; else the village head's own villages."""
    if roles_in(user, commune) & rules.ANY_VILLAGE:
        return None
    return [m.village_id for m in memberships_in(user, commune) if m.role == Role.VILLAGE_HEAD]


@login_required
@never_cache  # the form carries a one-time client token
def entry_new(request, code: str):
    commune = commune_for(request.user, code, permission="opinion.record")
    villages = _own_villages(request.user, commune)
    if request.method == "POST":
        form = EntryForm(request.POST, commune=commune, villages=villages)
        if form.is_valid():
            d = form.cleaned_data
            try:
                entry = services.entry_record(
                    by=request.user,
                    commune=commune,
                    data=services.EntryInput(
                        observed_on=d["observed_on"],
                        village=d["village"],
                        field=d["field"],
                        summary=d["summary"],
                        level=d["level"],
                        source=d["source"],
                        people_count=d["people_count"],
                        proposed_handling=d["proposed_handling"],
                        restricted=d["restricted"],
                    ),
                    client_token=d["client_token"],
                )
            except ServiceError as exc:
                _refuse(form, exc)
            else:
                alert = entry.alerts.first()
                text = "Đã ghi phiếu nắm tình hình."
                if alert is not None:
                    text += " Lãnh đạo xã đã được báo: " + alert.get_reason_display().lower() + "."
                messages.success(request, text)
                return redirect("opinion:new", commune.code)
        status = 400
    else:
        initial = {"observed_on": timezone.localdate(), "client_token": uuid.uuid4().hex}
        if villages and len(villages) == 1:
            initial["village"] = villages[0]
        form = EntryForm(initial=initial, commune=commune, villages=villages)
        status = 200
    return render(request, "opinion/new.html", _ctx(request, commune, form=form), status=status)


def _place_page(request, commune, *, village, field, alert=None, ack_form=None, status=200):
    picture = selectors.place(request.user, commune, village=village, field=field)
    return render(
        request,
        "opinion/place.html",
        _ctx(request, commune, place=picture, alert=alert, ack_form=ack_form or AcknowledgeForm()),
        status=status,
    )


@login_required
def place(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    village = field = None
    raw_v, raw_f = request.GET.get("thon", ""), request.GET.get("linh-vuc", "")
    if raw_v:
        if not raw_v.isdigit():
            raise Http404("Không tìm thấy thôn này.")
        village = get_object_or_404(Village, commune=commune, pk=raw_v)
    if raw_f:
        if not raw_f.isdigit():
            raise Http404("Không tìm thấy lĩnh vực này.")
        field = get_object_or_404(fields_of(commune), pk=raw_f)
    return _place_page(request, commune, village=village, field=field)


@login_required
def alert_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    alert = get_object_or_404(OpinionAlert.objects.select_related("village", "field"), commune=commune, pk=pk)
    return _place_page(request, commune, village=alert.village, field=alert.field, alert=alert)


@login_required
@require_POST
def alert_acknowledge(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="opinion.handle_alerts")
    alert = get_object_or_404(OpinionAlert.objects.select_related("village", "field"), commune=commune, pk=pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.alert_acknowledge(by=request.user, alert=alert, direction=form.cleaned_data["direction"])
        except ServiceError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, "Đã ghi nhận chỉ đạo xử lý cảnh báo.")
            return redirect("opinion:alert", commune.code, alert.pk)
    return _place_page(
        request, commune, village=alert.village, field=alert.field, alert=alert, ack_form=form, status=400
    )


# --- the periodic summary ------------------------------------------------------------------------------


def _period(kind: str, year: int, number: int) -> tuple[dt.date, dt.date, str]:
    if kind == "quarter":
        start, end = rules.quarter_bounds(year, number)
        return start, end, f"Tình hình tư tưởng, dư luận Nhân dân quý {number} năm {year}"
    start, end = rules.month_bounds(year, number)
    return start, end, f"Tình hình tư tưởng, dư luận Nhân dân tháng {number} năm {year}"


@login_required
def summary_list(request, code: str):
    commune = commune_for(request.user, code, permission="opinion.summarise")
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None, initial={"kind": "month", "year": today.year, "number": today.month}
    )
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        start, end, _ = _period(d["kind"], d["year"], d["number"])
        return redirect("opinion:summary_edit", commune.code, start.isoformat(), end.isoformat())
    summaries = list(OpinionSummary.objects.filter(commune=commune).order_by("-start")[:50])
    return render(
        request,
        "opinion/summaries.html",
        _ctx(request, commune, form=form, summaries=summaries),
        status=400 if form.is_bound else 200,
    )


def _dates(start: str, end: str) -> tuple[dt.date, dt.date]:
    try:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError as exc:
        raise Http404("Kỳ báo cáo không hợp lệ.") from exc
    if b < a or (b - a).days > 366:
        raise Http404("Kỳ báo cáo không hợp lệ.")
    return a, b


def _title_for(start: dt.date, end: dt.date) -> str:
    if start.day == 1 and end == rules.month_bounds(start.year, start.month)[1]:
        return _period("month", start.year, start.month)[2]
    if (
        start.day == 1
        and start.month % 3 == 1
        and end == rules.quarter_bounds(start.year, start.month // 3 + 1)[1]
    ):
        return _period("quarter", start.year, start.month // 3 + 1)[2]
    return f"Tình hình tư tưởng, dư luận Nhân dân từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"


@login_required
def summary_edit(request, code: str, start: str, end: str):
    commune = commune_for(request.user, code, permission="opinion.summarise")
    a, b = _dates(start, end)
    summary = OpinionSummary.objects.filter(commune=commune, start=a, end=b).first()
    status = 200
    if request.method == "POST":
        form = SummaryForm(request.POST)
        if form.is_valid():
            try:
                summary = services.summary_save(
                    by=request.user, commune=commune, start=a, end=b, **form.cleaned_data
                )
            except ServiceError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "Đã lưu báo cáo.")
                return redirect("opinion:summary_edit", commune.code, start, end)
        status = 400
    elif summary is not None:
        form = SummaryForm(initial={"title": summary.title, "text": summary.text})
    else:
        form = SummaryForm(
            initial={"title": _title_for(a, b), "text": services.summary_draft_text(commune, a, b)}
        )
    tables, _ = tables_and_chart(commune, a, b)
    return render(
        request,
        "opinion/summary.html",
        _ctx(
            request,
            commune,
            form=form,
            summary=summary,
            start=a,
            end=b,
            tables=tables,
            issue_form=IssueForm(initial={"issued_on": timezone.localdate()}),
        ),
        status=status,
    )


@login_required
@require_POST
def summary_issue(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="opinion.summarise")
    summary = get_object_or_404(OpinionSummary, commune=commune, pk=pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.summary_issue(by=request.user, summary=summary, **form.cleaned_data)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã ban hành báo cáo.")
    else:
        messages.error(request, "Vui lòng ghi số văn bản và ngày ban hành hợp lệ.")
    return redirect("opinion:summary_edit", commune.code, summary.start.isoformat(), summary.end.isoformat())


@login_required
def summary_download(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="opinion.summarise")
    summary = get_object_or_404(OpinionSummary.objects.select_related("commune"), commune=commune, pk=pk)
    response = HttpResponse(summary_docx(summary), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{summary_filename(summary)}"'
    return response
