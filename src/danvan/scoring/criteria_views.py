"""Editing a framework's criteria, for a commune (/lam-viec/<code>/cham-diem/<pk>/tieu-chi/) and for a
province (/tinh/<province code>/cham-diem/<pk>/tieu-chi/): add, edit, remove, until a sheet is sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.scoring import rules, services
from danvan.scoring.forms import CriterionForm
from danvan.scoring.models import Assessment, Criterion, Framework
from danvan.scoring.province_views import _province


def _page(request, framework, *, base: str, context: dict, form=None, status=200):
    criteria = list(Criterion.objects.filter(framework=framework).select_related("group"))
    locked = Assessment.objects.filter(framework=framework).exclude(status=Assessment.Status.DRAFT).exists()
    forms = [
        CriterionForm(
            subject=framework.subject,
            prefix=f"c{c.pk}",
            initial={
                "criterion": c.pk,
                "group_title": c.group.title,
                "title": c.title,
                "max_points": c.max_points,
                "measure": c.measure,
                "target": c.target,
                "guidance": c.guidance,
            },
        )
        if not (form is not None and form.prefix == f"c{c.pk}")
        else form
        for c in criteria
    ]
    new = (
        form
        if form is not None and form.prefix == "moi"
        else CriterionForm(subject=framework.subject, prefix="moi")
    )
    return render(
        request,
        "scoring/criteria.html",
        {
            **context,
            "framework": framework,
            "rows": list(zip(criteria, forms, strict=True)),
            "new_form": new,
            "locked": locked,
            "base": base,
            "measures": rules.MEASURES,
            "total": sum((c.max_points for c in criteria), 0),
        },
        status=status,
    )


def _save(request, framework, *, base: str, context: dict):
    prefix = request.POST.get("prefix", "moi")
    if prefix != "moi" and not prefix.removeprefix("c").isdigit():
        raise Http404("Không tìm thấy tiêu chí này.")
    form = CriterionForm(request.POST, subject=framework.subject, prefix=prefix)
    if form.is_valid():
        d = form.cleaned_data
        criterion = None
        if prefix != "moi":
            criterion = Criterion.objects.filter(framework=framework, pk=int(prefix[1:])).first()
            if criterion is None:
                raise Http404("Không tìm thấy tiêu chí này.")
        try:
            services.criterion_save(
                by=request.user,
                framework=framework,
                criterion=criterion,
                group_title=d["group_title"],
                title=d["title"],
                max_points=d["max_points"],
                measure=d["measure"],
                target=d["target"],
                guidance=d["guidance"],
            )
        except ServiceError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from None
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu tiêu chí.")
            return redirect(base)
    return _page(request, framework, base=base, context=context, form=form, status=400)


def _delete(request, framework, criterion_id: int, *, base: str):
    criterion = Criterion.objects.filter(framework=framework, pk=criterion_id).first()
    if criterion is None:
        raise Http404("Không tìm thấy tiêu chí này.")
    try:
        services.criterion_delete(by=request.user, framework=framework, criterion=criterion)
    except ServiceError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã bỏ tiêu chí “{criterion.title}”.")
    return redirect(base)


def _commune_framework(request, code, pk):
    commune = commune_for(request.user, code, permission="scoring.manage")
    framework = Framework.objects.filter(pk=pk, commune=commune).first()
    if framework is None:
        raise Http404("Không tìm thấy bộ tiêu chí này.")
    return commune, framework, f"/lam-viec/{commune.code}/cham-diem/{framework.pk}/tieu-chi/"


@login_required
def commune_criteria(request, code: str, pk: int):
    commune, framework, base = _commune_framework(request, code, pk)
    context = workspace_context(
        request,
        commune,
        layout="web/ws/_layout.html",
        back=f"/lam-viec/{commune.code}/cham-diem/?nam={framework.year}",
    )
    if request.method == "POST":
        return _save(request, framework, base=base, context=context)
    return _page(request, framework, base=base, context=context)


@login_required
@require_POST
def commune_criterion_delete(request, code: str, pk: int, criterion_id: int):
    _, framework, base = _commune_framework(request, code, pk)
    return _delete(request, framework, criterion_id, base=base)


def _province_framework(request, province_code, pk):
    province = _province(request, province_code)
    framework = Framework.objects.filter(pk=pk, province=province).first()
    if framework is None:
        raise Http404("Không tìm thấy bộ tiêu chí này.")
    return province, framework, f"/tinh/{province.code}/cham-diem/{framework.pk}/tieu-chi/"


@login_required
def province_criteria(request, province_code: str, pk: int):
    province, framework, base = _province_framework(request, province_code, pk)
    context = {
        "province": province,
        "layout": "web/base.html",
        "back": f"/tinh/{province.code}/cham-diem/?nam={framework.year}",
    }
    if request.method == "POST":
        return _save(request, framework, base=base, context=context)
    return _page(request, framework, base=base, context=context)


@login_required
@require_POST
def province_criterion_delete(request, province_code: str, pk: int, criterion_id: int):
    _, framework, base = _province_framework(request, province_code, pk)
    return _delete(request, framework, criterion_id, base=base)
