"""Every write of the prestige register: organisations, places of worship, people of prestige, their
sensitive details, contacts, and a concern raised in a contact recorded as a petition. Each in one
transaction with its audit record; a refusal is a Vietnamese `ServiceError` and changes nothing.

`sensitive_for` is the only way to read a person's ethnic group and religion: it checks
`prestige.view_sensitive` and audits every attempt, refused ones too (Nghị định 13/2023/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.comms.phones import normalize_phone
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.access import can
from danvan.prestige.models import Contact, Organisation, Person, Place, SensitiveDetails
from danvan.text.normalize import nfc

SENSITIVE = "prestige.view_sensitive"
_PERSON_FIELDS = ["full_name", "kind", "title", "village", "organisation", "recognised_on", "is_active"]
_ORGANISATION_FIELDS = ["name", "religion", "status", "followers", "note"]
_CONTACT_FIELDS = ["person", "organisation", "kind", "on", "occasion", "officials"]


def _require(by, commune: Commune, permission: str, what: str) -> None:
    if not can(by, permission, commune):
        raise ServiceError(f"Bạn không có quyền {what}.", code="forbidden")


def _text(value, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} tối đa {max_chars} ký tự.", field=field)
    return text


def _in_commune(obj, commune: Commune, field: str, label: str):
    if obj is not None and obj.commune_id != commune.pk:
        raise ServiceError(f"{label} không thuộc xã này.", field=field)
    return obj


def organisation_save(
    *,
    by,
    commune: Commune,
    name: str,
    religion: str,
    status: str,
    followers=None,
    note: str = "",
    organisation: Organisation | None = None,
) -> Organisation:
    """Add an organisation, or correct one (`organisation`): the row is locked so two officers correcting it
    at once save one after the other, each audited with what it was before."""
    _require(by, commune, "prestige.manage", "cập nhật tổ chức tôn giáo")
    _in_commune(organisation, commune, "name", "Tổ chức")
    name = _text(name, field="name", label="tên tổ chức", max_chars=200)
    if religion not in Organisation.Religion.values:
        raise ServiceError("Vui lòng chọn tôn giáo.", field="religion")
    if status not in Organisation.Status.values:
        raise ServiceError("Vui lòng chọn tư cách pháp lý của tổ chức.", field="status")
    if followers is not None and not 0 <= followers <= 1_000_000:
        raise ServiceError("Số tín đồ không hợp lệ.", field="followers")
    note = _text(note, field="note", label="ghi chú", max_chars=2000, required=False)
    with transaction.atomic():
        if organisation is not None:
            organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if (
            Organisation.objects.filter(commune=commune, name=name)
            .exclude(pk=getattr(organisation, "pk", None))
            .exists()
        ):
            raise ServiceError("Xã đã có tổ chức cùng tên.", field="name")
        before = snapshot(organisation, _ORGANISATION_FIELDS) if organisation else None
        organisation = organisation or Organisation(commune=commune)
        organisation.name, organisation.religion, organisation.status = name, religion, status
        organisation.followers, organisation.note = followers, note
        organisation.save()
        audit_record(
            actor=by,
            action="prestige.organisation_saved",
            obj=organisation,
            commune=commune,
            before=before,
            after=snapshot(organisation, _ORGANISATION_FIELDS),
        )
    return organisation


def place_save(
    *, by, commune: Commune, name: str, kind: str, organisation=None, village=None, address: str = ""
) -> Place:
    _require(by, commune, "prestige.manage", "cập nhật cơ sở tôn giáo, tín ngưỡng")
    name = _text(name, field="name", label="tên cơ sở", max_chars=200)
    if kind not in Place.Kind.values:
        raise ServiceError("Vui lòng chọn loại cơ sở.", field="kind")
    _in_commune(organisation, commune, "organisation", "Tổ chức")
    _in_commune(village, commune, "village", "Thôn")
    address = _text(address, field="address", label="địa chỉ", max_chars=300, required=False)
    with transaction.atomic():
        place = Place.objects.create(
            commune=commune, name=name, kind=kind, organisation=organisation, village=village, address=address
        )
        audit_record(
            actor=by,
            action="prestige.place_saved",
            obj=place,
            commune=commune,
            after=snapshot(place, ["name", "kind", "organisation", "village"]),
        )
    return place


def person_save(
    *,
    by,
    commune: Commune,
    full_name: str,
    kind: str,
    title: str = "",
    village=None,
    organisation=None,
    phone: str = "",
    recognised_on: dt.date | None = None,
    is_active: bool = True,
    person: Person | None = None,
) -> Person:
    _require(by, commune, "prestige.manage", "cập nhật danh sách người có uy tín")
    full_name = _text(full_name, field="full_name", label="họ và tên", max_chars=150)
    if kind not in Person.Kind.values:
        raise ServiceError(
            "Vui lòng chọn người này là ai (người có uy tín, già làng, chức sắc…).", field="kind"
        )
    title = _text(title, field="title", label="chức danh, phẩm vị", max_chars=150, required=False)
    _in_commune(village, commune, "village", "Thôn")
    _in_commune(organisation, commune, "organisation", "Tổ chức")
    if kind in (Person.Kind.DIGNITARY, Person.Kind.OFFICIAL) and organisation is None:
        raise ServiceError(
            "Chức sắc, chức việc thuộc một tổ chức tôn giáo: vui lòng chọn tổ chức.", field="organisation"
        )
    phone = (phone or "").strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except ServiceError as exc:
            raise ServiceError(exc.message, field="phone") from None
    if recognised_on and recognised_on > timezone.localdate():
        raise ServiceError("Ngày công nhận không được sau hôm nay.", field="recognised_on")
    with transaction.atomic():
        before = snapshot(person, _PERSON_FIELDS) if person else None
        person = person or Person(commune=commune)
        person.full_name, person.kind, person.title = full_name, kind, title
        person.village, person.organisation, person.phone = village, organisation, phone
        person.recognised_on, person.is_active = recognised_on, bool(is_active)
        person.save()
        audit_record(
            actor=by,
            action="prestige.person_saved",
            obj=person,
            commune=commune,
            before=before,
            after=snapshot(person, _PERSON_FIELDS),
        )
    return person


def sensitive_save(
    *, by, person: Person, ethnic_group: str = "", religion: str = "", purpose: str = ""
) -> None:
    """Record (or clear, with both empty) a person's ethnic group and religion, with the purpose they serve.
    Only those entitled to read them may write them; the audit record names what changed, never the
    values."""
    _require(by, person.commune, SENSITIVE, "ghi thông tin dân tộc, tôn giáo")
    ethnic_group = _text(ethnic_group, field="ethnic_group", label="dân tộc", max_chars=50, required=False)
    religion = _text(religion, field="religion", label="tôn giáo", max_chars=50, required=False)
    with transaction.atomic():
        if not (ethnic_group or religion):
            deleted, _ = SensitiveDetails.objects.filter(person=person).delete()
            audit_record(
                actor=by, action="prestige.sensitive_cleared", obj=person, after={"cleared": bool(deleted)}
            )
            return
        purpose = _text(purpose, field="purpose", label="mục đích ghi thông tin này", max_chars=300)
        SensitiveDetails.objects.update_or_create(
            person=person, defaults={"ethnic_group": ethnic_group, "religion": religion, "purpose": purpose}
        )
        audit_record(
            actor=by,
            action="prestige.sensitive_saved",
            obj=person,
            after={"ethnic_group": bool(ethnic_group), "religion": bool(religion), "purpose": purpose},
        )


def sensitive_for(*, person: Person, user, purpose: str) -> SensitiveDetails | None:
    """A person's ethnic group and religion for those entitled; every attempt is audited with its purpose,
    a refused one too. None when nothing was recorded."""
    why = _text(purpose, field="purpose", label="mục đích xem thông tin", max_chars=300)
    granted = can(user, SENSITIVE, person.commune)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="prestige.sensitive_read" if granted else "prestige.sensitive_refused",
            obj=person,
            commune=person.commune,
            note=why,
        )
    if not granted:
        raise ServiceError(
            "Bạn không được xem dân tộc, tôn giáo của người này: đây là dữ liệu cá nhân nhạy cảm (Nghị định "
            "13/2023/NĐ-CP), chỉ lãnh đạo xã và công chức phụ trách công tác dân tộc, tôn giáo được xem.",
            code="forbidden",
        )
    return SensitiveDetails.objects.filter(person=person).first()


def contact_record(
    *,
    by,
    commune: Commune,
    kind: str,
    on: dt.date | None,
    officials: str,
    person: Person | None = None,
    organisation: Organisation | None = None,
    occasion: str = "",
    raised: str = "",
    answer: str = "",
) -> Contact:
    """Ghi lần tiếp xúc with a person of prestige or a religious organisation."""
    _require(by, commune, "prestige.write", "ghi lần tiếp xúc")
    if person is None and organisation is None:
        raise ServiceError("Chọn người có uy tín hoặc tổ chức tôn giáo đã tiếp xúc.", field="person")
    _in_commune(person, commune, "person", "Người này")
    _in_commune(organisation, commune, "organisation", "Tổ chức")
    officials, occasion, raised, answer = _contact_details(kind, on, officials, occasion, raised, answer)
    with transaction.atomic():
        contact = Contact.objects.create(
            commune=commune,
            person=person,
            organisation=organisation or getattr(person, "organisation", None),
            kind=kind,
            on=on,
            occasion=occasion,
            officials=officials,
            raised=raised,
            answer=answer,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="prestige.contact_recorded",
            obj=contact,
            commune=commune,
            after=snapshot(contact, _CONTACT_FIELDS),
        )
    return contact


def _contact_details(
    kind: str, on: dt.date | None, officials: str, occasion: str, raised: str, answer: str
) -> tuple[str, str, str, str]:
    """The checks a contact's details pass when recorded and when corrected: the kind, a date not after
    today, the officials who took part; the occasion, what was raised and the answer cleaned."""
    if kind not in Contact.Kind.values:
        raise ServiceError("Vui lòng chọn hình thức tiếp xúc.", field="kind")
    if on is None:
        raise ServiceError("Vui lòng nhập ngày tiếp xúc (dd/mm/yyyy).", field="on")
    if on > timezone.localdate():
        raise ServiceError("Ngày tiếp xúc không được sau hôm nay.", field="on")
    return (
        _text(officials, field="officials", label="cán bộ tham gia", max_chars=300),
        _text(occasion, field="occasion", label="dịp", max_chars=200, required=False),
        _text(raised, field="raised", label="nội dung được nêu", max_chars=5000, required=False),
        _text(answer, field="answer", label="ý kiến trả lời", max_chars=5000, required=False),
    )


def contact_update(
    *,
    by,
    contact: Contact,
    kind: str,
    on: dt.date | None,
    officials: str,
    occasion: str = "",
    raised: str = "",
    answer: str = "",
) -> Contact:
    """Correct a contact: who met whom stays; what, when and what was said may be corrected by whoever
    recorded it or by those who keep the register. Once what was raised became a petition, it no longer
    changes (the petition carries it)."""
    commune = contact.commune
    _require(by, commune, "prestige.write", "sửa lần tiếp xúc")
    if contact.created_by_id != getattr(by, "pk", None) and not can(by, "prestige.manage", commune):
        raise ServiceError(
            "Chỉ người đã ghi hoặc người quản lý sổ được sửa lần tiếp xúc này.", code="forbidden"
        )
    officials, occasion, raised, answer = _contact_details(kind, on, officials, occasion, raised, answer)
    fields = [*_CONTACT_FIELDS, "raised", "answer"]
    with transaction.atomic():
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.petition_id and raised != locked.raised:
            raise ServiceError(
                "Ý kiến này đã thành đơn: sửa nội dung trong đơn, không sửa ở đây.", field="raised"
            )
        before = snapshot(locked, fields)
        locked.kind, locked.on, locked.officials = kind, on, officials
        locked.occasion, locked.raised, locked.answer = occasion, raised, answer
        locked.save()
        audit_record(
            actor=by,
            action="prestige.contact_updated",
            obj=locked,
            commune=commune,
            before=before,
            after=snapshot(locked, fields),
        )
    return locked


def contact_to_petition(*, by, contact: Contact):
    """What was raised in a contact, recorded as a petition of the commune (a kiến nghị the officer then
    classifies and forwards), in the name of the person who raised it; linked both ways. Once only."""
    from danvan.petitions.models import Petition
    from danvan.petitions.services import petition_record

    _require(by, contact.commune, "prestige.write", "chuyển nội dung thành đơn")
    if not contact.raised:
        raise ServiceError(
            "Lần tiếp xúc này không ghi nội dung được nêu để chuyển thành đơn.", field="raised"
        )
    with transaction.atomic():
        locked = (
            Contact.objects.select_for_update(of=("self",))
            .select_related("commune", "person__village", "organisation")
            .get(pk=contact.pk)
        )
        if locked.petition_id:
            raise ServiceError("Nội dung này đã được chuyển thành đơn.", code="already_sent")
        who = locked.person.full_name if locked.person else locked.organisation.name
        content = (
            f"{locked.raised}\n\n(Ý kiến của {who}, nêu khi {locked.get_kind_display().lower()} ngày "
            f"{locked.on:%d/%m/%Y}{', ' + locked.occasion if locked.occasion else ''}.)"
        )
        person = locked.person
        petition = petition_record(
            by=by,
            commune=locked.commune,
            channel=Petition.Channel.IN_PERSON,
            received_on=locked.on,
            content=content[:10_000],
            kind_hint=Petition.Kind.RECOMMENDATION,
            village=getattr(person, "village", None),
            identity={"full_name": who[:150], "phone": getattr(person, "phone", "")},
            client_token=f"prestige-contact-{locked.pk}",
        )
        locked.petition = petition
        locked.save(update_fields=["petition"])
        audit_record(
            actor=by,
            action="prestige.contact_to_petition",
            obj=locked,
            commune=locked.commune,
            after={"petition": petition.pk},
        )
    return petition
