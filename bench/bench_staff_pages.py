"""Staff pages at 1× and 10× history (issue 21): queries and median time of each page, and their ratio.

Run from the repository root (PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres):

    .venv/bin/python bench/bench_staff_pages.py [--communes 20] [--probe 3000] [--factor 10]
        [--runs 30] [--database danvan_bench_staff] [--keep] [--markdown out.md]
        [--profile DIR] [--explain DIR]

What it does:
1. creates the database (dropped at the end unless --keep), migrates, activates `--communes` real
   communes through the project's services (`bench/petitions_load/data.py`) and gives every other
   commune 1,000 petitions by COPY, so the probe commune is not alone in the tables;
2. the probe commune gets a leader, a coordinator and a unit officer (each signed in with the second
   factor, as in real use), an issued plan of 60 tasks and `--probe` petitions spread over the last
   two years (the same distribution as the load test);
3. measures each staff page as its user sees it (Django's test client, the whole middleware stack):
   SQL queries of one request, then the median of `--runs` requests after two warm-ups;
4. adds history: (factor − 1) × `--probe` older petitions (drawn from the same distribution's
   petitions older than 60 days — answered, closed, and the few forgotten open ones — then moved
   2 to 18 years back with every date they carry) and (factor − 1) older closed plans; the recent
   workload stays the same, only the history grows. VACUUM ANALYZE, measure again;
5. prints a Markdown table: queries and median ms at 1× and at 10×, and the ratio of the medians
   (target ≈ 1: a page's cost must not grow with the commune's history).

`--profile DIR` writes a pyinstrument profile (text) of each page at 10× (pip install pyinstrument);
`--explain DIR` writes EXPLAIN ANALYZE of every query of each page that took over 1 ms, at 10×.
Exit status 1 if any page's query count grows with the history or a page does not answer 200.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
OTHER_COMMUNE_PETITIONS = 1_000
PLAN_TASKS = 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--probe", type=int, default=3_000, help="petitions of the probe commune at 1×")
    parser.add_argument("--factor", type=int, default=10, help="history multiplier of the second run")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument("--host", default="127.0.0.1", help="PostgreSQL host (loopback only)")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--database", default="danvan_bench_staff")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles (at 10×) here")
    parser.add_argument("--explain", type=Path, help="write EXPLAIN ANALYZE of slow queries (at 10×) here")
    args = parser.parse_args()
    if args.host not in LOOPBACK:
        parser.error("--host must be a loopback address")
    if not 2 <= args.communes <= 200 or not 100 <= args.probe <= 200_000 or not 2 <= args.factor <= 50:
        parser.error("need 2–200 communes, 100–200,000 probe petitions, a factor of 2–50")

    tmp = tempfile.TemporaryDirectory(prefix="danvan-bench-staff-")
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@{args.host}:{args.pg_port}/{args.database}",
            "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
            "DANVAN_DATA_DIR": tmp.name,
            "BENCH_CACHE_DIR": str(Path(tmp.name) / "cache"),
            "DANVAN_LOG_LEVEL": "WARNING",
        }
    )
    (Path(tmp.name) / "staticfiles").mkdir()
    from petitions_load import data

    data.recreate_database(args.host, args.pg_port, args.database)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone

        call_command("migrate", verbosity=0)
        setup = data.setup_communes(args.communes)
        conn_info = {"host": args.host, "port": args.pg_port, "user": "postgres", "dbname": args.database}
        today = timezone.localdate()
        probe, others = setup.communes[0], setup.communes[1:]
        log(f"{len(setup.communes)} communes; probe {probe.code}")

        gen = data.Generator(data.Setup(others, setup.fields, setup.staff_password), today, seed=7)
        data.load_petitions(conn_info, data.Renderer(gen, pool=5_000), OTHER_COMMUNE_PETITIONS * len(others))
        gen = data.Generator(data.Setup([probe], setup.fields, setup.staff_password), today, seed=8)
        data.load_petitions(conn_info, data.Renderer(gen, pool=5_000), args.probe)
        data.vacuum_analyze(conn_info)
        pages = prepare_pages(probe, today, setup.staff_password)
        log(f"1×: {args.probe} petitions in the probe commune; measuring {len(pages)} pages")
        small = measure(pages, args.runs)

        add_history(conn_info, data, setup, probe, today, extra=args.probe * (args.factor - 1))
        add_old_plans(probe, today, args.factor - 1)
        data.vacuum_analyze(conn_info)
        log(f"{args.factor}×: history added; measuring again")
        large = measure(pages, args.runs)
        if args.profile:
            profile(pages, args.profile)
        if args.explain:
            explain(pages, args.explain)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            data.drop_database(args.host, args.pg_port, args.database)

    text = "\n".join(report(args, small, large))
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    same = all(small[name]["queries"] == large[name]["queries"] for name in small)
    ok = all(r["status"] == 200 for r in [*small.values(), *large.values()])
    print("query counts independent of history:", "yes" if same else "NO")
    print("every page answered 200:", "yes" if ok else "NO")
    return 0 if same and ok else 1


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- the probe commune's people, plan and pages ---------------------------------------------------------


def signed_in(user):
    """A test client signed in as `user`, with the second factor given as the code page gives it (the
    same django-otp device lookup then runs on every request, as in production)."""
    from django.http import HttpRequest
    from django.test import Client
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.rules import TOTP_DEVICE_NAME, must_use_two_factor

    client = Client()
    client.force_login(user)
    if must_use_two_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
        request = HttpRequest()
        request.session = client.session
        request.user = user
        otp_login(request, device)
        request.session.save()
    return client


def prepare_pages(probe, today, password: str) -> dict[str, tuple]:
    """The probe commune's leader and unit officer, its issued plan, and the pages to measure."""
    from django.contrib.auth import get_user_model

    from danvan.geo.models import Commune
    from danvan.org.models import Role, Unit
    from danvan.org.services import membership_grant, staff_user_create
    from danvan.petitions.models import Petition
    from danvan.plans.models import Plan

    commune = Commune.objects.get(pk=probe.pk)
    units = list(Unit.objects.filter(commune=commune).order_by("sort_order", "id"))
    # The unit with the most open cases, so the officer's inbox is not empty.
    busiest = max(
        units,
        key=lambda u: Petition.objects.filter(unit=u, status__in=["accepted", "verifying"]).count(),
    )
    leader = staff_user_create(
        username=f"lanh-dao-{probe.code}", full_name="Lãnh đạo Đo", password=password, by=None
    )
    membership_grant(user=leader, role=Role.COMMUNE_LEADER, commune=commune, by=None)
    officer = staff_user_create(
        username=f"can-bo-{probe.code}", full_name="Cán bộ Đo", password=password, by=None
    )
    membership_grant(user=officer, role=Role.UNIT_OFFICER, commune=commune, unit=busiest, by=None)
    coordinator = get_user_model().objects.get(pk=probe.staff_id)
    plan = plan_with_tasks(commune, units, year=today.year, status=Plan.Status.ISSUED, today=today)
    # A recent case still being handled: its page has actions, steps and duplicate candidates.
    case = Petition.objects.filter(commune=commune, status="verifying").order_by("-received_on").first()
    c, lead, off = signed_in(coordinator), signed_in(leader), signed_in(officer)
    base = f"/lam-viec/{probe.code}"
    return {
        # The reference: the whole middleware stack for a signed-in staff member, no query of its own.
        "minimal view (signed in)": (c, "/bench/minimal/"),
        "home (coordinator)": (c, f"{base}/"),
        "home (leader)": (lead, f"{base}/"),
        "home (unit officer)": (off, f"{base}/"),
        "petition list": (c, f"{base}/don-thu/"),
        "petition list, overdue filter": (c, f"{base}/don-thu/?overdue=on"),
        "overdue list": (c, f"{base}/don-thu/han-xu-ly/"),
        "petition detail": (c, f"{base}/don-thu/{case.pk}/"),
        "plan overview": (lead, f"{base}/ke-hoach/{plan.pk}/"),
    }


