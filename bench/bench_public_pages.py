"""The citizen's pages with and without the public page cache (issue 21): each page and the citizen mix
against the minimal view, in one run, driven by wrk on loopback.

    .venv/bin/python bench/bench_public_pages.py [--database danvan_bench_pubcache] [--petitions 100000]
        [--reuse] [--keep] [--seconds 10] [--users 6] [--workers 3] [--cache-seconds 0,5]
        [--code-src PATH] [--markdown out.md]

1. Creates the database (or, with --reuse, takes a kept one made by this script or by
   `bench_petitions_load.py --keep`), migrates, activates 124 communes of Lâm Đồng through the services
   and COPYs `--petitions` petitions with the loader of `bench/petitions_load/data.py`.
2. For each value of `--cache-seconds` (0 = the page cache off), starts gunicorn (sync workers, the
   bench settings of `bench/petitions_load/` plus a `pages` file cache in the run's folder, as the
   project's settings have) on the code under `--code-src` (this checkout's `src` by default: pass
   another checkout's to measure it on the same data), and measures with wrk: the minimal view, the
   site home `/`, a commune's portal `/xa/<slug>/`, tracking by code (10,000 random codes), the public
   statistics, the published results, the form's submission, and the citizen mix (portal home 40 %,
   tracking 30 %, statistics 10 %, results 10 %, submission 10 %), each against the mean of the
   minimal-view runs just before and after it.

Exit status 1 if any scenario got an answer other than 200 (or 302 for none: the form answers 200).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

SUBMIT_TEXTS = [
    "Cống thoát nước đầu thôn bị tắc, nước tràn lên mặt đường mỗi khi mưa, đề nghị xã nạo vét.",
    "Đề nghị xã lắp thêm biển báo giảm tốc độ trước cổng trường tiểu học vào giờ tan học.",
]
SETTINGS = """from petitions_load.settings import *  # noqa: F403
import os
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
          "LOCATION": os.environ["BENCH_PAGES_DIR"], "OPTIONS": {"MAX_ENTRIES": 5000}}}
"""


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database", default="danvan_bench_pubcache")
    p.add_argument("--petitions", type=int, default=100_000)
    p.add_argument("--communes", type=int, default=124)
    p.add_argument("--reuse", action="store_true", help="use the kept database as it is")
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--users", type=int, default=6)
    p.add_argument("--workers", type=int, default=3)
    p.add_argument("--port", type=int, default=8791)
    p.add_argument("--cache-seconds", default="0,5")
    p.add_argument("--code-src", type=Path, default=ROOT / "src")
    p.add_argument("--label", default="")
    p.add_argument("--markdown", type=Path)
    args = p.parse_args()

    from petitions_load import data, wrk

    tmp = tempfile.TemporaryDirectory(prefix="danvan-bench-public-")
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
            "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
            "DANVAN_DATA_DIR": tmp.name,
            "BENCH_CACHE_DIR": str(Path(tmp.name) / "cache"),
            "BENCH_PAGES_DIR": str(Path(tmp.name) / "pages"),
            "DANVAN_LOG_LEVEL": "WARNING",
            "DANVAN_DB_CONN_MAX_AGE": "600",
        }
    )
    (Path(tmp.name) / "staticfiles").mkdir()
    (Path(tmp.name) / "pubcache_settings.py").write_text(SETTINGS)
    if not args.reuse:
        data.recreate_database("127.0.0.1", 5432, args.database)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    try:
        if not args.reuse:
            call_command("migrate", verbosity=0)
            setup = data.setup_communes(args.communes)
            gen = data.Generator(setup, timezone.localdate(), seed=int(time.time()))
            conn = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": args.database}
            n, s, t = data.load_petitions(conn, data.Renderer(gen), args.petitions)
            data.vacuum_analyze(conn)
            log(f"loaded {n} petitions, {s} steps in {t:.0f} s")
        inputs = paths()
        from django.db import connections

        connections.close_all()
        lines = [f"{args.label}: code `{args.code_src}`, {inputs['petitions']:,} petitions", ""]
        lines += ["| page cache | scenario | req/s | p50 ms | p95 ms | ÷ minimal req/s | non-200 |"]
        lines += ["|---|---|---:|---:|---:|---:|---:|"]
        clean = True
        for seconds in [int(x) for x in args.cache_seconds.split(",")]:
            rows, ok = measure(args, tmp.name, inputs, seconds, wrk)
            clean &= ok
            lines += rows
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            data.drop_database("127.0.0.1", 5432, args.database)
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0 if clean else 1


def paths() -> dict:
    from danvan.geo.models import Commune
    from danvan.petitions.models import Petition

    slugs = list(Commune.objects.filter(is_active=True).values_list("slug", flat=True))
    codes = Petition.objects.order_by("?").values_list("commune__slug", "tracking_code")[:10_000]
    return {
        "petitions": Petition.objects.count(),
        "portal": [f"/xa/{s}/" for s in slugs],
        "tracking": [f"/xa/{s}/tra-cuu/?ma={c}" for s, c in codes],
        "statistics": [f"/xa/{s}/thong-ke/" for s in slugs],
        "results": [f"/xa/{s}/ket-qua/" for s in slugs],
        "submit": [f"/xa/{s}/phan-anh/" for s in slugs],
    }


def _lua_list(name: str, items: list[str]) -> str:
    return f"local {name} = {{\n" + ",\n".join('"' + i.replace('"', '\\"') + '"' for i in items) + "\n}\n"


def mix_script(wrk, inputs: dict, cookie: str, token: str) -> str:
    """Portal home 40 %, tracking 30 %, statistics 10 %, results 10 %, submission 10 %."""
    body = (
        _lua_list("portal", inputs["portal"])
        + _lua_list("tracking", inputs["tracking"])
        + _lua_list("statistics", inputs["statistics"])
        + _lua_list("results", inputs["results"])
        + _lua_list("submit", inputs["submit"])
        + _lua_list("contents", [quote(t, safe="") for t in SUBMIT_TEXTS])
        + f'local token = "{quote(token, safe="")}"\nlocal cookie = "csrftoken={cookie}"\n'
        + f'local run = "{os.getpid()}-{int(time.time())}"\n'
        + r"""
