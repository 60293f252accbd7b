"""Petition tallies: counts per commune and month that the public statistics and the report figures add
up instead of counting every petition on every view.

Kept right by database triggers on the petitions table (migration `0013_petition_tally_triggers`), in
the same statement, so in the same transaction, as every write — a service's save, a bulk insert, an
UPDATE from the admin or a bench loader alike; no code path can forget them. `tallies_rebuild`
recomputes them from the rows with the same rule, in one set-based INSERT…SELECT (command
`rebuild_aggregates`, run after a bulk load that turned triggers off).

The rule, the same as `statistics.public_statistics` always counted: a split đơn counts through its
parts, never itself; "resolved" is resolved or closed; of those with an answer day and a resolve
deadline, on time when answered no later than the deadline, late otherwise. A petition belongs to the
month it was received. "Open past the deadline" depends on today, so it is never tallied: it is counted
over the few open petitions through the partial index `petition_open_due`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from functools import reduce

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum

from danvan.core import pagecache
from danvan.petitions import statistics
from danvan.petitions.models import Petition, PetitionTally

TABLE = "petitions_petition"
TALLY = "petitions_petitiontally"
FINISHED = "('resolved', 'closed')"
COLUMNS = "commune_id, month, dimension, key, received, resolved, on_time, late"
COUNTERS = ("received", "resolved", "on_time", "late")

# One pass over the petitions with three grouping sets (the month, by field, by village).
_PG_REBUILD = f"""
INSERT INTO {TALLY} ({COLUMNS})
SELECT commune_id, month,
       CASE WHEN GROUPING(field_key) = 0 THEN 'f' WHEN GROUPING(village_key) = 0 THEN 'v' ELSE 'm' END,
       COALESCE(field_key, village_key, 0),
       count(*), sum(fin), sum(ot), sum(lt)
FROM (
    SELECT commune_id, date_trunc('month', received_on)::date AS month,
           COALESCE(field_id, 0) AS field_key, COALESCE(village_id, 0) AS village_key,
           CASE WHEN status IN {FINISHED} THEN 1 ELSE 0 END AS fin,
           CASE WHEN status IN {FINISHED} AND answered_on <= resolve_due THEN 1 ELSE 0 END AS ot,
           CASE WHEN status IN {FINISHED} AND answered_on > resolve_due THEN 1 ELSE 0 END AS lt
    FROM {TABLE} WHERE status <> 'split' {{where}}
) AS p
GROUP BY commune_id, month, GROUPING SETS ((), (field_key), (village_key))
"""  # noqa: S608 - constants only; commune codes are parameters

# SQLite has no grouping sets: the three groupings one after the other.
_SQLITE_ROWS = f"""
    SELECT commune_id, substr(received_on, 1, 7) || '-01' AS month,
           COALESCE(field_id, 0) AS field_key, COALESCE(village_id, 0) AS village_key,
           CASE WHEN status IN {FINISHED} THEN 1 ELSE 0 END AS fin,
           CASE WHEN status IN {FINISHED} AND answered_on <= resolve_due THEN 1 ELSE 0 END AS ot,
           CASE WHEN status IN {FINISHED} AND answered_on > resolve_due THEN 1 ELSE 0 END AS lt
    FROM {TABLE} WHERE status <> 'split' {{where}}
