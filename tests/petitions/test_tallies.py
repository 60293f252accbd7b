"""Petition tallies: after any sequence of real service calls they equal a count of the petitions, and
the public statistics, report figures and the scoring measure `petitions.on_time` read from them equal
what counting the rows gives."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth

from danvan.core.errors import ServiceError
from danvan.core.sections import provider
from danvan.geo.models import Village
from danvan.petitions import services
from danvan.petitions.models import Field, Petition, PetitionTally
from danvan.petitions.statistics import BEING_RESOLVED, FINISHED, public_statistics
from danvan.petitions.tallies import tallies_rebuild, whole_months
from danvan.scoring.measures import petitions as scoring_petitions
from tests.petitions.conftest import DENOUNCER

pytestmark = pytest.mark.django_db
S = Petition.Status
TODAY = date(2026, 11, 23)
KINDS = ["feedback", "recommendation", "complaint", "denunciation"]


# --- the oracle: counting the rows -----------------------------------------------------------------


def counted() -> dict[tuple, tuple[int, int, int, int]]:
    """What the tallies must hold, counted in Python from every petition row."""
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in Petition.objects.exclude(status=S.SPLIT).values(
        "commune_id", "received_on", "status", "field_id", "village_id", "answered_on", "resolve_due"
    ):
        finished = p["status"] in FINISHED
        judged = finished and p["answered_on"] is not None and p["resolve_due"] is not None
        on_time = judged and p["answered_on"] <= p["resolve_due"]
        late = judged and p["answered_on"] > p["resolve_due"]
        month = p["received_on"].replace(day=1)
        for dimension, key in (("m", 0), ("f", p["field_id"] or 0), ("v", p["village_id"] or 0)):
            row = out[(p["commune_id"], month, dimension, key)]
            for i, value in enumerate((1, finished, on_time, late)):
                row[i] += int(value)
    return {k: tuple(v) for k, v in out.items()}


def stored() -> dict[tuple, tuple[int, int, int, int]]:
    """The tallies as stored, rows that came back to zero left out."""
    rows = PetitionTally.objects.values_list(
        "commune_id", "month", "dimension", "key", "received", "resolved", "on_time", "late"
    )
    return {tuple(r[:4]): tuple(r[4:]) for r in rows if any(r[4:])}


def statistics_counted(commune, year: int, today: date) -> dict:
    """The public statistics as they were computed before the tallies: straight from the rows."""
    base = Petition.objects.filter(commune=commune, received_on__year=year).exclude(status=S.SPLIT)
    answered = Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    totals = base.aggregate(
        received=Count("id"),
        resolved=Count("id", filter=Q(status__in=FINISHED)),
        on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
        late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
        open_overdue=Count("id", filter=Q(status__in=BEING_RESOLVED, resolve_due__lt=today)),
    )
    by_field = Counter()
    for row in base.values("field__name").annotate(n=Count("id")):
        by_field[row["field__name"] or "Chưa phân loại"] += row["n"]
    by_village = Counter()
    for row in base.values("village__name").annotate(n=Count("id")):
        by_village[row["village__name"] or "Không rõ thôn"] += row["n"]
    by_month = [0] * 12
    for row in base.annotate(m=ExtractMonth("received_on")).values("m").annotate(n=Count("id")):
        by_month[row["m"] - 1] = row["n"]
    return {**totals, "by_field": dict(by_field), "by_village": dict(by_village), "by_month": by_month}


def statistics_read(commune, year: int, today: date) -> dict:
    s = public_statistics(commune=commune, year=year, today=today)
    return {
        "received": s.received,
        "resolved": s.resolved,
        "on_time": s.on_time,
        "late": s.late,
        "open_overdue": s.open_overdue,
        "by_field": dict(s.by_field),
        "by_village": dict(s.by_village),
        "by_month": s.by_month,
    }


def figures_counted(codes: list[str], start: date, end: date) -> dict[str, dict]:
    """The report's key figures as they were computed before the tallies."""
    as_of = min(end, TODAY)
    in_period = Q(received_on__gte=start)
    answered = in_period & Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    rows = (
        Petition.objects.filter(commune__in=codes, received_on__lte=end)
        .exclude(status=S.SPLIT)
        .values("commune_id")
        .annotate(
            petitions_received=Count("id", filter=in_period),
            petitions_resolved=Count("id", filter=in_period & Q(status__in=FINISHED)),
            petitions_on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
            petitions_late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
            petitions_open_overdue=Count("id", filter=Q(status__in=BEING_RESOLVED, resolve_due__lt=as_of)),
        )
        .order_by()
    )
    zero = dict.fromkeys(
        ["petitions_received", "petitions_resolved", "petitions_on_time", "petitions_late"], 0
    ) | {"petitions_open_overdue": 0}
    out = {code: dict(zero) for code in codes}
    for row in rows:
        out[row.pop("commune_id")].update(row)
    return out


