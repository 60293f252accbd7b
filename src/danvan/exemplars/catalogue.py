"""The starting list of fields (lĩnh vực) a "Dân vận khéo" model belongs to: our own list, editable in
the admin (a commune may add its own). Seeded after every ``migrate`` and test flush, only into an
empty table, so an administrator's edits are never overwritten."""

from __future__ import annotations

FIELDS = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
    "Cải cách hành chính",
    "Nông thôn mới, đô thị văn minh",
    "Bảo vệ môi trường",
    "Khác",
]


def ensure_fields(sender, using="default", apps=None, **kwargs):
    if apps is None:
        from django.apps import apps
    try:
        ExemplarField = apps.get_model("exemplars", "ExemplarField")
    except LookupError:  # migrating backwards past the table
        return
    if ExemplarField.objects.using(using).filter(commune__isnull=True).exists():
        return
    ExemplarField.objects.using(using).bulk_create(
        ExemplarField(name=name, sort_order=order * 10) for order, name in enumerate(FIELDS, start=1)
    )
