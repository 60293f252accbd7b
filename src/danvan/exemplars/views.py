"""Staff pages for “Dân vận khéo” models under /lam-viec/<code>/dan-van-kheo/: the coordinator's list
with the year's registration overview, registering (or replicating) a model, and one model's page where
progress is reported, the council scores, the coordinator closes the evaluation and leaders recognise it.

Every view resolves the commune through `org.access.commune_for` (another commune: 404; a role without
the permission: 403) and looks objects up inside it; writes go through `exemplars.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.exemplars import rules, selectors, services
from danvan.exemplars.forms import (
    CallForm,
    EvaluateForm,
    FilterForm,
    ProgressForm,
    RecogniseForm,
    RegisterForm,
    ScoreForm,
)
from danvan.exemplars.models import Exemplar, Progress
from danvan.exemplars.services.checks import may_act_for
from danvan.org.access import can, commune_for, memberships_in
from danvan.org.models import Role
from danvan.org.pages import workspace_context as _context

VIEW = "exemplars.view"
REGISTER = "exemplars.register"
MANAGE = "exemplars.manage"
SCORE = "exemplars.score"
RECOGNISE = "exemplars.recognise"


def _ctx(request, commune, **extra):
    return _context(
        request,
        commune,
        may_register=can(request.user, REGISTER, commune),
        may_manage=can(request.user, MANAGE, commune),
        **extra,
    )


def _apply_error(form, exc: ServiceError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _year(request) -> int:
    """The year from ?nam= (default: this year)."""
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


# --- list and registration overview ---------------------------------------------------------------------


def _list_page(request, commune, *, call_form=None, status=200):
    form = FilterForm(request.GET or None, commune=commune)
    year = timezone.localdate().year
    filters: dict = {}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        year = d["nam"] or year
        filters = {
            "status": d["status"],
            "field_id": d["field"].pk if d["field"] else None,
            "kind": d["kind"],
            "unit_id": d["unit"].pk if d["unit"] else None,
            "village_id": d["village"].pk if d["village"] else None,
            "query": d["q"].strip(),
        }
    summary = selectors.overview(commune=commune, year=year)
    deadline = summary.call.deadline if summary.call else None
    rows = list(selectors.exemplars(commune=commune, year=year, **filters)[:500])
    return render(
        request,
        "exemplars/list.html",
        _ctx(
            request,
            commune,
            form=form,
            year=year,
            summary=summary,
            statuses=[(s.label, summary.by_status.get(s.value, 0)) for s in Exemplar.Status],
            rows=[(e, rules.is_late(e.registered_on, deadline)) for e in rows],
            call_form=call_form
            or CallForm(initial={"deadline": deadline, "note": summary.call.note if summary.call else ""}),
        ),
        status=status,
    )


@login_required
def exemplar_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    return _list_page(request, commune)


@login_required
@require_POST
def call_set(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    year = _year(request)
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            services.registration_call_set(
                by=request.user,
                commune=commune,
                year=year,
                deadline=form.cleaned_data["deadline"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, f"Đã đặt hạn đăng ký mô hình năm {year}.")
            return redirect(f"/lam-viec/{commune.code}/dan-van-kheo/?nam={year}")
    return _list_page(request, commune, call_form=form, status=400)


# --- registering ----------------------------------------------------------------------------------------


def _origin(commune, raw) -> Exemplar | None:
    """A recognised model of the same province that a unit or village here adopts."""
    if raw in (None, ""):
        return None
    origin = (
        Exemplar.objects.filter(pk=raw, commune__province_id=commune.province_id, status__in=rules.RECOGNISED)
        .select_related("commune", "unit", "village", "field")
        .first()
    )
    if origin is None:
        raise Http404("Không tìm thấy mô hình gốc để nhân rộng.")
    return origin


def _initial(request, commune, origin) -> dict:
    """Start the form from the user's own unit or village, and from the model being replicated."""
    initial: dict = {"start_on": timezone.localdate()}
    for m in memberships_in(request.user, commune):
        if m.role == Role.UNIT_OFFICER and not can(request.user, MANAGE, commune):
            initial.update(registrant_kind="unit", unit=m.unit_id)
        elif m.role == Role.VILLAGE_HEAD:
            initial.update(registrant_kind="village", village=m.village_id)
    if origin is not None:
        initial.update(name=origin.name, field=origin.field_id, content=origin.content, origin=origin.pk)
    return initial


