"""A petition's official letters: which ones the case may issue now, the form of one, issuing it (the
number comes from the commune's register of outgoing documents) and the letters already issued.

Every view resolves the commune first (`commune_for`) and the petition inside it; a denunciation's
letters are shown only to those who may see its content (403 otherwise). The service decides who may
issue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.petitions.letter_forms import LetterForm
from danvan.petitions.letters import LETTERS, letters_for
from danvan.petitions.models import Petition
from danvan.petitions.services.letters import (
    letter_issue,
    may_issue_letters,
    may_see_letters,
    petition_letters,
)


def _petition(request, code: str, pk: int) -> tuple:
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = get_object_or_404(Petition.objects.select_related("commune"), pk=pk, commune=commune)
    if not may_see_letters(request.user, petition):
        raise PermissionDenied("Bạn không được xem văn bản của đơn tố cáo này.")
    return commune, petition


@login_required
def letter_list(request, code: str, pk: int):
    commune, petition = _petition(request, code, pk)
    context = workspace_context(
        request,
        commune,
        petition=petition,
        available=letters_for(petition),
        issued=list(petition_letters(petition)),
        may_issue=may_issue_letters(request.user, petition),
    )
    return render(request, "petitions/letters.html", context)


@login_required
def letter_new(request, code: str, pk: int, key: str):
    commune, petition = _petition(request, code, pk)
    letter = LETTERS.get(key)
    if letter is None:
        raise Http404("Không có mẫu văn bản này.")
    form = LetterForm(letter, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = letter_issue(
                petition=petition,
                key=key,
                by=request.user,
                issued_on=data["issued_on"],
                signer_name=data["signer_name"],
                deputy=data["deputy"],
                **form.inputs(),
            )
        except ServiceError as exc:
            if exc.code in ("forbidden", "kind", "status"):
                messages.error(request, exc.message)
                return redirect("petitions:letters", code=commune.code, pk=petition.pk)
            form_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã cấp số {document.number_symbol} trong sổ văn bản đi. Tải văn bản để trình ký, đóng dấu.",
            )
            return redirect("petitions:letters", code=commune.code, pk=petition.pk)
    context = workspace_context(request, commune, petition=petition, letter=letter, form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/letter_new.html", context, status=status)
