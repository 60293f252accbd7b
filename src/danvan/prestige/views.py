"""Pages under /lam-viec/<code>/uy-tin/: the register of people of prestige, religious organisations and
places of worship, one person or organisation with its contacts, a contact's concern recorded as a
petition, and the audited reading of a person's ethnic group and religion.

Every view resolves the commune first (`commune_for`) and looks objects up inside it; the services decide
who may write."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.geo.selectors import villages_of
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context
from danvan.prestige import selectors, services
from danvan.prestige.forms import ContactForm, OrganisationForm, PersonForm, PlaceForm, PurposeForm
from danvan.prestige.models import Contact, Organisation, Person

VIEW, WRITE, MANAGE = "prestige.view", "prestige.write", "prestige.manage"


def _pick(items, raw):
    return next((x for x in items if str(x.pk) == str(raw or "")), None)


@login_required
def prestige_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    kind = request.GET.get("loai", "")
    kind = kind if kind in Person.Kind.values else ""
    today = timezone.localdate()
    context = workspace_context(
        request,
        commune,
        kind=kind,
        kinds=Person.Kind.choices,
        people=list(selectors.people(commune, kind=kind)[:300]),
        organisations=list(selectors.organisations(commune)),
        contacts=list(selectors.contacts(commune)[:20]),
        not_visited=selectors.not_visited(commune, today - dt.timedelta(days=365)),
        may_manage=can(request.user, MANAGE, commune),
    )
    return render(request, "prestige/list.html", context)


def _person_choices(commune):
    return {
        "villages": list(villages_of(commune).filter(is_active=True)),
        "organisations": list(Organisation.objects.filter(commune=commune)),
    }


@login_required
def person_new(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    choices = _person_choices(commune)
    sensitive = can(request.user, services.SENSITIVE, commune)
    form = PersonForm(request.POST or None, sensitive=sensitive, **choices)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if sensitive and (d["ethnic_group"] or d["religion"]) and not d["purpose"].strip():
                raise ServiceError("Vui lòng ghi mục đích ghi dân tộc, tôn giáo.", field="purpose")
            person = services.person_save(
                by=request.user,
                commune=commune,
                full_name=d["full_name"],
                kind=d["kind"],
                title=d["title"],
                village=_pick(choices["villages"], d["village"]),
                organisation=_pick(choices["organisations"], d["organisation"]),
                phone=d["phone"],
                recognised_on=d["recognised_on"],
            )
            if sensitive and (d["ethnic_group"] or d["religion"]):
                services.sensitive_save(
                    by=request.user,
                    person=person,
                    ethnic_group=d["ethnic_group"],
                    religion=d["religion"],
                    purpose=d["purpose"],
                )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã thêm {person.full_name} vào danh sách.")
            return redirect("prestige:person", code=commune.code, pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "prestige/person_new.html", workspace_context(request, commune, form=form), status=status
    )


def _contact_post(request, commune, form, **target):
    """Record a contact from a bound ContactForm; True when saved."""
    if not form.is_valid():
        return False
    try:
        services.contact_record(by=request.user, commune=commune, **target, **form.cleaned_data)
    except ServiceError as exc:
        form_error(form, exc)
        return False
    messages.success(request, "Đã ghi lần tiếp xúc.")
    return True


@login_required
def person_detail(request, code: str, pk: int, sensitive=None, purpose_form=None, status: int = 200):
    commune = commune_for(request.user, code, permission=VIEW)
    person = get_object_or_404(
        Person.objects.select_related("village", "organisation"), pk=pk, commune=commune
    )
    form = ContactForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and sensitive is None and purpose_form is None:
        commune_for(request.user, code, permission=WRITE)
        if _contact_post(request, commune, form, person=person):
            return redirect("prestige:person", code=commune.code, pk=person.pk)
        status = 400
    context = workspace_context(
        request,
        commune,
        person=person,
        contacts=list(person.contacts.select_related("petition")),
        form=form if not (sensitive or purpose_form) else ContactForm(initial={"on": timezone.localdate()}),
        purpose_form=purpose_form or PurposeForm(),
        sensitive=sensitive,
        may_write=can(request.user, WRITE, commune),
        may_manage=can(request.user, MANAGE, commune),
        may_see_sensitive=can(request.user, services.SENSITIVE, commune),
    )
    return render(request, "prestige/person.html", context, status=status)


@login_required
@require_POST
def person_sensitive(request, code: str, pk: int):
    """Show the ethnic group and religion once, on this response only, after an audited read."""
    commune = commune_for(request.user, code, permission=VIEW)
    person = get_object_or_404(Person, pk=pk, commune=commune)
    form = PurposeForm(request.POST)
    if not form.is_valid():
        return person_detail(request, code, pk, purpose_form=form, status=400)
    try:
        details = services.sensitive_for(
            person=person, user=request.user, purpose=form.cleaned_data["purpose"]
        )
    except ServiceError as exc:
        if exc.code == "forbidden":
            messages.error(request, exc.message)
            return redirect("prestige:person", code=commune.code, pk=person.pk)
        form_error(form, exc)
        return person_detail(request, code, pk, purpose_form=form, status=400)
    return person_detail(request, code, pk, sensitive={"details": details})


@login_required
def organisation_new(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_save(by=request.user, commune=commune, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm tổ chức tôn giáo.")
            return redirect("prestige:organisation", code=commune.code, pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "prestige/organisation_new.html",
        workspace_context(request, commune, form=form),
        status=status,
    )


@login_required
def organisation_detail(request, code: str, pk: int, place_form=None, status: int = 200):
    commune = commune_for(request.user, code, permission=VIEW)
    organisation = get_object_or_404(Organisation, pk=pk, commune=commune)
    villages = list(villages_of(commune).filter(is_active=True))
    form = ContactForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and place_form is None:
        commune_for(request.user, code, permission=WRITE)
        if _contact_post(request, commune, form, organisation=organisation):
            return redirect("prestige:organisation", code=commune.code, pk=organisation.pk)
        status = 400
    context = workspace_context(
        request,
        commune,
        organisation=organisation,
        people=list(organisation.people.filter(is_active=True)),
        places=list(organisation.places.select_related("village")),
        contacts=list(organisation.contacts.select_related("person", "petition")),
        form=form if place_form is None else ContactForm(initial={"on": timezone.localdate()}),
        place_form=place_form or PlaceForm(villages=villages),
        may_write=can(request.user, WRITE, commune),
        may_manage=can(request.user, MANAGE, commune),
    )
    return render(request, "prestige/organisation.html", context, status=status)


@login_required
@require_POST
def place_new(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    organisation = get_object_or_404(Organisation, pk=pk, commune=commune)
    villages = list(villages_of(commune).filter(is_active=True))
    form = PlaceForm(request.POST, villages=villages)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.place_save(
                by=request.user,
                commune=commune,
                name=d["name"],
                kind=d["kind"],
                organisation=organisation,
                village=_pick(villages, d["village"]),
                address=d["address"],
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm cơ sở tôn giáo, tín ngưỡng.")
            return redirect("prestige:organisation", code=commune.code, pk=organisation.pk)
    return organisation_detail(request, code, pk, place_form=form, status=400)


@login_required
@require_POST
def contact_to_petition(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=WRITE)
    contact = get_object_or_404(Contact, pk=pk, commune=commune)
    back = (
        redirect("prestige:person", code=commune.code, pk=contact.person_id)
        if contact.person_id
        else redirect("prestige:organisation", code=commune.code, pk=contact.organisation_id)
    )
    try:
        petition = services.contact_to_petition(by=request.user, contact=contact)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return back
    messages.success(request, f"Đã ghi nhận thành đơn mã {petition.tracking_code}.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)
