"""Classification (phân loại đơn) and splitting a đơn with several contents (tách đơn)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from danvan.comms.services import notify
from danvan.core.errors import ServiceError
from danvan.legaltime.calendar import current_calendar
from danvan.org.models import Unit
from danvan.petitions import rules
from danvan.petitions.models import (
    Attachment,
    Field,
    Petition,
    PetitionIdentity,
)
from danvan.petitions.services.common import (
    HANDLERS,
    IDENTITY_FIELDS,
    MAX_CONTENT_CHARS,
    REAL_KINDS,
    Kind,
    Status,
    clean_day,
    clean_text,
    create_with_code,
    identifies_sender,
    move_status,
    record_event,
    require_role,
    unit_officers,
)
from danvan.petitions.services.hotspots import hotspot_check
from danvan.petitions.suggestions import record_outcome, schedule_training

# --- classification ----------------------------------------------------------------------------------


def petition_classify(
    *,
    petition: Petition,
    kind: str,
    complaint_round: int | None = None,
    eligible: bool,
    ineligible_reason: str = "",
    field: Field | None = None,
    unit: Unit | None = None,
    complexity: str = Petition.Complexity.NORMAL,
    several_places: bool = False,
    decision_known_on: date | None = None,
    by,
) -> Petition:
    """Phân loại đơn by its content (TT 05/2021/TT-TTCP, Điều 6), decide whether it can be handled,
    give it a field and a unit, and set the processing and acceptance deadlines."""
    commune = petition.commune
    require_role(by, commune, HANDLERS, "phân loại đơn")
    clean_day(
        decision_known_on,
        field="decision_known_on",
        label="ngày biết quyết định",
        not_after=petition.received_on,
    )
    if kind not in REAL_KINDS:
        raise ServiceError("Vui lòng chọn loại đơn.", field="kind")
    if kind != Kind.COMPLAINT and complaint_round is not None:
        raise ServiceError("Chỉ đơn khiếu nại mới có “lần khiếu nại”.", field="complaint_round")
    if complaint_round is not None and complaint_round not in (1, 2):
        raise ServiceError("Lần khiếu nại chỉ là lần đầu hoặc lần hai.", field="complaint_round")
    if complexity not in Petition.Complexity.values:
        raise ServiceError("Mức độ phức tạp không hợp lệ.", field="complexity")
    reason = clean_text(
        ineligible_reason, field="ineligible_reason", label="lý do", required=False, max_chars=2000
    )
    if eligible is False and not reason:
        raise ServiceError("Vui lòng ghi lý do đơn không đủ điều kiện xử lý.", field="ineligible_reason")
    if unit is not None and unit.commune_id != commune.pk:
        raise ServiceError("Đơn vị không thuộc xã này.", field="unit")
    if field is not None and (field.commune_id not in (None, commune.pk) or not field.is_active):
        raise ServiceError("Lĩnh vực không hợp lệ.", field="field")
    if kind == Kind.DENUNCIATION:
        person = PetitionIdentity.objects.filter(petition=petition).values(*IDENTITY_FIELDS).first() or {}
        if not identifies_sender(person):
            raise ServiceError(
                "Đơn không ghi rõ họ tên, địa chỉ người tố cáo thì không xử lý như đơn tố cáo "
                "(Luật Tố cáo 2018, Điều 25). Nếu đơn nêu rõ người vi phạm và có chứng cứ cụ thể, "
                "hãy phân loại là phản ánh để cơ quan kiểm tra theo thẩm quyền.",
                code="anonymous_denunciation",
                field="kind",
            )
    cal = current_calendar()

    def prepare(locked: Petition) -> dict[str, Any]:
        round_ = (complaint_round or locked.complaint_round or 1) if kind == Kind.COMPLAINT else None
        return {
            "kind": kind,
            "complaint_round": round_,
            "process_due": rules.process_due(
                locked.received_on, cal, kind=kind, several_places=several_places
            ),
            "accept_due": rules.accept_due(locked.received_on, cal, kind=kind, several_places=several_places),
            "decision_known_on": decision_known_on or locked.decision_known_on,
        }

    with transaction.atomic():
        moved = move_status(
            petition,
            Status.CLASSIFIED,
            by,
            action="classify",
            prepare=prepare,
            note=f"Đơn đã được phân loại: {Kind(kind).label.lower()}.",
            eligible=eligible,
            ineligible_reason=reason,
            field=field,
            unit=unit,
            complexity=complexity,
            checks_in_several_places=several_places,
        )
        if unit is not None:
            notify(
                users=unit_officers(unit),
                text=f"Đơn {moved.tracking_code} ({Kind(kind).label.lower()}) được giao cho {unit.name}.",
                key=f"petition:{moved.pk}:unit:{unit.pk}",
                url=f"/lam-viec/{commune.code}/don-thu/{moved.pk}/",
                commune=commune,
            )
        record_outcome(moved)
        hotspot_check(moved)
        schedule_training(commune)
    return moved


def petition_split(*, petition: Petition, parts: list[dict], by) -> list[Petition]:
    """Tách đơn: a đơn with several contents becomes one petition per content, each with its own
    tracking code, the same receipt date (the deadlines still run from it) and the same sender."""
    require_role(by, petition.commune, HANDLERS, "tách đơn")
    if len(parts) < 2:
        raise ServiceError("Tách đơn cần ít nhất hai nội dung.", field="parts")
    cleaned = []
    for part in parts:
        text = clean_text(part.get("content"), field="parts", label="nội dung", max_chars=MAX_CONTENT_CHARS)
        kind = part.get("kind") or Kind.UNCLASSIFIED
        if kind not in Kind.values:
            raise ServiceError("Loại đơn không hợp lệ.", field="parts")
        cleaned.append((text, kind))
    cal = current_calendar()
    children: list[Petition] = []

    def prepare(parent: Petition) -> dict[str, Any]:
        person = PetitionIdentity.objects.filter(petition=parent).values(*IDENTITY_FIELDS).first()
        files = list(Attachment.objects.filter(petition=parent))
        for text, kind in cleaned:
            child = create_with_code(
                commune=parent.commune,
                channel=parent.channel,
                received_on=parent.received_on,
                kind_hint=kind,
                content=text,
                village=parent.village,
                address=parent.address,
                latitude=parent.latitude,
                longitude=parent.longitude,
                signers_count=parent.signers_count,
                publish_consent=parent.publish_consent,
                decision_known_on=parent.decision_known_on,
                process_due=rules.process_due(parent.received_on, cal, kind=kind),
                recorded_by=parent.recorded_by,
                parent=parent,
            )
            if person:
                PetitionIdentity.objects.create(petition=child, **person)
            for f in files:
                Attachment.objects.create(
                    petition=child,
                    file=f.file.name,
                    name=f.name,
                    kind=f.kind,
                    mime=f.mime,
                    size=f.size,
                    sha256=f.sha256,
                )
            record_event(
                child,
                by=by,
                action="split_part",
                before=None,
                note="Đơn được tách từ một đơn có nhiều nội dung.",
            )
            children.append(child)
        return {}

    move_status(petition, Status.SPLIT, by, action="split", prepare=prepare, extra={"parts": len(cleaned)})
    return children