@login_required
def register(request, code: str):
    commune = commune_for(request.user, code, permission=REGISTER)
    raw_origin = request.POST.get("origin") if request.method == "POST" else request.GET.get("nhan-rong")
    origin = _origin(commune, raw_origin if str(raw_origin or "").isdigit() else None)
    status = 200
    if request.method == "POST":
        form = RegisterForm(request.POST, commune=commune)
        if form.is_valid():
            d = form.cleaned_data
            targets = [
                services.TargetInput(d[f"target_{i}"], d[f"measure_{i}"], d[f"planned_{i}"])
                for i in range(1, 4)
            ]
            try:
                exemplar = services.exemplar_register(
                    by=request.user,
                    commune=commune,
                    name=d["name"],
                    field=d["field"],
                    registrant_kind=d["registrant_kind"],
                    unit=d["unit"],
                    village=d["village"],
                    registrant_name=d["registrant_name"],
                    builders=d["builders"],
                    partners=d["partners"],
                    villages=d["villages"],
                    content=d["content"],
                    start_on=d["start_on"],
                    review_on=d["review_on"],
                    targets=targets,
                    task=d["task"],
                    origin=origin,
                    public_consent=d["public_consent"],
                )
            except ServiceError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, f"Đã đăng ký mô hình “{exemplar.name}”.")
                return redirect("exemplars:detail", code=commune.code, pk=exemplar.pk)
        status = 400
    else:
        form = RegisterForm(commune=commune, initial=_initial(request, commune, origin))
    return render(
        request, "exemplars/register.html", _ctx(request, commune, form=form, origin=origin), status=status
    )


# --- one model ------------------------------------------------------------------------------------------


def _exemplar(commune, pk) -> Exemplar:
    exemplar = selectors.exemplar_detail(commune=commune, pk=pk)
    if exemplar is None:
        raise Http404("Không tìm thấy mô hình này.")
    return exemplar


def _detail_page(request, commune, exemplar, *, forms=None, status=200):
    forms = forms or {}
    user = request.user
    targets = list(exemplar.targets.all())
    scores = list(exemplar.council_scores.all())
    may_score = (
        can(user, SCORE, commune)
        and exemplar.status == Exemplar.Status.BUILDING
        and not services.is_conflict_of_interest(user, exemplar)
    )
    mine = next((s for s in scores if s.member_id == user.pk), None)
    level = exemplar.proposed_level or Exemplar.Level.COMMUNE
    return render(
        request,
        "exemplars/detail.html",
        _ctx(
            request,
            commune,
            e=exemplar,
            targets=[(t, rules.attainment(t.planned, t.achieved)) for t in targets],
            scores=scores,
            criteria=rules.CRITERIA,
            max_total=rules.MAX_TOTAL,
            may_report=may_act_for(user, exemplar) and exemplar.status != "registered",
            may_score=may_score,
            may_recognise=can(user, RECOGNISE, commune) and exemplar.status == Exemplar.Status.EVALUATED,
            may_replicate=can(user, REGISTER, commune) and exemplar.status in rules.RECOGNISED,
            progress_form=forms.get("progress") or ProgressForm(targets=targets),
            score_form=forms.get("score")
            or ScoreForm(initial={**(mine.points if mine else {}), "comment": mine.comment if mine else ""}),
            evaluate_form=forms.get("evaluate") or EvaluateForm(),
            recognise_form=forms.get("recognise")
            or RecogniseForm(
                initial={
                    "level": Exemplar.Level.PROVINCE
                    if level == Exemplar.Level.PROVINCE
                    else Exemplar.Level.COMMUNE,
                    "issuer": f"UBND {commune.name}",
                    "decision_on": timezone.localdate(),
                }
            ),
            level_thresholds=(rules.COMMUNE_MIN_SCORE, rules.PROVINCE_MIN_SCORE),
        ),
        status=status,
    )