def plan_with_tasks(commune, units, *, year: int, status: str, today):
    from danvan.plans.models import Plan, Task, Timeframe

    plan = Plan.objects.create(
        commune=commune, title=f"Kế hoạch công tác dân vận năm {year}", year=year, status=status
    )
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            ref=f"II.{i + 1}",
            order=i,
            content=f"Nhiệm vụ số {i + 1} của kế hoạch năm {year}",
            timeframe=Timeframe.BY_DATE,
            due_date=today.replace(year=year) + timedelta(days=30 * (i % 12) - 150),
            status="done" if status == Plan.Status.CLOSED else "not_started",
        )
        for i in range(PLAN_TASKS)
    )
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=t.pk, unit_id=units[i % len(units)].pk) for i, t in enumerate(tasks)
    )
    Task.coordinating_units.through.objects.bulk_create(
        Task.coordinating_units.through(task_id=t.pk, unit_id=units[(i + 1) % len(units)].pk)
        for i, t in enumerate(tasks)
    )
    return plan


def add_old_plans(probe, today, count: int) -> None:
    from danvan.geo.models import Commune
    from danvan.org.models import Unit
    from danvan.plans.models import Plan

    commune = Commune.objects.get(pk=probe.pk)
    units = list(Unit.objects.filter(commune=commune).order_by("sort_order", "id"))
    for k in range(1, count + 1):
        plan_with_tasks(commune, units, year=today.year - k, status=Plan.Status.CLOSED, today=today)


