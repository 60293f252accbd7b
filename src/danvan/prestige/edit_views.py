"""Correcting the register: a person of prestige (/uy-tin/nguoi/<pk>/sua/), a religious organisation
(/uy-tin/to-chuc/<pk>/sua/) and a contact (/uy-tin/tiep-xuc/<pk>/sua/), through the same services that
wrote them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.prestige import services
from danvan.prestige.forms import ContactForm, OrganisationForm, PersonEditForm
from danvan.prestige.models import Contact, Organisation, Person
from danvan.prestige.views import MANAGE, VIEW, WRITE, _person_choices, _pick


@login_required
def person_edit(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    person = get_object_or_404(Person, pk=pk, commune=commune)
    choices = _person_choices(commune)
    initial = {
        "full_name": person.full_name,
        "kind": person.kind,
        "title": person.title,
        "village": person.village_id or "",
        "organisation": person.organisation_id or "",
        "phone": person.phone,
        "recognised_on": person.recognised_on,
        "is_active": person.is_active,
    }
    form = PersonEditForm(request.POST or None, initial=initial, **choices)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.person_save(
                by=request.user,
                commune=commune,
                person=person,
                full_name=d["full_name"],
                kind=d["kind"],
                title=d["title"],
                village=_pick(choices["villages"], d["village"]),
                organisation=_pick(choices["organisations"], d["organisation"]),
                phone=d["phone"],
                recognised_on=d["recognised_on"],
                is_active=d["is_active"],
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thông tin.")
            return redirect("prestige:person", code=commune.code, pk=person.pk)
    context = workspace_context(request, commune, form=form, person=person)
    status = 400 if request.method == "POST" else 200
    return render(request, "prestige/person_edit.html", context, status=status)


@login_required
def organisation_edit(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    organisation = get_object_or_404(Organisation, pk=pk, commune=commune)
    fields = ("name", "religion", "status", "followers", "note")
    form = OrganisationForm(request.POST or None, initial={f: getattr(organisation, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_save(
                by=request.user, commune=commune, organisation=organisation, **form.cleaned_data
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thông tin tổ chức.")
            return redirect("prestige:organisation", code=commune.code, pk=organisation.pk)
    context = workspace_context(request, commune, form=form, organisation=organisation)
    status = 400 if request.method == "POST" else 200
    return render(request, "prestige/organisation_edit.html", context, status=status)


@login_required
def contact_edit(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    contact = get_object_or_404(
        Contact.objects.select_related("person", "organisation"), pk=pk, commune=commune
    )
    fields = ("kind", "on", "occasion", "officials", "raised", "answer")
    form = ContactForm(request.POST or None, initial={f: getattr(contact, f) for f in fields})
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=WRITE)
        if form.is_valid():
            try:
                services.contact_update(by=request.user, contact=contact, **form.cleaned_data)
            except ServiceError as exc:
                if exc.code == "forbidden":
                    raise PermissionDenied(exc.message) from exc
                form_error(form, exc)
            else:
                messages.success(request, "Đã sửa lần tiếp xúc.")
                if contact.person_id:
                    return redirect("prestige:person", code=commune.code, pk=contact.person_id)
                return redirect("prestige:organisation", code=commune.code, pk=contact.organisation_id)
    context = workspace_context(request, commune, form=form, contact=contact)
    status = 400 if request.method == "POST" else 200
    return render(request, "prestige/contact_edit.html", context, status=status)
