"""“Chờ tôi”: what one person can act on now in one commune, counted and listed for their home page.

Nothing here decides who may do what. A petition's actions come from `petitions.permissions.available_actions`
(itself read from the transition table in `petitions/rules.py`), with the roles the person holds *for that
case*: a unit officer acts only on their own unit's cases. Each role then looks after its share of those
actions (`DUTIES`): the coordinator classifies and routes, the leader accepts and approves, the unit answers.
The whole inbox is read in a fixed number of queries, however many cases or tasks there are
(`tests/web/test_inbox.py` counts them).
"""

from __future__ import annotations

import heapq
from collections import namedtuple
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
# Answered cases read for "chờ kết thúc hồ sơ" (oldest first); beyond, the count shows "N+".
RESOLVED_READ_LIMIT = 200


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
    # How many there are when `items` holds only the first ones (None: `items` is the whole list).
    total: int | None = None
    capped: bool = False  # more than `total`: shown as "N+"

    @property
    def count(self) -> int:
        return len(self.items) if self.total is None else self.total

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

    @property
    def capped(self) -> bool:
        return any(b.capped for b in self.buckets)

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


def _petition_label(p: Petition, unit_name: str | None) -> str:
    kind = Petition.Kind(p.kind).label if p.kind else "Đơn"
    where = f" – {unit_name}" if p.unit_id else ""
    return f"{kind} {p.tracking_code}{where}"


# What the inbox reads of a case, as plain tuples (a model instance per row costs more than the rest).
_CASE_FIELDS = (
    "id",
    "tracking_code",
    "kind",
    "kind_hint",
    "status",
    "unit_id",
    "eligible",
    "complaint_round",
    "process_due",
    "accept_due",
    "resolve_due",
    "received_on",
    "unit__name",
)


def _case(row: tuple) -> Petition:
    """An unsaved petition holding one row's fields: what the rules and labels read."""
    *values, _unit_name = row
    return Petition(**dict(zip(_CASE_FIELDS[:-1], values, strict=True)))


# A listed case's fields by name, for its label and running deadline: building a model instance per
# listed case cost more than the rest of the home (docs/BENCHMARKS.md, "The staff mix").
_CaseRow = namedtuple("_CaseRow", [name.replace("__", "_") for name in _CASE_FIELDS])


def _petitions(commune, roles, unit_ids, today) -> tuple[list[Bucket], Bucket | None]:
    """The petition buckets. Open cases are the commune's workload and are all read; answered cases
    waiting to be closed are history in a commune that never closes them, so only the oldest
    `RESOLVED_READ_LIMIT` are read and a bucket they fill past that shows "N+" (the home's cost must not
    grow with the commune's history). Each row is a tuple; what a case asks of this person depends only
    on the fields in `key` below, so the rules run once per distinct key, not once per case."""
    base = Petition.objects.filter(commune=commune, duplicate_of__isnull=True).order_by("received_on", "id")
    open_rows = list(base.filter(status__in=petition_rules.OPEN_STATUSES).values_list(*_CASE_FIELDS))
    resolved_rows = list(
        base.filter(status=Petition.Status.RESOLVED).values_list(*_CASE_FIELDS)[: RESOLVED_READ_LIMIT + 1]
    )
    resolved_capped = len(resolved_rows) > RESOLVED_READ_LIMIT
    del resolved_rows[RESOLVED_READ_LIMIT:]
    skipped = skipped_by_kind(commune)
    buckets = {key: Bucket(key, label, "", total=0) for key, label, _ in PETITION_BUCKETS}
    unit_cases = Bucket("unit_petitions", "Đơn của đơn vị tôi đang giải quyết", "", total=0)
    wanted_by_key: dict[tuple, list[Bucket]] = {}
    pos = {name: i for i, name in enumerate(_CASE_FIELDS)}
    i_status, i_unit, i_due = pos["status"], pos["unit_id"], pos["resolve_due"]
    detail = reverse("petitions:detail", args=[commune.code, 0]).removesuffix("0/")

    def add(bucket: Bucket, row: tuple, resolved: bool) -> None:
        bucket.total += 1
        bucket.capped = bucket.capped or (resolved and resolved_capped)
        if len(bucket.items) < LIST_LIMIT:
            p = _CaseRow(*row)
            due = petition_rules.current_due(p)
            label = _petition_label(p, row[-1])
            bucket.items.append(Item(label, f"{detail}{p.id}/", due, bool(due and due < today)))

    # Both lists are ordered by (received_on, id): merged, every bucket lists its oldest cases first.
    merged = heapq.merge(
        ((r, False) for r in open_rows),
        ((r, True) for r in resolved_rows),
        key=lambda item: (item[0][pos["received_on"]], item[0][0]),
    )
    for row, resolved in merged:
        status, unit_id, resolve_due = row[i_status], row[i_unit], row[i_due]
        key = (
            status,
            row[pos["kind"]],
            row[pos["kind_hint"]],
            row[pos["eligible"]],
            row[pos["complaint_round"]],
            unit_id in unit_ids,
            resolve_due is not None and resolve_due < today,
        )
        targets = wanted_by_key.get(key)
        if targets is None:
            p = _case(row)
            mine = my_petition_actions(p, roles, unit_ids, skipped[p.kind])
            targets = [buckets[k] for k, _, wanted in PETITION_BUCKETS if mine & wanted]
            wanted_by_key[key] = targets
        for bucket in targets:
            add(bucket, row, resolved)
        if unit_id in unit_ids and status in petition_rules.OPEN_STATUSES:
            add(unit_cases, row, resolved)
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
