"""Petitions under load (issue 4): 1,000,000 petitions in 124 communes, three pages driven by wrk.

Run from the repository root (needs PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres,
and wrk: `apt-get install wrk`):

    .venv/bin/python bench/bench_petitions_load.py [--petitions 1000000] [--communes 124]
        [--seconds 30] [--users 6] [--workers 3] [--keep] [--markdown results.md]

What it does, all on loopback:
1. creates the database `danvan_bench_petitions` (dropped at the end unless --keep), migrates, loads
   the official divisions and activates the communes of Lâm Đồng (124) through the project's services,
   with their standard units, six villages and one coordinator account each;
2. COPYs a first small slice of petitions (1 %), counts the SQL queries of each page with Django's
   test client, COPYs the rest, VACUUM ANALYZE, counts again: the counts must be equal;
3. serves the project with gunicorn (bench settings: `bench/petitions_load/settings.py`, which adds
   the minimal view `/bench/minimal/`) and drives it with wrk from a second process: the minimal
   view, the public tracking page for random existing codes, the staff overdue list of random
   communes (each with its coordinator's session) and submissions of the public form; each scenario
   runs `--seconds` after a 3-second warm-up, with a minimal-view run before and after each page;
4. prints a Markdown report: p50/p95 latency, requests/s and the ratio to the minimal view.

Exit status 1 if a query count grows with the data or a scenario got answers other than 200.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
SUBMIT_TEXTS = [
    "Cống thoát nước đầu thôn bị tắc, nước tràn lên mặt đường mỗi khi mưa, đề nghị xã nạo vét.",
    "Đề nghị xã lắp thêm biển báo giảm tốc độ trước cổng trường tiểu học vào giờ tan học.",
    "Cây xanh ven đường bị nghiêng sau bão, có nguy cơ đổ vào nhà dân, đề nghị cắt tỉa sớm.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=124)
    parser.add_argument("--seconds", type=int, default=30, help="measured seconds per scenario")
    parser.add_argument("--users", type=int, default=6, help="concurrent wrk connections")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--host", default="127.0.0.1", help="PostgreSQL host (loopback only)")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--port", type=int, default=8765, help="port gunicorn listens on (127.0.0.1)")
    parser.add_argument("--database", default="danvan_bench_petitions")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    if args.host not in LOOPBACK:
        parser.error("--host must be a loopback address")
    if not 1 <= args.communes <= 500 or args.petitions < args.communes * 2:
        parser.error("need 1–500 communes and at least two petitions per commune")
    if not 1 <= args.seconds <= 600 or not 1 <= args.users <= 64 or not 1 <= args.workers <= 16:
        parser.error("--seconds 1–600, --users 1–64, --workers 1–16")

    from petitions_load import wrk

    if wrk.wrk_binary() is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    tmp = tempfile.TemporaryDirectory(prefix="danvan-bench-petitions-")
    db_url = f"postgres://postgres@{args.host}:{args.pg_port}/{args.database}"
    env = {
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
        "DANVAN_DATA_DIR": tmp.name,
        "BENCH_CACHE_DIR": str(Path(tmp.name) / "cache"),
        "DANVAN_LOG_LEVEL": "WARNING",
        "DANVAN_DB_CONN_MAX_AGE": "600",
    }
    os.environ.update(env)
    # A plain `kill` still stops the server and drops the database (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    (Path(tmp.name) / "staticfiles").mkdir()  # whitenoise wants STATIC_ROOT to exist; nothing is served

    from petitions_load import data

    report: list[str] = []
    server = None
    started = time.perf_counter()
    data.recreate_database(args.host, args.pg_port, args.database)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.utils import timezone

        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        t_migrate = time.perf_counter() - t0
        t0 = time.perf_counter()
        setup = data.setup_communes(args.communes)
        t_setup = time.perf_counter() - t0
        log(f"migrated in {t_migrate:.0f} s; {len(setup.communes)} communes set up in {t_setup:.0f} s")

        conn_info = {"host": args.host, "port": args.pg_port, "user": "postgres", "dbname": args.database}
        today = timezone.localdate()
        gen = data.Generator(setup, today)
        renderer = data.Renderer(gen)
        small = max(args.communes * 2, args.petitions // 100)
        n1, s1, t_small = data.load_petitions(conn_info, renderer, small)
        data.vacuum_analyze(conn_info)
        probe = pick_probe(setup, today)
        counts_small = query_counts(setup, probe)
        log(f"small: {n1} petitions, {s1} steps in {t_small:.1f} s; queries {counts_small}")

        n2, s2, t_load = data.load_petitions(conn_info, renderer, args.petitions - small)
        t_vacuum = data.vacuum_analyze(conn_info)
        log(f"full: +{n2} petitions, +{s2} steps in {t_load:.0f} s; VACUUM ANALYZE {t_vacuum:.0f} s")
        counts_full = query_counts(setup, probe)
        log(f"queries at full size {counts_full}")
        sizes = database_sizes()

        inputs = wrk_inputs(setup)
        base = f"http://127.0.0.1:{args.port}"
        server = start_server(args, tmp.name)
        wait_ready(base + "/bench/minimal/", server)
        csrf_cookie, csrf_token = fetch_csrf(base + f"/xa/{setup.communes[0].slug}/phan-anh/")
        check_pages(base, inputs, csrf_cookie, csrf_token)

        scripts = {
            "minimal": wrk.script_get(["/bench/minimal/"]),
            "tracking": wrk.script_get(inputs["tracking"]),
            "overdue": wrk.script_get_with_cookie(inputs["overdue"]),
            "submit": wrk.script_submit(inputs["submit"], csrf_cookie, csrf_token, SUBMIT_TEXTS),
        }
        # The minimal view runs before and after each page: the machine is shared, so each page is
        # compared with the mean of the two minimal runs around it.
        order = ["minimal", "tracking", "minimal", "overdue", "minimal", "submit", "minimal"]
        load_before = os.getloadavg()
        results = []
        for name in order:
            path = Path(tmp.name) / f"{name}.lua"
            wrk.run(base + "/", scripts[name], path, seconds=3, connections=args.users)  # warm-up
            r = wrk.run(base + "/", scripts[name], path, seconds=args.seconds, connections=args.users)
            r["name"] = name
            results.append(r)
            log(
                f"{r['name']}: {r['requests']} req, {r['rps']:.1f} req/s, p50 {r['p50_us'] / 1000:.1f} ms, "
                f"p95 {r['p95_us'] / 1000:.1f} ms, non-200 {r['bad']}, errors {errors(r)}"
            )
        load_after = os.getloadavg()
    finally:
        if server is not None:
            stop_server(server)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            data.drop_database(args.host, args.pg_port, args.database)

    same = all(counts_small[k] == counts_full[k] for k in counts_small if "not queries" not in k)
    clean = all(r["bad"] == 0 and errors(r) == 0 for r in results)
    report += markdown(
        args,
        setup=setup,
        small=(n1, s1, t_small),
        full=(n1 + n2, s1 + s2, t_load, t_vacuum),
        t_setup=(t_migrate, t_setup),
        sizes=sizes,
        probe=probe,
        counts=(counts_small, counts_full),
        results=results,
        load=(load_before, load_after),
        total=time.perf_counter() - started,
    )
    text = "\n".join(report)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    print("query counts independent of data size:", "yes" if same else "NO")
    print("every answer was 200:", "yes" if clean else "NO")
    return 0 if same and clean else 1


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def errors(r: dict) -> int:
    return sum(r[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))


# --- probes and query counts ------------------------------------------------------------------------


def pick_probe(setup, today) -> dict:
    """The commune with the most overdue petitions in the small slice (so that the small overdue list
    has rows: a query per row would show), and one of its answered petitions for the tracking page."""
    from danvan.geo.models import Commune
    from danvan.petitions import selectors
    from danvan.petitions.models import Petition

    best = max(
        setup.communes,
        key=lambda c: len(selectors.overdue(commune=Commune.objects.get(pk=c.pk), today=today)),
    )
    mine = Petition.objects.filter(commune_id=best.pk).order_by("id").values_list("tracking_code", flat=True)
    code = mine.filter(status=Petition.Status.CLOSED).first() or mine.first()
    return {"commune": best, "tracking_code": code}


def query_counts(setup, probe) -> dict:
    """SQL queries of one request of each page, through Django's test client against the bench DB."""
    import uuid

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from danvan.geo.models import Commune
    from danvan.petitions import selectors
    from danvan.petitions.models import Petition

    c = probe["commune"]
    staff = Client()
    staff.force_login(get_user_model().objects.get(pk=c.staff_id))
    public = Client()
    pages = {
        "minimal": (public, "/bench/minimal/"),
        "tracking": (public, f"/xa/{c.slug}/tra-cuu/?ma={probe['tracking_code']}"),
        "overdue": (staff, f"/lam-viec/{c.code}/don-thu/han-xu-ly/"),
        "submit (form)": (public, f"/xa/{c.slug}/phan-anh/"),
        "submit (post)": (public, None),
    }
    out = {}
    for name, (client, url) in pages.items():
        for _ in range(2):  # warm once, then count
            with CaptureQueriesContext(connection) as ctx:
                if url is None:
                    response = client.post(
                        f"/xa/{c.slug}/phan-anh/",
                        {
                            "content": SUBMIT_TEXTS[0],
                            "kind_hint": "feedback",
                            "client_token": uuid.uuid4().hex,
                        },
                        REMOTE_ADDR=f"10.9.{uuid.uuid4().int % 250}.1",
                    )
                else:
                    response = client.get(url)
            n = len(ctx.captured_queries)
        if response.status_code != 200:
            raise RuntimeError(f"{name}: {url} answered {response.status_code}")
        out[name] = n
    out["rows on the overdue list (not queries)"] = len(
        selectors.overdue(commune=Commune.objects.get(pk=c.pk), today=timezone.localdate())
    )
    out["petitions in the commune (not queries)"] = Petition.objects.filter(commune_id=c.pk).count()
    return out


