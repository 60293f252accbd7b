"""Which index serves each query on open or rated petitions (issue 21): EXPLAIN ANALYZE of the SQL the
project's own selectors send, with every index, then with the indexes named by --hide dropped inside a
transaction that is rolled back (the database keeps them).

Run from the repository root on a database loaded by the petitions bench, e.g.

    .venv/bin/python bench/bench_petitions_load.py --petitions 200000 --communes 60 --keep --load-only \\
        --database danvan_bench_ops
    .venv/bin/python bench/explain_petition_indexes.py --database danvan_bench_ops \\
        [--hide petition_open_due] [--only "staff list"] [--markdown out.md]

The queries: the staff overdue list (first page) and its count on the home page, "sắp đến hạn" on the
home page, the public statistics' "open past the deadline", the province's key figures (report
sections), its citizens' satisfaction (by day answered) and the surveys' ratings (by day rated), and
the scoring measure `petitions.on_time` for a province and for the units of one commune.
For each SELECT on the petitions table it prints the indexes the plan uses, the execution time and
the shared buffers read (hit + read): the work, independent of the machine's load.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--hide", action="append", default=[], help="an index to drop for the run")
    parser.add_argument("--today", type=date.fromisoformat, help="default: today")
    parser.add_argument("--only", action="append", default=[], help="only the queries whose name has this")
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    if args.host not in LOOPBACK:
        parser.error("loopback only")
    os.environ["DATABASE_URL"] = f"postgres://postgres@{args.host}:{args.pg_port}/{args.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    import django

    django.setup()
    lines = explain_all(args.hide, args.today, args.only)
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def queries(today: date) -> dict[str, callable]:
    """Each page's call, on the busiest commune and its province, as the pages make it."""
    from django.db.models import Count

    from danvan.geo.models import Commune
    from danvan.petitions import selectors
    from danvan.petitions.models import Petition
    from danvan.petitions.report_sections import PetitionsSection
    from danvan.petitions.services import hotspots
    from danvan.petitions.statistics import public_statistics
    from danvan.petitions.views import lists
    from danvan.reports import province
    from danvan.scoring.measures import petitions as scoring_petitions
    from danvan.surveys import ratings

    busiest = (
        Petition.objects.values("commune_id").annotate(n=Count("id")).order_by("-n").first()["commune_id"]
    )
    commune = Commune.objects.get(pk=busiest)
    codes = list(
        Commune.objects.filter(province_id=commune.province_id, is_active=True).values_list("code", flat=True)
    )
    start, end = date(today.year, 1, 1), today
    overview = SimpleNamespace(rows=[SimpleNamespace(commune=code) for code in codes], start=start, end=end)
    return {
        "staff overdue list (page 1)": lambda: list(
            selectors.overdue(commune=commune, today=today, limit=20)
        ),
        "home: overdue count": lambda: selectors.overdue_count(commune=commune, today=today),
        "home: due soon": lambda: selectors.due_soon(commune=commune, today=today),
        "public statistics (open past deadline)": lambda: public_statistics(
            commune=commune, year=today.year, today=today
        ),
        f"province key figures ({len(codes)} communes)": lambda: PetitionsSection().key_figures(
            codes, start, end
        ),
        f"province satisfaction ({len(codes)} communes)": lambda: province.satisfaction(overview),
        f"province ratings by day rated ({len(codes)} communes)": lambda: ratings.rating_figures(
            codes, start, end
        ),
        f"scoring petitions.on_time ({len(codes)} communes)": lambda: scoring_petitions.for_communes(
            {scoring_petitions.ON_TIME}, codes=codes, year=today.year, as_of=today, targets={}
        ),
        "scoring petitions.on_time (units of one commune)": lambda: scoring_petitions.for_units(
            {scoring_petitions.ON_TIME}, commune=commune, year=today.year, as_of=today, targets={}
        ),
        "staff list, filter 'quá hạn' (page 1)": lambda: list(
            staff_list(commune).filter(lists._overdue_q(today))[:20]
        ),
        "staff list, filter status 'đã tiếp nhận' (page 1)": lambda: list(
            staff_list(commune).filter(status=Petition.Status.RECEIVED)[:20]
        ),
        # The daily scan's reads over every commune (services/hotspots.hotspots_scan, which also writes
        # alerts: its two reads, called as it calls them, and only read).
        "daily hotspot scan: mass petitions (all communes)": lambda: list(hotspots.scan_mass_petitions()),
        "daily hotspot scan: clusters (all communes)": lambda: list(hotspots.scan_clusters(today)),
    }


def staff_list(commune):
    """The staff list's query (petitions/views/lists.petition_list) before its filters."""
    from danvan.petitions.models import Petition
    from danvan.petitions.views import lists

    return (
        Petition.objects.filter(commune=commune)
        .select_related("unit", "field", "village")
        .only(*lists._LIST_ONLY)
        .order_by("-received_on", "-id")
    )


# "Index Scan using X on t", "Index Only Scan Backward using X on t", "Bitmap Index Scan on X".
SCAN = re.compile(r"(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)")


def summary(plan: list[str]) -> tuple[str, float, int]:
    """The indexes (and tables read whole) of a plan, its execution time and its shared buffers."""
    text = "\n".join(plan)
    used = sorted(set(SCAN.findall(text)))
    seq = sorted(set(re.findall(r"Seq Scan on (\w+)", text)))
    ms = float(re.search(r"Execution Time: ([\d.]+)", text).group(1))
    # The top node's buffers include its children's: the whole statement's pages.
    top = next((line for line in plan if "Buffers:" in line), "")
    shared = re.search(r"shared ([^,]*)", top)
    buffers = sum(int(n) for n in re.findall(r"(?:hit|read)=(\d+)", shared.group(1))) if shared else 0
    return ", ".join(used + [f"seq {t}" for t in seq]) or "—", ms, buffers


def explain_all(hide: list[str], today: date | None, only: list[str] = ()) -> list[str]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    today = today or timezone.localdate()
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM petitions_petition")
        total = cur.fetchone()[0]
    out = [
        f"EXPLAIN (ANALYZE, BUFFERS) on {connection.settings_dict['NAME']}: {total:,} petitions, "
        f"today {today}; hidden: {', '.join(hide) or 'none'}; load average {os.getloadavg()[0]:.1f}",
        "",
        "| query | indexes used | ms | buffers |",
        "|---|---|---:|---:|",
    ]
    plans = []
    with transaction.atomic():
        with connection.cursor() as cur:
            # DROP INDEX locks the table until the rollback: on a shared database, give up at once rather
            # than queue behind (and in front of) others' reads; --only keeps the lock short.
            cur.execute("SET LOCAL lock_timeout = '2s'")
            for index in hide:
                cur.execute(f'DROP INDEX "{index}"')  # rolled back below
        for name, call in queries(today).items():
            if only and not any(part in name for part in only):
                continue
            with CaptureQueriesContext(connection) as ctx:
                call()
            for q in ctx.captured_queries:
                sql = q["sql"]
                if not sql.lstrip().upper().startswith("SELECT") or "petitions_petition" not in sql:
                    continue
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    plan = [row[0] for row in cur.fetchall()]
                scans, ms, buffers = summary(plan)
                index_only = " (index only)" if "Index Only Scan" in "\n".join(plan) else ""
                out.append(f"| {name} | {scans}{index_only} | {ms:.2f} | {buffers:,} |")
                plans += [f"-- {name}", sql, *plan, ""]
        transaction.set_rollback(True)
    return [*out, "", "```", *plans, "```"]


if __name__ == "__main__":
    sys.exit(main())
