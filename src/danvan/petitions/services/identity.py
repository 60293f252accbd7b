"""The sender's identity: who may read it; every read, and every refusal, is logged."""

from __future__ import annotations

from danvan.core.errors import ServiceError
from danvan.org.access import memberships_in
from danvan.org.models import Role
from danvan.petitions.models import (
    IdentityAccessLog,
    Petition,
    PetitionIdentity,
)
from danvan.petitions.services._common import (
    RECORDERS,
    Kind,
    _text,
    _user_or_none,
)

# --- the sender's identity -------------------------------------------------------------------------


def _own_village(membership, petition: Petition) -> bool:
    return bool(petition.village_id) and membership.village_id == petition.village_id


def may_read_identity(user, petition: Petition) -> bool:
    """Whether `user` is entitled to the sender's identity (reading it still goes through
    `identity_for`, which logs). Anything derived from the identity (same sender, same phone) is shown
    only to those this returns True for, on every petition it links."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    mine = memberships_in(user, petition.commune)
    denunciation = Kind.DENUNCIATION in (petition.kind, petition.kind_hint)
    if not denunciation:
        # The right to read follows the case: a village head reads the senders of their own village's
        # cases only, not every resident's of the commune (Nghị định 13/2023/NĐ-CP: only what the task needs).
        if petition.recorded_by_id is not None and petition.recorded_by_id == user.pk:
            return any(m.role in RECORDERS for m in mine)  # the staff member who took it down
        return any(
            m.role in RECORDERS
            and (
                m.role != Role.VILLAGE_HEAD
                or bool(petition.village_id and m.village_id == petition.village_id)
            )
            for m in mine
        )
    # A denouncer's identity is secret (Luật Tố cáo 2018, Điều 9(1)(b), Điều 56): only the officers of
    # the unit handling the case and the leader who accepted it.
    if petition.accepted_by_id is not None and petition.accepted_by_id == user.pk:
        return True
    return petition.unit_id is not None and any(
        m.role == Role.UNIT_OFFICER and m.unit_id == petition.unit_id for m in mine
    )


def identity_for(*, petition: Petition, user, purpose: str) -> PetitionIdentity | None:
    """The sender's identity, for those allowed to read it; every attempt is logged, refused ones too.
    Returns None for an anonymous feedback."""
    why = _text(purpose, field="purpose", label="mục đích xem thông tin", max_chars=300)
    petition = Petition.objects.select_related("commune").get(pk=petition.pk)
    granted = may_read_identity(user, petition)
    IdentityAccessLog.objects.create(
        petition=petition, user=_user_or_none(user), purpose=why, granted=granted
    )
    if not granted:
        if Kind.DENUNCIATION in (petition.kind, petition.kind_hint):
            message = (
                "Bạn không được xem thông tin người gửi đơn này. Thông tin người tố cáo chỉ cán bộ được "
                "giao xử lý và lãnh đạo đã thụ lý được xem (Luật Tố cáo 2018, Điều 9)."
            )
        else:
            # Not a denunciation: no secrecy law applies, only the need to know of those who handle it.
            message = (
                "Bạn không được xem thông tin người gửi đơn này: chỉ cán bộ xử lý đơn của xã và trưởng "
                "thôn nơi có vụ việc được xem, khi cần cho việc xử lý đơn."
            )
        raise ServiceError(message, code="forbidden")
    return PetitionIdentity.objects.filter(petition=petition).first()