def database_sizes() -> dict:
    from django.db import connection

    from danvan.petitions.models import Petition, PetitionStep

    with connection.cursor() as cur:
        out = {}
        for model in (Petition, PetitionStep):
            cur.execute(
                "SELECT pg_total_relation_size(%s), (SELECT count(*) FROM " + model._meta.db_table + ")",  # noqa: S608
                [model._meta.db_table],
            )
            out[model._meta.db_table] = cur.fetchone()
        cur.execute("SELECT pg_database_size(current_database())")
        out["database"] = (cur.fetchone()[0], None)
    return out


def wrk_inputs(setup) -> dict:
    """Paths for wrk: 10,000 random existing tracking codes, each coordinator's overdue page with their
    session cookie, and the submit page of every commune."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from danvan.petitions.models import Petition

    sample = Petition.objects.order_by("?").values_list("commune__slug", "tracking_code")[:10_000]
    tracking = [f"/xa/{slug}/tra-cuu/?ma={code}" for slug, code in sample]
    users = get_user_model().objects.in_bulk([c.staff_id for c in setup.communes])
    overdue = []
    for c in setup.communes:
        client = Client()
        client.force_login(users[c.staff_id])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        overdue.append((f"/lam-viec/{c.code}/don-thu/han-xu-ly/", f"{settings.SESSION_COOKIE_NAME}={cookie}"))
    submit = [f"/xa/{c.slug}/phan-anh/" for c in setup.communes]
    return {"tracking": tracking, "overdue": overdue, "submit": submit}


# --- the server -------------------------------------------------------------------------------------


def start_server(args, tmp: str) -> subprocess.Popen:
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    cmd = [
        str(gunicorn if gunicorn.exists() else "gunicorn"),
        "danvan.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "sync",
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "--pythonpath",
        f"{ROOT / 'src'},{ROOT / 'bench'}",
    ]
    log_file = open(Path(tmp) / "gunicorn.log", "w")  # noqa: SIM115 — closed by stop_server
    proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, env=os.environ.copy())  # noqa: S603
    proc.log_file = log_file  # type: ignore[attr-defined]
    proc.log_path = Path(tmp) / "gunicorn.log"  # type: ignore[attr-defined]
    return proc


def wait_ready(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + server.log_path.read_text())  # type: ignore[attr-defined]
        try:
            with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310 — loopback only
                if r.status == 200:
                    return
        except OSError:  # refused, reset or timed out: not up yet
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)
    server.log_file.close()  # type: ignore[attr-defined]


def fetch_csrf(url: str) -> tuple[str, str]:
    """The CSRF cookie and the form's token, from one GET of the public form."""
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 — loopback only
        html = r.read().decode()
        cookies = r.headers.get_all("Set-Cookie") or []
    cookie = next(re.match(r"csrftoken=([^;]+)", c).group(1) for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def check_pages(base: str, inputs: dict, csrf_cookie: str, csrf_token: str) -> None:
    """One request of each scenario by hand: a 200 with the page we mean (not a login page)."""

    def fetch(path, headers=None, body=None):
        req = urllib.request.Request(base + path, data=body, headers=headers or {})  # noqa: S310
        with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310 — loopback only
            return r.status, r.read().decode()

    status, html = fetch(inputs["tracking"][0])
    code = inputs["tracking"][0].rsplit("=", 1)[1]
    assert status == 200 and code in html, "tracking page"
    path, cookie = inputs["overdue"][0]
    status, html = fetch(path, {"Cookie": cookie})
    assert status == 200 and "Đơn thư quá hạn" in html, "overdue page"
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf_token,
            "content": SUBMIT_TEXTS[0],
            "kind_hint": "feedback",
            "client_token": "bench-check",
        }
    ).encode()
    headers = {
        "Cookie": f"csrftoken={csrf_cookie}",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "10.255.255.1",
    }
    status, html = fetch(inputs["submit"][0], headers, body)
    match = re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{4}", html)
    assert status == 200 and match, "submission"


