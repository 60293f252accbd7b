"""`core.forms.QuickSelect` writes exactly what Django's own `Select` writes (issue 21: the staff
list's filter form renders its options in Python, the page must not change)."""

from __future__ import annotations

import pytest
from django import forms

from danvan.core.forms import QuickSelect
from danvan.petitions.forms import FilterForm
from danvan.petitions.models import Field

CHOICES = [("", "Tất cả"), ("a", 'Đất đai <&> "nhà"'), ("b", "Môi trường")]


@pytest.mark.parametrize("value", [None, "", "a", "b", "khác"])
def test_the_quick_select_writes_what_django_select_writes(value):
    attrs = {"id": "id_x", "aria-describedby": "x_helptext", "required": True, "disabled": False}
    assert QuickSelect(choices=CHOICES).render("x", value, attrs) == forms.Select(choices=CHOICES).render(
        "x", value, attrs
    )


def test_grouped_choices_are_left_to_django():
    grouped = [("Nhóm <1>", [("a", "A"), ("b", "B")]), ("c", "C")]
    assert QuickSelect(choices=grouped).render("x", "b") == forms.Select(choices=grouped).render("x", "b")


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"status": "received", "kind": "complaint", "field": "1"}])
def test_the_petition_filter_form_reads_the_same_as_with_django_selects(commune, data):
    field = Field.objects.filter(commune__isnull=True).first()
    data = {**data, "field": str(field.pk)} if data else data
    quick = FilterForm(data or None, commune=commune)
    plain = FilterForm(data or None, commune=commune)
    for name in ("status", "kind", "field", "unit"):
        plain.fields[name].widget = forms.Select(choices=plain.fields[name].choices)
    for name in ("status", "kind", "field", "unit"):
        assert str(quick[name]) == str(plain[name])
