"""The “Dân vận khéo” section of the periodic report: counts by field and status, the period's
registrations and recognitions, and the province's figures in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.sections import provider
from danvan.exemplars import services
from danvan.exemplars.models import ExemplarField
from danvan.exemplars.report_sections import ExemplarsSection
from tests.conftest import make_commune
from tests.exemplars.conftest import TODAY, built, evaluated, register

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def test_the_section_is_registered_and_says_when_there_is_nothing(commune):
    section = provider("exemplars")
    assert isinstance(section, ExemplarsSection)
    content = section.build(commune, START, END)
    assert "chưa có mô hình" in content.paragraphs[0]
    assert {f.key: f.value for f in content.figures}["registered"] == 0


def test_counts_by_field_and_status(commune, people):
    culture = ExemplarField.objects.get(commune__isnull=True, name="Văn hóa – xã hội")
    register(commune, people.officer, name="Một")
    built(commune, people, name="Hai")
    done = evaluated(commune, people, name="Ba", field=culture)
    services.exemplar_recognise(
        by=people.leader,
        exemplar=done,
        kind="recognition",
        level="province",
        decision_number="3/QĐ-UBND",
        decision_on=TODAY,
        issuer="UBND xã",
    )
    content = ExemplarsSection().build(commune, START, END)
    f = {x.key: x.value for x in content.figures}
    assert (f["registered"], f["building"], f["recognised"], f["proposed_province"]) == (3, 1, 1, 1)
    table = content.tables[0]
    assert table.header[0] == "Lĩnh vực" and table.header[-1] == "Cộng"
    rows = {r[0]: r for r in table.rows}
    assert rows["Kinh tế"][1:3] == ["1", "1"] and rows["Kinh tế"][-1] == "2"
    assert rows["Văn hóa – xã hội"][4] == "1"  # recognised
    assert "đăng ký 3 mô hình" in content.paragraphs[0]
    # Outside the period nothing was registered or recognised.
    later = {
        x.key: x.value
        for x in ExemplarsSection().build(commune, dt.date(2026, 7, 1), END.replace(month=12)).figures
    }
    assert later["registered"] == 0 and later["recognised"] == 0


def test_key_figures_for_many_communes_in_two_queries(commune, people, lam_dong, django_assert_num_queries):
    register(commune, people.officer)
    others = [make_commune(f"9{i:04d}", f"Xã Thử {i}", lam_dong, f"xa-thu-{i}") for i in range(5)]
    with django_assert_num_queries(2):
        figures = ExemplarsSection().key_figures([commune, *others], START, END)
    assert {f.key: f.value for f in figures[commune.code]}["registered"] == 1
    assert {f.key: f.value for f in figures[others[0].code]}["registered"] == 0
