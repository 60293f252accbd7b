"""The petitions' section of the periodic report: counts by kind, field and month, on-time share, hotspots."""

from __future__ import annotations

from datetime import date

from danvan.core.sections import provider
from danvan.petitions.models import HotspotAlert, Petition
from tests.reports.conftest import H1, add_petitions


def test_the_section_counts_kinds_fields_and_resolution_without_any_content(commune, people):
    add_petitions(commune)
    section = provider("petitions").build(commune, *H1)
    figures = {f.key: f.value for f in section.figures}
    assert figures["petitions_received"] == 6
    assert (figures["petitions_on_time"], figures["petitions_late"]) == (3, 1)
    assert figures["petitions_on_time_pct"] == 75.0
    assert figures["petitions_open_overdue"] == 1
    kinds = next(t for t in section.tables if t.caption.endswith("theo loại"))
    assert ["Tố cáo", "1"] in kinds.rows and ["Phản ánh", "3"] in kinds.rows
    assert [c.title for c in section.charts] == [
        "Đơn thư tiếp nhận theo tháng",
        "Đơn thư theo lĩnh vực",
        "Đơn thư theo thôn",
    ]
    month = section.charts[0]
    assert month.labels[:3] == ["T1/26", "T2/26", "T3/26"] and month.values[2] == 4
    assert "hối lộ" not in str(section) and "sạt lở" not in str(section)


def test_a_split_petition_counts_through_its_parts_and_other_periods_are_left_out(commune, people):
    add_petitions(commune, n_on_time=1, n_late=0, n_open_overdue=0, denunciation=False)
    add_petitions(commune, n_on_time=2, n_late=0, n_open_overdue=0, denunciation=False, year=2025)
    Petition.objects.filter(commune=commune, received_on__year=2026).update(status="split")
    figures = {f.key: f.value for f in provider("petitions").build(commune, *H1).figures}
    assert figures["petitions_received"] == 0


def test_no_petitions_in_the_period_says_so(commune, people):
    section = provider("petitions").build(commune, date(2020, 1, 1), date(2020, 12, 31))
    assert section.paragraphs == ["Trong kỳ báo cáo, UBND xã không tiếp nhận đơn thư nào."]
    assert {f.key: f.value for f in section.figures}["petitions_on_time_pct"] is None


def test_hotspots_raised_in_the_period_are_listed(commune, people):
    add_petitions(commune)
    alert = HotspotAlert.objects.create(commune=commune, reason="cluster", key="cluster:1:1")
    alert.petitions.set(Petition.objects.filter(commune=commune)[:3])
    HotspotAlert.objects.filter(pk=alert.pk).update(raised_at="2026-03-05T03:00:00Z")
    section = provider("petitions").build(commune, *H1)
    table = next(t for t in section.tables if t.caption == "Điểm nóng được cảnh báo")
    assert table.rows[0][0] == "Nhiều đơn cùng lĩnh vực tại một thôn" and table.rows[0][3] == "3"


def test_key_figures_for_many_communes_in_two_queries(commune, neighbour, people, django_assert_num_queries):
    add_petitions(commune)
    add_petitions(neighbour, n_on_time=0, n_late=2)
    # The half-year's whole months from the tallies, the open petitions past their deadline counted.
    with django_assert_num_queries(2):
        figures = provider("petitions").key_figures([commune, neighbour], *H1)
    assert {f.key: f.value for f in figures[neighbour.code]}["petitions_on_time_pct"] == 0.0