def figures_read(codes, start, end) -> dict[str, dict]:
    figures = provider("petitions").key_figures(codes, start, end)
    return {
        code: {f.key: f.value for f in fs if f.key != "petitions_on_time_pct"} for code, fs in figures.items()
    }


def scoring_counted(codes: list[str], year: int, as_of: date) -> dict:
    """The scoring measure `petitions.on_time` per commune as it was computed before the tallies: the
    year's rows (to `as_of`), those answered on time out of those answered or still open past the
    deadline."""
    start, end = date(year, 1, 1), min(date(year, 12, 31), as_of)
    answered = Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    rows = (
        Petition.objects.filter(commune__in=codes, received_on__gte=start, received_on__lte=end)
        .exclude(status=S.SPLIT)
        .values("commune_id")
        .annotate(
            on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
            late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
            open_overdue=Count("id", filter=Q(status__in=BEING_RESOLVED, resolve_due__lt=end)),
        )
        .order_by()
    )
    out = {}
    for row in rows:
        total = row["on_time"] + row["late"] + row["open_overdue"]
        if total:
            out[row["commune_id"]] = (row["on_time"], total, row["late"], row["open_overdue"])
    return out


def scoring_read(codes: list[str], year: int, as_of: date) -> dict:
    measured = scoring_petitions.for_communes(
        {scoring_petitions.ON_TIME}, codes=codes, year=year, as_of=as_of, targets={}
    )[scoring_petitions.ON_TIME]
    out = {}
    for code, m in measured.items():
        # The evidence names the late and overdue counts when there are any: "… (trả lời trễ: 2, …: 1)".
        late, overdue = re.findall(r"\d+", m.evidence.split("(")[1]) if "(" in m.evidence else (0, 0)
        out[code] = (m.done, m.total, int(late), int(overdue))
    return out


# (year, the day the score is taken): a year whole, a year to a day inside a month, a month's first day.
SCORED = [(2025, TODAY), (2026, TODAY), (2026, date(2026, 3, 10)), (2026, date(2026, 6, 1))]

PERIODS = [
    (date(2026, 1, 1), date(2026, 6, 30)),  # a half-year: whole months only
    (date(2025, 1, 1), date(2026, 12, 31)),
    (date(2025, 12, 15), date(2026, 3, 10)),  # days on both sides of whole months
    (date(2026, 3, 3), date(2026, 3, 20)),  # inside one month
    (date(2026, 2, 1), date(2026, 4, 14)),
]


def assert_everything_agrees(communes) -> None:
    assert stored() == counted()
    for c in communes:
        for year in (2025, 2026):
            assert statistics_read(c, year, TODAY) == statistics_counted(c, year, TODAY)
    codes = [c.code for c in communes]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("danvan.petitions.report_sections.timezone.localdate", lambda: TODAY)
        for start, end in PERIODS:
            assert figures_read(codes, start, end) == figures_counted(codes, start, end), (start, end)
    for year, as_of in SCORED:
        assert scoring_read(codes, year, as_of) == scoring_counted(codes, year, as_of), (year, as_of)


# --- a random walk through the services --------------------------------------------------------------


