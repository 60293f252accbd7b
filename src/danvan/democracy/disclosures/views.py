"""Pages of the disclosure register: staff under /lam-viec/<code>/cong-khai/, the portal under
/xa/<slug>/cong-khai/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.democracy.disclosures import forms as f
from danvan.democracy.disclosures import quarterly, services
from danvan.democracy.disclosures.models import Disclosure, DisclosureKind
from danvan.democracy.disclosures.rules import DisclosureForm
from danvan.democracy.disclosures.services import public_disclosure, public_disclosures
from danvan.democracy.pages import (
    FIELD_ALIASES,
    PAGE_SIZE,
    file_response,
    page_context,
)
from danvan.geo.selectors import commune_by_slug
from danvan.org.access import can, commune_for
from danvan.text.normalize import fold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# --- staff: disclosures ------------------------------------------------------------------------------------


@login_required
def disclosures(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.view")
    search = f.SearchForm(request.GET or None)
    qs = Disclosure.objects.filter(commune=commune).select_related("kind").defer("body", "search_text")
    if search.is_valid():
        if search.cleaned_data["loai"]:
            qs = qs.filter(kind=search.cleaned_data["loai"])
        for word in fold(search.cleaned_data["q"] or "").split()[:8]:
            qs = qs.filter(search_text__contains=word)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "democracy/disclosures/list.html",
        page_context(
            request,
            commune,
            "disclosures",
            page=page,
            search=search,
            today=timezone.localdate(),
            quarter_form=_quarter_form(),
        ),
    )


@login_required
def disclosure_publish(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.publish")
    if request.method == "POST":
        form = f.DisclosurePublishForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = services.disclosure_publish(
                    by=request.user,
                    commune=commune,
                    kind=d["kind"],
                    title=d["title"],
                    body=d["body"],
                    upload=d["file"],
                    forms=d["channels"],
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                    decided_on=d["decided_on"],
                )
            except ServiceError as exc:
                form_error(form, exc, FIELD_ALIASES)
            else:
                messages.success(request, "Đã đăng nội dung công khai.")
                return redirect("democracy:disclosure_detail", code=commune.code, pk=item.pk)
    else:
        form = f.DisclosurePublishForm(
            initial={
                "starts_on": timezone.localdate(),
                "channels": [DisclosureForm.OFFICE_POSTING, DisclosureForm.PORTAL],
            }
        )
    kinds = list(DisclosureKind.objects.filter(is_active=True))
    return render(
        request,
        "democracy/disclosures/publish.html",
        page_context(request, commune, "disclosures", form=form, kinds=kinds),
    )


def _disclosure(commune, pk: int) -> Disclosure:
    return get_object_or_404(
        Disclosure.objects.select_related("kind", "corrects", "published_by"), commune=commune, pk=pk
    )


@login_required
def disclosure_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    item = _disclosure(commune, pk)
    form = f.DisclosureWithdrawForm()
    if request.method == "POST":
        if not can(request.user, "democracy.publish", commune):
            raise PermissionDenied("Vai trò của bạn không được gỡ nội dung công khai.")
        form = f.DisclosureWithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.disclosure_withdraw(
                    by=request.user, disclosure=item, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                form_error(form, exc, FIELD_ALIASES)
            else:
                messages.success(request, "Đã gỡ nội dung công khai.")
                return redirect("democracy:disclosure_detail", code=commune.code, pk=item.pk)
    forms_used = [DisclosureForm(x).label for x in item.forms if x in DisclosureForm.values]
    missing = [DisclosureForm(x).label for x in item.kind.required_forms if x not in item.forms]
    return render(
        request,
        "democracy/disclosures/detail.html",
        page_context(
            request,
            commune,
            "disclosures",
            item=item,
            form=form,
            forms_used=forms_used,
            missing_forms=missing,
        ),
    )


@login_required
def disclosure_correct(request, code: str, pk: int):
    """Đính chính: publish a corrected version; the period keeps counting from the first version."""
    commune = commune_for(request.user, code, permission="democracy.publish")
    item = _disclosure(commune, pk)
    if request.method == "POST":
        form = f.DisclosureCorrectForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                new = services.disclosure_correct(
                    by=request.user,
                    disclosure=item,
                    title=d["title"],
                    body=d["body"],
                    upload=d["file"],
                    forms=d["channels"],
                    ends_on=d["ends_on"],
                    reason=d["reason"],
                )
            except ServiceError as exc:
                form_error(form, exc, FIELD_ALIASES)
            else:
                messages.success(request, "Đã đăng bản đính chính; bản cũ được lưu lại.")
                return redirect("democracy:disclosure_detail", code=commune.code, pk=new.pk)
    else:
        form = f.DisclosureCorrectForm(
            initial={"title": item.title, "body": item.body, "channels": item.forms, "ends_on": item.ends_on}
        )
    return render(
        request,
        "democracy/disclosures/correct.html",
        page_context(request, commune, "disclosures", item=item, form=form),
    )


@login_required
def disclosure_file(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    item = _disclosure(commune, pk)
    return file_response(item.file, item.file_name, item.file_kind, item.file_mime)


@login_required
def compliance(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.view")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), today.year + 1)
    result = services.disclosure_compliance(commune, year=year)
    return render(
        request,
        "democracy/disclosures/compliance.html",
        page_context(
            request,
            commune,
            "compliance",
            result=result,
            years=range(max(2020, today.year - 4), today.year + 2),
        ),
    )


# --- public portal ---------------------------------------------------------------------------------------


def public_disclosure_list(request, slug: str):
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    search = f.SearchForm(request.GET or None)
    query, kind = "", None
    if search.is_valid():
        query, kind = search.cleaned_data["q"] or "", search.cleaned_data["loai"]
    qs = public_disclosures(commune, today=today, query=query, kind=kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    counts = dict(
        public_disclosures(commune, today=today)
        .values("kind_id")
        .annotate(n=Count("id"))
        .values_list("kind_id", "n")
    )
    kinds = [(k, counts.get(k.pk, 0)) for k in DisclosureKind.objects.filter(is_active=True)]
    return render(
        request,
        "democracy/public/disclosures.html",
        {"commune": commune, "page": page, "search": search, "query": query, "kind": kind, "kinds": kinds},
    )


def public_disclosure_detail(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    item = public_disclosure(commune, pk, today=timezone.localdate())
    if item is None:
        raise Http404("Không tìm thấy nội dung công khai này.")
    forms_used = [DisclosureForm(x).label for x in item.forms if x in DisclosureForm.values]
    return render(
        request,
        "democracy/public/disclosure.html",
        {"commune": commune, "item": item, "forms_used": forms_used},
    )


def public_disclosure_file(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    item = public_disclosure(commune, pk, today=timezone.localdate())
    if item is None:
        raise Http404("Không tìm thấy nội dung công khai này.")
    return file_response(item.file, item.file_name, item.file_kind, item.file_mime)


def _quarter_form() -> f.QuarterForm:
    """The quarter picker, set to the quarter that has just ended (the list is drawn up after it)."""
    year, quarter = quarterly.quarter_of(timezone.localdate())
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return f.QuarterForm(initial={"nam": year, "quy": quarter})


@login_required
def disclosure_quarterly(request, code: str):
    """The quarterly list of what was disclosed, as a .docx to sign and post (Điều 13 khoản 2)."""
    commune = commune_for(request.user, code, permission="democracy.view")
    today = timezone.localdate()
    year, quarter = quarterly.quarter_of(today)
    form = f.QuarterForm(request.GET or {"nam": year, "quy": quarter})
    if not form.is_valid():
        return HttpResponseBadRequest("Năm hoặc quý không hợp lệ.", content_type="text/plain; charset=utf-8")
    year, quarter = form.cleaned_data["nam"], form.cleaned_data["quy"]
    try:
        data = quarterly.quarterly_list_docx(commune, year, quarter, today=today)
    except ServiceError as e:
        return HttpResponseBadRequest(e.message, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{quarterly.filename(commune, year, quarter)}"'
    response["Cache-Control"] = "private, no-store"
    return response