"""  # noqa: S608 - constants only
_SQLITE_REBUILD = f"""
INSERT INTO {TALLY} ({COLUMNS})
SELECT commune_id, month, 'm', 0, count(*), sum(fin), sum(ot), sum(lt) FROM ({_SQLITE_ROWS}) GROUP BY 1, 2
UNION ALL
SELECT commune_id, month, 'f', field_key, count(*), sum(fin), sum(ot), sum(lt) FROM ({_SQLITE_ROWS})
GROUP BY 1, 2, 4
UNION ALL
SELECT commune_id, month, 'v', village_key, count(*), sum(fin), sum(ot), sum(lt) FROM ({_SQLITE_ROWS})
GROUP BY 1, 2, 4
"""  # noqa: S608 - constants only


def tallies_rebuild(*, communes: Iterable[str] | None = None) -> int:
    """Recompute the tallies of `communes` (codes; all when None) from the petitions: idempotent, one
    DELETE and one INSERT…SELECT in one transaction. On PostgreSQL the petitions table is locked
    against writes (SHARE: reads go on) for the duration, so no write can fall between the count and the
    swap. Returns the number of tally rows written."""
    codes = None if communes is None else sorted(set(communes))
    if codes == []:
        return 0
    params: list = []
    where = ""
    if codes is not None:
        where = f"AND commune_id IN ({', '.join(['%s'] * len(codes))})"
        params = codes
    vendor = connection.vendor
    if vendor == "postgresql":
        sql, insert_params = _PG_REBUILD.format(where=where), params
    elif vendor == "sqlite":
        sql, insert_params = _SQLITE_REBUILD.format(where=where), params * 3
    else:
        raise NotImplementedError(vendor)
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {TABLE} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TALLY} WHERE true {where}", params)  # noqa: S608 - placeholders
        cursor.execute(sql, insert_params)
        # Not a service write (no audit record): the public statistics read the tallies, so say so.
        transaction.on_commit(pagecache.invalidate_all)
        return cursor.rowcount


def month_totals(codes: list[str], first: dt.date, last: dt.date) -> dict[str, dict[str, int]]:
    """Each commune's received / resolved / on time / late over the whole months first..last (first
    days of months), from the tallies: one query, a few rows per commune."""
    rows = (
        PetitionTally.objects.filter(
            commune__in=codes, dimension=PetitionTally.Dimension.MONTH, month__gte=first, month__lte=last
        )
        .values("commune_id")
        .annotate(**{c: Sum(c) for c in COUNTERS})
        .order_by()
    )
    return {row.pop("commune_id"): row for row in rows}


def period_counts(
    codes: list[str], start: dt.date, end: dt.date, *, also: dict[str, Q] | None = None
) -> dict[str, dict[str, int]]:
    """Each commune's petitions received start..end: received, resolved, on time, late, the same as
    counting the rows, at a cost that does not grow with the history. The whole months of the period
    come from the tallies; the rows are read only for the days outside whole months (none for a
    half-year or a year), over `petition_commune_received`. `also`: further counts over the rows
    (e.g. those open past their deadline, which depend on today), in the same query. At most 2
    queries whatever the number of communes."""
    also = also or {}
    totals = {code: dict.fromkeys((*COUNTERS, *also), 0) for code in codes}
    months = whole_months(start, end)
    edges: list[Q] = []
    if months is None:
        edges.append(Q(received_on__gte=start, received_on__lte=end))
    else:
        first, last = months
        after_last = month_after(last)
        if start < first:
            edges.append(Q(received_on__gte=start, received_on__lt=first))
        if end >= after_last:
            edges.append(Q(received_on__gte=after_last, received_on__lte=end))
        for code, row in month_totals(codes, first, last).items():
            for key, value in row.items():
                totals[code][key] += value or 0
    counts = {name: Count("id", filter=condition) for name, condition in also.items()}
    wanted = list(also.values())
    if edges:
        edge = reduce(operator.or_, edges)
        finished = edge & Q(status__in=statistics.FINISHED)
        answered = finished & Q(answered_on__isnull=False, resolve_due__isnull=False)
        counts |= {
            "received": Count("id", filter=edge),
            "resolved": Count("id", filter=finished),
            "on_time": Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
            "late": Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
        }
        wanted.append(edge)
    if not wanted:
        return totals
    rows = (
        Petition.objects.filter(reduce(operator.or_, wanted), commune__in=codes)
        .exclude(status=Petition.Status.SPLIT)
        .values("commune_id")
        .annotate(**counts)
        .order_by()
    )
    for row in rows:
        code = row.pop("commune_id")
        for key, value in row.items():
            totals[code][key] += value
    return totals


def whole_months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first days of the first and last whole calendar months within start..end, or None."""
    first = start if start.day == 1 else month_after(start)
    after = month_after(end)
    last_day = after - dt.timedelta(days=1)
    last = end.replace(day=1) if end == last_day else _previous_month(end.replace(day=1))
    return (first, last) if first <= last else None


def month_after(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s."""
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def _previous_month(first_day: dt.date) -> dt.date:
    if first_day.month == 1:
        return dt.date(first_day.year - 1, 12, 1)
    return first_day.replace(month=first_day.month - 1)
