"""“Chờ tôi”: what one person can act on now in one commune, counted and listed for their home page.

Nothing here decides who may do what. A petition's actions come from `petitions.permissions.available_actions`
(itself read from the transition table in `petitions/rules.py`), with the roles the person holds *for that
case*: a unit officer acts only on their own unit's cases. Each role then looks after its share of those
actions (`DUTIES`): the coordinator classifies and routes, the leader accepts and approves, the unit answers.
The whole inbox is read in a fixed number of queries, however many cases or tasks there are
(`tests/web/test_inbox.py` counts them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from danvan.comms.models import Notification
from danvan.engagement.models import Commitment, Dialogue, DialogueQuestion
from danvan.exemplars.models import Exemplar
from danvan.org.access import duties_in, memberships_in, roles_in
from danvan.org.models import Role
from danvan.org.rules import role_allows
from danvan.petitions import rules as petition_rules
from danvan.petitions.kind_steps import skipped_by_kind
from danvan.petitions.models import Petition
from danvan.petitions.permissions import available_actions
from danvan.plans.models import Plan, ReportingPeriod, Task, UnitReport
from danvan.plans.rules import CLOSED_TASK_STATUSES

# Which petition actions each role is expected to take (its share of what the table allows it).
DUTIES: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset({"classify", "split", "forward", "guide", "return", "close"}),
    Role.COMMUNE_LEADER: frozenset({"accept", "approve", "resume"}),
    Role.UNIT_OFFICER: frozenset({"verify", "resolve", "extend"}),
}

# (bucket key, heading, the actions that put a case in it), in the order the home shows them.
PETITION_BUCKETS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("classify", "Đơn chờ phân loại", frozenset({"classify"})),
    ("route", "Đơn chờ chuyển, hướng dẫn hoặc trả lại", frozenset({"forward", "guide", "return"})),
    ("accept", "Đơn chờ thụ lý", frozenset({"accept"})),
    ("verify", "Đơn chờ xác minh", frozenset({"verify"})),
    ("answer", "Đơn chờ trả lời", frozenset({"resolve"})),
    ("approve", "Trả lời chờ lãnh đạo duyệt", frozenset({"approve"})),
    ("resume", "Khiếu nại tạm đình chỉ chờ tiếp tục", frozenset({"resume"})),
    ("close", "Đơn đã trả lời, chờ kết thúc hồ sơ", frozenset({"close"})),
)

# How long after its due date a units' reporting period still asks a unit that has not submitted.
REPORT_LOOKBACK_DAYS = 60
# How many items a bucket lists on the home (the count is always the whole).
LIST_LIMIT = 8


@dataclass
class Item:
    label: str
    url: str
    due: date | None = None
    late: bool = False


@dataclass
class Bucket:
    key: str
    label: str
    url: str
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def shown(self) -> list[Item]:
        return self.items[:LIST_LIMIT]


@dataclass
class Inbox:
    buckets: list[Bucket]
    notifications: list[Notification]
    unread: int
    leads: bool  # sees the commune-wide alarms (overdue, hotspots, late tasks)

    @property
    def total(self) -> int:
        return sum(b.count for b in self.buckets)

    def count(self, key: str) -> int:
        return next((b.count for b in self.buckets if b.key == key), 0)


def leads(roles: set[str]) -> bool:
    """Those who answer for the whole commune see its alarms: the leaders and the coordinator."""
    return bool(roles & {Role.COMMUNE_LEADER, Role.COORDINATOR, Role.SYSTEM_ADMIN})


def case_roles(petition: Petition, roles: set[str], unit_ids: set[int]) -> set[str]:
    """The roles a person holds for one case: a unit officer only for their own unit's cases."""
    if Role.UNIT_OFFICER in roles and petition.unit_id not in unit_ids:
        return roles - {Role.UNIT_OFFICER}
    return roles


