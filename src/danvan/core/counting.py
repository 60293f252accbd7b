"""Several COUNTs in one statement: the workspace home's alarms are a handful of counts over different
tables, each a query of its own (a round trip, a cursor, the ORM's wrapping of `.count()`); read together
they cost one (docs/BENCHMARKS.md, "Staff pages at national scale").

Each count stays defined by its app as a queryset (the same one its list pages filter), so the rule is
written once; this module only reads the querysets' counts side by side as scalar subqueries.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet


def counts(querysets: dict[str, QuerySet]) -> dict[str, int]:
    """{name: number of rows of the queryset}, in one query. The querysets must read one database."""
    if not querysets:
        return {}
    aliases = {qs.db for qs in querysets.values()}
    if len(aliases) != 1:
        raise ValueError(f"counts() reads one database, not {sorted(aliases)}")
    alias = aliases.pop()
    parts, params = [], []
    for i, qs in enumerate(querysets.values()):
        # The primary keys only, unordered: what `.count()` itself would wrap and count.
        sql, qs_params = qs.order_by().values("pk").query.get_compiler(using=alias).as_sql()
        # The SQL is the ORM's own compilation, its values passed as parameters: nothing typed is pasted.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{i})")  # noqa: S608
        params.extend(qs_params)
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))
