"""Scoring (issue 14): the province's ranking of its communes and a commune's ranking of its units, time
and SQL queries; 124 communes, 12,400 tasks with their progress, 62,000 petitions, commitments, reception
days and disclosures.

Run from the repository root:
    .venv/bin/python bench/bench_scoring.py                       # SQLite (a temporary file)
    .venv/bin/python bench/bench_scoring.py --postgres postgres://postgres@127.0.0.1:5432/danvan_bench_scoring
The database is created for the run and dropped after it. What is timed is `scoring.selectors.ranking`:
every computed criterion measured from the data for every commune (or unit), the sheets, totals, bands
and ranks. The query count must be the same for 124 and for 12 communes.
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
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

N_COMMUNES = 124
TASKS_PER_COMMUNE = 100
PETITIONS_PER_COMMUNE = 500
TODAY = date(2026, 11, 20)
_T0 = time.perf_counter()


def stage(what: str) -> None:
    print(f"[{time.perf_counter() - _T0:6.0f} s] {what}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="PostgreSQL URL; the database named in it is created and dropped")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
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
        t0 = time.perf_counter()
        province, first = generate()
        gen_s = time.perf_counter() - t0
        result = measure(province, first, args.runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor}; data generated in {gen_s:.0f} s")
    print(
        f"{N_COMMUNES} communes, {N_COMMUNES * TASKS_PER_COMMUNE:,} tasks, "
        f"{N_COMMUNES * PETITIONS_PER_COMMUNE:,} petitions; {args.runs} runs after 1 warm-up"
    )
    print("| measure | value |")
    print("|---|---:|")
    for key, value in result.items():
        print(f"| {key} | {value} |")
    ok = (
        result["queries, province ranking (124 communes)"]
        == result["queries, province ranking (12 communes)"]
    )
    print("query count independent of the number of communes:", "yes" if ok else "NO")
    sys.exit(0 if ok else 1)


def generate():
    from django.db import transaction

    from danvan.engagement.models import Commitment, Dialogue, ReceptionSession
    from danvan.geo.models import Commune, Province
    from danvan.org.models import Unit
    from danvan.petitions.models import Field, Petition
    from danvan.plans.models import Plan, Task, TaskProgress

    rng = random.Random(2026)
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    time_of_day = dtime(10, 0)
    stage("generating")
    with transaction.atomic():
        province = Province.objects.create(code="68", name="Lâm Đồng", division_type="tỉnh", slug="lam-dong")
        communes = Commune.objects.bulk_create(
            Commune(
                code=f"{30000 + i:05d}",
                province=province,
                name=f"Xã Thử {i:03d}",
                division_type="xã",
                slug=f"xa-thu-{i:03d}",
                is_active=True,
            )
            for i in range(N_COMMUNES)
        )
        Unit.objects.bulk_create(
            Unit(commune=c, name=name)
            for c in communes
            for name in ("Văn phòng", "Phòng Kinh tế", "Phòng VHXH", "Công an xã", "Trung tâm PVHCC")
        )
        units: dict[str, list] = {}
        for u in Unit.objects.filter(commune__in=communes):
            units.setdefault(u.commune_id, []).append(u)
        plans = Plan.objects.bulk_create(
            Plan(
                commune=c,
                title="Kế hoạch dân vận chính quyền năm 2026",
                year=2026,
                issued_on=date(2026, 1, 15),
                status=Plan.Status.ISSUED,
            )
            for c in communes
        )
        tasks = Task.objects.bulk_create(
            Task(
                plan=p,
                ref=f"{i}.",
                content=f"Nhiệm vụ {i}",
                timeframe="by_date",
                due_date=date(2026, 1, 31) + timedelta(days=rng.randrange(0, 280)),
                status=rng.choice([Task.Status.DONE, Task.Status.DONE, Task.Status.IN_PROGRESS]),
            )
            for p in plans
            for i in range(TASKS_PER_COMMUNE)
        )
        through = Task.lead_units.through
        through.objects.bulk_create(
            through(task_id=t.pk, unit_id=rng.choice(units[p.commune_id]).pk)
            for t, p in ((t, plans[k // TASKS_PER_COMMUNE]) for k, t in enumerate(tasks))
        )
        done = [t for t in tasks if t.status == "done"]
        progress = TaskProgress.objects.bulk_create(
            TaskProgress(task=t, text="Đã xong", percent=100, status="done") for t in done
        )
        for p, t in zip(progress, done, strict=True):
            # Most on time, some a few days late.
            p.at = datetime.combine(t.due_date + timedelta(days=rng.randrange(-10, 5)), time_of_day, tz)
        TaskProgress.objects.bulk_update(progress, ["at"], batch_size=2000)
        field = Field.objects.filter(commune=None).first()
        n = 0
        rows = []
        for c in communes:
            for _ in range(PETITIONS_PER_COMMUNE):
                n += 1
                received = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
                due = received + timedelta(days=30)
                answered = received + timedelta(days=rng.randrange(5, 40))
                rows.append(
                    Petition(
                        commune=c,
                        tracking_code=f"B{n:011d}",
                        received_on=received,
                        kind="feedback",
                        content="Phản ánh đường sá",
                        field=field,
                        unit=rng.choice(units[c.code]),
                        status="resolved",
                        resolve_due=due,
                        answered_on=answered,
                    )
                )
        Petition.objects.bulk_create(rows, batch_size=5000)
        dialogues = Dialogue.objects.bulk_create(
            Dialogue(
                commune=c,
                on=date(2026, 4, 10),
                start_time=datetime.min.time(),
                place="Hội trường",
                chair_name="Chủ tịch",
                topic="Đối thoại",
                status="held",
                held_on=date(2026, 4, 10),
            )
            for c in communes
        )
        Commitment.objects.bulk_create(
            Commitment(
                commune_id=d.commune_id,
                source="dialogue",
                dialogue=d,
                content="Cam kết",
                unit=rng.choice(units[d.commune_id]),
                due_on=date(2026, 8, 31),
                status="done",
                done_on=date(2026, 8, rng.randrange(1, 31)),
            )
            for d in dialogues
            for _ in range(10)
        )
        ReceptionSession.objects.bulk_create(
            ReceptionSession(
                commune=c,
                on=date(2026, 1, 5) + timedelta(weeks=w),
                start_time=datetime.min.time(),
                place="Trụ sở",
                host_role="chairman",
                end_time=dtime(11, 0),
            )
            for c in communes
            for w in range(0, 45)
            if rng.random() < 0.9
        )
    return province, communes[0]


def measure(province, first, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.scoring import selectors, services

    stage("frameworks")
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("bench", password=None)  # never logs in
    fw = services.framework_create_default(by=admin, province=province, year=2026, subject="communes")
    unit_fw = services.framework_create_default(by=admin, commune=first, year=2026)

    def timed(fn):
        fn()
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    def queries(fn):
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    stage("measuring")
    from danvan.geo.models import Commune

    twelve = list(
        Commune.objects.filter(province=province).order_by("code").values_list("code", flat=True)[:12]
    )
    full = lambda: selectors.ranking(framework=fw, as_of=TODAY)  # noqa: E731
    small = lambda: selectors.ranking(framework=fw, as_of=TODAY, only=twelve)  # noqa: E731
    units = lambda: selectors.ranking(framework=unit_fw, as_of=TODAY)  # noqa: E731
    ranking = full()
    return {
        "province ranking, 124 communes (median s)": f"{timed(full):.3f}",
        "province ranking, 12 communes (median s)": f"{timed(small):.3f}",
        "queries, province ranking (124 communes)": queries(full),
        "queries, province ranking (12 communes)": queries(small),
        "commune ranking of its 5 units (median s)": f"{timed(units):.3f}",
        "queries, commune ranking": queries(units),
        "best / worst total (of 100)": f"{ranking.rows[0].total} / {ranking.rows[-1].total}",
    }


if __name__ == "__main__":
    main()
