"""Hotspots through the staff API: the commune's alerts with their field, village, count and dates
(never content or senders), filtered by status, acknowledged and resolved through the services."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.petitions import rules
from danvan.petitions.models import Field, HotspotAlert
from tests.api.conftest import key_client, staff_key
from tests.api.test_petitions_api import DENUNCIATION_TEXT, SECRET, assert_no_identity
from tests.petitions.conftest import RECEIVED, classify, submit

pytestmark = pytest.mark.django_db

LAND_TEXT = "Tranh chấp ranh giới đất giữa hai hộ ở thôn 1"


@pytest.fixture
def village(people, commune):
    return Village.objects.get(commune=commune, name="Thôn 1")


def base(commune) -> str:
    return f"/api/v1/communes/{commune.code}/hotspots/"


def land_cluster(commune, people, unit, village) -> HotspotAlert:
    land = Field.objects.get(commune=None, name="Đất đai")
    for day in (0, 2, 5):
        p = submit(
            commune, "feedback", content=LAND_TEXT, village=village, received_on=RECEIVED.replace(day=2 + day)
        )
        classify(p, people, unit, "feedback", field=land)
    return HotspotAlert.objects.get(commune=commune, reason=HotspotAlert.Reason.CLUSTER)


def mass_denunciation(commune, village, **kwargs):
    return submit(
        commune,
        "denunciation",
        content=DENUNCIATION_TEXT,
        identity=dict(SECRET),
        village=village,
        signers_count=rules.MASS_PETITION_MIN_SIGNERS,
        **kwargs,
    )


def history(alert) -> tuple[str, int]:
    alert.refresh_from_db()
    return alert.status, AuditEvent.objects.filter(action__startswith="petitions.hotspot_").count()


def test_the_list_shows_field_village_count_and_dates(commune, people, unit, village, as_user):
    alert = land_cluster(commune, people, unit, village)
    r = as_user("supervisor").get(base(commune))
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 1 and body["pages"] == 1
    [row] = body["results"]
    assert row["id"] == alert.pk and row["reason"] == "cluster" and row["status"] == "open"
    assert row["status_label"] == "Mới phát hiện"
    assert row["field"]["name"] == "Đất đai" and row["village"] == {"id": village.pk, "name": "Thôn 1"}
    assert row["petitions_count"] == 3
    assert (row["first_received_on"], row["last_received_on"]) == ("2026-03-02", "2026-03-07")
    assert row["raised_at"] and row["acknowledged_at"] is None and row["resolved_at"] is None
    assert {p["id"] for p in row["petitions"]} == set(alert.petitions.values_list("id", flat=True))
    assert LAND_TEXT not in r.content.decode()


def test_acknowledge_resolve_and_the_status_filter(commune, people, unit, village, as_user):
    alert = land_cluster(commune, people, unit, village)
    leader = as_user("leader")
    r = leader.post(f"{base(commune)}{alert.pk}/acknowledge/")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "acknowledged" and r.json()["acknowledged_at"]
    again = leader.post(f"{base(commune)}{alert.pk}/acknowledge/")
    assert again.status_code == 409 and again.json()["error"]["code"] == "bad_transition"
    blank = as_user("coordinator").post(f"{base(commune)}{alert.pk}/resolve/", {"note": " "}, format="json")
    assert blank.status_code == 400 and blank.json()["error"]["field"] == "note"
    r = as_user("coordinator").post(
        f"{base(commune)}{alert.pk}/resolve/",
        {"note": "Đã đo đạc lại ranh giới, hai hộ thống nhất."},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "resolved"
    assert r.json()["note"].startswith("Đã đo đạc") and r.json()["petitions_count"] == 3
    assert {"petitions.hotspot_acknowledge", "petitions.hotspot_resolve"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )
    assert leader.get(base(commune), {"status": "open"}).json()["count"] == 0
    assert [a["id"] for a in leader.get(base(commune), {"status": "resolved"}).json()["results"]] == [
        alert.pk
    ]
    bad = leader.get(base(commune), {"status": "forgotten"})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "status"
    assert not bad.json()["error"]["message"].isascii()


@pytest.mark.parametrize("who", ["officer", "supervisor", "village_head", "province_viewer"])
def test_only_leaders_and_the_coordinator_act_on_a_hotspot(commune, people, unit, village, as_user, who):
    alert = land_cluster(commune, people, unit, village)
    before = history(alert)
    client = as_user(who)
    assert client.get(base(commune)).status_code == 200  # every staff role sees the list, as the page
    for action, data in (("acknowledge", {}), ("resolve", {"note": "Xong."})):
        r = client.post(f"{base(commune)}{alert.pk}/{action}/", data, format="json")
        assert r.status_code == 403
        assert r.json()["error"]["message"] == "Chỉ lãnh đạo và công chức đầu mối xử lý cảnh báo điểm nóng."
    assert history(alert) == before


def test_another_communes_hotspots_are_not_found(commune, other_commune, people, unit, village, as_user):
    foreign = HotspotAlert.objects.get(pk=mass_denunciation(other_commune, None).hotspots.get().pk)
    client = as_user("leader")
    assert client.get(base(other_commune)).status_code == 404
    assert client.get(base(commune)).json()["count"] == 0
    before = history(foreign)
    for action in ("acknowledge", "resolve"):
        r = client.post(f"{base(commune)}{foreign.pk}/{action}/", {"note": "Xong."}, format="json")
        assert r.status_code == 404
    assert history(foreign) == before


@pytest.mark.parametrize("who", ["supervisor", "province_viewer", "village_head"])
def test_a_mass_denunciations_alert_shows_neither_content_nor_sender(commune, people, village, as_user, who):
    p = mass_denunciation(commune, village)
    r = as_user(who).get(base(commune))
    [row] = r.json()["results"]
    assert row["reason"] == "mass" and row["petitions_count"] == 1 and row["petitions"][0]["id"] == p.pk
    text = r.content.decode()
    assert DENUNCIATION_TEXT not in text
    assert_no_identity(text)


def test_the_list_does_not_query_more_with_more_alerts(
    commune, people, village, django_assert_max_num_queries
):
    client = key_client(staff_key(people.leader))
    mass_denunciation(commune, village)
    with django_assert_max_num_queries(10) as few:
        assert client.get(base(commune)).json()["count"] == 1
    for _ in range(9):
        mass_denunciation(commune, village)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(base(commune)).json()["count"] == 10
