"""Who handles petitions in a commune, who may also record one, and who is entitled to a sender's
identity (and to anything derived from it: same sender, same phone).

Below the services and the notices, which both ask it; `petitions.services.identity.may_read_identity`
is the same function, the name other apps use."""

from __future__ import annotations

from danvan.org.access import memberships_in
from danvan.org.models import Role
from danvan.petitions.models import Petition

Kind = Petition.Kind
# Who handles petitions in a commune, and who may also record one brought to them.
HANDLERS = {Role.COMMUNE_LEADER, Role.COORDINATOR, Role.UNIT_OFFICER}
RECORDERS = HANDLERS | {Role.VILLAGE_HEAD}


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
