"""The national default list of fields (lĩnh vực) every commune sees; a commune may add its own."""

from django.db import migrations

FIELDS = [
    "Đất đai",
    "Môi trường",
    "Xây dựng, trật tự đô thị",
    "Giao thông, hạ tầng",
    "Chính sách xã hội",
    "Y tế",
    "Giáo dục",
    "An ninh, trật tự",
    "Thủ tục hành chính",
    "Thái độ, trách nhiệm của cán bộ",
    "Khác",
]


def add_fields(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    for order, name in enumerate(FIELDS, start=1):
        if not Field.objects.filter(commune__isnull=True, name=name).exists():
            Field.objects.create(name=name, sort_order=order * 10)


def remove_fields(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    Field.objects.filter(commune__isnull=True, name__in=FIELDS).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(add_fields, remove_fields)]