def add_history(conn_info, data, setup, probe, today, *, extra: int) -> None:
    """`extra` older petitions of the probe commune: the generator's petitions older than 60 days (its
    distribution for answered cases), then moved back by 2 to 18 years with every date they carry."""
    import psycopg

    from danvan.petitions.models import Petition, PetitionStep

    gen = data.Generator(data.Setup([probe], setup.fields, setup.staff_password), today, seed=9)
    renderer = data.Renderer(gen, pool=5_000)
    received = [key for _, key, _ in renderer.p_cols].index("received_on")
    cutoff = (today - timedelta(days=60)).isoformat()
    renderer.shapes = [s for s in renderer.shapes if s.cells[received] < cutoff]
    with psycopg.connect(**conn_info) as conn:
        # Table names come from the models, values are parameters.
        first = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Petition._meta.db_table}").fetchone()[0]  # noqa: S608
    data.load_petitions(conn_info, renderer, extra)
    p, s = Petition._meta.db_table, PetitionStep._meta.db_table
    days = "(((id %% 9) + 1) * 730)::int"
    date_cols = [
        "received_on",
        "process_due",
        "accept_due",
        "notify_due",
        "resolve_due",
        "accepted_on",
        "answered_on",
        "decision_known_on",
    ]
    sets = ", ".join(f"{c} = {c} - {days}" for c in date_cols)
    stamps = ", ".join(
        f"{c} = {c} - make_interval(days => {days})" for c in ("created_at", "updated_at", "rated_at")
    )
    with psycopg.connect(**conn_info) as conn:
        conn.execute(f"UPDATE {p} SET {sets}, {stamps} WHERE id > %s AND commune_id = %s", [first, probe.pk])  # noqa: S608
        shift = "make_interval(days => (((petition_id %% 9) + 1) * 730)::int)"
        conn.execute(f"UPDATE {s} SET at = at - {shift} WHERE petition_id > %s", [first])  # noqa: S608
        conn.commit()


# --- measuring ----------------------------------------------------------------------------------------


def measure(pages: dict[str, tuple], runs: int) -> dict[str, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for name, (client, url) in pages.items():
        for _ in range(2):
            client.get(url)  # warm: templates, the calendar, the session row
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = len(ctx.captured_queries)
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        out[name] = {
            "status": response.status_code,
            "queries": queries,
            "sql_ms": sql_ms,
            "median": statistics.median(times),
            "p95": sorted(times)[max(0, int(len(times) * 0.95) - 1)],
        }
        log(f"{name}: {response.status_code}, {queries} queries, median {out[name]['median']:.1f} ms")
    return out


def profile(pages: dict[str, tuple], folder: Path) -> None:
    from pyinstrument import Profiler

    folder.mkdir(parents=True, exist_ok=True)
    for name, (client, url) in pages.items():
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(20):
            client.get(url)
        profiler.stop()
        slug = name.replace(" ", "-").replace(",", "").replace("(", "").replace(")", "")
        (folder / f"{slug}.txt").write_text(
            profiler.output_text(unicode=True, show_all=False), encoding="utf-8"
        )


def explain(pages: dict[str, tuple], folder: Path) -> None:
    """EXPLAIN ANALYZE of each query over 1 ms, per page (the statements as PostgreSQL received them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    folder.mkdir(parents=True, exist_ok=True)
    for name, (client, url) in pages.items():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        lines = []
        for q in ctx.captured_queries:
            sql = q["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cur.fetchall()]
            took = float(plan[-1].split(":")[1].split()[0]) if plan[-1].startswith("Execution") else 0.0
            if took > 1.0:
                lines += [f"-- {took:.2f} ms", sql, *plan, ""]
        slug = name.replace(" ", "-").replace(",", "").replace("(", "").replace(")", "")
        (folder / f"{slug}.txt").write_text("\n".join(lines) or "no query over 1 ms\n", encoding="utf-8")


def report(args, small: dict, large: dict) -> list[str]:
    from django.db import connection

    f = args.factor
    out = [
        f"Staff pages, probe commune with {args.probe:,} petitions (1×) and {args.probe * f:,} ({f}×), "
        f"{args.communes} communes, {connection.vendor}; "
        f"median of {args.runs} requests through Django's test client (whole middleware stack), one run; "
        f"load average {os.getloadavg()[0]:.1f}.",
        "",
        f"| page | queries 1× | queries {f}× | SQL ms 1× | SQL ms {f}× | median ms 1× | median ms {f}× "
        f"| p95 ms {f}× | {f}× / 1× |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in small:
        a, b = small[name], large[name]
        out.append(
            f"| {name} | {a['queries']} | {b['queries']} | {a['sql_ms']:.1f} | {b['sql_ms']:.1f} | "
            f"{a['median']:.1f} | {b['median']:.1f} | {b['p95']:.1f} | {b['median'] / a['median']:.2f} |"
        )
    return out


if __name__ == "__main__":
    sys.exit(main())
