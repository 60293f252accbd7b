"""Staff pages for scoring under /lam-viec/<code>/cham-diem/: the year's framework and ranking (units ×
criteria, with exports), a unit's score sheet where it self-assesses on a phone and the commune reviews,
and the commune's own sheet under the province's framework.

Every view resolves the commune through `org.access.commune_for` (another commune: 404; a role without
the permission: 403) and looks objects up inside it; writes go through `scoring.services`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.core.forms import form_error
from danvan.documents import nd30
from danvan.org.access import can, commune_for, memberships_in
from danvan.org.models import Role, Unit
from danvan.org.pages import workspace_context
from danvan.scoring import exports, rules, selectors, services
from danvan.scoring.forms import BandsForm, ReturnForm, ReviewForm, ScoreForm
from danvan.scoring.models import Assessment, Criterion, Framework, Score
from danvan.scoring.services.checks import may_review, may_self_assess

VIEW = "scoring.view"
MANAGE = "scoring.manage"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request) -> int:
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _refuse(exc: ServiceError):
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)


def _own_units(request, commune) -> list[int]:
    return [
        m.unit_id for m in memberships_in(request.user, commune) if m.role == Role.UNIT_OFFICER and m.unit_id
    ]


def _as_of(framework: Framework) -> dt.date:
    """A past year is scored as it ended; the running year as things stand today."""
    return min(timezone.localdate(), dt.date(framework.year, 12, 31))


# --- the year's framework and ranking ----------------------------------------------------------------


def _index(request, commune, *, bands_form=None, status=200):
    year = _year(request)
    framework = selectors.commune_framework(commune=commune, year=year)
    province_fw = selectors.province_frameworks(province=commune.province, year=year)
    ranking = selectors.ranking(framework=framework, as_of=_as_of(framework)) if framework else None
    own_sheet = None
    if province_fw.get("communes"):
        own_sheet = Assessment.objects.filter(
            framework=province_fw["communes"], commune=commune, unit__isnull=True
        ).first()
    if framework and bands_form is None:
        bands_form = BandsForm(
            initial={("pass_" if k == "pass" else k): v for k, v in ranking.thresholds.items()}
        )
    return render(
        request,
        "scoring/index.html",
        workspace_context(
            request,
            commune,
            year=year,
            framework=framework,
            ranking=ranking,
            province_units=province_fw.get("units"),
            province_communes=province_fw.get("communes"),
            own_sheet=own_sheet,
            may_manage=can(request.user, MANAGE, commune),
            own_units=_own_units(request, commune),
            bands_form=bands_form,
            measures=rules.MEASURES,
        ),
        status=status,
    )


@login_required
def index(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    return _index(request, commune)


@login_required
@require_POST
def framework_create(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    year = _year(request)
    try:
        services.framework_create_default(by=request.user, commune=commune, year=year)
    except ServiceError as exc:
        _refuse(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã lập bộ tiêu chí năm {year} theo mẫu mặc định.")
    return redirect(f"/lam-viec/{commune.code}/cham-diem/?nam={year}")


@login_required
@require_POST
def framework_adopt(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    source = Framework.objects.filter(pk=pk, province=commune.province_id, subject="units").first()
    if source is None:
        raise Http404("Không tìm thấy bộ tiêu chí của tỉnh.")
    try:
        services.framework_adopt(by=request.user, commune=commune, source=source)
    except ServiceError as exc:
        _refuse(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã áp dụng bộ tiêu chí của tỉnh năm {source.year}.")
    return redirect(f"/lam-viec/{commune.code}/cham-diem/?nam={source.year}")


def _framework(commune, pk) -> Framework:
    framework = Framework.objects.filter(pk=pk, commune=commune).first()
    if framework is None:
        raise Http404("Không tìm thấy bộ tiêu chí này.")
    return framework


@login_required
@require_POST
def bands(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    framework = _framework(commune, pk)
    form = BandsForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.bands_set(
                by=request.user,
                framework=framework,
                excellent=d["excellent"],
                good=d["good"],
                pass_=d["pass_"],
            )
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu ngưỡng xếp loại.")
            return redirect(f"/lam-viec/{commune.code}/cham-diem/?nam={framework.year}")
    request.GET = request.GET.copy()
    request.GET["nam"] = str(framework.year)
    return _index(request, commune, bands_form=form, status=400)


@login_required
def export(request, code: str, pk: int, fmt: str):
    commune = commune_for(request.user, code, permission=VIEW)
    framework = _framework(commune, pk)
    if fmt not in ("xlsx", "docx"):
        raise Http404("Không có định dạng này.")
    ranking = selectors.ranking(framework=framework, as_of=_as_of(framework))
    name = f"xep-loai-dan-van-{framework.year}"
    if fmt == "xlsx":
        response = HttpResponse(exports.ranking_xlsx(ranking), content_type=XLSX)
    else:
        parent, issuer = nd30.issuer_lines(commune)
        data = exports.ranking_docx(ranking, place=commune.short_name, issuer=issuer, issuer_parent=parent)
        response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- a score sheet -------------------------------------------------------------------------------------


@login_required
def open_sheet(request, code: str, pk: int, unit_id: int | None = None):
    """Open (creating the draft the first time) a unit's sheet under the commune's framework, or the
    commune's own under the province's."""
    commune = commune_for(request.user, code, permission=VIEW)
    framework = (
        Framework.objects.filter(pk=pk).filter(commune=commune).first()
        or Framework.objects.filter(pk=pk, province=commune.province_id, subject="communes").first()
    )
    if framework is None:
        raise Http404("Không tìm thấy bộ tiêu chí này.")
    unit = None
    if framework.subject == "units":
        unit = Unit.objects.filter(pk=unit_id or 0, commune=commune, is_active=True).first()
        if unit is None:
            raise Http404("Không tìm thấy đơn vị này.")
    sheet = Assessment.objects.filter(framework=framework, commune=commune, unit=unit).first()
    if sheet is None:
        if request.method != "POST":
            probe = Assessment(framework=framework, commune=commune, unit=unit)
            if not may_self_assess(request.user, probe):
                raise Http404("Đơn vị chưa tự chấm.")
            return render(
                request,
                "scoring/open.html",
                workspace_context(request, commune, framework=framework, unit=unit),
            )
        try:
            sheet = services.assessment_for(by=request.user, framework=framework, commune=commune, unit=unit)
        except ServiceError as exc:
            _refuse(exc)
            raise Http404(exc.message) from None
    return redirect("scoring:sheet", code=commune.code, pk=sheet.pk)


def _sheet(commune, pk) -> Assessment:
    sheet = (
        Assessment.objects.filter(pk=pk, commune=commune)
        .select_related("framework", "unit", "commune")
        .first()
    )
    if sheet is None:
        raise Http404("Không tìm thấy phiếu chấm này.")
    return sheet


def _sheet_page(request, commune, sheet, *, forms=None, status=200):
    forms = forms or {}
    framework = sheet.framework
    only = [sheet.unit_id] if sheet.unit_id else [sheet.commune_id]
    ranking = selectors.ranking(framework=framework, as_of=_as_of(framework), only=only)
    row = ranking.rows[0]
    scores = {s.criterion_id: s for s in Score.objects.filter(assessment=sheet).select_related("criterion")}
    editable = sheet.status == Assessment.Status.DRAFT and may_self_assess(request.user, sheet)
    reviewer = may_review(request.user, sheet)
    items = []
    for cell in row.cells:
        c = cell.criterion
        form = None
        if not c.measure and editable:
            s = scores.get(c.pk)
            form = forms.get(c.pk) or ScoreForm(
                prefix=f"c{c.pk}",
                initial={"points": s.self_points if s else "", "note": s.self_note if s else ""},
            )
        items.append((cell, scores.get(c.pk), form))
    review_form = None
    if reviewer and sheet.status == Assessment.Status.SUBMITTED:
        review_form = forms.get("review") or ReviewForm(scores=[scores[k] for k in scores])
    return render(
        request,
        "scoring/sheet.html",
        workspace_context(
            request,
            commune,
            sheet=sheet,
            framework=framework,
            row=row,
            items=items,
            editable=editable,
            reviewer=reviewer,
            review_form=review_form,
            return_form=forms.get("return") or ReturnForm(),
            max_total=ranking.max_total,
            thresholds=ranking.thresholds,
        ),
        status=status,
    )


@login_required
def sheet(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _sheet_page(request, commune, _sheet(commune, pk))


@login_required
@require_POST
def score(request, code: str, pk: int, criterion_id: int):
    commune = commune_for(request.user, code, permission="scoring.self_assess")
    sheet_ = _sheet(commune, pk)
    criterion = Criterion.objects.filter(pk=criterion_id, framework=sheet_.framework_id, measure="").first()
    if criterion is None:
        raise Http404("Không tìm thấy tiêu chí này.")
    form = ScoreForm(request.POST, request.FILES, prefix=f"c{criterion.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.score_save(
                by=request.user,
                assessment=sheet_,
                criterion=criterion,
                points=d["points"],
                note=d["note"],
                evidence=d["evidence"],
            )
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc, {"attachment": "evidence"})
        else:
            messages.success(request, f"Đã lưu điểm tự chấm “{criterion.title}”.")
            return redirect(f"/lam-viec/{commune.code}/cham-diem/phieu/{sheet_.pk}/#tc-{criterion.pk}")
    return _sheet_page(request, commune, sheet_, forms={criterion.pk: form}, status=400)


@login_required
@require_POST
def submit(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="scoring.self_assess")
    sheet_ = _sheet(commune, pk)
    try:
        services.assessment_submit(by=request.user, assessment=sheet_)
    except ServiceError as exc:
        _refuse(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã gửi phiếu tự chấm để thẩm định.")
    return redirect("scoring:sheet", code=commune.code, pk=sheet_.pk)


@login_required
@require_POST
def review(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    sheet_ = _sheet(commune, pk)
    if not may_review(request.user, sheet_):
        raise PermissionDenied("Bạn không có quyền thẩm định phiếu này.")
    form = ReviewForm(
        request.POST, scores=list(Score.objects.filter(assessment=sheet_).select_related("criterion"))
    )
    if form.is_valid():
        try:
            services.assessment_review(by=request.user, assessment=sheet_, decisions=form.decisions())
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc)
        else:
            messages.success(request, "Đã thẩm định phiếu chấm.")
            return redirect("scoring:sheet", code=commune.code, pk=sheet_.pk)
    return _sheet_page(request, commune, sheet_, forms={"review": form}, status=400)


@login_required
@require_POST
def send_back(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    sheet_ = _sheet(commune, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_return(by=request.user, assessment=sheet_, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc)
        else:
            messages.success(request, "Đã trả lại phiếu cho đơn vị.")
            return redirect("scoring:sheet", code=commune.code, pk=sheet_.pk)
    return _sheet_page(request, commune, sheet_, forms={"return": form}, status=400)


@login_required
@require_POST
def reopen(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    sheet_ = _sheet(commune, pk)
    try:
        services.assessment_reopen(by=request.user, assessment=sheet_)
    except ServiceError as exc:
        _refuse(exc)
        messages.error(request, exc.message)
    return redirect("scoring:sheet", code=commune.code, pk=sheet_.pk)


@login_required
def evidence(request, code: str, pk: int, criterion_id: int):
    commune = commune_for(request.user, code, permission=VIEW)
    sheet_ = _sheet(commune, pk)
    s = Score.objects.filter(assessment=sheet_, criterion_id=criterion_id).exclude(evidence="").first()
    if s is None:
        raise Http404("Không có tệp minh chứng.")
    return FileResponse(
        s.evidence.open("rb"),
        as_attachment=True,
        filename=download_name(s.evidence_name, s.evidence_kind, fallback="minh-chung"),
    )
