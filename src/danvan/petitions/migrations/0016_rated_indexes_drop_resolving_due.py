from django.db import migrations, models


class Migration(migrations.Migration):
    """`petition_resolving_due` (commune, resolve_due; open cases) repeated the first two columns of
    `petition_open_due` under the same condition: every query it served uses `petition_open_due` as
    well without it (EXPLAIN in docs/BENCHMARKS.md), and each index costs every petition write. The
    ratings the province reads (satisfaction by day answered, the surveys' figures by moment rated) get
    partial indexes of rated petitions, which a petition enters only when it is rated."""

    dependencies = [
        ("petitions", "0015_merge_tallies_staff_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="petition",
            name="petition_resolving_due",
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                condition=models.Q(("rating__isnull", False)),
                fields=["commune", "answered_on", "rating"],
                name="petition_rated_answered",
            ),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                condition=models.Q(("rating__isnull", False)),
                fields=["commune", "rated_at", "rating"],
                name="petition_rated_at",
            ),
        ),
    ]
