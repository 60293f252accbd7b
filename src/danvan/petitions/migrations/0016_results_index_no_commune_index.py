from django.db import migrations, models

# The commune's own index (and on PostgreSQL its LIKE twin) is dropped by name, not by AlterField: on
# SQLite an AlterField of a foreign key rebuilds the table, which would drop the tally triggers
# (0013_petition_tally_triggers) with it.
COMMUNE_INDEXES = ("petitions_petition_commune_id_1846c0e8", "petitions_petition_commune_id_1846c0e8_like")


def drop_commune_indexes(apps, schema_editor):
    for name in COMMUNE_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_commune_indexes(apps, schema_editor):
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "petitions_petition_commune_id_1846c0e8" ON "petitions_petition" ("commune_id")'
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE INDEX IF NOT EXISTS "petitions_petition_commune_id_1846c0e8_like" '
            'ON "petitions_petition" ("commune_id" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0002_alter_commune_division_type"),
        ("petitions", "0015_merge_tallies_staff_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="petition",
                    name="commune",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="petitions",
                        to="geo.commune",
                        verbose_name="xã",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_commune_indexes, create_commune_indexes)],
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                condition=models.Q(
                    ("answer_published", True),
                    ("publish_consent", True),
                    ("status__in", ["resolved", "closed"]),
                ),
                fields=["commune", "-answered_on", "-id"],
                include=("kind", "kind_hint", "field", "village"),
                name="petition_published_results",
            ),
        ),
    ]
