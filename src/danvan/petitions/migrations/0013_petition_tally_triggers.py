"""Triggers that keep `PetitionTally` right in the same statement as every write to a petition.

A frozen copy of the counting rule (as migrations must be): a split đơn is not counted (its parts are),
"resolved" is status resolved or closed, on time / late compares the answer day with the resolve
deadline. `petitions.tallies.tallies_rebuild` holds the same rule for recomputing from the rows, and
the tests check the two agree after real service calls. A later change of the rule is a new
migration that replaces these functions.

PostgreSQL: statement-level triggers with transition tables, so a bulk UPDATE or INSERT…SELECT is one
grouped upsert, not one per row; the upsert's rows are ordered so two writers take tally rows in the
same order. SQLite (development, tests): row-level triggers with the same upsert.
"""

from django.db import migrations

TABLE = "petitions_petition"
TALLY = "petitions_petitiontally"
FINISHED = "('resolved', 'closed')"
COUNTERS = ("received", "resolved", "on_time", "late")
UPSERT = ", ".join(f"{c} = t.{c} + EXCLUDED.{c}" for c in COUNTERS)


def _pg_rows(source: str, sign: int) -> str:
    return f"""
        SELECT commune_id, date_trunc('month', received_on)::date AS month, field_id, village_id,
               {sign} AS sign,
               CASE WHEN status IN {FINISHED} THEN 1 ELSE 0 END AS fin,
               CASE WHEN status IN {FINISHED} AND answered_on <= resolve_due THEN 1 ELSE 0 END AS ot,
               CASE WHEN status IN {FINISHED} AND answered_on > resolve_due THEN 1 ELSE 0 END AS lt
        FROM {source} WHERE status <> 'split'"""


def _pg_function(name: str, sources: list[tuple[str, int]]) -> str:
    rows = " UNION ALL ".join(_pg_rows(s, sign) for s, sign in sources)
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TALLY} AS t (commune_id, month, dimension, key, received, resolved, on_time, late)
    SELECT d.commune_id, d.month, k.dimension, k.key,
           sum(d.sign), sum(d.sign * d.fin), sum(d.sign * d.ot), sum(d.sign * d.lt)
    FROM ({rows}) AS d
    CROSS JOIN LATERAL (VALUES ('m', 0::bigint), ('f', COALESCE(d.field_id, 0)),
                               ('v', COALESCE(d.village_id, 0))) AS k(dimension, key)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.sign) <> 0 OR sum(d.sign * d.fin) <> 0 OR sum(d.sign * d.ot) <> 0 OR sum(d.sign * d.lt) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (commune_id, month, dimension, key) DO UPDATE SET {UPSERT};
    RETURN NULL;
END $$;"""


PG_INSTALL = [
    _pg_function("petition_tally_insert", [("new_rows", 1)]),
    _pg_function("petition_tally_update", [("new_rows", 1), ("old_rows", -1)]),
    _pg_function("petition_tally_delete", [("old_rows", -1)]),
    f"""CREATE TRIGGER petition_tally_insert AFTER INSERT ON {TABLE}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_tally_insert()""",
    f"""CREATE TRIGGER petition_tally_update AFTER UPDATE ON {TABLE}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION petition_tally_update()""",
    f"""CREATE TRIGGER petition_tally_delete AFTER DELETE ON {TABLE}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_tally_delete()""",
]
PG_REMOVE = [
    *(f"DROP TRIGGER IF EXISTS petition_tally_{op} ON {TABLE}" for op in ("insert", "update", "delete")),
    *(f"DROP FUNCTION IF EXISTS petition_tally_{op}()" for op in ("insert", "update", "delete")),
]


def _sqlite_flags(row: str) -> tuple[str, str, str]:
    finished = f"{row}.status IN {FINISHED}"
    return (
        f"(CASE WHEN {finished} THEN 1 ELSE 0 END)",
        f"(CASE WHEN {finished} AND {row}.answered_on <= {row}.resolve_due THEN 1 ELSE 0 END)",
        f"(CASE WHEN {finished} AND {row}.answered_on > {row}.resolve_due THEN 1 ELSE 0 END)",
    )


def _sqlite_add(row: str) -> str:
    fin, ot, lt = _sqlite_flags(row)
    return f"""
    INSERT INTO {TALLY} (commune_id, month, dimension, key, received, resolved, on_time, late)
    SELECT {row}.commune_id, substr({row}.received_on, 1, 7) || '-01', k.dimension, k.key, 1, {fin}, {ot}, {lt}
    FROM (SELECT 'm' AS dimension, 0 AS key UNION ALL SELECT 'f', COALESCE({row}.field_id, 0)
          UNION ALL SELECT 'v', COALESCE({row}.village_id, 0)) AS k
    WHERE {row}.status <> 'split'
    ON CONFLICT (commune_id, month, dimension, key) DO UPDATE SET
        {", ".join(f"{c} = {c} + excluded.{c}" for c in COUNTERS)};"""


def _sqlite_take(row: str) -> str:
    """The row's counts taken off the tally rows that hold them: an UPDATE, never an insert, so a flush
    that empties the tallies before the petitions (Django's test flush on SQLite) leaves nothing behind."""
    fin, ot, lt = _sqlite_flags(row)
    return f"""
    UPDATE {TALLY} SET received = received - 1, resolved = resolved - {fin}, on_time = on_time - {ot},
        late = late - {lt}
    WHERE {row}.status <> 'split' AND commune_id = {row}.commune_id
      AND month = substr({row}.received_on, 1, 7) || '-01'
      AND ((dimension = 'm' AND key = 0) OR (dimension = 'f' AND key = COALESCE({row}.field_id, 0))
           OR (dimension = 'v' AND key = COALESCE({row}.village_id, 0)));"""


COUNTED_COLUMNS = "commune_id, received_on, status, field_id, village_id, answered_on, resolve_due"
SQLITE_INSTALL = [
    f"""CREATE TRIGGER petition_tally_insert AFTER INSERT ON {TABLE} BEGIN
        {_sqlite_add("NEW")}
    END""",
    f"""CREATE TRIGGER petition_tally_update AFTER UPDATE OF {COUNTED_COLUMNS} ON {TABLE} BEGIN
        {_sqlite_take("OLD")}
        {_sqlite_add("NEW")}
    END""",
    f"""CREATE TRIGGER petition_tally_delete AFTER DELETE ON {TABLE} BEGIN
        {_sqlite_take("OLD")}
    END""",
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS petition_tally_{op}" for op in ("insert", "update", "delete")]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError("Petition tallies need PostgreSQL or SQLite.")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("petitions", "0012_petition_tallies")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_INSTALL, "sqlite": SQLITE_INSTALL}),
            _run({"postgresql": PG_REMOVE, "sqlite": SQLITE_REMOVE}),
        ),
    ]