def my_petition_actions(
    petition: Petition, roles: set[str], unit_ids: set[int], skipped: frozenset[str] | None = None
) -> set[str]:
    """What this person is expected to do next on the case (empty: nothing waits for them).
    `skipped`: the steps the commune leaves out for the case's kind (read when not given)."""
    held = case_roles(petition, roles, unit_ids)
    duties = set().union(*(DUTIES.get(r, frozenset()) for r in held))
    actions = set(available_actions(petition, held, skipped)) & duties
    # A case found ineligible is not accepted; an eligible one in the commune's competence is not routed.
    if petition.eligible is False:
        actions.discard("accept")
    elif petition.status == Petition.Status.CLASSIFIED:
        actions -= {"forward", "guide", "return"}
    return actions


def _petition_label(p: Petition) -> str:
    kind = Petition.Kind(p.kind).label if p.kind else "Đơn"
    where = f" – {p.unit.name}" if p.unit_id else ""
    return f"{kind} {p.tracking_code}{where}"


def _petitions(commune, roles, unit_ids, today) -> tuple[list[Bucket], Bucket | None]:
    rows = list(
        Petition.objects.filter(commune=commune, status__in=petition_rules.OPEN_STATUSES | {"resolved"})
        .filter(duplicate_of__isnull=True)
        .select_related("unit")
        .only(
            "id",
            "tracking_code",
            "kind",
            "kind_hint",
            "status",
            "unit_id",
            "unit__name",
            "eligible",
            "complaint_round",
            "process_due",
            "accept_due",
            "resolve_due",
            "received_on",
            "commune_id",
        )
        .order_by("received_on", "id")
    )
    skipped = skipped_by_kind(commune)
    buckets = {key: Bucket(key, label, "") for key, label, _ in PETITION_BUCKETS}
    unit_cases = Bucket("unit_petitions", "Đơn của đơn vị tôi đang giải quyết", "")
    for p in rows:
        url = reverse("petitions:detail", args=[commune.code, p.pk])
        due = petition_rules.current_due(p)
        item = Item(_petition_label(p), url, due, bool(due and due < today))
        mine = my_petition_actions(p, roles, unit_ids, skipped[p.kind])
        for key, _, wanted in PETITION_BUCKETS:
            if mine & wanted:
                buckets[key].items.append(item)
        if p.unit_id in unit_ids and p.status in petition_rules.OPEN_STATUSES:
            unit_cases.items.append(item)
    listing = reverse("petitions:list", args=[commune.code])
    for b in buckets.values():
        b.url = listing
    unit_cases.url = listing
    return [buckets[key] for key, _, _ in PETITION_BUCKETS], (unit_cases if unit_ids else None)


def _tasks(commune, unit_ids, today) -> Bucket:
    tasks = (
        Task.objects.filter(plan__commune=commune, plan__status=Plan.Status.ISSUED)
        .filter(Q(lead_units__in=unit_ids) | Q(coordinating_units__in=unit_ids))
        .exclude(status__in=CLOSED_TASK_STATUSES)
        .distinct()
        .only("id", "ref", "content", "due_date", "plan_id")
        .order_by("due_date", "id")
    )
    b = Bucket("tasks", "Nhiệm vụ kế hoạch của đơn vị", reverse("plans:my_tasks", args=[commune.code]))
    for t in tasks:
        b.items.append(
            Item(
                f"{t.ref} {t.content[:120]}".strip(),
                reverse("plans:task", args=[commune.code, t.plan_id, t.pk]),
                t.due_date,
                bool(t.due_date and t.due_date < today),
            )
        )
    return b


def _commitments(commune, unit_ids, today) -> Bucket:
    b = Bucket(
        "commitments",
        "Cam kết với Nhân dân đơn vị phải thực hiện",
        reverse("engagement:commitments", args=[commune.code]),
    )
    rows = Commitment.objects.filter(commune=commune, unit_id__in=unit_ids, status=Commitment.Status.OPEN)
    for c in rows.only("id", "content", "due_on").order_by("due_on", "id"):
        b.items.append(
            Item(
                c.content[:120],
                reverse("engagement:commitment", args=[commune.code, c.pk]),
                c.due_on,
                c.due_on < today,
            )
        )
    return b


