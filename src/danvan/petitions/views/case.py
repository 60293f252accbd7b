"""One petition on the staff side: its page, every workflow action, the sender's identity, its files.

The services decide who may do what; the views only hide the buttons a user cannot use. The sender's
identity is read only through `services.identity_for`, which logs every read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.petitions import rules, services
from danvan.petitions.action_forms import (
    AcceptForm,
    ClassifyForm,
    LetterForm,
    PurposeForm,
    ReasonForm,
    ResolveForm,
    ResumeForm,
    ReturnAnswerForm,
    SecondRoundForm,
    SplitForm,
    SuspendForm,
    WithdrawPartForm,
)
from danvan.petitions.duplicates import possible_duplicates
from danvan.petitions.models import Attachment, HotspotAlert, Petition, PetitionStep, PetitionSuggestion
from danvan.petitions.permissions import available_actions, is_denunciation, may_see_content
from danvan.petitions.views.common import (
    _apply_error,
    _due_info,
    _own_roles,
)
from danvan.petitions.views.dialogue import dialogue_context
from danvan.petitions.views.rows import due_badge

Kind = Petition.Kind
Status = Petition.Status

# --- staff: one petition -------------------------------------------------------------------------------

# URL word -> (service action, form class, button label, success message)
ACTIONS: dict[str, tuple[str, type | None, str, str]] = {
    "phan-loai": ("classify", ClassifyForm, "Phân loại đơn", "Đã phân loại đơn."),
    "tach-don": ("split", SplitForm, "Tách đơn", "Đã tách đơn."),
    "chuyen-don": ("forward", LetterForm, "Chuyển đơn đến cơ quan có thẩm quyền", "Đã chuyển đơn."),
    "huong-dan": ("guide", LetterForm, "Hướng dẫn người gửi", "Đã ghi nhận văn bản hướng dẫn."),
    "tra-lai": ("return", LetterForm, "Trả lại đơn", "Đã trả lại đơn."),
    "thu-ly": ("accept", AcceptForm, "Thụ lý đơn", "Đã thụ lý đơn."),
    "xac-minh": ("verify", None, "Bắt đầu xác minh", "Đã chuyển sang xác minh."),
    "gia-han": ("extend", ReasonForm, "Gia hạn giải quyết", "Đã gia hạn giải quyết."),
    "giai-quyet": ("resolve", ResolveForm, "Ghi kết quả giải quyết", "Đã ghi kết quả giải quyết."),
    "duyet-tra-loi": ("approve", None, "Duyệt và công khai trả lời", "Đã duyệt; kết quả đã công khai."),
    "tra-lai-du-thao": (
        "return_answer",
        ReturnAnswerForm,
        "Trả lại dự thảo trả lời",
        "Đã trả lại dự thảo trả lời cho đơn vị, kèm ý kiến.",
    ),
    "ket-thuc": ("close", None, "Kết thúc đơn", "Đã kết thúc đơn."),
    "xem-xet-lai": ("reopen", ReasonForm, "Xem xét lại", "Đã mở lại đơn để xem xét."),
    "khieu-nai-lan-hai": (
        "second_round",
        SecondRoundForm,
        "Ghi nhận khiếu nại lần hai",
        "Đã ghi nhận khiếu nại lần hai và chuyển đến người có thẩm quyền giải quyết.",
    ),
    "tam-dinh-chi": ("suspend", SuspendForm, "Tạm đình chỉ giải quyết", "Đã tạm đình chỉ giải quyết."),
    "tiep-tuc": (
        "resume",
        ResumeForm,
        "Tiếp tục giải quyết",
        "Đã tiếp tục giải quyết; hạn mới đã được tính.",
    ),
    "rut-mot-phan": (
        "withdraw_part",
        WithdrawPartForm,
        "Ghi nhận rút một phần khiếu nại",
        "Đã ghi nhận phần khiếu nại được rút.",
    ),
}


def _petition(commune, pk: int) -> Petition:
    # Looked up inside the commune: another commune's petition id is a 404.
    return get_object_or_404(
        Petition.objects.select_related(
            "commune", "unit", "field", "village", "parent", "accepted_by", "duplicate_of"
        ),
        pk=pk,
        commune=commune,
    )


def _available(petition: Petition, roles: set[str]) -> list[str]:
    """The action slugs of this page that the user may try now (see permissions.available_actions)."""
    slugs = {name: slug for slug, (name, *_rest) in ACTIONS.items()}
    return [slugs[name] for name in available_actions(petition, roles)]


def _simple(petition: Petition, full: bool) -> bool:
    """The classification form without complaint-only fields: the case reads as a phản ánh or kiến nghị."""
    kind = petition.kind if petition.kind != Kind.UNCLASSIFIED else petition.kind_hint
    return not full and kind in (Kind.FEEDBACK, Kind.RECOMMENDATION)


def _blank_form(action: str, petition: Petition, full: bool = False):
    form_class = ACTIONS[action][1]
    if form_class is None:
        return None
    today = timezone.localdate()
    if form_class is ClassifyForm:
        # A suggestion pre-fills what is still empty; the officer confirms or changes it.
        suggestion = _suggestion(petition)
        initial = {
            "kind": petition.kind if petition.kind != Kind.UNCLASSIFIED else petition.kind_hint,
            "complexity": petition.complexity,
            "eligible": "yes",
            "field": petition.field_id or (suggestion.field_id if suggestion else None),
            "unit": petition.unit_id or (suggestion.unit_id if suggestion else None),
            "decision_known_on": petition.decision_known_on,
        }
        if initial["kind"] in (Kind.UNCLASSIFIED, "") and suggestion and suggestion.kind in Kind.values:
            initial["kind"] = suggestion.kind  # the sender chose no kind: the suggested one, to confirm
        if initial["kind"] == Kind.UNCLASSIFIED:
            initial["kind"] = ""
        return ClassifyForm(
            commune=petition.commune, initial=initial, prefix=action, simple=_simple(petition, full)
        )
    if form_class is AcceptForm:
        return AcceptForm(initial={"on": today}, prefix=action)
    if form_class is ResolveForm:
        return _resolve_form(petition, ResolveForm(initial={"on": today}, prefix=action))
    if form_class in (SuspendForm, ResumeForm):
        return form_class(initial={"on": today}, prefix=action)
    return form_class(prefix=action)


def _resolve_form(petition: Petition, form):
    """No "publish" box where the answer can never be published: the sender did not consent, or it is
    a denunciation (its conclusion is not put on the portal)."""
    if not petition.publish_consent or is_denunciation(petition):
        del form.fields["publish"]
    return form


def _suggestion(petition: Petition) -> PetitionSuggestion | None:
    if not hasattr(petition, "_suggestion_cache"):
        petition._suggestion_cache = (
            PetitionSuggestion.objects.filter(petition=petition).select_related("field", "unit").first()
        )
    return petition._suggestion_cache


def _bound_form(action: str, petition: Petition, data, full: bool = False):
    form_class = ACTIONS[action][1]
    if form_class is None:
        return None
    if form_class is ClassifyForm:
        return ClassifyForm(data, commune=petition.commune, prefix=action, simple=_simple(petition, full))
    # A posted "publish" is kept even where the box is not shown, so the service refuses it with its reason.
    return form_class(data, prefix=action)


def _run(name: str, petition: Petition, form, user):
    """Call the one service for an action; returns the petition to show next."""
    d = form.cleaned_data if form is not None else {}
    if name == "classify":
        return services.petition_classify(
            petition=petition,
            kind=d["kind"],
            complaint_round=d["complaint_round"] if d["kind"] == Kind.COMPLAINT else None,
            eligible=d["eligible"],
            ineligible_reason=d["ineligible_reason"],
            field=d["field"],
            unit=d["unit"],
            complexity=d["complexity"],
            several_places=d["several_places"],
            decision_known_on=d["decision_known_on"],
            by=user,
        )
    if name == "split":
        children = services.petition_split(petition=petition, parts=form.parts(), by=user)
        return children[0] if children else petition
    if name in ("forward", "guide", "return"):
        fn = {
            "forward": services.petition_forward,
            "guide": services.petition_guide,
            "return": services.petition_return,
        }[name]
        return fn(petition=petition, letter_text=d["letter_text"], by=user)
    if name == "accept":
        return services.petition_accept(petition=petition, on=d["on"], by=user)
    if name == "verify":
        return services.petition_start_verification(petition=petition, by=user)
    if name == "extend":
        return services.petition_extend(petition=petition, reason=d["reason"], by=user)
    if name == "resolve":
        return services.petition_resolve(
            petition=petition, answer=d["answer"], on=d["on"], publish=d.get("publish", False), by=user
        )
    if name == "approve":
        return services.petition_answer_approve(petition=petition, by=user)
    if name == "return_answer":
        return services.petition_answer_return(petition=petition, comment=d["comment"], by=user)
    if name == "close":
        return services.petition_close(petition=petition, by=user)
    if name == "reopen":
        return services.petition_reopen(petition=petition, reason=d["reason"], by=user)
    if name == "second_round":
        return services.complaint_second_round(
            petition=petition, by=user, decision_received_on=d.get("decision_received_on")
        )
    if name == "suspend":
        return services.complaint_suspend(petition=petition, reason=d["reason"], on=d["on"], by=user)
    if name == "resume":
        return services.complaint_resume(petition=petition, on=d["on"], by=user)
    if name == "withdraw_part":
        return services.complaint_withdraw_part(petition=petition, part=d["part"], by=user)
    raise Http404


def _detail(
    request,
    commune,
    petition,
    *,
    bound=None,
    identity=None,
    identity_read=False,
    identity_form=None,
    status=200,
):
    today = timezone.localdate()
    cal = current_calendar()
    roles = _own_roles(request.user, commune)
    available = _available(petition, roles)
    if bound and bound[0] not in available:
        available.append(bound[0])  # a refused try stays on screen with its reason
    full = request.GET.get("day-du") == "1"
    actions = []
    for action in available:
        form = bound[1] if bound and bound[0] == action else _blank_form(action, petition, full)
        url = reverse("petitions:action", kwargs={"code": commune.code, "pk": petition.pk, "action": action})
        actions.append(
            {
                "slug": action,
                "label": ACTIONS[action][2],
                "form": form,
                "open": bool(bound and bound[0] == action),
                "url": url + ("?day-du=1" if full and action == "phan-loai" else ""),
                "simple": bool(getattr(form, "simple", False)),
            }
        )
    secret_ok = may_see_content(request.user, petition)
    denunciation = is_denunciation(petition)
    handler = bool(roles & services.HANDLERS)
    duplicates = []
    if handler and secret_ok:
        duplicates = possible_duplicates(petition, viewer=request.user, include_denunciations=True)
    if identity_form is None:
        initial = {} if denunciation else {"purpose": "Liên hệ người gửi để xử lý đơn"}
        identity_form = PurposeForm(initial=initial)
    dues = [
        ("Hạn xử lý đơn (phân loại, chuyển, hướng dẫn hoặc thụ lý)", petition.process_due),
        ("Hạn thụ lý", petition.accept_due),
        ("Hạn thông báo thụ lý", petition.notify_due),
        ("Hạn giải quyết", petition.resolve_due),
    ]
    return render(
        request,
        "petitions/detail.html",
        workspace_context(
            request,
            commune,
            p=petition,
            current_badge=due_badge(_due_info(rules.current_due(petition), today, cal)),
            dues=[(label, d) for label, d in dues if d],
            steps=PetitionStep.objects.filter(petition=petition).select_related("by"),
            attachments=list(petition.attachments.all()) if secret_ok else [],
            children=list(petition.children.only("id", "tracking_code", "status", "kind", "parent_id")),
            secret_ok=secret_ok,
            denunciation=denunciation,
            actions=actions,
            identity=identity,
            identity_read=identity_read,
            identity_form=identity_form,
            may_act=bool(roles & services.RECORDERS),
            handler=handler,
            duplicates=duplicates,
            suggestion=_suggestion(petition) if "phan-loai" in available else None,
            hotspots=list(petition.hotspots.exclude(status=HotspotAlert.Status.RESOLVED)),
            **dialogue_context(petition, handler),
        ),
        status=status,
    )


@login_required
def petition_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    return _detail(request, commune, petition)


@login_required
@require_POST
def petition_action(request, code: str, pk: int, action: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    if not _own_roles(request.user, commune) & services.RECORDERS:
        raise PermissionDenied("Vai trò của bạn chỉ được xem đơn thư, không được xử lý đơn.")
    name, _form_class, _label, done = ACTIONS[action]
    form = _bound_form(action, petition, request.POST, full=request.GET.get("day-du") == "1")
    if form is None or form.is_valid():
        try:
            result = _run(name, petition, form, request.user)
        except ServiceError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
            _apply_error(form, exc)
        else:
            if getattr(result, "status", None) == Status.IN_REVIEW:
                done = "Đã trình lãnh đạo duyệt dự thảo trả lời; kết quả công khai sau khi được duyệt."
            messages.success(request, done)
            # A second complaint round is a new case: show it; every other action stays on this one.
            target = result if name == "second_round" else petition
            return redirect("petitions:detail", code=commune.code, pk=target.pk)
    petition = _petition(commune, pk)  # nothing changed; show it as it is
    return _detail(request, commune, petition, bound=(action, form))


@login_required
@require_POST
def petition_identity(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    form = PurposeForm(request.POST)
    if not form.is_valid():
        return _detail(request, commune, petition, identity_form=form)
    try:
        identity = services.identity_for(
            petition=petition, user=request.user, purpose=form.cleaned_data["purpose"]
        )
    except ServiceError as exc:
        _apply_error(form, exc)
        return _detail(request, commune, petition, identity_form=form, status=403)
    return _detail(request, commune, petition, identity=identity, identity_read=True, identity_form=form)


@login_required
def attachment_download(request, code: str, pk: int, attachment_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, petition=petition)
    if not may_see_content(request.user, petition):
        raise PermissionDenied("Tệp của đơn tố cáo chỉ cán bộ được giao xử lý được xem.")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.name, attachment.kind, fallback=f"tep-{attachment.pk}"),
        content_type=attachment.mime or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
