"""Staff pages cost the same whatever the commune's history (issue 21): each page makes the same number of
queries after ten times more old cases (answered, closed, a few forgotten open ones) and older plans.
Time is measured by bench/bench_staff_pages.py, never here; these tests count queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.org.models import Unit
from danvan.petitions import rules, services
from danvan.petitions.models import Petition
from danvan.petitions.tracking import new_tracking_code
from danvan.plans.models import Plan, Task, Timeframe
from danvan.web import inbox
from tests.petitions.conftest import accepted, submit

# Old cases as a commune's history holds them: mostly closed or answered, one in twenty forgotten open.
HISTORY_STATUSES = ["closed"] * 12 + ["resolved"] * 6 + ["received", "verifying"]


def add_history(commune, unit, n: int) -> None:
    """`n` old cases, received one to five years ago, written in bulk (no service: this is the past)."""
    today = date.today()
    rows = []
    for i in range(n):
        status = HISTORY_STATUSES[i % len(HISTORY_STATUSES)]
        received = today - timedelta(days=365 + (i * 37) % 1460)
        rows.append(
            Petition(
                commune=commune,
                tracking_code=new_tracking_code(),
                received_on=received,
                kind="feedback",
                kind_hint="feedback",
                status=status,
                content=f"Phản ánh cũ số {i}",
                unit=unit,
                eligible=True,
                process_due=received + timedelta(days=14),
                resolve_due=received + timedelta(days=40) if status != "received" else None,
                answer="Đã giải quyết." if status in ("resolved", "closed") else "",
                answered_on=received + timedelta(days=30) if status in ("resolved", "closed") else None,
            )
        )
    Petition.objects.bulk_create(rows)


def add_old_plans(commune, n: int) -> None:
    units = list(Unit.objects.filter(commune=commune))
    for k in range(n):
        plan = Plan.objects.create(
            commune=commune, title=f"Kế hoạch năm {2020 - k}", year=2020 - k, status="closed"
        )
        for i in range(5):
            task = Task.objects.create(
                plan=plan,
                ref=f"{i + 1}",
                order=i,
                content=f"Việc {i + 1}",
                timeframe=Timeframe.BY_DATE,
                due_date=date(2020 - k, 6, 30),
                status="done",
            )
            task.lead_units.add(units[i % len(units)])


@pytest.fixture
def unit(commune, people) -> Unit:
    """Phòng Kinh tế, where `people.officer` works."""
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def workload(commune, people, unit, monkeypatch):
    """Today's work: cases waiting at each step (some the officer's unit's), and the issued plan."""
    # A small read limit, so that the larger history passes it (the home then shows "N+").
    monkeypatch.setattr(inbox, "RESOLVED_READ_LIMIT", 5)
    submit(commune, "feedback", received_on=date.today() - timedelta(days=2))
    case = accepted(commune, people, unit, "complaint")
    services.petition_start_verification(petition=case, by=people.officer)
    accepted(commune, people, unit, "feedback")
    plan = Plan.objects.create(
        commune=commune, title="Kế hoạch dân vận", year=date.today().year, status="issued"
    )
    for i in range(4):
        task = Task.objects.create(
            plan=plan,
            ref=f"{i + 1}",
            order=i,
            content=f"Nhiệm vụ {i + 1}",
            timeframe=Timeframe.BY_DATE,
            due_date=date.today() + timedelta(days=30 * i - 20),
        )
        task.lead_units.add(unit)
    add_history(commune, unit, 20)
    return {"case": case, "plan": plan}