def _reports(commune, unit_ids, today) -> Bucket:
    """Units' reporting periods the person's unit has not submitted (and that concern it)."""
    b = Bucket("reports", "Báo cáo đơn vị phải nộp", reverse("plans:my_tasks", args=[commune.code]))
    submitted = UnitReport.objects.filter(
        period=OuterRef("pk"), unit_id__in=unit_ids, status=UnitReport.Status.SUBMITTED
    )
    concerned = Task.objects.filter(plan=OuterRef("plan")).filter(
        Q(lead_units__in=unit_ids) | Q(coordinating_units__in=unit_ids)
    )
    periods = (
        ReportingPeriod.objects.filter(
            plan__commune=commune,
            plan__status=Plan.Status.ISSUED,
            direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE,
            due_date__gte=today - timedelta(days=REPORT_LOOKBACK_DAYS),
        )
        .filter(Exists(concerned), ~Exists(submitted))
        .only("id", "name", "due_date", "plan_id")
        .order_by("due_date", "id")
    )
    for period in periods:
        b.items.append(
            Item(
                period.name,
                reverse("plans:period", args=[commune.code, period.plan_id, period.pk]),
                period.due_date,
                period.due_date < today,
            )
        )
    return b


def _questions(commune) -> Bucket:
    """Citizens' questions sent ahead of an open dialogue, waiting to be moderated (those who keep the
    dialogues: leaders, the coordinator, the Văn phòng HĐND và UBND)."""
    b = Bucket(
        "questions", "Câu hỏi đối thoại chờ duyệt", reverse("engagement:dialogues", args=[commune.code])
    )
    rows = (
        DialogueQuestion.objects.filter(
            dialogue__commune=commune,
            dialogue__status=Dialogue.Status.OPEN,
            status=DialogueQuestion.Status.PENDING,
        )
        .select_related("dialogue")
        .only("id", "content", "dialogue__id", "dialogue__topic", "dialogue__on")
        .order_by("dialogue__on", "id")
    )
    for q in rows:
        url = reverse("engagement:dialogue", args=[commune.code, q.dialogue_id])
        b.items.append(Item(f"{q.dialogue.topic}: {q.content[:100]}", url, q.dialogue.on))
    return b


def _exemplars(commune, roles, unit_ids, user) -> Bucket:
    """Dân vận khéo models waiting for this person: registrations to accept, evaluated models to
    recognise, their own unit's models to report progress on."""
    wanted = Q(pk__in=[])
    if role_allows(roles, "exemplars.manage"):
        wanted |= Q(status="registered")
    if role_allows(roles, "exemplars.recognise"):
        wanted |= Q(status="evaluated")
    if unit_ids:
        wanted |= Q(status="building", unit_id__in=unit_ids)
    b = Bucket(
        "exemplars", "Mô hình “Dân vận khéo” chờ xử lý", reverse("exemplars:list", args=[commune.code])
    )
    for e in (
        Exemplar.objects.filter(commune=commune).filter(wanted).only("id", "name", "status").order_by("id")
    ):
        b.items.append(Item(e.name, reverse("exemplars:detail", args=[commune.code, e.pk])))
    return b


def inbox_for(*, user, commune, today: date) -> Inbox:
    """The person's inbox in this commune (a fixed number of queries)."""
    roles = roles_in(user, commune)
    unit_ids = {m.unit_id for m in memberships_in(user, commune) if m.role == Role.UNIT_OFFICER and m.unit_id}
    petition_buckets, unit_cases = _petitions(commune, roles, unit_ids, today)
    buckets = list(petition_buckets)
    if unit_ids:
        buckets += [
            unit_cases,
            _tasks(commune, unit_ids, today),
            _commitments(commune, unit_ids, today),
            _reports(commune, unit_ids, today),
        ]
    if role_allows(roles | duties_in(user, commune), "engagement.manage"):
        buckets.append(_questions(commune))
    buckets.append(_exemplars(commune, roles, unit_ids, user))
    notes = Notification.objects.filter(user=user, commune=commune)
    return Inbox(
        buckets=[b for b in buckets if b.count],
        notifications=list(notes.order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")[:10]),
        unread=notes.filter(read_at__isnull=True).count(),
        leads=leads(roles),
    )
