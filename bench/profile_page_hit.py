"""What a page-cache hit costs next to the minimal view (issue 21), in process, against Redis.

    PYTHONPATH=src:bench .venv/bin/python bench/profile_page_hit.py --database danvan_bench_hit
        [--requests 3000] [--profile tracking] [--redis-url redis://127.0.0.1:6379/0] [--code-src DIR]

Takes a database kept by `bench_petitions_load.py --keep` (read only: GET pages, no write), the bench
settings with the project's Redis caches under a prefix of its own (deleted at the end), and calls
Django's WSGI handler directly, as gunicorn does, with no HTTP and no thread in between:

1. the minimal view `/bench/minimal/`, a commune's portal home and tracking pages (200 codes of
   that commune, so that each is a hit after the first round), `--requests` times each, interleaved;
2. prints CPU time per request (`time.process_time`), its ratio to the minimal view, and the Redis
   commands each hit sends (counted on the client);
3. with `--profile NAME`, a cProfile of that scenario's hits (top 25 by cumulative time).

CPU time, not wall time: the machine is shared and the figure that limits a gunicorn worker is the
CPU its Python spends per request.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --code-src: another checkout's sources, to measure them on the same data in the same way.
_src = sys.argv[sys.argv.index("--code-src") + 1] if "--code-src" in sys.argv else str(ROOT / "src")
sys.path.insert(0, _src)
sys.path.insert(0, str(ROOT / "bench"))


def environ_for(path: str) -> dict:
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8811",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8811",
        "HTTP_USER_AGENT": "wrk",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(handler, path: str) -> tuple[str, dict]:
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = handler(environ_for(path), start_response)
    b"".join(body)
    body.close()
    return seen["status"], seen["headers"]


class CommandCounter:
    """Counts the Redis commands sent (each execute_command is one round trip, a pipeline one too)."""

    def __init__(self):
        import redis

        self.n = 0
        counter = self
        self.originals = (redis.Redis.execute_command, redis.client.Pipeline.execute)

        def execute_command(self, *args, **options):
            counter.n += 1
            return counter.originals[0](self, *args, **options)

        def execute(self, *args, **kwargs):
            counter.n += 1
            return counter.originals[1](self, *args, **kwargs)

        redis.Redis.execute_command = execute_command
        redis.client.Pipeline.execute = execute


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database", default="danvan_bench_hit")
    p.add_argument("--requests", type=int, default=3000)
    p.add_argument("--profile", choices=["minimal", "home", "tracking"])
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    p.add_argument("--code-src", default=str(ROOT / "src"), help="the project sources to measure")
    args = p.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="danvan-profile-hit-")
    (Path(tmp.name) / "staticfiles").mkdir()
    prefix = f"profilehit{os.getpid()}"
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
            "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
            "DANVAN_DATA_DIR": tmp.name,
            "DANVAN_LOG_LEVEL": "WARNING",
            "DANVAN_DB_CONN_MAX_AGE": "600",
            "DANVAN_REDIS_CACHE_URL": args.redis_url,
            "DANVAN_CACHE_KEY_PREFIX": prefix,
        }
    )
    import django

    django.setup()
    import redis
    from django.core.wsgi import get_wsgi_application

    from danvan.geo.models import Commune
    from danvan.petitions.models import Petition

    commune = (
        Commune.objects.filter(petitions__isnull=False).order_by("code").distinct().first()
    )  # a commune with petitions
    codes = list(
        Petition.objects.filter(commune=commune).order_by("id").values_list("tracking_code", flat=True)[:200]
    )
    scenarios = {
        "minimal": ["/bench/minimal/"],
        "home": [f"/xa/{commune.slug}/"],
        "tracking": [f"/xa/{commune.slug}/tra-cuu/?ma={c}" for c in codes],
    }
    handler = get_wsgi_application()
    counter = CommandCounter()
    try:
        for paths in scenarios.values():  # first round: the misses, stored
            for path in paths:
                status, headers = call(handler, path)
                assert status.startswith("200"), (path, status)
        for name, paths in scenarios.items():
            if name != "minimal":
                status, headers = call(handler, paths[0])
                assert headers.get("X-Danvan-Cache") == "hit", (name, headers)
        cpu = dict.fromkeys(scenarios, 0.0)
        commands = dict.fromkeys(scenarios, 0)
        profiler = cProfile.Profile() if args.profile else None
        for i in range(args.requests):
            for name, paths in scenarios.items():
                path = paths[i % len(paths)]
                profiling = profiler is not None and name == args.profile
                before_n = counter.n
                if profiling:
                    profiler.enable()
                started = time.process_time()
                call(handler, path)
                cpu[name] += time.process_time() - started
                if profiling:
                    profiler.disable()
                commands[name] += counter.n - before_n
        base = cpu["minimal"] / args.requests
        print(f"load average {os.getloadavg()}; {args.requests} requests each, commune {commune.slug}")
        print("| scenario | CPU µs/request | × minimal | minimal ÷ scenario | Redis commands/request |")
        print("|---|---|---|---|---|")
        for name in scenarios:
            per = cpu[name] / args.requests
            print(
                f"| {name} | {per * 1e6:.0f} | {per / base:.2f} | {base / per:.3f} | "
                f"{commands[name] / args.requests:.1f} |"
            )
        if profiler is not None:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
            print(out.getvalue())
    finally:
        client = redis.Redis.from_url(args.redis_url)
        keys = list(client.scan_iter(f"{prefix}*", count=1000))
        if keys:
            client.delete(*keys)
        from django.db import connections

        connections.close_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
