"""Daily petition reminders: the unit in charge before a deadline, the leaders once it has passed."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from danvan.comms.services import notify
from danvan.geo.models import Commune
from danvan.org.models import Membership, Role
from danvan.petitions import selectors


def _members(commune: Commune) -> tuple[dict[int, list], list, list]:
    """Officers per unit, leaders and coordinators of one commune (one query)."""
    by_unit: dict[int, list] = {}
    leaders, coordinators = [], []
    rows = Membership.objects.filter(commune=commune, is_active=True).select_related("user")
    for m in rows:
        if m.role == Role.UNIT_OFFICER and m.unit_id:
            by_unit.setdefault(m.unit_id, []).append(m.user)
        elif m.role == Role.COMMUNE_LEADER:
            leaders.append(m.user)
        elif m.role == Role.COORDINATOR:
            coordinators.append(m.user)
    return by_unit, leaders, coordinators


def petition_reminders_send(*, today: date) -> int:
    """Remind before each running deadline and escalate after it; each message goes once.

    Messages name the tracking code, kind and date only: never the content or the sender, so a
    reminder can never leak a denouncer's identity."""
    sent = 0
    for commune in Commune.objects.filter(is_active=True):
        by_unit, leaders, coordinators = _members(commune)
        for row in selectors.due_soon(commune=commune, today=today):
            p = row.petition
            handlers = by_unit.get(p.unit_id) or coordinators
            kind = p.get_kind_display().lower()
            text = f"Đơn {p.tracking_code} ({kind}) đến hạn xử lý ngày {row.due:%d/%m/%Y}."
            key = f"petition:{p.pk}:due:{row.due:%Y%m%d}"
            sent += len(notify(users=handlers, text=text, key=key, url=_url(commune, p), commune=commune))
        for row in selectors.overdue(commune=commune, today=today):
            p = row.petition
            # Escalation: the leader hears of every overdue case, with the unit that holds it.
            users = [*leaders, *(by_unit.get(p.unit_id) or coordinators)]
            holder = p.unit.name if p.unit_id else "chưa giao đơn vị"
            kind = p.get_kind_display().lower()
            text = f"Đơn {p.tracking_code} ({kind}) đã quá hạn từ ngày {row.due:%d/%m/%Y} ({holder})."
            key = f"petition:{p.pk}:overdue:{row.due:%Y%m%d}"
            sent += len(notify(users=users, text=text, key=key, url=_url(commune, p), commune=commune))
    return sent


def _url(commune: Commune, petition) -> str:
    return reverse("petitions:detail", kwargs={"code": commune.code, "pk": petition.pk})
