"""Correcting a course of the training register (/tap-huan/lop/<pk>/sua/) through `course_save`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.training import services
from danvan.training.forms import CourseForm
from danvan.training.models import Course
from danvan.training.views import MANAGE


@login_required
def course_edit(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    course = get_object_or_404(Course, pk=pk, commune=commune)
    fields = ("title", "topic", "organiser", "starts_on", "ends_on", "place", "hours")
    initial = {f: getattr(course, f) for f in fields} | {"hours": str(course.hours).replace(".", ",")}
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_save(by=request.user, commune=commune, course=course, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi của lớp tập huấn.")
            return redirect("training:course", code=commune.code, pk=course.pk)
    context = workspace_context(request, commune, form=form, course=course)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/course_edit.html", context, status=status)
