"""Province and national roll-up (issues 5 and 21): time and SQL queries.

Run from the repository root:
    .venv/bin/python bench/bench_reports.py                       # SQLite (a temporary file)
    .venv/bin/python bench/bench_reports.py --postgres postgres://postgres@127.0.0.1:5432/danvan_bench_reports
    .venv/bin/python bench/bench_reports.py --national --postgres postgres://postgres@127.0.0.1:5432/danvan_bench_national
The default is one province: 124 communes, 250,000 petitions, 12,000 tasks. `--national` (PostgreSQL
only) is every commune of Vietnam: 3,321 communes in 34 provinces, 10,000,000 petitions (`--petitions`;
about 3,000 a commune over two years) written by one INSERT…SELECT per million with the petitions'
triggers off, then `rebuild_aggregates` (timed), and the same tasks per commune as the province; it
times the national roll-up (every provider's key figures for all communes at once), one province's
roll-up, and the public statistics of single communes, each against the same figures counted from
the raw petitions as before the tallies, in the same run, with `EXPLAIN ANALYZE` of each query
(`--explain`).
The database is created for the run and dropped after it. What is timed is
`reports.selectors.province_overview` (every module's key figures for every commune, who reported
and who is late): the figures before any document is rendered; the target is under 2 s. The query
count must be the same for 124 and for 12 communes.
Rendering the roll-up .docx is timed separately, for information.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

N_COMMUNES = 124
N_PETITIONS = int(os.environ.get("BENCH_PETITIONS", "250000"))
N_TASKS = 12_000
TASKS_PER_COMMUNE = N_TASKS / N_COMMUNES
NATIONAL_COMMUNES, NATIONAL_PROVINCES = 3321, 34
START, END = date(2026, 1, 1), date(2026, 6, 30)
TODAY = date(2026, 8, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="PostgreSQL URL; the database named in it is created and dropped")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--national", action="store_true", help="3,321 communes, 10M petitions (PostgreSQL)")
    parser.add_argument("--petitions", type=int, default=10_000_000, help="with --national")
    parser.add_argument("--communes", type=int, default=NATIONAL_COMMUNES, help="with --national")
    parser.add_argument("--explain", action="store_true", help="with --national: EXPLAIN ANALYZE each query")
    args = parser.parse_args()
    if args.national and not args.postgres:
        parser.error("--national needs --postgres")
    tmp = tempfile.TemporaryDirectory()
    db_name = None
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
        db_name = args.postgres.rsplit("/", 1)[-1]
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    os.environ["DANVAN_DATA_DIR"] = tmp.name
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    test_name = db_name or f"{tmp.name}/bench-test.sqlite3"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = test_name
    connection.settings_dict.setdefault("TEST", {})["NAME"] = test_name
    stage("creating the database (migrations)")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if args.national:
            import bench_reports_national as national

            sys.exit(national.run(args, generate))
        t0 = time.perf_counter()
        province = generate()
        gen_s = time.perf_counter() - t0
        result = measure(province, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; data generated in {gen_s:.0f} s")
    print(
        f"{N_COMMUNES} communes, {N_PETITIONS:,} petitions, {N_TASKS:,} tasks; "
        f"{args.runs} runs after 1 warm-up"
    )
    print("| measure | value |")
    print("|---|---:|")
    for key, value in result.items():
        print(f"| {key} | {value} |")
    ok = result["queries (124 communes)"] == result["queries (12 communes)"]
    print("query count independent of the number of communes:", "yes" if ok else "NO")
    sys.exit(0 if ok else 1)


_T0 = time.perf_counter()


def stage(what: str) -> None:
    print(f"[{time.perf_counter() - _T0:6.0f} s] {what}", file=sys.stderr, flush=True)


def generate(n_communes: int = N_COMMUNES, n_provinces: int = 1, n_petitions: int = N_PETITIONS):
    """Bulk-created data: communes with units and villages, one issued plan each with tasks and reporting
    periods, units' reports, petitions over 18 months, and issued reports for most communes. With
    several provinces the first has 124 communes and the others share the rest; the first is returned."""
    from django.db import transaction

    from danvan.geo.models import Commune, Province, Village
    from danvan.org.models import Unit
    from danvan.petitions.models import Field, Petition
    from danvan.plans.models import Plan, ReportingPeriod, Task, UnitReport
    from danvan.reports.models import Report

    rng = random.Random(2026)
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    with transaction.atomic():
        province = Province.objects.create(code="68", name="Lâm Đồng", division_type="tỉnh", slug="lam-dong")
        provinces = [province] + [
            Province.objects.create(
                code=f"{k:02d}", name=f"Tỉnh Thử {k}", division_type="tỉnh", slug=f"tinh-{k}"
            )
            for k in range(1, n_provinces)
        ]
        rest = max(n_communes - N_COMMUNES, 0)

        def province_of(i: int):
            if i < N_COMMUNES or n_provinces == 1:
                return province
            return provinces[1 + (i - N_COMMUNES) * (n_provinces - 1) // rest]

        communes = Commune.objects.bulk_create(
            (
                Commune(
                    code=f"{30000 + i:05d}",
                    province=province_of(i),
                    name=f"Xã Thử {i:04d}",
                    division_type="xã",
                    slug=f"xa-thu-{i:04d}",
                    is_active=True,
                )
                for i in range(n_communes)
            ),
            batch_size=2000,
        )
        Unit.objects.bulk_create(
            Unit(commune=c, name=name)
            for c in communes
            for name in ("Văn phòng", "Phòng Kinh tế", "Phòng VHXH", "Công an xã", "Trung tâm PVHCC")
        )
        Village.objects.bulk_create(
            Village(commune=c, name=f"Thôn {j}") for c in communes for j in range(1, 9)
        )
        units = {}
        for u in Unit.objects.filter(commune__in=communes):
            units.setdefault(u.commune_id, []).append(u)
        villages = {}
        for v in Village.objects.filter(commune__in=communes):
            villages.setdefault(v.commune_id, []).append(v)
        plans = Plan.objects.bulk_create(
            Plan(
                commune=c,
                title="Kế hoạch dân vận chính quyền năm 2026",
                number="10/KH-UBND",
                issued_on=date(2026, 1, 15),
                year=2026,
                status=Plan.Status.ISSUED,
            )
            for c in communes
        )
        n_tasks = round(TASKS_PER_COMMUNE * n_communes)
        per = n_tasks // n_communes
        tasks = []
        for i, plan in enumerate(plans):
            n = per + (1 if i < n_tasks - per * n_communes else 0)
            for k in range(n):
                dated = k % 5 != 0
                status = rng.choice(["not_started", "in_progress", "done"]) if dated else "in_progress"
                tasks.append(
                    Task(
                        plan=plan,
                        order=k,
                        ref=f"{k + 1}.",
                        content=f"Nhiệm vụ số {k + 1}",
                        timeframe="by_date" if dated else "ongoing",
                        due_date=date(2026, rng.randint(1, 12), 15) if dated else None,
                        status=status,
                    )
                )
        Task.objects.bulk_create(tasks, batch_size=2000)
        through = Task.lead_units.through
        links = []
        for t in Task.objects.filter(plan__in=plans).values_list("id", "plan__commune_id"):
            links.append(through(task_id=t[0], unit_id=rng.choice(units[t[1]]).pk))
        through.objects.bulk_create(links, batch_size=5000)
        periods = ReportingPeriod.objects.bulk_create(
            ReportingPeriod(plan=p, name="Báo cáo 6 tháng", kind="six_months", direction=d, due_date=due)
            for p in plans
            for d, due in (("units", date(2026, 6, 15)), ("province", date(2026, 7, 10)))
        )
        UnitReport.objects.bulk_create(
            UnitReport(
                period=p,
                unit=u,
                status="submitted",
                submitted_at=datetime(2026, 6, rng.randint(5, 25), 9, tzinfo=tz),
            )
            for p in periods
            if p.direction == "units"
            for u in units[p.plan.commune_id][:4]
        )
        stage("tasks and reports created; petitions next")
        fields = list(Field.objects.filter(commune=None)) or [Field.objects.create(name="Đất đai")]
        kinds = ["feedback"] * 6 + ["recommendation"] * 2 + ["complaint", "denunciation"]
        batch = []
        first_day = date(2025, 7, 1)
        for n in range(n_petitions):
            c = communes[n % n_communes]
            received = first_day + timedelta(days=rng.randint(0, 540))
            due = received + timedelta(days=30)
            status = rng.choice(["resolved", "closed", "accepted", "verifying", "received", "forwarded"])
            answered = (
                received + timedelta(days=rng.randint(5, 45)) if status in ("resolved", "closed") else None
            )
            batch.append(
                Petition(
                    commune=c,
                    tracking_code=f"B{n:010d}",
                    received_on=received,
                    kind=rng.choice(kinds),
                    status=status,
                    content="Nội dung thử",
                    field=rng.choice(fields),
                    village=rng.choice(villages[c.code]),
                    resolve_due=due,
                    answered_on=answered,
                )
            )
            if len(batch) == 5000:
                if n % 50_000 == 4999:
                    stage(f"{n + 1:,} petitions")
                Petition.objects.bulk_create(batch)
                batch = []
        Petition.objects.bulk_create(batch)
        Report.objects.bulk_create(
            Report(
                commune=c,
                kind="six_months",
                start=START,
                end=END,
                title="Báo cáo 6 tháng",
                status="issued",
                number=rng.randint(1, 40),
                number_year=2026,
                issued_on=date(2026, 7, rng.randint(1, 20)),
                signer_name="Người Ký",
                signer_title="CHỦ TỊCH",
            )
            for c in communes[: n_communes - 14]
        )
    return province


def measure(province, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.documents.nd30 import render_docx
    from danvan.geo.models import Commune
    from danvan.reports.selectors import province_overview, rollup_document

    def once():
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            overview = province_overview(province=province, start=START, end=END, today=TODAY)
            elapsed = time.perf_counter() - t
        return overview, elapsed, len(ctx.captured_queries)

    stage("measuring")
    from danvan.core.sections import providers

    communes = list(Commune.objects.filter(province=province, is_active=True))
    per_provider = {}
    for p in providers():
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            p.key_figures(communes, START, END)
            per_provider[p.key] = (time.perf_counter() - t, len(ctx.captured_queries))
        stage(f"provider {p.key}: {per_provider[p.key][0]:.3f} s, {per_provider[p.key][1]} queries")
    once()  # warm-up
    times, queries = [], set()
    for _ in range(runs):
        overview, elapsed, n = once()
        times.append(elapsed)
        queries.add(n)
    t = time.perf_counter()
    render_docx(rollup_document(overview, issued_on=TODAY))
    docx_s = time.perf_counter() - t
    late = overview.late
    # The same with 12 active communes: the query count must not change.
    keep = list(
        Commune.objects.filter(province=province).order_by("code").values_list("code", flat=True)[:12]
    )
    Commune.objects.filter(province=province).exclude(code__in=keep).update(is_active=False)
    _, _, n12 = once()
    Commune.objects.filter(province=province).update(is_active=True)
    return {
        **{
            f"key figures of `{k}` (first run), s / queries": f"{t:.3f} / {n}"
            for k, (t, n) in per_provider.items()
        },
        "roll-up figures, median s (124 communes)": f"{statistics.median(times):.3f}",
        "roll-up figures, max s": f"{max(times):.3f}",
        "queries (124 communes)": ", ".join(str(q) for q in sorted(queries)),
        "queries (12 communes)": str(n12),
        "communes late / reported": f"{late} / {overview.submitted}",
        "roll-up .docx rendering, s (for information)": f"{docx_s:.2f}",
    }


if __name__ == "__main__":
    main()
