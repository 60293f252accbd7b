"""Permissions as named predicates: which roles may do what in a commune."""

from __future__ import annotations

from danvan.org.models import Role

STAFF_ROLES = frozenset(Role.values)
LEADERS = frozenset({Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})
# Not a role one is granted but a duty that comes with one's unit: an officer of the Văn phòng HĐND và
# UBND, which the commune plans charge with citizen reception and dialogues (org.access.duties_in).
OFFICE_DUTY = "office_duty"

# One table, so a reviewer reads every permission in one place.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Everyone with a role in (or over) the commune may open its workspace.
    "workspace.view": STAFF_ROLES,
    # The audit log shows who did what to whom: leaders and administrators only.
    "audit.view": LEADERS,
    # Units and villages are kept by the coordinator and the leaders.
    "org.manage_units": LEADERS | {Role.COORDINATOR},
    "geo.manage_villages": LEADERS | {Role.COORDINATOR},
    "geo.view_villages": STAFF_ROLES,
    "org.view_units": STAFF_ROLES,
    # Plans: everyone reads; the coordinator and leaders import, issue and close them and review
    # units' reports; unit officers update their own unit's tasks and write its reports.
    "plans.view": STAFF_ROLES,
    "plans.manage": LEADERS | {Role.COORDINATOR},
    "plans.update_task": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "plans.report": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "plans.review_reports": LEADERS | {Role.COORDINATOR},
    # --- engagement (citizen reception, dialogues, voters' petitions, commitments) ---
    "engagement.view": STAFF_ROLES,
    # Schedules, the reception register and dialogues are kept by the leaders and the coordinator.
    "engagement.manage": LEADERS | {Role.COORDINATOR, OFFICE_DUTY},
    # A unit reports progress on the commitments given to it.
    "engagement.update_commitment": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    # --- end engagement ---
    # --- petitions: the commune's choice of steps per kind (phản ánh, kiến nghị) ---
    "petitions.view_workflow": STAFF_ROLES,
    "petitions.configure_workflow": LEADERS,
    # --- democracy (disclosures, consultations, supervision) ---
    "democracy.view": STAFF_ROLES,
    "democracy.publish": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "democracy.manage_consultations": LEADERS | {Role.COORDINATOR},
    # Supervision boards (Ban TTND, Ban GSĐTCĐ) send recommendations; leaders answer them.
    "democracy.recommend": LEADERS | {Role.SUPERVISOR},
    "democracy.answer_recommendations": LEADERS | {Role.COORDINATOR},
    # The boards themselves (members, watched projects) are set up by the leaders and the coordinator.
    "democracy.manage_boards": LEADERS | {Role.COORDINATOR},
    # --- end democracy ---
    # --- village decisions ---
    "decisions.view": STAFF_ROLES,
    # The village head keeps the village's register and runs its votes (own village only: democracy/rules.py).
    "decisions.manage": LEADERS | {Role.COORDINATOR, Role.VILLAGE_HEAD},
    # Opening a vote on a register with fewer households than the village declared: a leader, with a reason.
    "decisions.confirm_short_register": LEADERS,
    # --- end village decisions ---
    # --- exemplars ("Dân vận khéo" models) ---
    "exemplars.view": STAFF_ROLES,
    # A unit officer registers for their unit, a village head for their village, the Front's member
    # for a mass organisation or a person (exemplars/rules.py); leaders and the coordinator for anyone.
    "exemplars.register": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER, Role.VILLAGE_HEAD, Role.SUPERVISOR},
    # The coordinator sets the registration deadline, accepts registrations and closes evaluations.
    "exemplars.manage": LEADERS | {Role.COORDINATOR},
    # The evaluation council: leaders, the coordinator and the Front (never for their own unit's model).
    "exemplars.score": LEADERS | {Role.COORDINATOR, Role.SUPERVISOR},
    # Recognition and commendation are the leaders' decision.
    "exemplars.recognise": LEADERS,
    # --- end exemplars ---
    # --- mediation (hòa giải ở cơ sở) ---
    "mediation.view": STAFF_ROLES,
    # Village heads record their village team's cases (own village only: mediation/services.py); the
    # Front (supervisor role) guides the teams (Luật Hòa giải ở cơ sở 2013, Điều 30).
    "mediation.write": LEADERS | {Role.COORDINATOR, Role.VILLAGE_HEAD, Role.SUPERVISOR},
    # Teams and mediators: the Chairman decides on the Front's proposal (Điều 8, 12).
    "mediation.manage": LEADERS | {Role.COORDINATOR, Role.SUPERVISOR},
    # --- end mediation ---
    # --- scoring (chấm điểm, xếp loại) and inspections (kiểm tra, giám sát) ---
    "scoring.view": STAFF_ROLES,
    # A unit officer self-assesses their own unit (scoring/services/checks.py); leaders and the
    # coordinator keep the framework, thresholds and the review.
    "scoring.self_assess": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "scoring.manage": LEADERS | {Role.COORDINATOR},
    "inspections.view": STAFF_ROLES,
    # The coordinator and leaders plan inspections and record findings (the Front's member inspects too);
    # a unit officer reports their own unit's remedial tasks done.
    "inspections.manage": LEADERS | {Role.COORDINATOR, Role.SUPERVISOR},
    "inspections.remedy": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    # --- end scoring and inspections ---
    # --- outgoing (sổ đăng ký văn bản đi) ---
    "outgoing.view": STAFF_ROLES,
    # --- end outgoing ---
    # --- followup (thi hành quyết định giải quyết khiếu nại, tố cáo) ---
    # Everyone reads (the Front supervises execution); a denunciation's items only for its readers.
    "followup.view": STAFF_ROLES,
    "followup.manage": LEADERS | {Role.COORDINATOR},
    # --- end followup ---
    # --- front (the Mặt trận's recommendations and social criticism; the regulations register) ---
    "front.view": STAFF_ROLES,
    # The Front's member (supervisor role) records what the Front and the mass organisations send.
    "front.record": LEADERS | {Role.COORDINATOR, Role.SUPERVISOR},
    "front.answer": LEADERS | {Role.COORDINATOR},
    "front.regulations": LEADERS | {Role.COORDINATOR},
    # --- end front ---
    # --- training (tập huấn, bồi dưỡng) ---
    "training.view": STAFF_ROLES,
    # The coordinator keeps the register; the leaders set which trainings each role must have.
    "training.manage": LEADERS | {Role.COORDINATOR},
    # --- end training ---
    # --- prestige (people of prestige, religious organisations, places of worship, contacts) ---
    "prestige.view": STAFF_ROLES,
    # Contacts are recorded by those who make them: leaders, the coordinator, the Front, village heads.
    "prestige.write": LEADERS | {Role.COORDINATOR, Role.SUPERVISOR, Role.VILLAGE_HEAD},
    "prestige.manage": LEADERS | {Role.COORDINATOR},
    # Ethnic group and religion of a person are sensitive personal data (Nghị định 13/2023/NĐ-CP, Điều 2
    # khoản 4): only those who do the commune's ethnic and religious work read them, each read audited.
    "prestige.view_sensitive": LEADERS | {Role.COORDINATOR},
    # --- end prestige ---
    # --- budget (kinh phí thực hiện kế hoạch) ---
    "budget.view": STAFF_ROLES,
    "budget.manage": LEADERS | {Role.COORDINATOR},
    # --- end budget ---
    # --- assignments (who is in charge; the steering committee for grassroots democracy) ---
    "assignments.view": STAFF_ROLES,
    "assignments.manage": LEADERS | {Role.COORDINATOR},
    # --- end assignments ---
    # --- comms (the outbound message log) ---
    # Leaders, the coordinator and unit officers check whether a citizen got a message; numbers are
    # masked unless the message's own app says the user may see them (comms/visibility.py).
    "comms.view_log": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "comms.resend": LEADERS | {Role.COORDINATOR},
    # --- end comms ---
    # --- announcements (news, subscribers, loudspeaker) ---
    "announcements.view": STAFF_ROLES,
    "announcements.write": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    # Which minority languages the commune publishes in: decided by those who lead its information work.
    "announcements.languages": LEADERS | {Role.COORDINATOR},
    # --- end announcements ---
    # --- opinion (nắm tình hình Nhân dân; nothing public) ---
    # Village heads, unit officers (the commune police among them), the Mặt trận, the coordinator and
    # leaders record and read what they hear; a village head only their own village (opinion/rules.py).
    "opinion.view": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER, Role.VILLAGE_HEAD, Role.SUPERVISOR},
    "opinion.record": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER, Role.VILLAGE_HEAD, Role.SUPERVISOR},
    # Restricted entries (the police's on security and order, or marked so) are read by leaders only.
    "opinion.view_restricted": LEADERS,
    "opinion.handle_alerts": LEADERS | {Role.COORDINATOR},
    # The coordinator writes the monthly / quarterly summary.
    "opinion.summarise": LEADERS | {Role.COORDINATOR},
    # --- end opinion ---
    # --- surveys (satisfaction) ---
    "surveys.view": STAFF_ROLES,
    "surveys.manage": LEADERS | {Role.COORDINATOR},
    # Staff type in paper answer forms at the one-stop counter.
    "surveys.enter_paper": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    # A resident's request to look again at a petition they rated low goes to the unit and the leaders.
    "surveys.handle_reviews": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    # --- end surveys ---
    # --- reports ---
    "reports.view": STAFF_ROLES,
    "reports.manage": LEADERS | {Role.COORDINATOR},
    # "Trình ký": the coordinator submits; the leader who signs issues the report or returns it.
    "reports.sign": LEADERS,
    # --- end reports ---
}


def role_allows(roles: set[str], permission: str) -> bool:
    allowed = PERMISSIONS.get(permission)
    if allowed is None:
        raise KeyError(f"unknown permission {permission!r}")
    return bool(roles & allowed)
