"""The national mode of `bench_reports.py` (issue 21): 3,321 communes, 10,000,000 petitions, PostgreSQL.

Petitions are written by SQL (one INSERT…SELECT per million, `generate_series` and `random()` with a
fixed seed) with the triggers off (`session_replication_role = replica`, as the load bench does), then
`rebuild_aggregates` fills the tallies (timed). Each figure read from the tallies is checked equal to
the same figure counted from the raw petitions as before them, and both are timed in the same run.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

START, END = date(2026, 1, 1), date(2026, 6, 30)
TODAY = date(2026, 8, 1)
CHUNK = 1_000_000

# One petition per row of generate_series: received over the two years before TODAY; recent ones
# mostly open, older ones mostly answered (as bench/petitions_load), some forgotten past their deadline.
ROWS = """
SELECT i, c.code AS commune_id, c.vfirst, r1, r2, r3, r4, r5,
       DATE '{today}' - 1 - floor(r1 * 730)::int AS received_on,
       CASE WHEN r1 * 730 < 14 THEN
           CASE WHEN r2 < .45 THEN 'received' WHEN r2 < .70 THEN 'classified' WHEN r2 < .85 THEN 'accepted'
                WHEN r2 < .95 THEN 'verifying' ELSE 'resolved' END
       ELSE
           CASE WHEN r2 < .25 THEN 'resolved' WHEN r2 < .83 THEN 'closed' WHEN r2 < .90 THEN 'forwarded'
                WHEN r2 < .95 THEN 'guided' WHEN r2 < .98 THEN 'returned' WHEN r2 < .985 THEN 'accepted'
                WHEN r2 < .995 THEN 'verifying' ELSE 'received' END
       END AS status
FROM (SELECT i, random() r1, random() r2, random() r3, random() r4, random() r5
      FROM generate_series(%(first)s, %(last)s) AS i) AS g
JOIN bench_communes c ON c.n = CASE WHEN g.i <= %(extra)s THEN g.i %% 5 ELSE g.i %% %(n)s END
"""
INSERT = """
INSERT INTO petitions_petition (
    commune_id, tracking_code, channel, received_on, kind_hint, kind, status, content, village_id,
    address, field_id, ineligible_reason, complexity, checks_in_several_places, signers_count,
    publish_consent, notify_citizen, resolve_due, extensions, accepted_on, outcome_letter, answer,
    answered_on, answer_published, answer_folded, review_comment, suspended_from, paused_days,
    withdrawn_part, rating_reason, created_at, updated_at)
SELECT commune_id, 'N' || lpad(i::text, 11, '0'), 'portal', received_on, 'unclassified',
       CASE WHEN status = 'received' THEN 'unclassified' WHEN r3 < .45 THEN 'feedback'
            WHEN r3 < .75 THEN 'recommendation' WHEN r3 < .92 THEN 'complaint' ELSE 'denunciation' END,
       status, 'Nội dung thử',
       CASE WHEN r5 < .2 THEN NULL ELSE vfirst + floor((r5 - .2) / .8 * 8)::int END,
       '', CASE WHEN status = 'received' THEN NULL ELSE (%(fields)s)[1 + floor(r4 * %(n_fields)s)::int] END,
       '', 'normal', false, 1, false, false,
       CASE WHEN status IN ('accepted', 'verifying', 'resolved', 'closed') THEN received_on + 30 END, 0,
       CASE WHEN status IN ('accepted', 'verifying', 'resolved', 'closed') THEN received_on + 2 END,
       '', CASE WHEN status IN ('resolved', 'closed') THEN 'Đã giải quyết.' ELSE '' END,
       CASE WHEN status IN ('resolved', 'closed') THEN LEAST(received_on + 5 + floor(r4 * 40)::int,
            DATE '{today}') END,
       false, '', '', '', 0, '', '', received_on::timestamptz, received_on::timestamptz