PAGES = {
    "home, coordinator": ("coordinator", "/"),
    "home, leader": ("leader", "/"),
    "home, unit officer": ("officer", "/"),
    "petition list": ("coordinator", "/don-thu/"),
    "petition list, overdue": ("coordinator", "/don-thu/?overdue=on"),
    "deadlines": ("coordinator", "/don-thu/han-xu-ly/"),
    "petition detail": ("coordinator", "/don-thu/{case}/"),
    "plan overview": ("leader", "/ke-hoach/{plan}/"),
}


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("page", PAGES)
def test_a_staff_page_makes_the_same_queries_with_ten_times_the_history(
    client, commune, people, unit, workload, page
):
    who, path = PAGES[page]
    client.force_login(getattr(people, who))
    url = f"/lam-viec/{commune.code}" + path.format(case=workload["case"].pk, plan=workload["plan"].pk)
    client.get(url)  # warm: the session row, the calendar
    small = _queries(client, url)
    add_history(commune, unit, 200)
    add_old_plans(commune, 3)
    large = _queries(client, url)
    assert len(large) == len(small), "\n".join(large)


def test_the_home_reads_a_bounded_number_of_answered_cases_and_says_there_are_more(
    client, commune, people, unit, workload
):
    add_history(commune, unit, 200)  # 60 answered cases waiting to be closed, more than the limit (5)
    box = inbox.inbox_for(user=people.coordinator, commune=commune, today=date.today())
    close = next(b for b in box.buckets if b.key == "close")
    assert (close.count, close.capped) == (5, True)
    assert len(close.shown) == 5
    # The oldest first, as before.
    oldest = Petition.objects.filter(commune=commune, status="resolved").order_by("received_on", "id").first()
    assert close.shown[0].url.endswith(f"/don-thu/{oldest.pk}/")
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "Đơn đã trả lời, chờ kết thúc hồ sơ (5+)" in page
    # Open cases are all counted: the forgotten old ones are work too.
    classify = next(b for b in box.buckets if b.key == "classify")
    open_received = Petition.objects.filter(commune=commune, status="received").count()
    assert (classify.count, classify.capped) == (open_received, False)


def test_the_petition_list_counts_only_a_few_pages_ahead(client, commune, people, unit, monkeypatch):
    from danvan.petitions.views import common, lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 5)
    monkeypatch.setattr(common, "PAGES_AHEAD", 2)
    add_history(commune, unit, 40)
    client.force_login(people.coordinator)
    first = client.get(f"/lam-viec/{commune.code}/don-thu/").content.decode()
    assert "Hơn 15 đơn." in first and "Trang 1/3+" in first
    # Further pages stay reachable; near the end the count is exact.
    last = client.get(f"/lam-viec/{commune.code}/don-thu/?trang=8").content.decode()
    assert "40 đơn." in last and "Trang 8/8<" in last


def test_the_partial_indexes_cover_the_statuses_the_rules_call_open():
    """The deadline indexes name their statuses as literals (a model cannot import its rules)."""
    by_name = {i.name: i for i in Petition._meta.indexes}
    pending = set(by_name["petition_pending_accept_due"].condition.children[0][1])
    resolving = set(by_name["petition_open_due"].condition.children[0][1])
    assert pending == set(rules.PENDING_PROCESSING)
    assert resolving == set(rules.BEING_RESOLVED)


def test_the_home_counts_late_tasks_as_the_late_list_does(client, commune, people, unit, workload):
    """The home's alarm is a COUNT now (not the late list loaded and measured): the same tasks."""
    from danvan.plans.selectors import late_tasks, late_tasks_queryset

    plan = workload["plan"]
    past = date.today() - timedelta(days=10)
    for ref, timeframe, status in [
        ("9", Timeframe.BY_DATE, "done"),  # done: not late
        ("11", Timeframe.BY_DATE, "in_progress"),  # late
    ]:
        Task.objects.create(
            plan=plan,
            ref=ref,
            order=int(ref),
            content=f"Việc {ref}",
            timeframe=timeframe,
            due_date=past,
            status=status,
        )
    expected = len(late_tasks(commune=commune, today=date.today()))
    assert late_tasks_queryset(commune=commune, today=date.today()).count() == expected == 2
    client.force_login(people.leader)
    page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert f"{expected} nhiệm vụ trễ hạn" in page
