"""Petitions under load (issues 4 and 21): up to 10,000,000 petitions in all 3,321 communes, the
citizen and staff mixes and their pages driven by wrk, each against the minimal view in the same run.

Run from the repository root (needs PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres,
and wrk: `apt-get install wrk`):

    .venv/bin/python bench/bench_petitions_load.py [--petitions 1000000] [--communes 124]
        [--seconds 30] [--users 6] [--workers 3] [--worker-class sync] [--threads 1]
        [--scenarios citizen,staff,...] [--servers sync:3,gthread:2x8] [--keep] [--reuse]
        [--load-only] [--export DIR] [--markdown results.md]

    # national scale, kept for later runs (about 20 minutes of loading on 2 cores):
    .venv/bin/python bench/bench_petitions_load.py --national --keep
    # the scenarios again on the kept database, with the code of the checkout:
    .venv/bin/python bench/bench_petitions_load.py --national --reuse

What it does, all on loopback:
1. creates the database (`danvan_bench_petitions`, or `danvan_bench_national` with --national;
   dropped at the end unless --keep), migrates, loads the official divisions and activates the
   communes through the project's services, batched, with their standard units, six villages, one
   coordinator account each (with a confirmed authenticator key) and, in the first `--plans`
   communes, the demo plan imported and issued;
2. COPYs the petitions and their public steps: the first commune gets a tenth of the others' share
   (the 1× data of the query-count check), the secondary indexes are dropped before the big COPY and
   rebuilt after, then VACUUM ANALYZE and, where the project has it, `rebuild_aggregates`;
   with --reuse all of that is skipped: `migrate` (and `rebuild_aggregates`) on the kept database;
3. counts the SQL queries of every page with Django's test client in the small commune and in a
   full one: the counts must be equal;
4. serves the project with gunicorn (bench settings: `bench/petitions_load/settings.py`, which adds
   the minimal view `/bench/minimal/`) and drives it with wrk from a second process; each scenario
   runs `--seconds` after a 3-second warm-up (`--warmup S`: S seconds of the same traffic first, so
   the page cache is measured as it is after the traffic has run a while, not empty), with a
   minimal-view run before and after each;
5. prints a Markdown report: each phase's time, p50/p95 latency, requests/s, ratio to the minimal view.

Exit status 1 if a query count grows with the data or a scenario got answers other than 200.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
SCENARIOS = ["citizen", "staff", "home", "tracking", "statistics", "results", "submit", "overdue"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--national", action="store_true", help="10,000,000 petitions in all 3,321 communes")
    parser.add_argument("--petitions", type=int, default=None, help="default 1,000,000 (10,000,000 national)")
    parser.add_argument("--communes", type=int, default=None, help="default 124 (3,321 national)")
    parser.add_argument("--plans", type=int, default=50, help="communes with the demo plan (staff mix)")
    parser.add_argument("--seconds", type=int, default=30, help="measured seconds per scenario")
    parser.add_argument(
        "--warmup",
        type=int,
        default=3,
        help="seconds of each scenario's traffic before it is measured (fills the page cache)",
    )
    parser.add_argument("--users", type=int, default=6, help="concurrent wrk connections")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument(
        "--servers",
        help="several gunicorn set-ups in one run, e.g. sync:3,sync:5,gthread:2x8 (class:workers[xthreads])",
    )
    parser.add_argument(
        "--scenarios", default=",".join(SCENARIOS), help="comma list of " + ", ".join(SCENARIOS)
    )
    parser.add_argument("--loaders", type=int, default=3, help="COPY processes side by side")
    parser.add_argument("--host", default="127.0.0.1", help="PostgreSQL host (loopback only)")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--port", type=int, default=8765, help="port gunicorn listens on (127.0.0.1)")
    parser.add_argument("--database", default=None)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure on a kept database, without loading")
    parser.add_argument("--load-only", action="store_true", help="load and keep the database only")
    parser.add_argument("--skip-counts", action="store_true", help="with --reuse: no query-count check")
    parser.add_argument(
        "--skip-rebuild",
        action="store_true",
        help="with --reuse: trust the tallies the triggers kept (no rebuild_aggregates, ~5 min at 10M)",
    )
    parser.add_argument(
        "--export",
        type=Path,
        help="write communes.txt, codes.tsv, staff.tsv (new passwords, TOTP keys) for bench/load_test.py",
    )
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--cache",
        choices=["redis", "file"],
        default="redis",
        help="the shared cache: Redis as deployed (default) or the file cache of a set-up without Redis",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0", help="with --cache redis")
    args = parser.parse_args()
    args.petitions = args.petitions or (10_000_000 if args.national else 1_000_000)
    args.communes = args.communes or (3321 if args.national else 124)
    args.database = args.database or ("danvan_bench_national" if args.national else "danvan_bench_petitions")
    args.keep = args.keep or args.reuse or args.load_only
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    try:
        args.servers = (
            [parse_server(x) for x in args.servers.split(",") if x]
            if args.servers
            else [(args.worker_class, args.workers, args.threads)]
        )
    except ValueError:
        parser.error("--servers: class:workers or gthread:workersxthreads, comma-separated")
    if args.host not in LOOPBACK:
        parser.error("--host must be a loopback address")
    if not 2 <= args.communes <= 3321 or args.petitions < args.communes * 20:
        parser.error("need 2–3,321 communes and at least 20 petitions per commune")
    if not 1 <= args.seconds <= 600 or not 1 <= args.users <= 256 or not 1 <= args.workers <= 16:
        parser.error("--seconds 1–600, --users 1–256, --workers 1–16")
    if not 1 <= args.warmup <= 900:
        parser.error("--warmup 1–900")
    if unknown := set(args.scenarios) - set(SCENARIOS):
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    return args


def _drop_redis_keys(url: str, prefix: str) -> None:
    """Delete the run's cache entries from the shared Redis (sessions are in the database)."""
    import redis

    client = redis.Redis.from_url(url)
    for keys in _batches(client.scan_iter(match=f"{prefix}*", count=1000), 500):
        client.delete(*keys)


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def main() -> int:
    args = parse_args()
    from petitions_load import wrk

    if wrk.wrk_binary() is None and not args.load_only:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2

    tmp = tempfile.TemporaryDirectory(prefix="danvan-bench-petitions-")
    db_url = f"postgres://postgres@{args.host}:{args.pg_port}/{args.database}"
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "petitions_load.settings",
            "DANVAN_DATA_DIR": tmp.name,
            "BENCH_CACHE_DIR": str(Path(tmp.name) / "cache"),
            "DANVAN_LOG_LEVEL": "WARNING",
            "DANVAN_DB_CONN_MAX_AGE": "600",
        }
    )
    if args.cache == "redis":
        # The run's own prefix: entries of an earlier run (or of the tests) are never read, and this
        # run's are deleted at the end.
        os.environ["DANVAN_REDIS_CACHE_URL"] = args.redis_url
        os.environ["DANVAN_CACHE_KEY_PREFIX"] = f"bench{os.getpid()}"
        atexit.register(_drop_redis_keys, args.redis_url, f"bench{os.getpid()}")
    # A plain `kill` still stops the server and drops the database (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    (Path(tmp.name) / "staticfiles").mkdir()  # whitenoise wants STATIC_ROOT to exist; nothing is served

    from petitions_load import data

    started = time.perf_counter()
    m: dict = {"phases": {}}
    if not args.reuse:
        data.recreate_database(args.host, args.pg_port, args.database)
    server = None
    try:
        import django

        django.setup()
        conn_info = {"host": args.host, "port": args.pg_port, "user": "postgres", "dbname": args.database}
        setup = load(args, conn_info, m) if not args.reuse else reuse(m, args.skip_rebuild)
        if args.load_only:
            report = markdown_load(args, m)
            print("\n".join(report))
            return 0
        from petitions_load import pages

        small, full = setup.communes[0], setup.communes[1]
        if not args.skip_counts:
            m["counts"] = (pages.query_counts(pages.probe(small)), pages.query_counts(pages.probe(full)))
            m["probes"] = (small, full)
            log(f"queries small {m['counts'][0]}\nqueries full {m['counts'][1]}")
        m["sizes"] = database_sizes()
        rng = random.Random(21)
        staff_communes = [c for c in setup.communes[1:] if c.plan_id] or setup.communes[1:51]
        if args.export:  # first: a new password ends the sessions made before it
            export(args.export, setup, staff_communes, rng)
        inputs = pages.wrk_inputs(setup, staff_communes, rng)
        base = f"http://127.0.0.1:{args.port}"
        order = ["minimal"]
        for name in args.scenarios:
            order += [name, "minimal"]
        load_before = os.getloadavg()
        results = []
        scripts = None
        for config in args.servers:
            server = start_server(args, tmp.name, config)
            wait_ready(base + "/bench/minimal/", server)
            if scripts is None:
                csrf = pages.fetch_csrf(args.port, inputs["submit"][0][0])
                pages.check_pages(args.port, inputs, csrf)
                scripts = build_scripts(inputs, csrf)
            for name in order:
                path = Path(tmp.name) / f"{name}.lua"
                # Warm-up: 3 s, or --warmup s of the same traffic for a page cache in its steady state.
                warm = args.warmup if name != "minimal" else 3
                wrk.run(base + "/", scripts[name], path, seconds=warm, connections=args.users)
                r = wrk.run(base + "/", scripts[name], path, seconds=args.seconds, connections=args.users)
                r["name"], r["server"] = name, server_label(config)
                results.append(r)
                log(
                    f"{r['server']} {name}: {r['requests']} req, {r['rps']:.1f} req/s, "
                    f"p50 {r['p50_us'] / 1000:.1f} ms, p95 {r['p95_us'] / 1000:.1f} ms, "
                    f"non-200 {r['bad']}, errors {errors(r)}"
                )
            stop_server(server)
            server = None
        m["load"] = (load_before, os.getloadavg())
        m["results"] = results
    finally:
        if server is not None:
            stop_server(server)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            data.drop_database(args.host, args.pg_port, args.database)

    m["total"] = time.perf_counter() - started
    counts = m.get("counts")
    same = counts is None or all(counts[0][k] == counts[1][k] for k in counts[0] if "not queries" not in k)
    clean = all(r["bad"] == 0 and errors(r) == 0 for r in m["results"])
    text = "\n".join(markdown_load(args, m) + markdown(args, m))
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    print("query counts independent of data size:", "yes" if same else "NO")
    print("every answer was 200:", "yes" if clean else "NO")
    return 0 if same and clean else 1


