"""Intake: a petition submitted on the portal or recorded by staff (tiếp nhận, ghi nhận đơn), and a
complaint's second round."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.core.images import photo_place, without_metadata
from danvan.geo.models import Commune, Village
from danvan.law.registry import rule
from danvan.legaltime.calendar import current_calendar
from danvan.petitions import rules
from danvan.petitions.models import (
    Attachment,
    Petition,
    PetitionIdentity,
)
from danvan.petitions.services.common import (
    IDENTITY_FIELDS,
    IDENTITY_REQUIRED,
    MAX_ATTACHMENTS,
    MAX_CONTENT_CHARS,
    MAX_SIGNERS,
    RECORDERS,
    STAFF_CHANNELS,
    Kind,
    Status,
    clean_coordinate,
    clean_day,
    clean_identity,
    clean_text,
    create_with_code,
    identifies_sender,
    lock_petition,
    move_status,
    record_event,
    require_role,
    user_or_none,
)
from danvan.petitions.services.hotspots import hotspot_check
from danvan.petitions.suggestions import suggestion_schedule
from danvan.petitions.tracking import new_tracking_code

# --- intake --------------------------------------------------------------------------------------------

CODE_TRIES = 5  # fresh tracking codes tried before giving up (a clash is ~1 in 10^14 per petition)


def petition_submit(
    *,
    commune: Commune,
    content: str,
    kind_hint: str | None = None,
    village: Village | None = None,
    address: str = "",
    lat=None,
    lng=None,
    identity: dict | None = None,
    attachments: Iterable = (),
    client_token: str | None = None,
    publish_consent: bool = False,
    signers_count: int = 1,
    channel: str = Petition.Channel.PORTAL,
    received_on: date | None = None,
    decision_known_on: date | None = None,
    by=None,
    place_from_photo: bool = False,
) -> Petition:
    """Receive a petition (tiếp nhận đơn). Idempotent on (commune, client_token): a retry after a
    network failure returns the petition the first call created and writes nothing (the database's
    unique constraint decides, so two racing retries make one petition; a caller holding files looks
    the token up first to spare their checks, as the portal and Open311 do). Photos are stored
    without their metadata; with `place_from_photo` and no coordinates given, the first photo's GPS
    becomes the petition's place.

    What the sender does not wait for is done after commit by the worker: the field, unit and kind
    suggestion (`suggestions.suggestion_schedule`). The public step, the audit record, the receipt
    notice in the outbox and a mass petition's hotspot alert are written here, with the petition."""
    token = (client_token or "").strip() or None
    if token is not None and len(token) > 64:
        raise ServiceError("Mã gửi đơn không hợp lệ.", field="client_token")
    if not commune.is_active:
        raise ServiceError("Xã/phường này chưa sử dụng hệ thống.", code="commune_inactive")
    text = clean_text(content, field="content", label="nội dung đơn", max_chars=MAX_CONTENT_CHARS)
    hint = kind_hint or Kind.UNCLASSIFIED
    if hint not in Kind.values:
        raise ServiceError("Loại đơn không hợp lệ.", field="kind_hint")
    if channel not in Petition.Channel.values:
        raise ServiceError("Kênh tiếp nhận không hợp lệ.", field="channel")
    person = clean_identity(identity)
    if hint in (Kind.COMPLAINT, Kind.DENUNCIATION) and not identifies_sender(person):
        raise ServiceError(IDENTITY_REQUIRED, code="identity_required", field="identity")
    if village is not None and village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    try:
        signers = int(signers_count)
    except (TypeError, ValueError, OverflowError):
        signers = 0
    if signers < 1:
        raise ServiceError("Số người đứng đơn phải từ 1 trở lên.", field="signers_count")
    if signers > MAX_SIGNERS:
        raise ServiceError(
            f"Số người đứng đơn không được quá {MAX_SIGNERS:,}.".replace(",", "."), field="signers_count"
        )
    today = timezone.localdate()
    received = received_on or today
    if received > today:
        raise ServiceError("Ngày nhận đơn không được sau ngày hôm nay.", field="received_on")
    clean_day(received, field="received_on", label="ngày nhận đơn")
    clean_day(decision_known_on, field="decision_known_on", label="ngày biết quyết định", not_after=received)
    place = clean_text(address, field="address", label="địa điểm", required=False, max_chars=300)
    latitude = clean_coordinate(lat, limit=90, field="lat")
    longitude = clean_coordinate(lng, limit=180, field="lng")
    files = list(attachments or [])
    if len(files) > MAX_ATTACHMENTS:
        raise ServiceError(f"Chỉ gửi kèm tối đa {MAX_ATTACHMENTS} tệp.", field="attachment")
    # Every file is checked before anything is stored: a bad file refuses the whole submission.
    raw = [(upload, check_upload(upload)) for upload in files]
    if place_from_photo and latitude is None:
        place = next(filter(None, (photo_place(upload, info.kind) for upload, info in raw)), None)
        if place is not None:
            latitude, longitude = place.lat, place.lng
    checked = [without_metadata(upload, info) for upload, info in raw]  # no EXIF is ever stored

    cal = current_calendar()
    fields = {
        "commune": commune,
        "client_token": token,
        "channel": channel,
        "received_on": received,
        "kind_hint": hint,
        "content": text,
        "village": village,
        "address": place,
        "latitude": latitude,
        "longitude": longitude,
        "signers_count": signers,
        "publish_consent": bool(publish_consent),
        "notify_citizen": bool(person and (person.get("email") or person.get("phone"))),
        "decision_known_on": decision_known_on,
        "process_due": rules.process_due(received, cal, kind=hint),
        "recorded_by": user_or_none(by),
    }
    for _ in range(CODE_TRIES):
        code = new_tracking_code()
        try:
            # One transaction and no savepoint of its own when called outside one (the portal): a
            # clash is rare enough to redo the whole block rather than pay two more round trips each time.
            with transaction.atomic():
                petition = Petition.objects.create(tracking_code=code, **fields)
                _receive(petition, person=person, checked=checked, by=by, channel=channel, signers=signers)
        except IntegrityError:
            if token is not None:
                existing = Petition.objects.filter(commune=commune, client_token=token).first()
                if existing is not None:
                    return existing  # a retry (or two racing): the first one's petition
            if not Petition.objects.filter(tracking_code=code).exists():
                raise
            continue  # the astronomically rare clash of a fresh tracking code: again with another
        return petition
    raise ServiceError("Không tạo được mã tra cứu. Vui lòng thử lại.", code="tracking_code")


