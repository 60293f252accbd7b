"""Field keywords (the table; their starting list is seeded by `petitions.catalogue` on post_migrate),
and the published answers folded for search without accents."""

import re
import unicodedata

from django.db import migrations

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", text).strip()


def add_keywords(apps, schema_editor):
    # The keywords themselves are seeded by petitions.catalogue on post_migrate (they must come back
    # after a flush); this step folds the answers already published, for search without accents.
    Petition = apps.get_model("petitions", "Petition")
    for p in Petition.objects.filter(answer_published=True).only("id", "answer").iterator():
        Petition.objects.filter(pk=p.pk).update(answer_folded=_fold(p.answer))


def remove_keywords(apps, schema_editor):
    FieldKeyword = apps.get_model("petitions", "FieldKeyword")
    FieldKeyword.objects.filter(field__commune__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_hotspots_duplicates_suggestions")]

    operations = [migrations.RunPython(add_keywords, remove_keywords)]
