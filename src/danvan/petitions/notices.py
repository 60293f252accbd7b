"""The message a petition's sender gets at each step: the code, the new status, the public note and where
to follow the case. Only what the public tracking page shows goes in it (never the content, never
anyone's name), so a message read by someone else on a shared phone gives nothing away."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from danvan.comms.citizen import send_to_citizen
from danvan.petitions.models import Petition, PetitionIdentity, PetitionStep


def tracking_url(petition: Petition) -> str:
    path = reverse("petitions_public:track", kwargs={"slug": petition.commune.slug})
    return f"{getattr(settings, 'DANVAN_SITE_URL', '')}{path}?ma={petition.tracking_code}"


def status_notice_text(step: PetitionStep) -> str:
    petition = step.petition
    status = Petition.Status(step.status).label
    note = step.public_note.strip()
    lines = [
        f"UBND {petition.commune.in_sentence}: đơn mã {petition.tracking_code} – {status}.",
        *([note] if note else []),
        f"Tra cứu: {tracking_url(petition)}",
    ]
    return "\n".join(lines)


def status_notice_send(step_id: int) -> str:
    """Send one step's notice to the contact the sender left; "" when there is none any more.
    Reading the contact here is the system's, not a person's, so it is not an identity read to log."""
    step = PetitionStep.objects.select_related("petition__commune").filter(pk=step_id).first()
    if step is None or not step.petition.notify_citizen:
        return ""
    contact = PetitionIdentity.objects.filter(petition=step.petition).values("email", "phone").first()
    if not contact:
        return ""
    return send_to_citizen(
        email=contact["email"],
        phone=contact["phone"],
        subject=f"Đơn mã {step.petition.tracking_code}",
        text=status_notice_text(step),
    )
