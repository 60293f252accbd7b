"""Plan overview page (issue 3): SQL queries and render time for a small plan and for 200 tasks × 30 units.

Run from the repository root:  .venv/bin/python bench/bench_overview.py [--runs 20]
Uses a throw-away database: a temporary SQLite file, or the PostgreSQL server named by
BENCH_DATABASE_URL (a database `danvan_bench` is created and dropped). The point is the query count,
which must not grow with tasks or units; times are reported with the small plan as the reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    os.environ["DANVAN_DATA_DIR"] = tmp.name
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.STATIC_ROOT = ROOT / "src" / "danvan" / "web" / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = [measure(tasks, units, args.runs) for tasks, units in ((20, 8), (200, 30))]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    base = results[0]
    print(f"database: {connection.vendor}; {args.runs} runs each after 2 warm-up runs")
    print("| plan | queries | mean ms | median ms | p95 ms | time / small plan |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['tasks']} tasks × {r['units']} units | {r['queries']} | {r['mean']:.1f} | "
            f"{r['median']:.1f} | "
            f"{r['p95']:.1f} | {r['mean'] / base['mean']:.2f}× |"
        )
    same = len({r["queries"] for r in results}) == 1
    print("query count independent of size:", "yes" if same else "NO")
    sys.exit(0 if same else 1)


def measure(n_tasks: int, n_units: int, runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.geo.models import Commune, Province
    from danvan.org.models import Role, Unit
    from danvan.org.services import commune_activate, membership_grant
    from danvan.plans.models import Plan, Task, Timeframe

    province, _ = Province.objects.get_or_create(
        code="68", defaults={"name": "Lâm Đồng", "division_type": "tỉnh", "slug": "lam-dong"}
    )
    code = f"{90000 + n_tasks}"
    commune = Commune.objects.create(
        code=code, province=province, name=f"Xã Đo {n_tasks}", division_type="xã", slug=f"do-{n_tasks}"
    )
    commune_activate(commune=commune, by=None)
    for i in range(n_units - Unit.objects.filter(commune=commune).count()):
        Unit.objects.create(commune=commune, name=f"Đơn vị đo {i}", sort_order=200 + i)
    units = list(Unit.objects.filter(commune=commune))
    user = get_user_model().objects.create_user(f"bench{n_tasks}")
    membership_grant(user=user, role=Role.COORDINATOR, commune=commune, by=None)
    plan = Plan.objects.create(commune=commune, title="Kế hoạch đo hiệu năng", year=2026, status="issued")
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            ref=f"II.{i}",
            order=i,
            content=f"Nhiệm vụ số {i}",
            timeframe=Timeframe.BY_DATE,
            due_date=f"2026-{1 + i % 12:02d}-15",
        )
        for i in range(n_tasks)
    )
    Task.lead_units.through.objects.bulk_create(
        Task.lead_units.through(task_id=t.pk, unit_id=units[i % len(units)].pk) for i, t in enumerate(tasks)
    )
    Task.coordinating_units.through.objects.bulk_create(
        Task.coordinating_units.through(task_id=t.pk, unit_id=units[(i + 1) % len(units)].pk)
        for i, t in enumerate(tasks)
    )
    client = Client()
    client.force_login(user)
    url = f"/lam-viec/{code}/ke-hoach/{plan.pk}/"
    for _ in range(2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    # Read now: the log is cleared by the next request once the context has closed.
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "tasks": n_tasks,
        "units": len(units),
        "queries": queries,
        "mean": statistics.mean(times),
        "median": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
    }


if __name__ == "__main__":
    main()