FROM ({rows}) AS p
"""


def stage(what: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


PROBES, PROBE_PETITIONS = 5, 3000  # communes whose statistics are timed, and their petitions (2 years)


def load_petitions(n: int) -> float:
    """`n` petitions spread evenly over the communes, plus enough for the first PROBES communes (in code
    order) to hold PROBE_PETITIONS each, as a commune does at 10M petitions nationally."""
    from django.db import connection, transaction

    from danvan.petitions.models import Field

    fields = list(Field.objects.filter(commune=None).order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT setseed(0.21)")
        cur.execute(
            """CREATE TEMP TABLE bench_communes AS
               SELECT (row_number() OVER (ORDER BY code)) - 1 AS n, code,
                      (SELECT min(id) FROM geo_village v WHERE v.commune_id = c.code) AS vfirst
               FROM geo_commune c"""
        )
        cur.execute("SELECT count(*) FROM bench_communes")
        n_communes = cur.fetchone()[0]
        array = f"ARRAY[{','.join(str(f) for f in fields)}]::bigint[]"
        sql = INSERT.format(today=TODAY.isoformat(), rows=ROWS.format(today=TODAY.isoformat()))
        sql = sql.replace("%(fields)s", array).replace("%(n_fields)s", str(len(fields)))
        extra = PROBES * max(0, PROBE_PETITIONS - n // n_communes)
        total = n + extra
        for first in range(1, total + 1, CHUNK):
            last = min(total, first + CHUNK - 1)
            with transaction.atomic():
                cur.execute("SET LOCAL session_replication_role = replica")  # no triggers: tallies rebuilt
                cur.execute(sql, {"first": first, "last": last, "n": n_communes, "extra": extra})
            stage(f"{last:,} petitions ({time.perf_counter() - started:.0f} s)")
        cur.execute("ANALYZE")
    return time.perf_counter() - started


# --- the figures as they were counted before the tallies (for the ratio and the equality check) --------


def statistics_raw(commune, year: int, today: date):
    from django.db.models import Count, F, Q
    from django.db.models.functions import ExtractMonth

    from danvan.petitions.models import Petition
    from danvan.petitions.statistics import BEING_RESOLVED, FINISHED

    base = Petition.objects.filter(commune=commune, received_on__year=year).exclude(status="split")
    answered = Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    totals = base.aggregate(
        received=Count("id"),
        resolved=Count("id", filter=Q(status__in=FINISHED)),
        on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
        late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
        open_overdue=Count("id", filter=Q(status__in=BEING_RESOLVED, resolve_due__lt=today)),
    )
    fields = dict(base.values_list("field__name").annotate(n=Count("id")).order_by())
    villages = dict(base.values_list("village__name").annotate(n=Count("id")).order_by())
    months = [0] * 12
    for m, n in (
        base.annotate(m=ExtractMonth("received_on")).values_list("m").annotate(n=Count("id")).order_by()
    ):
        months[m - 1] = n
    return totals, fields, villages, months


def statistics_new(commune, year: int, today: date):
    from danvan.petitions.statistics import public_statistics

    s = public_statistics(commune=commune, year=year, today=today)
    totals = {k: getattr(s, k) for k in ("received", "resolved", "on_time", "late", "open_overdue")}
    fields = {(None if name == "Chưa phân loại" else name): n for name, n in s.by_field}
    villages = {(None if name == "Không rõ thôn" else name): n for name, n in s.by_village}
    return totals, fields, villages, s.by_month


def key_figures_raw(codes: list[str], start: date, end: date) -> dict:
    from django.db.models import Count, F, Q

    from danvan.petitions.models import Petition
    from danvan.petitions.statistics import BEING_RESOLVED, FINISHED

    in_period = Q(received_on__gte=start)
    answered = in_period & Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    rows = (
        Petition.objects.filter(commune__in=codes, received_on__lte=end)
        .exclude(status="split")
        .values("commune_id")
        .annotate(
            received=Count("id", filter=in_period),
            resolved=Count("id", filter=in_period & Q(status__in=FINISHED)),
            on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
            late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
            open_overdue=Count("id", filter=Q(status__in=BEING_RESOLVED, resolve_due__lt=min(end, TODAY))),
        )
        .order_by()
    )
    return {r.pop("commune_id"): r for r in rows}


def key_figures_new(codes: list[str], start: date, end: date) -> dict:
    from danvan.petitions.report_sections import _totals

    return {code: row for code, row in _totals(codes, start, end).items() if any(row.values())}


# --- timing -------------------------------------------------------------------------------------------


def timed(fn, runs: int):
    """(median seconds, result, queries) of `runs` calls after one warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t)
    return statistics.median(times), result, len(ctx.captured_queries)