@login_required
def detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _detail_page(request, commune, _exemplar(commune, pk))


def _done(request, commune, exemplar, text):
    messages.success(request, text)
    return redirect("exemplars:detail", code=commune.code, pk=exemplar.pk)


@login_required
@require_POST
def start(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    exemplar = _exemplar(commune, pk)
    try:
        services.exemplar_start(by=request.user, exemplar=exemplar)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _detail_page(request, commune, exemplar, status=400)
    return _done(request, commune, exemplar, "Đã tiếp nhận đăng ký: mô hình đang xây dựng.")


@login_required
@require_POST
def progress(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=REGISTER)
    exemplar = _exemplar(commune, pk)
    form = ProgressForm(request.POST, request.FILES, targets=list(exemplar.targets.all()))
    if form.is_valid():
        try:
            services.exemplar_progress_add(
                by=request.user,
                exemplar=exemplar,
                note=form.cleaned_data["note"],
                figures=form.figures(),
                evidence=form.cleaned_data["evidence"],
                evidence_public=form.cleaned_data["evidence_public"],
            )
        except ServiceError as exc:
            if exc.field == "attachment":
                form.add_error("evidence", exc.message)
            else:
                _apply_error(form, exc)
        else:
            return _done(request, commune, exemplar, "Đã cập nhật tiến độ mô hình.")
    return _detail_page(request, commune, _exemplar(commune, pk), forms={"progress": form}, status=400)


@login_required
@require_POST
def score(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=SCORE)
    exemplar = _exemplar(commune, pk)
    form = ScoreForm(request.POST)
    if form.is_valid():
        try:
            services.council_score_submit(
                by=request.user, exemplar=exemplar, points=form.points(), comment=form.cleaned_data["comment"]
            )
        except ServiceError as exc:
            if exc.code == "conflict_of_interest":
                raise PermissionDenied(exc.message) from None
            _apply_error(form, exc)
        else:
            return _done(request, commune, exemplar, "Đã ghi phiếu chấm điểm của bạn.")
    return _detail_page(request, commune, exemplar, forms={"score": form}, status=400)


@login_required
@require_POST
def evaluate(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    exemplar = _exemplar(commune, pk)
    form = EvaluateForm(request.POST)
    if form.is_valid():
        try:
            services.exemplar_evaluate(
                by=request.user, exemplar=exemplar, conclusion=form.cleaned_data["conclusion"]
            )
        except ServiceError as exc:
            _apply_error(form, exc)
        else:
            return _done(request, commune, exemplar, "Đã kết luận đánh giá mô hình.")
    return _detail_page(request, commune, exemplar, forms={"evaluate": form}, status=400)


@login_required
@require_POST
def reopen(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    exemplar = _exemplar(commune, pk)
    try:
        services.exemplar_reopen(by=request.user, exemplar=exemplar)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _detail_page(request, commune, exemplar, status=400)
    return _done(request, commune, exemplar, "Mô hình trở lại giai đoạn xây dựng để đánh giá lại.")


@login_required
@require_POST
def recognise(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=RECOGNISE)
    exemplar = _exemplar(commune, pk)
    form = RecogniseForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.exemplar_recognise(
                by=request.user,
                exemplar=exemplar,
                kind=d["kind"],
                level=d["level"],
                decision_number=d["decision_number"],
                decision_on=d["decision_on"],
                issuer=d["issuer"],
                reward=d["reward"],
            )
        except ServiceError as exc:
            _apply_error(form, exc)
        else:
            return _done(request, commune, exemplar, "Đã ghi quyết định công nhận mô hình.")
    return _detail_page(request, commune, exemplar, forms={"recognise": form}, status=400)


@login_required
def evidence(request, code: str, pk: int, pid: int):
    commune = commune_for(request.user, code, permission=VIEW)
    item = get_object_or_404(Progress, pk=pid, exemplar_id=pk, exemplar__commune=commune)
    if not item.evidence:
        raise Http404("Lần cập nhật này không có minh chứng.")
    return FileResponse(item.evidence.open("rb"), as_attachment=True, filename=item.evidence_name)
