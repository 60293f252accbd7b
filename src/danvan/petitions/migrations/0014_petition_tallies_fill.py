"""Fill the petition tallies from the petitions already stored, so an existing deployment starts right.

A frozen copy of `petitions.tallies.tallies_rebuild` (migrations import no app code); the triggers of
0013 keep the tallies right from here on. Reversing empties the table.
"""

from django.db import migrations

FINISHED = "('resolved', 'closed')"
COLUMNS = "commune_id, month, dimension, key, received, resolved, on_time, late"
FLAGS = f"""
    CASE WHEN status IN {FINISHED} THEN 1 ELSE 0 END AS fin,
    CASE WHEN status IN {FINISHED} AND answered_on <= resolve_due THEN 1 ELSE 0 END AS ot,
    CASE WHEN status IN {FINISHED} AND answered_on > resolve_due THEN 1 ELSE 0 END AS lt"""
PG_FILL = f"""
INSERT INTO petitions_petitiontally ({COLUMNS})
SELECT commune_id, month,
       CASE WHEN GROUPING(field_key) = 0 THEN 'f' WHEN GROUPING(village_key) = 0 THEN 'v' ELSE 'm' END,
       COALESCE(field_key, village_key, 0), count(*), sum(fin), sum(ot), sum(lt)
FROM (SELECT commune_id, date_trunc('month', received_on)::date AS month,
             COALESCE(field_id, 0) AS field_key, COALESCE(village_id, 0) AS village_key, {FLAGS}
      FROM petitions_petition WHERE status <> 'split') AS p
GROUP BY commune_id, month, GROUPING SETS ((), (field_key), (village_key))
"""
SQLITE_ROWS = f"""SELECT commune_id, substr(received_on, 1, 7) || '-01' AS month,
    COALESCE(field_id, 0) AS field_key, COALESCE(village_id, 0) AS village_key, {FLAGS}
    FROM petitions_petition WHERE status <> 'split'"""
SQLITE_FILL = f"""
INSERT INTO petitions_petitiontally ({COLUMNS})
SELECT commune_id, month, 'm', 0, count(*), sum(fin), sum(ot), sum(lt) FROM ({SQLITE_ROWS}) GROUP BY 1, 2
UNION ALL
SELECT commune_id, month, 'f', field_key, count(*), sum(fin), sum(ot), sum(lt) FROM ({SQLITE_ROWS})
GROUP BY 1, 2, 4
UNION ALL
SELECT commune_id, month, 'v', village_key, count(*), sum(fin), sum(ot), sum(lt) FROM ({SQLITE_ROWS})
GROUP BY 1, 2, 4
"""


def fill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("DELETE FROM petitions_petitiontally")
    schema_editor.execute(PG_FILL if vendor == "postgresql" else SQLITE_FILL)


def empty(apps, schema_editor):
    schema_editor.execute("DELETE FROM petitions_petitiontally")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0013_petition_tally_triggers")]

    operations = [migrations.RunPython(fill, empty)]