def explain(fn, label: str) -> None:
    """EXPLAIN ANALYZE of every query `fn` runs, printed with its time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    for i, q in enumerate(ctx.captured_queries, 1):
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
            plan = [row[0] for row in cur.fetchall()]
        print(f"\n### {label}, query {i}\n```\n{q['sql'][:300]}\n" + "\n".join(plan) + "\n```")


def run(args, generate) -> int:
    from bench_reports import NATIONAL_COMMUNES, NATIONAL_PROVINCES
    from django.core.management import call_command
    from django.db import connection

    from danvan.core.sections import providers
    from danvan.geo.models import Commune
    from danvan.petitions.models import Petition, PetitionTally
    from danvan.reports.selectors import issued_reports_for, province_overview, report_dues_for

    out: dict[str, str] = {}
    t = time.perf_counter()
    stage("communes, plans, tasks, reports")
    province = generate(args.communes, NATIONAL_PROVINCES if args.communes == NATIONAL_COMMUNES else 2, 0)
    out["communes, plans, tasks, reports: s"] = f"{time.perf_counter() - t:.0f}"
    stage(f"{args.petitions:,} petitions by INSERT…SELECT, triggers off")
    out["petitions INSERT…SELECT (triggers off) + ANALYZE: s"] = f"{load_petitions(args.petitions):.0f}"
    stage("rebuild_aggregates")
    t = time.perf_counter()
    call_command("rebuild_aggregates")
    out["rebuild_aggregates (all communes): s"] = f"{time.perf_counter() - t:.1f}"
    with connection.cursor() as cur:
        cur.execute("ANALYZE petitions_petitiontally")
        cur.execute(
            "SELECT pg_total_relation_size('petitions_petition'), pg_total_relation_size(%s)",
            ["petitions_petitiontally"],
        )
        sizes = cur.fetchone()
    out["petitions / tally rows"] = f"{Petition.objects.count():,} / {PetitionTally.objects.count():,}"
    out["petitions / tally table with indexes: MiB"] = f"{sizes[0] / 2**20:,.0f} / {sizes[1] / 2**20:,.0f}"
    communes = list(Commune.objects.filter(is_active=True).order_by("code"))
    codes = [c.code for c in communes]

    stage("public statistics of single communes")
    probes = communes[:PROBES]
    new_ms, raw_ms = [], []
    for c in probes:
        s_new, r_new, q_new = timed(lambda c=c: statistics_new(c, 2026, TODAY), 20)
        s_raw, r_raw, q_raw = timed(lambda c=c: statistics_raw(c, 2026, TODAY), 5)
        assert r_new == r_raw, (c.code, r_new, r_raw)
        new_ms.append(s_new * 1000)
        raw_ms.append(s_raw * 1000)
    year_received = Petition.objects.filter(commune=probes[-1]).count()
    out["public statistics, one commune (5 communes, medians): ms"] = " / ".join(f"{x:.1f}" for x in new_ms)
    out["the same counted from the rows (before): ms"] = " / ".join(f"{x:.1f}" for x in raw_ms)
    out["statistics: queries now / before"] = f"{q_new} / {q_raw}"
    out["petitions of each probed commune (2 years)"] = f"{year_received:,}"

    stage("petitions key figures, all communes")
    s_new, r_new, q_new = timed(lambda: key_figures_new(codes, START, END), args.runs)
    s_raw, r_raw, _ = timed(lambda: key_figures_raw(codes, START, END), 1)
    assert r_new == r_raw
    out[f"petitions key figures, {len(codes):,} communes, H1: s now / before"] = (
        f"{s_new:.3f} / {s_raw:.3f} ({q_new} queries)"
    )
    odd = (date(2025, 12, 15), date(2026, 6, 14))
    s_odd, r_odd, q_odd = timed(lambda: key_figures_new(codes, *odd), args.runs)
    assert r_odd == key_figures_raw(codes, *odd)
    out["the same, 15/12–14/6 (days outside whole months): s"] = f"{s_odd:.3f} ({q_odd} queries)"

    def national():
        figures = {p.key: p.key_figures(communes, START, END) for p in providers()}
        return figures, issued_reports_for(communes, START, END), report_dues_for(communes, START, END)

    stage("national roll-up")
    s_nat, _, q_nat = timed(national, args.runs)
    out[f"national roll-up, {len(codes):,} communes, every provider: median s"] = (
        f"{s_nat:.2f} ({q_nat} queries)"
    )
    for p in providers():
        s_p, _, q_p = timed(lambda p=p: p.key_figures(communes, START, END), 1)
        out[f"  of which `{p.key}`: s / queries"] = f"{s_p:.3f} / {q_p}"
    n_province = Commune.objects.filter(province=province).count()
    s_prov, _, q_prov = timed(
        lambda: province_overview(province=province, start=START, end=END, today=TODAY), args.runs
    )
    out[f"province roll-up, {n_province} communes: median s"] = f"{s_prov:.3f} ({q_prov} queries)"
    print(f"database: PostgreSQL; {len(communes):,} communes")
    print("| measure | value |\n|---|---:|")
    for k, v in out.items():
        print(f"| {k} | {v} |")
    if args.explain:
        c = probes[0]
        explain(lambda: statistics_new(c, 2026, TODAY), "public statistics (tallies)")
        explain(lambda: statistics_raw(c, 2026, TODAY), "public statistics (rows, before)")
        explain(lambda: key_figures_new(codes, START, END), "key figures H1 (tallies)")
        explain(lambda: key_figures_new(codes, *odd), "key figures 15/12–14/6 (tallies + edge days)")
        explain(lambda: key_figures_raw(codes, START, END), "key figures H1 (rows, before)")
    return 0