def _receive(petition: Petition, *, person: dict, checked: list, by, channel: str, signers: int) -> None:
    """The new petition's sender, files, public step, audit record and what follows (in its transaction)."""
    if person:
        PetitionIdentity.objects.create(petition=petition, **person)
    for upload, info in checked:
        Attachment.objects.create(
            petition=petition,
            file=upload,
            name=(getattr(upload, "name", "") or "")[:255],
            kind=info.kind,
            mime=info.mime,
            size=info.size,
            sha256=info.sha256,
        )
    record_event(
        petition,
        by=by,
        action="submit",
        before=None,
        note=f"Đơn đã được tiếp nhận qua kênh: {Petition.Channel(channel).label.lower()}.",
        extra={
            "channel": channel,
            "kind_hint": petition.kind_hint,
            "signers_count": signers,
            "attachments": len(checked),
            "has_identity": bool(person),
        },
        new_case=person,
    )
    # A mass petition (đông người) raises its alert now: leaders hear of it at once. Costs no query
    # otherwise (a new petition has no field yet, so no cluster to count).
    hotspot_check(petition)
    suggestion_schedule(petition)


def petition_record(
    *, by, commune: Commune, channel: str, received_on: date, content: str, **kwargs
) -> Petition:
    """A staff member records a petition brought in person, by phone, by post, at a reception day or
    by e-mail (ghi nhận đơn)."""
    require_role(by, commune, RECORDERS, "ghi nhận đơn")
    if channel not in STAFF_CHANNELS:
        raise ServiceError("Kênh tiếp nhận không hợp lệ cho đơn do cán bộ ghi nhận.", field="channel")
    return petition_submit(
        commune=commune, content=content, channel=channel, received_on=received_on, by=by, **kwargs
    )


# --- second complaint ---------------------------------------------------------------------------------------


