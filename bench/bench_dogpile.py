"""The page cache's dogpile guard (core/pagecache.py) on a bench database: right after `invalidate_all`
(a deploy, an admin change), N anonymous visitors ask for the same page at once. Counts the renders and
the process's CPU time, with the guard and with it turned off (every request takes the lock), several
rounds each. Read-only on the database: GETs only.

    .venv/bin/python bench/bench_dogpile.py --database danvan_bench_national [--path /] [--visitors 8]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--path", default="/")
    parser.add_argument("--visitors", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    os.environ["DANVAN_DATA_DIR"] = tempfile.mkdtemp(prefix="danvan-dogpile-")  # its own file caches
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {  # no manifest needed: static files by their plain names
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    load = os.getloadavg()[0]
    print(f"{args.path} on {args.database}, {args.visitors} visitors at once, load average {load:.1f}")
    print("| guard | renders per wave | CPU ms per wave | wall ms per wave |")
    print("|---|---:|---:|---:|")
    for guard in (False, True, False, True):
        renders, cpu, wall = wave(args, guard)
        print(f"| {'on' if guard else 'off'} | {renders:.1f} | {cpu:.0f} | {wall:.0f} |")
    return 0


def wave(args, guard: bool) -> tuple[float, float, float]:
    from django.test import Client

    from danvan.core import pagecache

    cache = pagecache._cache()
    real_add = type(cache).add
    if not guard:  # every visitor "wins" the lock: the code before the guard, plus one add each
        type(cache).add = lambda self, *a, **k: True
    renders = cpu = wall = 0.0
    try:
        Client().get(args.path)  # warm: imports, templates, connections
        for _ in range(args.rounds):
            pagecache.invalidate_all()
            start = threading.Barrier(args.visitors)
            misses = []
            threads = [
                threading.Thread(target=visit, args=(args.path, start, misses)) for _ in range(args.visitors)
            ]
            c0, w0 = time.process_time(), time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            cpu += (time.process_time() - c0) * 1000
            wall += (time.perf_counter() - w0) * 1000
            renders += sum(misses)
    finally:
        type(cache).add = real_add
    return renders / args.rounds, cpu / args.rounds, wall / args.rounds


def visit(path: str, start: threading.Barrier, misses: list) -> None:
    from django.db import connection
    from django.test import Client

    from danvan.core.pagecache import HIT_HEADER

    start.wait()
    response = Client().get(path)
    misses.append(response.get(HIT_HEADER) != "hit")
    connection.close()


if __name__ == "__main__":
    sys.exit(main())
