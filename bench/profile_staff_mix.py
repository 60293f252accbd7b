"""The staff mix's five pages on a kept load-bench database: queries, SQL time and CPU per request, and a
cProfile of each page on the process's CPU clock (issue 21; docs/BENCHMARKS.md, "The staff mix").

Run from the repository root on a database kept by `bench/bench_petitions_load.py --keep`:

    .venv/bin/python bench/profile_staff_mix.py --database danvan_bench_staff [--runs 40] [--profile DIR]

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
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--profile", type=Path, help="write a cProfile text report per page here")
    args = parser.parse_args()
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

    setup = data.load_setup()
    communes = [c for c in setup.communes[1:] if c.plan_id][:3]
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
    medians = []
    for page, targets in urls.items():
        for client, url in targets:  # warm, and every page must answer
            if (status := client.get(url).status_code) != 200:
                raise RuntimeError(f"{page}: {url} answered {status}")
        captured: list[float] = []

        def timed(execute, sql, params, many, context, captured=captured):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                captured.append(time.perf_counter() - started)

        with connection.execute_wrapper(timed):
            targets[0][0].get(targets[0][1])
        cpu = []
        for i in range(args.runs):
            client, url = targets[i % len(targets)]
            started = time.process_time()
            client.get(url)
            cpu.append((time.process_time() - started) * 1000)
        medians.append(statistics.median(cpu))
        print(
            f"| {page} | {len(captured)} | {sum(captured) * 1000:.1f} | {medians[-1]:.1f} | {min(cpu):.1f} |",
            flush=True,
        )
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
