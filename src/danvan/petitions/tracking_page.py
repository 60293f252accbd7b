"""The public tracking page's reads in one place, in as few queries as the case allows (2 for most cases:
the petition with its unit and field, and its steps; its files and parts only when it has some).

Its case dict is built by `selectors.public_view`, the same as `selectors.public_status`'s, and its
extras are what `views.resident.track_extras` shows (a test compares them on every kind of case):
nothing personal, a denunciation's text never.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from danvan.petitions import selectors
from danvan.petitions.models import Attachment, Petition, PetitionStep
from danvan.petitions.services import resident
from danvan.petitions.tracking import normalize_tracking_code

Kind = Petition.Kind
Status = Petition.Status
FINISHED = (Status.RESOLVED, Status.CLOSED)
IMAGE_KINDS = ("jpg", "png", "webp")  # the kinds `check_upload` gives photos, shown as pictures

_FIELDS = (
    "id",
    "tracking_code",
    "kind",
    "kind_hint",
    "status",
    "received_on",
    "process_due",
    "accept_due",
    "resolve_due",
    "extensions",
    "answer",
    "answered_on",
    "answer_published",
    "duplicate_of_id",
    "publish_consent",
    "content",
    "rating",
    "rated_at",
    "rating_reason",
    "review_requested_at",
    "unit__name",
    "field__name",
)


def tracking_case(commune, code: str) -> Petition | None:
    """The commune's petition with this code, with all the tracking page shows of it (one query)."""
    normalized = normalize_tracking_code(code)
    if normalized is None:
        return None
    return (
        Petition.objects.filter(commune=commune, tracking_code=normalized)
        .select_related("unit", "field")
        .only(*_FIELDS)
        .annotate(
            has_files=Exists(Attachment.objects.filter(petition=OuterRef("pk"))),
            has_parts=Exists(Petition.objects.filter(parent=OuterRef("pk"))),
        )
        .first()
    )


def tracking_info(p: Petition) -> dict:
    """What anyone holding the code sees: `selectors.public_view` of the row already read, with its steps
    and, only when it has some, its parts."""
    steps = PetitionStep.objects.filter(petition_id=p.pk).only(
        "id", "petition_id", "at", "status", "public_note"
    )
    parts = (
        Petition.objects.filter(parent_id=p.pk)
        .only("id", "parent_id", "tracking_code", "status", "kind")
        .order_by("id")
        if p.has_parts
        else ()
    )
    return selectors.public_view(p, steps=steps, parts=parts)


def tracking_extras(p: Petition) -> dict:
    """What the sender sent, their rating, whether they may still ask to look again (the same as
    `views.resident.track_extras`, from the row already read)."""
    # A denunciation's text can point at the denouncer and its code may have been shared: it is shown
    # only in "đơn của tôi", after the one-time code. Photos only where the sender agreed to publish.
    denunciation = Kind.DENUNCIATION in (p.kind, p.kind_hint)
    files = (
        list(Attachment.objects.filter(petition_id=p.pk).only("id", "name", "kind", "size").order_by("id"))
        if p.has_files
        else []
    )
    photos_shown = p.publish_consent and not denunciation
    may_review = (
        p.status in FINISHED
        and p.rating is not None
        and p.rating <= resident.UNHAPPY
        and p.review_requested_at is None
    )
    return {
        "sent": {
            "content": None if denunciation else p.content,
            "files": files,
            "image_kinds": IMAGE_KINDS if photos_shown else (),
        },
        "rated": {"rating": p.rating, "at": p.rated_at, "reason": p.rating_reason} if p.rating else None,
        "review_requested_at": p.review_requested_at,
        "may_review": may_review,
    }