# --- the report -------------------------------------------------------------------------------------


def markdown(args, **m) -> list[str]:
    n, steps, t_load, t_vacuum = m["full"]
    n1, _s1, t_small = m["small"]
    t_migrate, t_setup = m["t_setup"]
    probe = m["probe"]
    small, full = m["counts"]
    results = m["results"]
    mb = {k: v[0] / 2**20 for k, v in m["sizes"].items()}
    cpu = os.cpu_count()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `bench/bench_petitions_load.py "
        f"--petitions {args.petitions} --communes {args.communes} --seconds {args.seconds} "
        f"--users {args.users} --workers {args.workers}`.",
        "",
        "Setup:",
        f"- machine: {cpu} cores; PostgreSQL 15 on 127.0.0.1; load average "
        f"{m['load'][0][0]:.2f} before the scenarios, {m['load'][1][0]:.2f} after (other work shares it).",
        f"- server: gunicorn, {args.workers} sync workers, 127.0.0.1:{args.port}, DEBUG off, persistent DB "
        "connections; bench settings `bench/petitions_load/settings.py` (the project's settings plus "
        "`/bench/minimal/`).",
        f"- load: wrk 4.1, 1 thread, {args.users} connections, {args.seconds} s per scenario after a 3-s "
        "warm-up, a separate process on loopback.",
        "- the public form's per-client rate limit (5 per 10 min) stays on: every submission carries another "
        "X-Forwarded-For address and the bench settings trust it, so the limiter runs (file cache) but "
        "never refuses.",
        "",
        "Data:",
        f"- {n:,} petitions and {steps:,} public steps in {args.communes} communes "
        f"({n // args.communes:,} each), received over 2 years; tables "
        f"{mb['petitions_petition']:,.0f} MiB + {mb['petitions_petitionstep']:,.0f} MiB "
        f"(database {mb['database']:,.0f} MiB).",
        f"- time: migrate {t_migrate:.0f} s, divisions + {args.communes} communes through the services "
        f"{t_setup:.0f} s, COPY of the first {n1:,} petitions {t_small:.1f} s, of the rest "
        f"{t_load:.0f} s, VACUUM ANALYZE {t_vacuum:.0f} s; whole run {m['total'] / 60:.1f} min.",
        "",
        "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | req/s ÷ minimal | p50 × minimal "
        "| p95 × minimal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for i, r in enumerate(results):
        if r["name"] == "minimal":
            ratios = "— | — | —"
        else:
            ref = {k: (results[i - 1][k] + results[i + 1][k]) / 2 for k in ("rps", "p50_us", "p95_us")}
            ratios = (
                f"{r['rps'] / ref['rps']:.3f} | {r['p50_us'] / ref['p50_us']:.1f}× | "
                f"{r['p95_us'] / ref['p95_us']:.1f}×"
            )
        lines.append(
            f"| {r['name']} | {r['requests']:,} | {r['rps']:.1f} | {r['p50_us'] / 1000:.1f} | "
            f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {ratios} |"
        )
    lines += [
        "",
        "Ratios: each page against the mean of the minimal-view runs just before and after it (req/s of "
        "the page ÷ req/s of the minimal view; latency of the page ÷ latency of the minimal view).",
    ]
    bad = [
        f"{r['name']}: {r['bad']} non-200, {errors(r)} socket errors"
        for r in results
        if r["bad"] or errors(r)
    ]
    lines += ["", "Non-200 answers or errors: " + ("; ".join(bad) if bad else "none."), ""]
    lines += [
        f"SQL queries per request (Django test client, commune {probe['commune'].code} "
        f"`{probe['commune'].slug}`):",
        "",
        "| page | small data | full data |",
        "|---|---:|---:|",
    ]
    for key in small:
        lines.append(f"| {key} | {small[key]:,} | {full[key]:,} |")
    lines.append("")
    lines.append(
        "Small data = the first 1 % of the petitions; the probe commune is the one with the most overdue "
        "petitions then, so its overdue list has rows at both sizes."
    )
    return lines


if __name__ == "__main__":
    sys.exit(main())
