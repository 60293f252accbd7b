"""Profile the citizen's submission (issue 21): the portal form's GET and POST in-process, on a kept bench
database, with any checkout's code; queries listed, Python and SQL time split, cProfile's top functions.

Run from the repository root, on a database made by bench/bench_petitions_load.py --keep:

    PYTHONPATH=src:bench .venv/bin/python bench/profile_submit.py --database danvan_bench_submit
        [--posts 300] [--src /path/to/other/checkout/src] [--top 25] [--profile]

Each POST is an anonymous phản ánh with a fresh client token and client address, as the load test sends
(bench settings: file cache, X-Forwarded-For trusted). It writes petitions into that database: never run
it on a shared one. With --src, `danvan` is imported from that folder (main's code for a "before").
The worker's share (jobs queued by the submission, such as the field suggestion) is timed apart by
running the queued jobs of the posted petitions afterwards, in this process.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONTENT = "Đường vào thôn 3 bị sạt lở sau mưa lớn, xe máy không đi được, đề nghị xã sửa chữa sớm."


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="where `danvan` is imported from")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--dump", type=Path, help="with --profile: also write the pstats file here")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument(
        "--redis", metavar="URL", help="the cache on Redis (redis://127.0.0.1:6379/12), run's own key prefix"
    )
    return parser.parse_args()


def setup(args) -> None:
    sys.path[:0] = [str(args.src), str(ROOT / "bench")]
    tmp = tempfile.mkdtemp(prefix="danvan-profile-submit-")
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@{args.host}:5432/{args.database}",
            "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
            "DANVAN_DATA_DIR": tmp,
            "BENCH_CACHE_DIR": str(Path(tmp) / "cache"),
            "DANVAN_LOG_LEVEL": "WARNING",
        }
    )
    (Path(tmp) / "staticfiles").mkdir()
    if args.redis:
        # The project's own Redis set-up (the cache backend of the checkout measured), a run's own prefix.
        os.environ["DANVAN_REDIS_CACHE_URL"] = args.redis
        os.environ["DANVAN_CACHE_KEY_PREFIX"] = f"bench-submit-{uuid.uuid4().hex[:8]}"
    import django

    django.setup()


def main() -> int:
    args = parse_args()
    setup(args)
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import danvan
    from danvan.geo.models import Commune

    # The commune with the most petitions: the longest history the submission could trip over.
    commune = Commune.objects.filter(is_active=True).annotate(n=Count("petitions")).order_by("-n").first()
    path = f"/xa/{commune.slug}/phan-anh/"
    client = Client()
    counter = iter(range(10**9))

    def post():
        i = next(counter)
        data = {"content": CONTENT, "kind_hint": "feedback", "client_token": f"prof-{uuid.uuid4().hex}"}
        address = f"10.{i // 62500 % 250}.{i // 250 % 250}.{i % 250 + 1}"
        response = client.post(path, data, HTTP_X_FORWARDED_FOR=address)
        assert response.status_code == 200, response.status_code
        return data["client_token"]

    for _ in range(5):  # warm: imports, content types, the law registry, templates
        client.get(path)
        post()
    with CaptureQueriesContext(connection) as get_q:
        client.get(path)
    with CaptureQueriesContext(connection) as post_q:
        post()
    from django.conf import settings

    print(f"code: {Path(danvan.__file__).parent}; cache: {settings.CACHES['default']['BACKEND']}")
    print(f"commune: {commune.slug} ({commune.n} petitions)")
    print(f"form GET: {len(get_q.captured_queries)} queries; POST: {len(post_q.captured_queries)} queries")
    for q in post_q.captured_queries:
        print(f"  {float(q['time']) * 1000:6.2f} ms  {q['sql'][:150]}")

    tokens = []
    sql = 0.0
    started, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(args.posts):
            tokens.append(post())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    sql = sum(float(q["time"]) for q in ctx.captured_queries)
    n = args.posts
    # CPU time of this process (Django's side, not PostgreSQL's) is what a loaded machine blurs least.
    print(
        f"POST ×{n}: {wall / n * 1000:.2f} ms each (SQL {sql / n * 1000:.2f} ms, the rest "
        f"{(wall - sql) / n * 1000:.2f} ms: Python, cache, round trips), Django's CPU "
        f"{cpu / n * 1000:.2f} ms each, {len(ctx.captured_queries) / n:.1f} queries each"
    )
    if args.profile:
        # CPU time, not wall: on a loaded machine waiting for a core would drown what the code costs.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.posts):
            post()
        profiler.disable()
        if args.dump:
            profiler.dump_stats(args.dump)
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
            print(f"--- cProfile, {n} POSTs, by {order} ---")
            print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:12000])
    worker_share(tokens, commune)
    return 0


def worker_share(tokens: list[str], commune) -> None:
    """Time the jobs a submission leaves to the worker, run here for the petitions just posted."""
    from danvan.petitions.models import Petition

    try:
        from danvan.petitions.tasks import suggest_for_petition
    except ImportError:
        print("worker's share: none (this code makes the suggestion in the request)")
        return
    ids = list(Petition.objects.filter(commune=commune, client_token__in=tokens).values_list("pk", flat=True))
    started, cpu = time.perf_counter(), time.process_time()
    for pk in ids:
        suggest_for_petition.call(pk)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    n = max(len(ids), 1)
    print(
        f"worker's share: the suggestion job ×{len(ids)}: {wall / n * 1000:.2f} ms each, "
        f"CPU {cpu / n * 1000:.2f} ms each"
    )


if __name__ == "__main__":
    sys.exit(main())