class Walk:
    """Petitions taken through the real services in a random order; a refused step is simply skipped."""

    def __init__(self, rng: random.Random, commune, people, unit):
        self.rng, self.commune, self.people, self.unit = rng, commune, people, unit
        self.villages = [None, *Village.objects.filter(commune=commune)]
        self.fields = [None, *Field.objects.filter(commune=None)[:4]]
        self.done: Counter = Counter()
        self.refused: Counter = Counter()

    def day_after(self, day: date, most: int) -> date:
        return min(TODAY, day + timedelta(days=self.rng.randint(0, most)))

    def pick(self, *statuses) -> Petition | None:
        found = list(Petition.objects.filter(commune=self.commune, status__in=statuses).order_by("pk"))
        return self.rng.choice(found) if found else None

    def submit(self):
        hint = self.rng.choice([*KINDS, None])
        services.petition_submit(
            commune=self.commune,
            kind_hint=hint,
            content=f"Đường vào thôn bị sạt lở, đơn số {self.rng.randint(1, 10**9)}.",
            identity=dict(DENOUNCER) if hint in ("complaint", "denunciation") else None,
            village=self.rng.choice(self.villages),
            received_on=date(2025, 10, 1) + timedelta(days=self.rng.randint(0, 300)),
        )

    def classify(self):
        p = self.pick(S.RECEIVED)
        kind = self.rng.choice(KINDS)
        services.petition_classify(
            petition=p,
            kind=kind,
            complaint_round=1 if kind == "complaint" else None,
            eligible=True,
            field=self.rng.choice(self.fields),
            unit=self.unit,
            by=self.people.coordinator,
        )

    def split(self):
        parts = [
            {"content": f"Nội dung {i}", "kind": self.rng.choice(KINDS)}
            for i in range(self.rng.randint(2, 3))
        ]
        services.petition_split(petition=self.pick(S.RECEIVED), parts=parts, by=self.people.coordinator)

    def accept(self):
        p = self.pick(S.CLASSIFIED)
        services.petition_accept(petition=p, on=self.day_after(p.received_on, 4), by=self.people.leader)

    def verify(self):
        services.petition_start_verification(
            petition=self.pick(S.ACCEPTED, S.REOPENED), by=self.people.officer
        )

    def resolve(self):
        p = self.pick(S.ACCEPTED, S.VERIFYING, S.REOPENED)
        # Sometimes by the officer with publication asked: it waits for the leader's approval first.
        by, publish = (self.people.officer, True) if self.rng.random() < 0.3 else (self.people.leader, False)
        if publish:
            Petition.objects.filter(pk=p.pk).update(publish_consent=True)
        on = self.day_after(max(p.accepted_on or p.received_on, p.received_on), 60)
        services.petition_resolve(petition=p, answer="Đã xử lý xong.", on=on, publish=publish, by=by)

    def approve(self):
        services.petition_answer_approve(petition=self.pick(S.IN_REVIEW), by=self.people.leader)

    def send_back(self):
        services.petition_answer_return(
            petition=self.pick(S.IN_REVIEW), comment="Bổ sung căn cứ.", by=self.people.leader
        )

    def close(self):
        services.petition_close(petition=self.pick(S.RESOLVED), by=self.people.coordinator)

    def reopen(self):
        services.petition_reopen(
            petition=self.pick(S.RESOLVED, S.CLOSED), reason="Người dân phản hồi.", by=self.people.leader
        )

    def extend(self):
        services.petition_extend(
            petition=self.pick(S.ACCEPTED, S.VERIFYING), reason="Cần xác minh thêm", by=self.people.leader
        )

    def letter(self):
        move = self.rng.choice([services.petition_forward, services.petition_guide, services.petition_return])
        move(
            petition=self.pick(S.CLASSIFIED),
            letter_text="Văn bản trả lời người gửi.",
            by=self.people.coordinator,
        )

    def second_round(self):
        p = self.pick(S.RESOLVED, S.CLOSED)
        on = self.day_after(p.answered_on or p.received_on, 20)
        services.complaint_second_round(petition=p, by=self.people.coordinator, on=on)

    # step: (weight, the statuses it starts from; none: always possible)
    STEPS = {
        "submit": (3, ()),
        "classify": (4, (S.RECEIVED,)),
        "split": (1, (S.RECEIVED,)),
        "accept": (4, (S.CLASSIFIED,)),
        "letter": (1, (S.CLASSIFIED,)),
        "verify": (2, (S.ACCEPTED, S.REOPENED)),
        "extend": (1, (S.ACCEPTED, S.VERIFYING)),
        "resolve": (5, (S.ACCEPTED, S.VERIFYING, S.REOPENED)),
        "approve": (2, (S.IN_REVIEW,)),
        "send_back": (1, (S.IN_REVIEW,)),
        "close": (2, (S.RESOLVED,)),
        "reopen": (1, (S.RESOLVED, S.CLOSED)),
        "second_round": (2, (S.RESOLVED, S.CLOSED)),
    }

    def step(self) -> None:
        present = set(Petition.objects.filter(commune=self.commune).values_list("status", flat=True))
        possible = [n for n, (_, needs) in self.STEPS.items() if not needs or present & set(needs)]
        name = self.rng.choices(possible, weights=[self.STEPS[n][0] for n in possible])[0]
        try:
            getattr(self, name)()
        except ServiceError:
            self.refused[name] += 1  # refused by the rules (a day out of range, a kind that cannot)
            return
        self.done[name] += 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_equal_the_petitions_after_random_sequences_of_service_calls(seed, commune, people, unit):
    walk = Walk(random.Random(seed), commune, people, unit)
    for _ in range(80):
        walk.step()
        assert stored() == counted(), walk.done
    assert_everything_agrees([commune])
    # The walk did reach the places that matter: answered (on time or late), closed, split, reopened.
    for name in ("submit", "classify", "accept", "resolve", "close", "split"):
        assert walk.done[name] >= 1, (walk.done, walk.refused)
    assert Petition.objects.filter(status__in=FINISHED).exists()


