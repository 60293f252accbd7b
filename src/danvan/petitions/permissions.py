"""Who may see and do what on one petition: shared by the staff pages and the API, so both answer alike.

The services check roles again on every write; these predicates decide what is shown and offered.
"""

from __future__ import annotations

from django.utils import timezone

from danvan.org.access import memberships_in
from danvan.org.models import Role
from danvan.petitions import rules
from danvan.petitions.entitlement import HANDLERS, RECORDERS
from danvan.petitions.kind_steps import skipped_steps
from danvan.petitions.models import Petition

Kind = Petition.Kind
Status = Petition.Status


def is_denunciation(petition: Petition) -> bool:
    return Kind.DENUNCIATION in (petition.kind, petition.kind_hint)


def may_see_content(user, petition: Petition) -> bool:
    """A denunciation's content and files can reveal who denounced: only the leaders, the coordinator
    who classifies it and the officers of the unit handling it see them."""
    if not is_denunciation(petition):
        return True
    for m in memberships_in(user, petition.commune):
        if m.role in (Role.COMMUNE_LEADER, Role.COORDINATOR):
            return True
        if m.role == Role.UNIT_OFFICER and petition.unit_id and m.unit_id == petition.unit_id:
            return True
    return False


def available_actions(
    petition: Petition, roles: set[str], skipped: frozenset[str] | None = None
) -> list[str]:
    """The workflow actions (service names) this user may try now: what the transition table allows from
    the current status (with the moves over the steps the commune skips for this kind: `skipped`, read
    when not given), narrowed by the roles the services require (they check again)."""
    if skipped is None:
        skipped = skipped_steps(petition.commune, petition.kind)
    nxt = rules.allowed_moves(petition.status, skipped)
    handler = bool(roles & HANDLERS)
    leader = Role.COMMUNE_LEADER in roles
    today = timezone.localdate()
    complaint_2026 = petition.kind == Kind.COMPLAINT and rules.suspension_rule(today).value.get("allowed")
    if petition.status == Status.SUSPENDED:
        # A suspended complaint only resumes (its clock is paused), or loses part of its content.
        return (["resume"] if leader else []) + (["withdraw_part"] if handler else [])
    out = []
    if handler and Status.CLASSIFIED in nxt:
        out.append("classify")
    if handler and Status.FORWARDED in nxt:
        out += ["forward", "guide", "return"]
    if Role.COMMUNE_LEADER in roles and Status.ACCEPTED in nxt and rules.ACCEPT not in skipped:
        out.append("accept")
    if handler and Status.SPLIT in nxt:
        out.append("split")
    if petition.status == Status.IN_REVIEW:
        # A draft answer waits for the leader: approve it, or return it with a comment.
        return ["approve", "return_answer"] if leader else []
    if handler and Status.VERIFYING in nxt and not ({Status.RESOLVED, Status.IN_REVIEW} & nxt):
        out.append("verify")
    if handler and Status.RESOLVED in nxt:
        out.append("resolve")
    if handler and petition.status in rules.BEING_RESOLVED and petition.kind == Kind.DENUNCIATION:
        out.append("extend")
    if handler and Status.CLOSED in nxt:
        out.append("close")
    if roles & {Role.COMMUNE_LEADER, Role.COORDINATOR} and Status.REOPENED in nxt:
        out.append("reopen")
    if leader and complaint_2026 and Status.SUSPENDED in nxt:
        out.append("suspend")
    if handler and complaint_2026 and petition.status in rules.OPEN_STATUSES:
        out.append("withdraw_part")
    if (
        roles & RECORDERS
        and petition.kind == Kind.COMPLAINT
        and petition.complaint_round == 1
        and (
            petition.status in (Status.RESOLVED, Status.CLOSED)
            # No decision by the first-round deadline: the complainant may go to the second round.
            or (
                petition.status in rules.BEING_RESOLVED
                and petition.resolve_due is not None
                and petition.resolve_due < today
            )
        )
    ):
        out.append("second_round")
    return out
