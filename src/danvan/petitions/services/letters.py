"""Issuing a petition's letter: the content from `petitions.letters`, numbered in the commune's register
of outgoing documents (`outgoing.services.document_issue`, audited there) in one transaction.

Who may issue: the commune's petition handlers (leader, coordinator, unit officer); a denunciation's
letters only those who may see its content. The sender's name is never stored in the document."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.core.errors import ServiceError
from danvan.org.access import memberships_in
from danvan.outgoing.models import OutgoingDocument
from danvan.outgoing.services import document_issue
from danvan.petitions.letters import INPUTS, LETTERS, SENDER, SENDER_NAME, signature_lines
from danvan.petitions.models import Petition
from danvan.petitions.services.common import HANDLERS, Kind

SOURCE = "petitions.letter"
MAX_INPUT = 4000


def may_see_letters(user, petition: Petition) -> bool:
    """A denunciation's content (and so its letters) only for the leaders, the coordinator and the
    officers of the unit handling it; other kinds for every staff member of the commune."""
    from danvan.petitions.permissions import may_see_content

    return may_see_content(user, petition)


def may_issue_letters(user, petition: Petition) -> bool:
    mine = memberships_in(user, petition.commune)
    return any(m.role in HANDLERS for m in mine) and may_see_letters(user, petition)


def petition_letters(petition: Petition):
    """The letters already issued for this case, newest first."""
    return OutgoingDocument.objects.filter(source=SOURCE, source_id=petition.pk).order_by("-issued_on", "-pk")


def letter_issue(
    *,
    petition: Petition,
    key: str,
    by,
    issued_on: dt.date,
    signer_name: str,
    deputy: bool = False,
    **inputs: str,
) -> OutgoingDocument:
    letter = LETTERS.get(key)
    if letter is None:
        raise ServiceError("Không có mẫu văn bản này.", code="unknown_letter")
    if not may_issue_letters(by, petition):
        raise ServiceError(
            "Chỉ lãnh đạo, công chức đầu mối và cán bộ được giao xử lý đơn mới ban hành văn bản về đơn này.",
            code="forbidden",
        )
    if petition.kind not in letter.kinds:
        raise ServiceError(
            f"{letter.name} không dùng cho đơn {petition.get_kind_display().lower()}.", code="kind"
        )
    if petition.status not in letter.statuses:
        raise ServiceError(
            f"Đơn đang ở trạng thái “{petition.get_status_display()}”: chưa thể ban hành "
            f"{letter.name.lower()}.",
            code="status",
        )
    values: dict[str, str] = {}
    for name in (*letter.required, *letter.optional):
        text = (inputs.get(name) or "").strip()
        if len(text) > MAX_INPUT:
            raise ServiceError(
                f"{letter.label(name)} dài quá {MAX_INPUT} ký tự.", code="too_long", field=name
            )
        if SENDER in text or SENDER_NAME in text:
            raise ServiceError(f"{letter.label(name)} có ký hiệu không hợp lệ.", code="invalid", field=name)
        if name in letter.required and not text:
            raise ServiceError(f"Chưa ghi {letter.label(name).lower()}.", code="required", field=name)
        values[name] = text
    unknown = set(inputs) - set(INPUTS)
    if unknown:
        raise ServiceError("Có trường không thuộc mẫu văn bản.", code="invalid")
    if petition.kind == Kind.DENUNCIATION and key == "ket-qua-phan-anh-kien-nghi":
        raise ServiceError("Không dùng mẫu này cho đơn tố cáo.", code="kind")
    subtitle, paragraphs, recipients = letter.build(petition, values)
    content = {
        "title": letter.title,
        "subtitle": subtitle,
        "paragraphs": [p for p in paragraphs if p],
        "recipients": recipients,
        "signature_lines": signature_lines(letter, deputy),
        "signer_name": (signer_name or "").strip(),
    }
    summary = f"{letter.name} (đơn mã {petition.tracking_code})"
    with transaction.atomic():
        return document_issue(
            commune=petition.commune,
            by=by,
            symbol=letter.symbol,
            type_name=letter.type_name,
            summary=summary,
            issued_on=issued_on,
            content=content,
            form=letter.form,
            source=SOURCE,
            source_id=petition.pk,
            letter=letter.key,
        )


def _sender_for(user, petition: Petition) -> tuple[str, str]:
    from danvan.petitions.services.identity import identity_for, may_read_identity

    word = "người tố cáo" if petition.kind == Kind.DENUNCIATION else "người gửi đơn"
    fallback = f"{word} theo đơn mã {petition.tracking_code}"
    if not may_read_identity(user, petition):
        return fallback, fallback
    try:
        found = identity_for(petition=petition, user=user, purpose="lập văn bản gửi người gửi đơn")
    except ServiceError:
        return fallback, fallback
    if found is None or not found.full_name:
        return fallback, fallback
    name = f"Ông/Bà {found.full_name}"
    return name + (f", địa chỉ: {found.address}" if found.address else ""), name


def _petition_of(document: OutgoingDocument) -> Petition | None:
    return Petition.objects.select_related("commune").filter(pk=document.source_id).first()


def _may_open(user, document: OutgoingDocument) -> bool:
    petition = _petition_of(document)
    return petition is not None and may_see_letters(user, petition)


def _fill(user, document: OutgoingDocument) -> dict[str, str]:
    petition = _petition_of(document)
    full, name = _sender_for(user, petition) if petition else ("người gửi đơn", "người gửi đơn")
    return {SENDER: full, SENDER_NAME: name}


def register_letters_source() -> None:
    """Called from `PetitionsConfig.ready()`: the register asks this app who may open its letters and
    fills the sender's name per reader."""
    from danvan.outgoing import sources

    sources.register(SOURCE, may_open=_may_open, fill=_fill)
