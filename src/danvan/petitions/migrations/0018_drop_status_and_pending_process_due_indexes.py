from django.db import migrations, models

# Dropped by name, not by AlterField: on SQLite an AlterField rebuilds the table, which would drop the
# tally triggers (0013_petition_tally_triggers) with it. On PostgreSQL the column had a LIKE twin too.
STATUS_INDEXES = ("petitions_petition_status_c8dc5c12", "petitions_petition_status_c8dc5c12_like")


def drop_status_indexes(apps, schema_editor):
    for name in STATUS_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_status_indexes(apps, schema_editor):
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "petitions_petition_status_c8dc5c12" ON "petitions_petition" ("status")'
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE INDEX IF NOT EXISTS "petitions_petition_status_c8dc5c12_like" '
            'ON "petitions_petition" ("status" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    """Two indexes every petition write paid for and no query needs (EXPLAIN (ANALYZE, BUFFERS) on 10
    million petitions, docs/BENCHMARKS.md "Indexes on open and rated petitions…"): the single-column
    `status` index (and its LIKE twin), which the planner ANDed into the overdue queries at the cost of
    reading every commune's rows of the status; and `petition_pending_process_due`, whose rows are those of
    `petition_pending_accept_due` (same condition, same commune), which serves the same queries."""

    dependencies = [
        ("petitions", "0017_merge_results_and_rated_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="petition",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("received", "Đã tiếp nhận"),
                            ("classified", "Đã phân loại"),
                            ("split", "Đã tách thành nhiều đơn"),
                            ("forwarded", "Đã chuyển cơ quan có thẩm quyền"),
                            ("guided", "Đã hướng dẫn người gửi"),
                            ("returned", "Đã trả lại đơn"),
                            ("accepted", "Đã thụ lý"),
                            ("verifying", "Đang xác minh"),
                            ("resolved", "Đã giải quyết"),
                            ("closed", "Đã kết thúc"),
                            ("reopened", "Xem xét lại"),
                            ("suspended", "Tạm đình chỉ giải quyết"),
                            ("in_review", "Chờ lãnh đạo duyệt trả lời"),
                        ],
                        default="received",
                        max_length=12,
                        verbose_name="trạng thái",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_status_indexes, create_status_indexes)],
        ),
        migrations.RemoveIndex(
            model_name="petition",
            name="petition_pending_process_due",
        ),
    ]