local function pick(t) return t[math.random(#t)] end
function request()
  n = n + 1
  local r = math.random(100)
  if r <= 40 then return wrk.format("GET", pick(portal)) end
  if r <= 70 then return wrk.format("GET", pick(tracking)) end
  if r <= 80 then return wrk.format("GET", pick(statistics)) end
  if r <= 90 then return wrk.format("GET", pick(results)) end
  local body = "csrfmiddlewaretoken=" .. token .. "&content=" .. pick(contents)
    .. "&kind_hint=feedback&client_token=mix-" .. run .. "-" .. id .. "-" .. n
  local address = string.format("10.%d.%d.%d", id % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", pick(submit), {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie, ["X-Forwarded-For"] = address}, body)
end
"""
    )
    return wrk.COMMON + body


def measure(args, tmp: str, inputs: dict, cache_seconds: int, wrk) -> tuple[list[str], bool]:
    env = {
        **os.environ,
        "DANVAN_PUBLIC_CACHE_SECONDS": str(cache_seconds),
        "DJANGO_SETTINGS_MODULE": "pubcache_settings",
    }
    cmd = [
        str(Path(sys.executable).parent / "gunicorn"),
        "danvan.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--pythonpath",
        f"{tmp},{args.code_src},{ROOT / 'bench'}",
    ]
    logf = open(Path(tmp) / f"gunicorn-{cache_seconds}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, env=env, cwd=tmp)  # noqa: S603
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(base + "/bench/minimal/", timeout=30) as r:  # noqa: S310
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        with urllib.request.urlopen(base + inputs["submit"][0], timeout=30) as r:  # noqa: S310
            html = r.read().decode()
            cookie = next(
                re.match(r"csrftoken=([^;]+)", c).group(1)
                for c in r.headers.get_all("Set-Cookie")
                if c.startswith("csrftoken=")
            )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        submit = wrk.script_submit(inputs["submit"], cookie, token, SUBMIT_TEXTS)
        scenarios = {
            "site home /": wrk.script_get(["/"]),
            "portal home /xa/<slug>/": wrk.script_get(inputs["portal"]),
            "tracking by code": wrk.script_get(inputs["tracking"]),
            "statistics": wrk.script_get(inputs["statistics"]),
            "results": wrk.script_get(inputs["results"]),
            "submission (POST)": submit,
            "citizen mix": mix_script(wrk, inputs, cookie, token),
        }
        minimal = wrk.script_get(["/bench/minimal/"])
        results = []
        order = [("minimal", minimal)]
        for name, script in scenarios.items():
            order += [(name, script), ("minimal", minimal)]
        for name, script in order:
            path = Path(tmp) / "s.lua"
            wrk.run(base + "/", script, path, seconds=2, connections=args.users)
            r = wrk.run(base + "/", script, path, seconds=args.seconds, connections=args.users)
            r["name"] = name
            results.append(r)
            log(
                f"cache {cache_seconds}s {name}: {r['rps']:.0f} req/s, "
                f"p95 {r['p95_us'] / 1000:.1f} ms, non-200 {r['bad']}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        logf.close()
    rows, clean = [], True
    for i, r in enumerate(results):
        if r["name"] == "minimal":
            ratio = "—"
        else:
            ref = (results[i - 1]["rps"] + results[i + 1]["rps"]) / 2
            ratio = f"{r['rps'] / ref:.2f}"
        clean &= r["bad"] == 0
        rows.append(
            f"| {cache_seconds or 'off'} | {r['name']} | {r['rps']:.0f} | {r['p50_us'] / 1000:.1f} | "
            f"{r['p95_us'] / 1000:.1f} | {ratio} | {r['bad']} |"
        )
    return rows, clean


if __name__ == "__main__":
    sys.exit(main())
