"""Public statistics on the portal: right counts, a fixed number of queries, nothing personal."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.geo.models import Village
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.statistics import public_statistics
from tests.petitions.conftest import DENOUNCER, accepted, submit

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def _resolve(petition, people, on):
    return services.petition_resolve(
        petition=petition, answer="Đã sửa xong.", on=on, publish=False, by=people.leader
    )


def test_counts_received_resolved_on_time_late_and_overdue(commune, people, unit):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    on_time = accepted(commune, people, unit, "feedback")
    late = accepted(commune, people, unit, "feedback")
    still_open = accepted(commune, people, unit, "feedback")
    submit(commune, "feedback", village=village)
    services.petition_start_verification(petition=on_time, by=people.officer)
    _resolve(Petition.objects.get(pk=on_time.pk), people, on_time.resolve_due)
    services.petition_start_verification(petition=late, by=people.officer)
    _resolve(Petition.objects.get(pk=late.pk), people, date(2026, 11, 20))

    stats = public_statistics(commune=commune, year=2026, today=TODAY)
    assert (stats.received, stats.resolved, stats.on_time, stats.late) == (4, 2, 1, 1)
    assert stats.open_overdue == 1 and still_open.resolve_due < TODAY
    assert stats.on_time_percent == 50
    assert stats.by_month[2] == 4  # all received in March
    assert ("Thôn 1", 1) in stats.by_village


def test_the_page_shows_figures_without_any_person(client, commune, people, unit):
    accepted(commune, people, unit, "denunciation")
    page = client.get("/xa/ta-dung/thong-ke/", {"nam": "2026"}).content.decode()
    assert "Kết quả tiếp nhận, giải quyết phản ánh, kiến nghị năm 2026" in page
    assert "<strong>1</strong> đơn đã nhận" in page
    for secret in DENOUNCER.values():
        assert secret not in page
    assert client.get("/xa/ta-dung/thong-ke/", {"nam": "abc"}).status_code == 200


def test_query_count_does_not_grow_with_petitions(commune, people, unit):
    submit(commune, "feedback")
    with CaptureQueriesContext(connection) as small:
        public_statistics(commune=commune, year=2026, today=TODAY)
    for i in range(30):
        submit(commune, "feedback", content=f"Phản ánh số {i} về đường giao thông.")
    with CaptureQueriesContext(connection) as large:
        public_statistics(commune=commune, year=2026, today=TODAY)
    assert len(large.captured_queries) == len(small.captured_queries) == 1
