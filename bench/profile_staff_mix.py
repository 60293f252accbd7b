"""The staff mix's five pages on a kept load-bench database: queries, SQL time and CPU per request, and a
cProfile of each page on the process's CPU clock (issue 21; docs/BENCHMARKS.md, "The staff mix").

Run from the repository root on a database kept by `bench/bench_petitions_load.py --keep`:

    .venv/bin/python bench/profile_staff_mix.py --database danvan_bench_staff [--runs 40] [--communes 3]
        [--profile DIR] [--explain DIR --slow-ms 1]
        [--try-sql FILE] [--src /path/to/other/checkout/src]

Each page is requested through Django's test client (the whole middleware stack) as the commune's
coordinator with the second factor, for three communes with a plan (ten random petitions each for the
detail page). CPU time (`time.process_time`), not wall time: on a machine shared with other work the
wall clock measures the others. Read only: the database is not changed beyond sessions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--profile", type=Path, help="write a cProfile text report per page here")
    parser.add_argument(
        "--explain",
        type=Path,
        help="write here, per page, EXPLAIN (ANALYZE, BUFFERS) of each query that took over --slow-ms",
    )
    parser.add_argument("--slow-ms", type=float, default=1.0)
    parser.add_argument("--communes", type=int, default=3, help="communes with a plan to request")
    parser.add_argument(
        "--try-sql",
        type=Path,
        help="SQL (e.g. CREATE INDEX) run first in one transaction that is rolled back at the end: an index "
        "is tried on a database that must stay as it is",
    )
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="where `danvan` is imported from")
    args = parser.parse_args()
    # --src: another checkout's code (main's, for a "before") measured by this script.
    sys.path[:0] = [str(args.src), str(ROOT / "bench")]
    tmp = tempfile.mkdtemp(prefix="danvan-staff-mix-")
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
            "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
            "DANVAN_DATA_DIR": tmp,
            "BENCH_CACHE_DIR": str(Path(tmp) / "cache"),
            "DANVAN_LOG_LEVEL": "WARNING",
        }
    )
    (Path(tmp) / "staticfiles").mkdir()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from petitions_load import data, pages

    from danvan.petitions.models import Petition

    print(
        "| page | queries | SQL ms (median) | CPU ms (median) | wall ms (median) | wall ms (max) "
        "| SQL ms, first request (mean) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    setup = data.load_setup()
    communes = [c for c in setup.communes[1:] if c.plan_id][: args.communes]
    rng = random.Random(5)
    urls: dict[str, list] = {p: [] for p in pages.STAFF_PAGES}
    for c in communes:
        client = pages.signed_in_client(get_user_model().objects.get(pk=c.staff_id))
        for page in ("staff home", "petition list", "overdue"):
            urls[page].append((client, pages.staff_path(page, c.code)))
        urls["plan overview"].append((client, pages.staff_path("plan overview", c.code, plan=c.plan_id)))
        pks = list(Petition.objects.filter(commune_id=c.pk).values_list("pk", flat=True)[:2000])
        for pk in rng.sample(pks, 10):
            urls["detail"].append((client, pages.staff_path("detail", c.code, petition=pk)))
    if args.try_sql:
        from django.db import transaction

        with transaction.atomic():
            with connection.cursor() as cursor:
                started = time.perf_counter()
                cursor.execute(args.try_sql.read_text(encoding="utf-8"))
                print(f"{args.try_sql} run in {time.perf_counter() - started:.1f} s (rolled back at the end)")
            measure(urls, args, connection)
            transaction.set_rollback(True)
    else:
        measure(urls, args, connection)
    return 0


def measure(urls: dict, args, connection) -> None:
    medians = []
    for page, targets in urls.items():
        captured: list[tuple[float, str, tuple]] = []

        def timed(execute, sql, params, many, context, captured=captured):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append((time.perf_counter() - started, sql, params))

        # CPU of the process (Python; PostgreSQL runs in its own processes) and, per request, the
        # wall time spent waiting on SQL and the whole request's wall time.
        cpu, sql_ms, wall, counts, slow = [], [], [], [], []
        with connection.execute_wrapper(timed):
            # The first request of each target: what a page costs when its rows are not yet in
            # PostgreSQL's buffers (at 10M a commune's rows are spread over the whole table).
            captured.clear()
            for client, url in targets:  # and every page must answer
                if (status := client.get(url).status_code) != 200:
                    raise RuntimeError(f"{page}: {url} answered {status}")
            first_sql = sum(t for t, _, _ in captured) * 1000 / len(targets)
            slow += [(t * 1000, sql, params) for t, sql, params in captured if t * 1000 > args.slow_ms]
            for i in range(args.runs):
                client, url = targets[i % len(targets)]
                captured.clear()
                started, started_wall = time.process_time(), time.perf_counter()
                client.get(url)
                cpu.append((time.process_time() - started) * 1000)
                wall.append((time.perf_counter() - started_wall) * 1000)
                sql_ms.append(sum(t for t, _, _ in captured) * 1000)
                counts.append(len(captured))
                slow += [(t * 1000, sql, params) for t, sql, params in captured if t * 1000 > args.slow_ms]
        medians.append(statistics.median(cpu))
        print(
            f"| {page} | {max(counts)} | {statistics.median(sql_ms):.1f} | {medians[-1]:.1f} "
            f"| {statistics.median(wall):.1f} | {max(wall):.1f} | {first_sql:.1f} |",
            flush=True,
        )
        if args.explain:
            explain(args.explain / f"{page.replace(' ', '-')}.txt", slow, connection)
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for i in range(args.runs):
                client, url = targets[i % len(targets)]
                client.get(url)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(70)
            stats.sort_stats("tottime").print_stats(40)
            (args.profile / f"{page.replace(' ', '-')}.txt").write_text(out.getvalue(), encoding="utf-8")
    print(f"mean of the medians (the mix): {statistics.mean(medians):.1f} ms CPU; load {os.getloadavg()}")


def explain(path: Path, slow: list, connection) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of each distinct slow statement (its slowest instance): the plan, and
    whether its time went to reading pages PostgreSQL did not have in shared buffers."""
    worst: dict[str, tuple] = {}
    for ms, sql, params in slow:
        if sql.lstrip().upper().startswith("SELECT") and (sql not in worst or ms > worst[sql][0]):
            worst[sql] = (ms, params)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for sql, (ms, params) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        out.append(f"-- {ms:.1f} ms in the run\n{sql}\n-- params: {params!r}\n{plan}\n")
    path.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