def test_every_kind_of_change_is_counted(commune, people, unit):
    """The walk's steps one by one, with what a visitor reads after each."""
    v1 = Village.objects.get(commune=commune, name="Thôn 1")
    land, env = Field.objects.filter(commune=None)[:2]
    p = services.petition_submit(
        commune=commune, content="Đường sạt lở.", village=v1, received_on=date(2026, 3, 2)
    )
    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert (stats.received, stats.by_field, stats.by_village) == (1, [("Chưa phân loại", 1)], [("Thôn 1", 1)])
    # Classified to a field: moves from "not classified" to that field.
    services.petition_classify(
        petition=p, kind="feedback", eligible=True, field=land, unit=unit, by=people.coordinator
    )
    assert public_statistics(commune=commune, year=2026, today=TODAY).by_field == [(land.name, 1)]
    # Resolved late, then reopened: no longer resolved nor late; answered again on time.
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    late_day = p.resolve_due + timedelta(days=3)
    services.petition_resolve(petition=p, answer="Đã sửa.", on=late_day, by=people.leader)
    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert (stats.resolved, stats.on_time, stats.late) == (1, 0, 1)
    services.petition_reopen(petition=p, reason="Chưa sửa xong.", by=people.leader)
    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert (stats.received, stats.resolved, stats.late) == (1, 0, 0)
    reopened = services.petition_start_verification(petition=Petition.objects.get(pk=p.pk), by=people.officer)
    services.petition_resolve(
        petition=reopened, answer="Đã sửa xong.", on=reopened.resolve_due, by=people.leader
    )
    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert (stats.resolved, stats.on_time, stats.late) == (1, 1, 0)
    # A petition split in two: counted through its two parts, not itself.
    q = services.petition_submit(
        commune=commune, content="Hai việc.", village=v1, received_on=date(2026, 5, 6)
    )
    services.petition_split(
        petition=q,
        parts=[{"content": "Việc 1"}, {"content": "Việc 2", "kind": "complaint"}],
        by=people.coordinator,
    )
    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert stats.received == 3 and stats.by_month[4] == 2
    # Writes that bypass the services (the admin, a fix in the shell) are counted too.
    Petition.objects.filter(pk=p.pk).update(field=env, village=None)
    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert (env.name, 1) in stats.by_field and ("Không rõ thôn", 1) in stats.by_village
    Petition.objects.filter(parent=q).delete()
    assert public_statistics(commune=commune, year=2026, today=TODAY).received == 1
    assert stored() == counted()


def test_rebuild_is_idempotent_and_repairs_what_a_load_without_triggers_left(
    commune, neighbour, people, unit
):
    from tests.reports.conftest import add_petitions

    add_petitions(commune)
    add_petitions(neighbour, n_on_time=2, n_late=3, year=2025)
    right = stored()
    assert right == counted() and right
    # A bulk load with triggers off leaves the tallies wrong; the rebuild puts them right, every time.
    PetitionTally.objects.filter(commune=commune).update(received=99)
    PetitionTally.objects.filter(commune=neighbour).delete()
    tallies_rebuild(communes=[neighbour.code])
    assert {k: v for k, v in stored().items() if k[0] == neighbour.code} == {
        k: v for k, v in right.items() if k[0] == neighbour.code
    }
    assert stored() != right  # the other commune was left alone
    call_command("rebuild_aggregates")
    call_command("rebuild_aggregates")
    assert stored() == right
    call_command("rebuild_aggregates", commune=[commune.code])
    assert stored() == right


def test_the_command_refuses_an_unknown_commune(commune):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không có xã/phường mã 99999"):
        call_command("rebuild_aggregates", commune=["99999"])


def test_whole_months_of_a_period():
    assert whole_months(date(2026, 1, 1), date(2026, 6, 30)) == (date(2026, 1, 1), date(2026, 6, 1))
    assert whole_months(date(2025, 12, 15), date(2026, 3, 10)) == (date(2026, 1, 1), date(2026, 2, 1))
    assert whole_months(date(2026, 3, 3), date(2026, 3, 20)) is None
    assert whole_months(date(2026, 2, 1), date(2026, 2, 28)) == (date(2026, 2, 1), date(2026, 2, 1))
    assert whole_months(date(2024, 12, 2), date(2025, 1, 30)) is None


def test_statistics_queries_do_not_grow_with_petitions_or_villages(
    commune, people, django_assert_num_queries
):
    from tests.reports.conftest import add_petitions

    add_petitions(commune)
    with django_assert_num_queries(1):
        small = public_statistics(commune=commune, year=2026, today=TODAY)
    for extra in range(5):
        Village.objects.create(commune=commune, name=f"Thôn mới {extra}")
    for _ in range(10):
        add_petitions(commune)
    with django_assert_num_queries(1):
        large = public_statistics(commune=commune, year=2026, today=TODAY)
    assert large.received == 11 * small.received
