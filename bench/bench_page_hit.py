"""Page-cache hits under load (issue 21): tracking and portal-home pages that are all in the cache, against
the minimal view, in one run, one gunicorn, driven by wrk on loopback.

    .venv/bin/python bench/bench_page_hit.py --database danvan_bench_hit [--code-src DIR] [--port 8812]
        [--codes 300] [--seconds 15] [--users 12] [--redis-url redis://127.0.0.1:6379/0]

`bench_petitions_load.py --scenarios tracking` draws 10,000 codes: on a loaded machine its warm-up does not
reach them all, so it measures misses as much as hits. Here every page asked for is stored first (each
fetched once, then checked to answer "hit"), so what is measured is what a hit costs.

Takes a database kept by `bench_petitions_load.py --keep` (GET pages only), starts gunicorn gthread 3×4 with
the bench settings, the project's Redis caches under a prefix of its own (deleted at the end), on the code
under `--code-src` (this checkout's `src` by default), and runs wrk: minimal, tracking (`--codes` codes),
minimal, home (every commune's portal), minimal. Each ratio is to the mean of the minimal runs before and
after it. Prints the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from petitions_load import wrk  # noqa: E402


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as r:  # noqa: S310 - loopback, our own server
        r.read()
        return r.headers.get("X-Danvan-Cache", "")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database", default="danvan_bench_hit")
    p.add_argument("--code-src", default=str(ROOT / "src"))
    p.add_argument("--port", type=int, default=8812)
    p.add_argument("--codes", type=int, default=300)
    p.add_argument("--seconds", type=int, default=15)
    p.add_argument("--users", type=int, default=12)
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = p.parse_args()
    import psycopg
    import redis

    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={args.database}") as conn:
        slugs = [r[0] for r in conn.execute("SELECT slug FROM geo_commune WHERE is_active ORDER BY code")]
        codes = conn.execute(
            "SELECT c.slug, p.tracking_code FROM petitions_petition p JOIN geo_commune c ON c.code = "
            "p.commune_id ORDER BY (p.id * 7919) %% 10007, p.id LIMIT %s",  # spread over the communes
            (args.codes,),
        ).fetchall()
    paths = {
        "minimal": ["/bench/minimal/"],
        "tracking": [f"/xa/{slug}/tra-cuu/?ma={code}" for slug, code in codes],
        "home": [f"/xa/{slug}/" for slug in slugs],
    }
    tmp = tempfile.TemporaryDirectory(prefix="danvan-bench-hit-")
    (Path(tmp.name) / "staticfiles").mkdir()
    prefix = f"benchhit{os.getpid()}"
    env = os.environ | {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
        "DANVAN_DATA_DIR": tmp.name,
        "DANVAN_LOG_LEVEL": "WARNING",
        "DANVAN_DB_CONN_MAX_AGE": "600",
        "DANVAN_REDIS_CACHE_URL": args.redis_url,
        "DANVAN_CACHE_KEY_PREFIX": prefix,
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    cmd = [str(gunicorn), "danvan.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", "3"]
    cmd += ["--worker-class", "gthread", "--threads", "4", "--timeout", "60", "--keep-alive", "10"]
    cmd += ["--log-level", "warning", "--pythonpath", f"{args.code_src},{ROOT / 'bench'}"]
    log = open(Path(tmp.name) / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{args.port}"
    results = []
    load_before = os.getloadavg()
    try:
        for _ in range(120):
            try:
                fetch(base + "/bench/minimal/")
                break
            except OSError:
                time.sleep(1)
        order = ["minimal", "tracking", "minimal", "home", "minimal"]
        for name in order:
            if name != "minimal":  # every page stored, and each answers "hit" before the run
                for path in paths[name]:
                    fetch(base + path)
                misses = [path for path in paths[name] if fetch(base + path) != "hit"]
                if misses:
                    raise RuntimeError(f"{name}: not served from the cache: {misses[:3]}")
            script = wrk.script_get(paths[name])
            wrk.run(base + "/", script, Path(tmp.name) / f"{name}.lua", seconds=3, connections=args.users)
            r = wrk.run(
                base + "/",
                script,
                Path(tmp.name) / f"{name}.lua",
                seconds=args.seconds,
                connections=args.users,
            )
            r["name"] = name
            results.append(r)
            print(
                f"{name}: {r['rps']:.1f} req/s, p50 {r['p50_us'] / 1000:.1f} ms, non-200 {r['bad']}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        client = redis.Redis.from_url(args.redis_url)
        for key in client.scan_iter(f"{prefix}*", count=1000):
            client.delete(key)
    print(f"code {args.code_src}; load average before {load_before}, after {os.getloadavg()}")
    print("| scenario | req/s | p50 ms | p95 ms | ÷ minimal (mean before/after) |")
    print("|---|---:|---:|---:|---:|")
    for i, r in enumerate(results):
        ratio = "—"
        if r["name"] != "minimal":
            ratio = f"{r['rps'] / ((results[i - 1]['rps'] + results[i + 1]['rps']) / 2):.3f}"
        p50, p95 = r["p50_us"] / 1000, r["p95_us"] / 1000
        print(f"| {r['name']} | {r['rps']:.1f} | {p50:.1f} | {p95:.1f} | {ratio} |")
    return 0 if all(r["bad"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
