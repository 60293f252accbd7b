"""Training pages under /lam-viec/<code>/tap-huan/: the year's courses, the required trainings with who is
missing them, one course with its participants, attendance and certificates.

Every view resolves the commune first (`commune_for`) and looks objects up inside it; the services decide
who may write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.core.forms import form_error
from danvan.geo.selectors import villages_of
from danvan.org.access import can, commune_for
from danvan.org.models import Unit
from danvan.org.pages import workspace_context
from danvan.training import selectors, services
from danvan.training.forms import CertificateForm, CourseForm, ParticipantForm, RequirementForm
from danvan.training.models import Course, Participant, Requirement

VIEW, MANAGE = "training.view", "training.manage"


def _year(request) -> int:
    raw = request.GET.get("nam", "")
    today = timezone.localdate()
    return int(raw) if raw.isdigit() and 2014 <= int(raw) <= today.year + 1 else today.year


def _list_context(request, commune, requirement_form=None):
    year = _year(request)
    today = timezone.localdate()
    return workspace_context(
        request,
        commune,
        year=year,
        years=list(range(today.year + 1, today.year - 5, -1)),
        courses=list(selectors.courses(commune, year=year)[:200]),
        missing=selectors.missing(commune, today),
        requirement_form=requirement_form or RequirementForm(),
        may_manage=can(request.user, MANAGE, commune),
    )


@login_required
def training_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    return render(request, "training/list.html", _list_context(request, commune))


@login_required
@require_POST
def requirement_add(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    form = RequirementForm(request.POST)
    if form.is_valid():
        try:
            services.requirement_save(by=request.user, commune=commune, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu yêu cầu tập huấn.")
            return redirect("training:list", code=commune.code)
    return render(request, "training/list.html", _list_context(request, commune, form), status=400)


@login_required
@require_POST
def requirement_remove(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    requirement = get_object_or_404(Requirement, pk=pk, commune=commune)
    try:
        services.requirement_remove(by=request.user, requirement=requirement)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã bỏ yêu cầu tập huấn.")
    return redirect("training:list", code=commune.code)


@login_required
def course_new(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_save(by=request.user, commune=commune, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi lớp tập huấn; thêm học viên của lớp.")
            return redirect("training:course", code=commune.code, pk=course.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "training/course_new.html", workspace_context(request, commune, form=form), status=status
    )


def _course(commune, pk: int) -> Course:
    return get_object_or_404(Course, pk=pk, commune=commune)


def _choices(commune):
    users = (
        get_user_model()
        .objects.filter(memberships__commune=commune, is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    units = Unit.objects.filter(commune=commune, is_active=True)
    villages = villages_of(commune).filter(is_active=True)
    return {"users": list(users), "units": list(units), "villages": list(villages)}


@login_required
def course_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    course = _course(commune, pk)
    choices = _choices(commune)
    form = ParticipantForm(request.POST or None, **choices)
    if request.method == "POST":
        commune_for(request.user, code, permission=MANAGE)
        if form.is_valid():
            d = form.cleaned_data
            pick = lambda items, raw: next((x for x in items if str(x.pk) == raw), None)  # noqa: E731
            try:
                services.participant_add(
                    by=request.user,
                    course=course,
                    user=pick(choices["users"], d["user"]),
                    full_name=d["full_name"],
                    unit=pick(choices["units"], d["unit"]),
                    village=pick(choices["villages"], d["village"]),
                    position=d["position"],
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã thêm học viên.")
                return redirect("training:course", code=commune.code, pk=course.pk)
    participants = list(course.participants.select_related("unit", "village"))
    context = workspace_context(
        request,
        commune,
        course=course,
        participants=participants,
        attended=sum(1 for p in participants if p.attended),
        started=course.starts_on <= timezone.localdate(),
        form=form,
        certificate_form=CertificateForm(),
        may_manage=can(request.user, MANAGE, commune),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "training/course.html", context, status=status)


def _participant(commune, pk: int, pid: int) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("course__commune"), pk=pid, course_id=pk, course__commune=commune
    )


@login_required
@require_POST
def attendance(request, code: str, pk: int, pid: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    participant = _participant(commune, pk, pid)
    value = request.POST.get("attended")
    if value not in ("yes", "no"):
        messages.error(request, "Chọn có mặt hoặc vắng mặt.")
        return redirect("training:course", code=commune.code, pk=pk)
    try:
        services.attendance_set(by=request.user, participant=participant, attended=value == "yes")
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã điểm danh {participant.full_name}.")
    return redirect("training:course", code=commune.code, pk=pk)


@login_required
def certificate(request, code: str, pk: int, pid: int):
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=MANAGE)
        participant = _participant(commune, pk, pid)
        form = CertificateForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, "Vui lòng chọn tệp giấy chứng nhận.")
        else:
            try:
                services.certificate_add(
                    by=request.user, participant=participant, upload=form.cleaned_data["certificate"]
                )
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"Đã lưu giấy chứng nhận của {participant.full_name}.")
        return redirect("training:course", code=commune.code, pk=pk)
    commune = commune_for(request.user, code, permission=VIEW)
    participant = _participant(commune, pk, pid)
    if not participant.certificate:
        raise Http404("Học viên này chưa có giấy chứng nhận.")
    name = download_name(
        participant.certificate_name, participant.certificate_kind, fallback="giay-chung-nhan"
    )
    return FileResponse(participant.certificate.open("rb"), as_attachment=True, filename=name)
