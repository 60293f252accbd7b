"""Hotspots: raised once at the threshold (not below), notified to the leaders, acknowledged, resolved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.petitions import rules, services
from danvan.petitions.models import Field, HotspotAlert
from tests.petitions.conftest import RECEIVED, classify, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(people, commune):
    return Village.objects.get(commune=commune, name="Thôn 1")


@pytest.fixture
def land():
    return Field.objects.get(commune=None, name="Đất đai")


def land_case(commune, people, unit, village, land, *, on=RECEIVED, text="Tranh chấp ranh giới đất"):
    p = submit(commune, "feedback", content=text, village=village, received_on=on)
    return classify(p, people, unit, "feedback", field=land)


def alerts_to_leader(people) -> list[str]:
    return list(
        Notification.objects.filter(user=people.leader, key__startswith="hotspot:").values_list(
            "text", flat=True
        )
    )


def test_below_the_threshold_no_alert(commune, people, unit, village, land):
    for _ in range(rules.HOTSPOT_MIN_PETITIONS_DEFAULT - 1):
        land_case(commune, people, unit, village, land)
    assert not HotspotAlert.objects.exists()
    assert alerts_to_leader(people) == []


def test_the_third_petition_raises_one_alert_and_the_fourth_joins_it(commune, people, unit, village, land):
    for _ in range(3):
        land_case(commune, people, unit, village, land)
    alert = HotspotAlert.objects.get()
    assert alert.reason == HotspotAlert.Reason.CLUSTER and alert.petitions.count() == 3
    texts = alerts_to_leader(people)
    assert len(texts) == 1 and "3 đơn về lĩnh vực Đất đai tại Thôn 1" in texts[0]
    assert AuditEvent.objects.filter(action="petitions.hotspot_raise").count() == 1
    land_case(commune, people, unit, village, land)
    services.hotspots_scan(today=RECEIVED)  # the daily pass raises nothing new either
    assert HotspotAlert.objects.count() == 1 and alert.petitions.count() == 4
    assert len(alerts_to_leader(people)) == 1


def test_petitions_outside_the_window_do_not_count(commune, people, unit, village, land):
    window = rules.HOTSPOT_WINDOW_DAYS_DEFAULT
    land_case(commune, people, unit, village, land, on=RECEIVED - timedelta(days=window))
    land_case(commune, people, unit, village, land)
    land_case(commune, people, unit, village, land)
    assert not HotspotAlert.objects.exists()


@override_settings(DANVAN_HOTSPOT_MIN_PETITIONS=2)
def test_the_threshold_is_a_commune_setting(commune, people, unit, village, land):
    land_case(commune, people, unit, village, land)
    land_case(commune, people, unit, village, land)
    assert HotspotAlert.objects.count() == 1


def test_a_mass_petition_raises_an_alert_at_the_threshold_only(commune, people, village):
    submit(commune, "feedback", signers_count=rules.MASS_PETITION_MIN_SIGNERS - 1)
    assert not HotspotAlert.objects.exists()
    p = submit(commune, "feedback", signers_count=rules.MASS_PETITION_MIN_SIGNERS, village=village)
    alert = HotspotAlert.objects.get()
    assert alert.reason == HotspotAlert.Reason.MASS and list(alert.petitions.all()) == [p]
    assert p.tracking_code in alerts_to_leader(people)[0]
    services.hotspots_scan(today=RECEIVED)
    assert HotspotAlert.objects.count() == 1


def test_the_daily_scan_finds_a_cluster_and_raises_it_once(commune, people, unit, village, land):
    with override_settings(DANVAN_HOTSPOT_MIN_PETITIONS=99):  # nothing raised at classification
        for _ in range(3):
            land_case(commune, people, unit, village, land)
    assert not HotspotAlert.objects.exists()
    assert len(services.hotspots_scan(today=RECEIVED + timedelta(days=1))) == 1
    assert services.hotspots_scan(today=RECEIVED + timedelta(days=2)) == []
    assert HotspotAlert.objects.count() == 1


def test_acknowledge_then_resolve_and_a_later_cluster_is_new(commune, people, unit, village, land):
    for _ in range(3):
        land_case(commune, people, unit, village, land)
    alert = HotspotAlert.objects.get()
    with pytest.raises(ServiceError, match="không có quyền"):
        services.hotspot_acknowledge(alert=alert, by=people.officer)
    alert = services.hotspot_acknowledge(alert=alert, by=people.leader)
    assert alert.status == HotspotAlert.Status.ACKNOWLEDGED
    with pytest.raises(ServiceError, match="Vui lòng nhập"):
        services.hotspot_resolve(alert=alert, note=" ", by=people.leader)
    alert = services.hotspot_resolve(alert=alert, note="Đã đối thoại với các hộ", by=people.coordinator)
    assert alert.status == HotspotAlert.Status.RESOLVED
    with pytest.raises(ServiceError, match="trạng thái"):
        services.hotspot_resolve(alert=alert, note="lại", by=people.leader)
    assert AuditEvent.objects.filter(action__startswith="petitions.hotspot_").count() == 3
    # The resolved cluster's petitions do not count again: only three new ones raise a new alert.
    later = RECEIVED + timedelta(days=5)
    land_case(commune, people, unit, village, land, on=later)
    land_case(commune, people, unit, village, land, on=later)
    assert HotspotAlert.objects.count() == 1
    land_case(commune, people, unit, village, land, on=later)
    assert HotspotAlert.objects.count() == 2


def test_the_hotspot_page_lists_open_alerts_for_staff_only_of_this_commune(
    client, commune, people, unit, village, land, other_commune
):
    for _ in range(3):
        land_case(commune, people, unit, village, land)
    alert = HotspotAlert.objects.get()
    url = f"/lam-viec/{commune.code}/don-thu/diem-nong/"
    client.force_login(people.officer)
    html = client.get(url).content.decode()
    assert "Đất đai – Thôn 1" in html and "Đã nắm tình hình" not in html
    assert client.post(f"{url}{alert.pk}/nam-tinh-hinh/").status_code == 403
    client.force_login(people.leader)
    assert "Đã nắm tình hình" in client.get(url).content.decode()
    client.post(f"{url}{alert.pk}/nam-tinh-hinh/")
    client.post(f"{url}{alert.pk}/da-xu-ly/", {"note": "Đã giải quyết xong"})
    alert.refresh_from_db()
    assert alert.status == HotspotAlert.Status.RESOLVED
    client.force_login(people.outsider)
    assert client.get(url).status_code == 404


def test_the_daily_task_scans_hotspots(commune, people, unit, village, land):
    from danvan.petitions.tasks import send_petition_reminders

    with override_settings(DANVAN_HOTSPOT_MIN_PETITIONS=99):
        for _ in range(3):
            land_case(commune, people, unit, village, land, on=date.today())
    send_petition_reminders.call()
    assert HotspotAlert.objects.count() == 1