def second_round_authority(commune, on: date) -> str:
    """Who decides a second-round complaint against the commune Chairman: the level above the commune,
    as data (`escalation.above_commune`: the province since 1/7/2025, when districts ended)."""
    target = rule("escalation.above_commune", on=on).value
    if target["level"] == "province":
        return f"Chủ tịch UBND {commune.province.in_sentence}"
    return target["label"]


def second_round_start(first: Petition, *, decision_received_on: date | None) -> date | None:
    """The day the second filing period starts (Luật Khiếu nại 2011, Điều 33(1)): the day the complainant
    RECEIVED the first decision, or, with no decision, the day the first-round deadline expired."""
    if first.answered_on is not None:
        return decision_received_on or first.answered_on
    if first.status in rules.BEING_RESOLVED and first.resolve_due is not None:
        return first.resolve_due
    return None


def complaint_second_round(
    *, petition: Petition, by, on: date | None = None, decision_received_on: date | None = None
) -> Petition:
    """Khiếu nại lần hai: the complainant disagrees with the first decision, or got none in time. Allowed
    within 30 days (45 in remote areas) of receiving the decision or of the first-round deadline's expiry
    (Luật Khiếu nại 2011, Điều 33(1)). The round-2 case is linked to the first by `parent` and forwarded
    to the one who decides it, the level above the commune (the provincial Chairman since 1/7/2025)."""
    require_role(by, petition.commune, RECORDERS, "ghi nhận khiếu nại lần hai")
    today = on or timezone.localdate()
    cal = current_calendar()
    with transaction.atomic():
        first = lock_petition(petition)
        if first.kind != Kind.COMPLAINT or first.complaint_round != 1:
            raise ServiceError(
                "Chỉ khiếu nại lần đầu mới có thể khiếu nại lần hai.", code="not_first_complaint"
            )
        if (
            decision_received_on is not None
            and first.answered_on
            and decision_received_on < first.answered_on
        ):
            raise ServiceError(
                "Ngày nhận quyết định không được trước ngày ban hành quyết định giải quyết lần đầu.",
                field="decision_received_on",
            )
        start = second_round_start(first, decision_received_on=decision_received_on)
        if start is None or (first.answered_on is None and start >= today):
            raise ServiceError(
                "Khiếu nại lần đầu chưa có quyết định giải quyết và chưa hết thời hạn giải quyết.",
                code="not_resolved",
            )
        if Petition.objects.filter(parent=first, complaint_round=2).exists():
            raise ServiceError("Khiếu nại lần hai đối với đơn này đã được ghi nhận.", code="exists")
        last_day = rules.second_complaint_filing_due(start, remote=first.commune.is_remote_area, cal=cal)
        if today > last_day:
            raise ServiceError(
                f"Đã quá thời hạn khiếu nại lần hai (hết ngày {last_day:%d/%m/%Y}; "
                "Luật Khiếu nại 2011, Điều 33).",
                code="second_round_late",
            )
        authority = second_round_authority(first.commune, today)
        second = create_with_code(
            commune=first.commune,
            channel=first.channel,
            received_on=today,
            kind_hint=Kind.COMPLAINT,
            kind=Kind.COMPLAINT,
            status=Status.CLASSIFIED,
            complaint_round=2,
            content=first.content,
            village=first.village,
            address=first.address,
            latitude=first.latitude,
            longitude=first.longitude,
            signers_count=first.signers_count,
            publish_consent=first.publish_consent,
            notify_citizen=first.notify_citizen,
            decision_known_on=start,
            recorded_by=user_or_none(by),
            parent=first,
        )
        person = PetitionIdentity.objects.filter(petition=first).values(*IDENTITY_FIELDS).first()
        if person:
            PetitionIdentity.objects.create(petition=second, **person)
        record_event(
            second, by=by, action="second_round", before=None, note="Đã tiếp nhận khiếu nại lần hai."
        )
        second = move_status(
            second,
            Status.FORWARDED,
            by,
            action="second_round_forward",
            outcome_letter=f"Chuyển đơn khiếu nại lần hai đến {authority}, người có thẩm quyền giải quyết "
            "khiếu nại lần hai đối với quyết định, hành vi hành chính của Chủ tịch UBND xã.",
            note=f"Khiếu nại lần hai do {authority} giải quyết; đơn đã được chuyển đến nơi có thẩm quyền.",
        )
    return second
