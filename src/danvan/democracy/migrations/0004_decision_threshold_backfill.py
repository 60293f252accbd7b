"""Store on every existing village decision the threshold it is (or was) put to the vote under.

Decisions already counted (closed, recorded, published) were decided under the rule the code applied
then, more than half of all households, and keep it: what was decided stays decided. Decisions still
in draft or being voted on get the threshold of Luật THDCCS 2022, Điều 21(1): at least two thirds of
all households for contributions (Điều 15 khoản 1–2), more than half for the rest.
"""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"
DECIDED = ("closed", "recorded", "published")
CONTRIBUTIONS = ("contribution_policy", "contribution_spending")


def backfill(apps, schema_editor):
    Decision = apps.get_model("democracy", "VillageDecision")
    Decision.objects.filter(status__in=DECIDED, pass_share="").update(
        pass_share="1/2",
        pass_inclusive=False,
        pass_citation=f"tỷ lệ đã áp dụng khi biểu quyết (trên 50%), {LAW}",
    )
    undecided = Decision.objects.exclude(status__in=DECIDED).filter(pass_share="")
    undecided.filter(matter__in=CONTRIBUTIONS).update(
        pass_share="2/3",
        pass_inclusive=True,
        pass_citation=f"{LAW}, Điều 21 khoản 1 (nội dung khoản 1, 2 Điều 15)",
    )
    undecided.exclude(matter__in=CONTRIBUTIONS).update(
        pass_share="1/2",
        pass_inclusive=False,
        pass_citation=f"{LAW}, Điều 21 khoản 1 (nội dung khoản 3–6 Điều 15)",
    )


class Migration(migrations.Migration):
    dependencies = [("democracy", "0003_decision_threshold")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