def load(args, conn_info: dict, m: dict):
    """Steps 1–2: a fresh database with the communes and the petitions; each phase timed."""
    from django.core.management import call_command
    from django.utils import timezone
    from petitions_load import data

    phases = m["phases"]
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    phases["migrate"] = time.perf_counter() - t0
    timings: dict = {}
    setup = data.setup_communes(args.communes, plans=min(args.plans, args.communes), timings=timings)
    phases["divisions"] = timings["divisions"]
    phases[f"{len(setup.communes):,} communes activated through the services"] = timings["communes"]
    phases[f"demo plan imported and issued in {min(args.plans, args.communes)} communes"] = timings["plans"]
    log(f"set up: {phases}")

    t0 = time.perf_counter()
    rebuild = data.drop_indexes(conn_info)
    phases[f"drop {len(rebuild)} secondary indexes"] = time.perf_counter() - t0
    # The first commune gets a tenth of the others' share: the 1× data of the query-count check.
    n_small = max(20, args.petitions // args.communes // 10)
    rest = args.petitions - n_small
    share = [rest // args.loaders + (1 if i < rest % args.loaders else 0) for i in range(args.loaders)]
    parts = [(n_small, setup.communes[:1])] + [(n, setup.communes[1:]) for n in share]
    n, steps, t = data.load_parallel(conn_info, setup, timezone.localdate(), parts, processes=args.loaders)
    phases[f"COPY {n:,} petitions and {steps:,} steps ({args.loaders} loaders side by side)"] = t
    log(f"COPY {n} petitions, {steps} steps in {t:.0f} s")
    m["data"] = {"petitions": n, "steps": steps, "small": n_small}
    phases["rebuild the indexes"] = data.rebuild_indexes(conn_info, rebuild)
    phases["VACUUM ANALYZE"] = data.vacuum_analyze(conn_info)
    aggregates(phases)
    log(f"loaded: {phases}")
    return setup


def reuse(m: dict, skip_rebuild: bool = False):
    """Step 2 with --reuse: the kept database brought up to the checkout's migrations."""
    from django.core.management import call_command
    from petitions_load import data

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    m["phases"]["migrate (reuse)"] = time.perf_counter() - t0
    if skip_rebuild:
        m["phases"]["rebuild_aggregates: skipped (--skip-rebuild)"] = 0.0
    else:
        aggregates(m["phases"])
    setup = data.load_setup()
    if len(setup.communes) < 2:
        raise SystemExit("--reuse: the database has no bench communes; load it first with --keep")
    return setup


def aggregates(phases: dict) -> None:
    """`rebuild_aggregates` when the project has it (issue 21's statistics aggregates)."""
    from django.core.management import call_command, get_commands

    if "rebuild_aggregates" not in get_commands():
        phases["rebuild_aggregates: not in this code, skipped"] = 0.0
        return
    t0 = time.perf_counter()
    call_command("rebuild_aggregates")
    phases["rebuild_aggregates"] = time.perf_counter() - t0


def build_scripts(inputs: dict, csrf: tuple[str, str]) -> dict:
    from petitions_load import wrk
    from petitions_load.pages import CITIZEN_WEIGHTS, STAFF_PAGES, SUBMIT_TEXTS

    submit_paths = [p for p, _ in inputs["submit"]]
    citizen = [(w, inputs[page]) for page, w in CITIZEN_WEIGHTS.items() if page != "submit"]
    staff = [(1, inputs[page]) for page in STAFF_PAGES if inputs[page]]
    scripts = {
        "minimal": wrk.script_get(["/bench/minimal/"]),
        "citizen": wrk.script_mix(citizen, (CITIZEN_WEIGHTS["submit"], submit_paths, *csrf, SUBMIT_TEXTS)),
        "staff": wrk.script_mix(staff),
        "submit": wrk.script_submit(submit_paths, *csrf, SUBMIT_TEXTS),
    }
    for page in ("home", "tracking", "statistics", "results", "overdue"):
        scripts[page] = wrk.script_mix([(1, inputs[page])])
    return scripts


def export(folder: Path, setup, staff_communes, rng) -> None:
    """What bench/load_test.py needs to run the mixes against this server: the communes' slugs, the
    tracking codes wrk uses, and the staff accounts of the staff mix, each with a fresh password and
    its authenticator key (hex): `username<TAB>password<TAB>key<TAB>commune code`, mode 600."""
    import secrets

    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "communes.txt").write_text(",".join(c.slug for c in setup.communes) + "\n", encoding="utf-8")
    from petitions_load.pages import random_petitions

    codes = [f"{slug}\t{code}" for slug, code in random_petitions(10_000, rng)]
    (folder / "codes.tsv").write_text("\n".join(codes) + "\n", encoding="utf-8")
    password = secrets.token_urlsafe(18)
    users = get_user_model().objects.in_bulk([c.staff_id for c in staff_communes])
    keys = dict(TOTPDevice.objects.filter(user_id__in=users, confirmed=True).values_list("user_id", "key"))
    lines = []
    for c in staff_communes:
        user = users[c.staff_id]
        user.set_password(password)
        user.save(update_fields=["password"])
        lines.append(f"{user.username}\t{password}\t{keys[user.pk]}\t{c.code}")
    staff = folder / "staff.tsv"
    staff.touch(mode=0o600)
    staff.chmod(0o600)
    staff.write_text("\n".join(lines) + "\n", encoding="utf-8")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def errors(r: dict) -> int:
    return sum(r[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))


def database_sizes() -> dict:
    from django.db import connection

    from danvan.petitions.models import Petition, PetitionStep

    out = {}
    with connection.cursor() as cur:
        for model in (Petition, PetitionStep):
            table = model._meta.db_table
            cur.execute(
                "SELECT pg_total_relation_size(%s), reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [table, table],
            )
            out[table] = cur.fetchone()
        cur.execute("SELECT pg_database_size(current_database())")
        out["database"] = (cur.fetchone()[0], None)
    return out


# --- the server -------------------------------------------------------------------------------------


def parse_server(text: str) -> tuple[str, int, int]:
    kind, _, size = text.partition(":")
    workers, _, threads = size.partition("x")
    if kind not in ("sync", "gthread") or not 1 <= int(workers) <= 16:
        raise ValueError(text)
    return kind, int(workers), int(threads or 1)


def server_label(config) -> str:
    kind, workers, threads = config
    return f"sync {workers}" if kind == "sync" else f"gthread {workers}×{threads}"


def start_server(args, tmp: str, config) -> subprocess.Popen:
    kind, workers, threads = config
    gunicorn = Path(sys.executable).parent / "gunicorn"
    cmd = [
        str(gunicorn if gunicorn.exists() else "gunicorn"),
        "danvan.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(workers),
        "--worker-class",
        kind,
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--keep-alive",
        "10",
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
    import urllib.request

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


# --- the report -------------------------------------------------------------------------------------


def markdown_load(args, m: dict) -> list[str]:
    lines = ["Phases:", "", "| phase | seconds |", "|---|---:|"]
    for name, secs in m["phases"].items():
        lines.append(f"| {name} | {secs:,.1f} |")
    lines.append(f"| **all of the above** | **{sum(m['phases'].values()):,.1f}** |")
    lines.append("")
    return lines


def markdown(args, m: dict) -> list[str]:
    results = m["results"]
    mb = {k: v[0] / 2**20 for k, v in m["sizes"].items()}
    rows = {k: v[1] for k, v in m["sizes"].items()}
    server = ", ".join(server_label(c) for c in args.servers)
    servers_arg = ",".join(f"{k}:{w}" + (f"x{t}" if k == "gthread" else "") for k, w, t in args.servers)
    several = len(args.servers) > 1
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `bench/bench_petitions_load.py "
        # With --reuse the data are the kept database's (the data line below), not these arguments.
        + (
            f"--database {args.database} --reuse"
            if args.reuse
            else f"--petitions {args.petitions} --communes {args.communes}"
        )
        + f" --seconds {args.seconds} --warmup {args.warmup} --users {args.users} --servers {servers_arg}"
        f" --cache {args.cache}"
        f" --scenarios {','.join(args.scenarios)}`.",
        "",
        f"- machine: {os.cpu_count()} cores; load average {m['load'][0][0]:.2f} before the scenarios, "
        f"{m['load'][1][0]:.2f} after (other work shares it).",
        f"- server: gunicorn ({server}), DEBUG off, persistent DB connections; bench settings.",
        f"- load: wrk, 1 thread, {args.users} connections, {args.seconds} s a scenario after a "
        f"{args.warmup}-s warm-up of the same traffic.",
        f"- data: about {rows['petitions_petition']:,} petitions, {rows['petitions_petitionstep']:,} steps; "
        f"tables {mb['petitions_petition']:,.0f} MiB + {mb['petitions_petitionstep']:,.0f} MiB "
        f"(database {mb['database']:,.0f} MiB); whole run {m['total'] / 60:.1f} min.",
        "",
        ("| server " if several else "")
        + "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | req/s ÷ minimal | p50 × minimal "
        "| p95 × minimal |",
        ("|---" if several else "") + "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
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
            (f"| {r['server']} " if several else "")
            + f"| {r['name']} | {r['requests']:,} | {r['rps']:.1f} | {r['p50_us'] / 1000:.1f} | "
            f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {ratios} |"
        )
    bad = [
        f"{r['name']}: {r['bad']} non-200, {errors(r)} socket errors"
        for r in results
        if r["bad"] or errors(r)
    ]
    lines += ["", "Non-200 answers or errors: " + ("; ".join(bad) if bad else "none."), ""]
    if m.get("counts"):
        small, full = m["counts"]
        a, b = m["probes"]
        lines += [
            f"SQL queries per request (Django test client; small commune {a.code} `{a.slug}`, "
            f"full commune {b.code} `{b.slug}`; the public pages on a page-cache miss, a hit reads none):",
            "",
            "| page | small commune | full commune |",
            "|---|---:|---:|",
        ]
        lines += [f"| {k} | {small[k]:,} | {full.get(k, 0):,} |" for k in small]
        lines.append("")
    return lines


if __name__ == "__main__":
    sys.exit(main())
