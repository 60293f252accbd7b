"""Migration 0006 corrects a catalogue seeded with the first, wrong list; the administrator's edits stay."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from danvan.democracy.models import DisclosureKind

pytestmark = pytest.mark.django_db

migration = importlib.import_module("danvan.democracy.migrations.0006_catalogue_article_11")


def old_row(code: str, clause: int, note: str = migration.OLD_NOTE, **kw) -> DisclosureKind:
    return DisclosureKind.objects.create(
        code=code, clause=clause, name=f"Cũ {code}", required_forms=["office_posting"], note=note, **kw
    )


def test_untouched_rows_follow_article_11_edited_rows_stay_and_missing_kinds_are_added():
    DisclosureKind.objects.all().delete()
    old_row("policies_laws", 1)
    old_row("social_support", 8)
    old_row("budget", 3, note="Xã đã sửa: công khai thêm tại chợ.", min_days=45)

    migration.correct(apps, None)

    dropped = DisclosureKind.objects.get(code="policies_laws")
    assert not dropped.is_active and dropped.clause is None
    social = DisclosureKind.objects.get(code="social_support")
    assert social.clause == 7 and social.loudspeaker_days == 3 and "village_posting" in social.required_forms
    budget = DisclosureKind.objects.get(code="budget")
    assert (budget.clause, budget.min_days, budget.name) == (3, 45, "Cũ budget")  # the administrator's
    active = set(DisclosureKind.objects.filter(is_active=True).values_list("code", flat=True))
    assert active == {row[0] for row in migration.CATALOGUE}
    assert DisclosureKind.objects.get(code="admin_procedures").permanent
