"""Staff pages of satisfaction surveys under /lam-viec/<code>/khao-sat/: the list (new survey from the
SIPAS template or blank), the builder, the A4 poster with QR code, one-time codes, paper entry, results
with the index, the .xlsx export, and petition ratings added up with residents' follow-ups.

Every view resolves the commune through `org.access.commune_for` and looks objects up inside it;
writes go through `surveys.services`."""

from __future__ import annotations

import datetime as dt
import uuid

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.documents.nd30 import render_docx
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context
from danvan.petitions.models import Petition
from danvan.surveys import ratings, selectors, services
from danvan.surveys.exports import answers_xlsx, codes_xlsx
from danvan.surveys.forms import (
    AnswerForm,
    CodesForm,
    InviteForm,
    QuestionForm,
    ResultsFilter,
    ReviewAnswerForm,
    SectionForm,
    SurveyForm,
)
from danvan.surveys.models import Question, Survey
from danvan.surveys.results_document import results_document

VIEW, MANAGE = "surveys.view", "surveys.manage"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ctx(request, commune, **extra):
    return workspace_context(
        request,
        commune,
        may_manage=can(request.user, MANAGE, commune),
        may_enter=can(request.user, "surveys.enter_paper", commune),
        **extra,
    )


def _refuse(form, exc: ServiceError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)
    form_error(form, exc)


def short_url(request, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("survey_short", args=[survey.short_code]))


def qr_svg(url: str) -> str:
    """The QR code as inline SVG (segno; error correction M survives a worn print)."""
    return segno.make(url, error="m").svg_inline(scale=6, dark="#000", light="#fff", title="Mã QR")


@login_required
def survey_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    status = 200
    form = SurveyForm()
    if request.method == "POST":
        if not can(request.user, MANAGE, commune):
            raise PermissionDenied("Vai trò của bạn không được soạn phiếu khảo sát.")
        form = SurveyForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if d["template"] == "sipas":
                    survey = services.survey_create_sipas(
                        by=request.user, commune=commune, one_answer=d["one_answer"]
                    )
                else:
                    survey = services.survey_create(
                        by=request.user, commune=commune, title=d["title"], one_answer=d["one_answer"]
                    )
            except ServiceError as exc:
                _refuse(form, exc)
            else:
                return redirect("surveys:detail", commune.code, survey.pk)
        status = 400
    return render(
        request,
        "surveys/list.html",
        _ctx(request, commune, form=form, surveys=selectors.survey_list(commune)),
        status=status,
    )


def _survey(request, code: str, pk: int, permission: str = VIEW):
    commune = commune_for(request.user, code, permission=permission)
    return commune, get_object_or_404(Survey, commune=commune, pk=pk)


def _detail(request, commune, survey, *, section_form=None, question_form=None, status=200):
    return render(
        request,
        "surveys/detail.html",
        _ctx(
            request,
            commune,
            survey=survey,
            sections=selectors.sections_with_questions(survey),
            section_form=section_form or SectionForm(),
            question_form=question_form or QuestionForm(survey=survey),
            codes_form=CodesForm(),
            invite_form=InviteForm(),
            link=short_url(request, survey),
            answers=survey.responses.count(),
        ),
        status=status,
    )


@login_required
def survey_detail(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk)
    return _detail(request, commune, survey)


@login_required
@require_POST
def section_add(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk, MANAGE)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_add(by=request.user, survey=survey, title=form.cleaned_data["title"])
        except ServiceError as exc:
            _refuse(form, exc)
        else:
            return redirect("surveys:detail", commune.code, survey.pk)
    return _detail(request, commune, survey, section_form=form, status=400)


@login_required
@require_POST
def question_add(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk, MANAGE)
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.question_add(
                by=request.user,
                section=d["section"],
                text=d["text"],
                kind=d["kind"],
                required=d["required"],
                choices=d["choices"].splitlines(),
                dimension=d["dimension"],
            )
        except ServiceError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, "Đã thêm câu hỏi.")
            return redirect("surveys:detail", commune.code, survey.pk)
    return _detail(request, commune, survey, question_form=form, status=400)


@login_required
@require_POST
def question_delete(request, code: str, pk: int, qid: int):
    commune, survey = _survey(request, code, pk, MANAGE)
    question = get_object_or_404(Question, section__survey=survey, pk=qid)
    try:
        services.question_delete(by=request.user, question=question)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("surveys:detail", commune.code, survey.pk)


