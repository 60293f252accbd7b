"""Democracy's report sections: compliance, consultations and supervision figures per commune, for many
communes in a fixed number of queries; a period without data says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.sections import provider
from danvan.democracy import services
from danvan.democracy.demo import demo_democracy
from danvan.democracy.models import ConsultationComment, Disclosure, DisclosureKind, Recommendation
from danvan.democracy.report_sections import ConsultationSection, DisclosureSection, SupervisionSection
from danvan.democracy.rules import BoardKind

pytestmark = pytest.mark.django_db


def _figures(section, communes, start, end):
    return {
        code: {f.key: f.value for f in figs}
        for code, figs in section.key_figures(communes, start, end).items()
    }


def test_sections_are_registered():
    for key in ("democracy_disclosures", "democracy_consultations", "democracy_supervision"):
        assert provider(key) is not None


def test_empty_period_says_so(commune):
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    assert "chưa có nội dung công khai" in DisclosureSection().build(commune, start, end).paragraphs[0]
    assert "không tổ chức lấy ý kiến" in ConsultationSection().build(commune, start, end).paragraphs[0]
    assert "không nhận kiến nghị" in SupervisionSection().build(commune, start, end).paragraphs[0]


def test_demo_content_feeds_the_sections_and_is_idempotent(people, commune, neighbour):
    # The demo looks its accounts up by user name: the fixture's coordinator and supervisor match.
    demo_democracy(commune)
    counts = (Disclosure.objects.count(), ConsultationComment.objects.count(), Recommendation.objects.count())
    demo_democracy(commune)
    assert counts == (
        Disclosure.objects.count(),
        ConsultationComment.objects.count(),
        Recommendation.objects.count(),
    )
    assert counts == (3, 1, 1)
    today = timezone.localdate()
    start, end = dt.date(today.year - 1, 1, 1), today + dt.timedelta(days=1)
    figures = _figures(DisclosureSection(), [commune, neighbour], start, end)
    assert figures[commune.pk]["disclosures_published"] == 3
    assert figures[neighbour.pk]["disclosures_published"] == 0
    assert figures[neighbour.pk]["disclosures_missing"] == figures[neighbour.pk]["disclosures_required"]
    section = DisclosureSection().build(commune, start, end)
    assert "công khai 3 nội dung" in section.paragraphs[0]
    assert section.tables and section.tables[0].header[0] == "Nội dung phải công khai"
    c = _figures(ConsultationSection(), [commune, neighbour], start, end)
    assert c[commune.pk] == {
        "consultations_held": 1,
        "consultation_comments": 1,
        "consultations_responded": 0,
    }
    s = _figures(SupervisionSection(), [commune], start, end)[commune.pk]
    assert s["recommendations_received"] == 1 and s["recommendations_answered"] == 0
    text = " ".join(ConsultationSection().build(commune, start, end).paragraphs)
    assert "28 lượt người" in text


def test_key_figures_constant_queries(
    people, commune, neighbour, other_commune, django_assert_max_num_queries
):
    kind = DisclosureKind.objects.get(code="budget")
    for c in (commune, neighbour, other_commune):
        for n in range(3):
            Disclosure.objects.create(
                commune=c,
                kind=kind,
                title=f"Ngân sách {n}",
                forms=["portal"],
                starts_on=dt.date(2026, 2, 1),
                first_started_on=dt.date(2026, 2, 1),
            )
    board = services.board_create(
        by=people.coordinator, commune=commune, kind=BoardKind.PEOPLES_INSPECTION, name="B"
    )
    services.board_member_add(by=people.coordinator, board=board, user=people.supervisor)
    services.recommendation_send(
        by=people.supervisor, board=board, subject="S", content="C", today=dt.date(2026, 2, 2)
    )
    communes = [commune, neighbour, other_commune]
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    with django_assert_max_num_queries(3):
        d = _figures(DisclosureSection(), communes, start, end)
    with django_assert_max_num_queries(2):
        _figures(ConsultationSection(), communes, start, end)
    with django_assert_max_num_queries(1):
        s = _figures(SupervisionSection(), communes, start, end)
    assert d[neighbour.pk]["disclosures_done"] == 3
    assert (
        s[commune.pk]["recommendations_received"] == 1
        and s[other_commune.pk]["recommendations_received"] == 0
    )
