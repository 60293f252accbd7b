"""The messages a petition's sender gets: the code, the new status, the public note and where to follow
the case. Only what the public tracking page shows goes in it (never the content, never anyone's name),
so a message read by someone else on a shared phone gives nothing away.

Fewer, better messages: one on receipt, one when the case is accepted or leaves the commune (forwarded,
guided elsewhere, returned), the invitation to a complaint dialogue, one with the result. Classifying,
verifying, extending, closing and the sender's own rating send nothing."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from danvan.comms.citizen import send_to_citizen
from danvan.comms.models import OutboundMessage
from danvan.comms.visibility import register
from danvan.petitions.entitlement import may_read_identity
from danvan.petitions.models import Petition, PetitionIdentity, PetitionStep
from danvan.petitions.wording import plain_status

Status = Petition.Status
# The actions (services/common.record_event) after which the sender hears from us.
NOTIFIED_ACTIONS = frozenset(
    {
        "submit",
        "second_round",
        "accept",
        Status.FORWARDED,
        Status.GUIDED,
        Status.RETURNED,
        "resolve",
        "dialogue_scheduled",  # the complainant is invited to the dialogue (Luật Khiếu nại 2011, Điều 30(2))
    }
)
SOURCE = "petitions.petition"


def tracking_url(petition: Petition) -> str:
    path = reverse("petitions_public:track", kwargs={"slug": petition.commune.slug})
    return f"{getattr(settings, 'DANVAN_SITE_URL', '')}{path}?ma={petition.tracking_code}"


def status_notice_text(step: PetitionStep) -> str:
    petition = step.petition
    status = plain_status(step.status)  # "Đã nhận đơn", "Đang giải quyết", "Đã có kết quả" (issue 16)
    note = step.public_note.strip()
    lines = [
        f"UBND {petition.commune.in_sentence}: đơn mã {petition.tracking_code} – {status}.",
        *([note] if note else []),
        f"Tra cứu: {tracking_url(petition)}",
    ]
    return "\n".join(lines)


def status_notice_queue(step: PetitionStep, *, action: str, new_case: dict | None = None) -> str:
    """Queue the sender's notice of this step when it is one they hear of; returns the channel ("" for
    none). Call inside the step's transaction: the message is stored with it or not at all. Reading the
    contact here is the system's, not a person's, so it is not an identity read to log.
    `new_case`: the identity the step's petition was just created with (a new case has no earlier
    message to protect, and its contact needs not be read back)."""
    petition = step.petition
    denunciation = Petition.Kind.DENUNCIATION in (petition.kind, petition.kind_hint)
    if denunciation and new_case is None:
        # Classified a denunciation after its receipt notice went out: hide that one's number too.
        OutboundMessage.objects.filter(source=f"{SOURCE}:{petition.pk}", protected=False).update(
            protected=True
        )
    if action not in NOTIFIED_ACTIONS or not petition.notify_citizen:
        return ""
    if new_case is not None:
        contact = {"email": new_case.get("email", ""), "phone": new_case.get("phone", "")}
    else:
        contact = PetitionIdentity.objects.filter(petition=petition).values("email", "phone").first()
    if not contact:
        return ""
    return send_to_citizen(
        email=contact["email"],
        phone=contact["phone"],
        subject=f"Đơn mã {petition.tracking_code}",
        text=status_notice_text(step),
        key=f"petition-step:{step.pk}",
        purpose="petition_status",
        commune=petition.commune,
        source=f"{SOURCE}:{petition.pk}",
        protected=denunciation,
    )


def _handler_sees_contact(user, petition_id: int) -> bool:
    """The message log shows a sender's number in full only to those who may read the sender's identity."""
    petition = Petition.objects.select_related("commune").filter(pk=petition_id).first()
    return petition is not None and may_read_identity(user, petition)


def register_log_visibility() -> None:
    register(SOURCE, _handler_sees_contact)