@login_required
@require_POST
def survey_state(request, code: str, pk: int, action: str):
    commune, survey = _survey(request, code, pk, MANAGE)
    move = {"mo": services.survey_open, "dong": services.survey_close}.get(action)
    if move is None:
        return HttpResponse("Không có thao tác này.", status=404)
    try:
        move(by=request.user, survey=survey)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã mở phiếu nhận trả lời." if action == "mo" else "Đã đóng phiếu.")
    return redirect("surveys:detail", commune.code, survey.pk)


@login_required
@never_cache
@require_POST
def codes_issue(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk, MANAGE)
    form = CodesForm(request.POST)
    if form.is_valid():
        try:
            codes = services.codes_issue(by=request.user, survey=survey, count=form.cleaned_data["count"])
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            response = HttpResponse(codes_xlsx(survey, codes, short_url(request, survey)), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="ma-phieu-khao-sat-{survey.pk}.xlsx"'
            return response
    else:
        messages.error(request, "Số mã không hợp lệ.")
    return redirect("surveys:detail", commune.code, survey.pk)


@login_required
@require_POST
def codes_send(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk, MANAGE)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            sent = services.codes_send(
                by=request.user,
                survey=survey,
                phones=form.cleaned_data["phones"].splitlines(),
                link=short_url(request, survey),
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã xếp {sent} tin nhắn mời trả lời vào hàng gửi.")
    else:
        messages.error(request, "Vui lòng nhập số điện thoại.")
    return redirect("surveys:detail", commune.code, survey.pk)


@login_required
def poster(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk)
    link = short_url(request, survey)
    return render(
        request,
        "surveys/poster.html",
        {"commune": commune, "survey": survey, "link": link, "qr": mark_safe(qr_svg(link))},  # noqa: S308 segno's own SVG
    )


@login_required
@never_cache
def paper_entry(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk, "surveys.enter_paper")
    sections = selectors.sections_with_questions(survey)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, survey=survey, sections=sections, ask_code=False)
        if form.is_valid():
            try:
                services.response_submit(
                    survey=survey,
                    answers=form.answers(),
                    village=form.cleaned_data["village"],
                    client_token=form.cleaned_data["client_token"],
                    by=request.user,
                )
            except ServiceError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "Đã nhập phiếu giấy. Mời nhập phiếu tiếp theo.")
                return redirect("surveys:paper", commune.code, survey.pk)
        status = 400
    else:
        form = AnswerForm(
            initial={"client_token": uuid.uuid4().hex}, survey=survey, sections=sections, ask_code=False
        )
    return render(
        request, "surveys/paper.html", _ctx(request, commune, survey=survey, form=form), status=status
    )


def _filters(request, commune):
    form = ResultsFilter(request.GET or None, commune=commune)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        return form, {
            "start": d["start"],
            "end": d["end"],
            "village_id": d["village"].pk if d["village"] else None,
        }
    return form, {}


@login_required
def survey_results(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk)
    form, filters = _filters(request, commune)
    return render(
        request,
        "surveys/results.html",
        _ctx(request, commune, survey=survey, form=form, results=selectors.results(survey, **filters)),
    )


@login_required
def survey_results_docx(request, code: str, pk: int):
    commune, survey = _survey(request, code, pk)
    _, filters = _filters(request, commune)
    document = results_document(survey, selectors.results(survey, **filters))
    response = HttpResponse(render_docx(document), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="ket-qua-khao-sat-{survey.pk}.docx"'
    return response


@login_required
def survey_export(request, code: str, pk: int):
    _commune, survey = _survey(request, code, pk)
    response = HttpResponse(answers_xlsx(survey), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tra-loi-khao-sat-{survey.pk}.xlsx"'
    return response


# --- petition ratings -----------------------------------------------------------------------------------


def _year_bounds(request) -> tuple[int, dt.date, dt.date]:
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    return year, dt.date(year, 1, 1), dt.date(year, 12, 31)


@login_required
def rating_overview(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    year, start, end = _year_bounds(request)
    reviews = ratings.unhappy_cases(commune)
    return render(
        request,
        "surveys/ratings.html",
        _ctx(
            request,
            commune,
            year=year,
            summary=ratings.rating_summary(commune, start, end),
            reviews=reviews,
            may_answer=can(request.user, "surveys.handle_reviews", commune),
            answer_form=ReviewAnswerForm(),
        ),
    )


@login_required
@require_POST
def rating_review_answer(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="surveys.handle_reviews")
    petition = get_object_or_404(Petition, commune=commune, pk=pk)
    form = ReviewAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.rating_review_answer(
                by=request.user, petition=petition, answer=form.cleaned_data["answer"]
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã ghi trả lời.")
    else:
        messages.error(request, "Vui lòng ghi nội dung trả lời.")
    return redirect("surveys:ratings", commune.code)
