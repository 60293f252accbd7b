"""Duplicates through the staff API: the candidates the staff page offers (to the same people, with the
same reasons, never content or senders), and link, dismiss, unlink through the services."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.petitions import services
from danvan.petitions.models import DuplicateDismissal, Petition
from tests.api.conftest import key_client, staff_key
from tests.api.test_attachments_api import officer_of_another_unit
from tests.api.test_petitions_api import SECRET, assert_no_identity
from tests.petitions.conftest import classify, submit

pytestmark = pytest.mark.django_db

ROAD = "Đường vào thôn 1 bị sạt lở sau mưa lớn, xe máy không đi được, đề nghị xã sửa chữa."
ROAD_AGAIN = "Con đuong vao thon 1 sat lo sau mua lon, xe may khong di duoc, de nghi sua chua gap."
ROAD_SECRET = "Đường vào thôn 1 sạt lở sau mưa lớn vì cán bộ rút ruột công trình, xe máy không đi được."


@pytest.fixture
def village(people, commune):
    return Village.objects.get(commune=commune, name="Thôn 1")


def url(p, rest: str = "") -> str:
    return f"/api/v1/communes/{p.commune_id}/petitions/{p.pk}/duplicates/{rest}"


def links() -> tuple[int, int, int]:
    """(linked petitions, dismissals, duplicate audit records): what a refusal leaves unchanged."""
    return (
        Petition.objects.filter(duplicate_of__isnull=False).count(),
        DuplicateDismissal.objects.count(),
        AuditEvent.objects.filter(action__contains="duplicate").count(),
    )


def test_candidates_link_unlink_and_dismiss(commune, people, village, as_user):
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    client = as_user("coordinator")
    found = client.get(url(new))
    assert found.status_code == 200
    [c] = found.json()
    assert c["id"] == first.pk and c["tracking_code"] == first.tracking_code
    assert c["same_village"] is True and c["same_sender"] is False and c["similarity"] >= 60
    assert c["reason"].startswith("cùng Thôn 1; nội dung giống")
    assert ROAD not in found.content.decode()  # no content in a suggestion

    r = client.post(url(new, f"{first.pk}/link/"))
    assert r.status_code == 200, r.content
    assert r.json()["duplicate_of"] == {
        "id": first.pk,
        "tracking_code": first.tracking_code,
        "status": "received",
    }
    assert AuditEvent.objects.filter(action="petitions.link_duplicate", object_id=str(new.pk)).exists()
    assert client.get(url(new)).json() == []  # a linked petition is not offered anything
    again = client.post(url(new, f"{first.pk}/link/"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_linked"

    r = client.post(url(new, "unlink/"))
    assert r.status_code == 200 and r.json()["duplicate_of"] is None
    assert client.post(url(new, "unlink/")).status_code == 409

    r = client.post(url(new, f"{first.pk}/dismiss/"))
    assert r.status_code == 200 and r.json()["petition"] == new.pk and r.json()["other"] == first.pk
    assert client.get(url(new)).json() == []  # not offered again
    assert AuditEvent.objects.filter(action="petitions.dismiss_duplicate").count() == 1


def test_a_refused_link_is_explained_and_changes_nothing(commune, people, village, as_user):
    p = submit(commune, "feedback", content=ROAD, village=village)
    before = links()
    r = as_user("coordinator").post(url(p, f"{p.pk}/link/"))
    assert r.status_code == 400
    assert r.json()["error"] == {
        "code": "invalid",
        "message": "Không thể gộp một đơn với chính nó.",
        "field": "original",
    }
    assert links() == before


def test_another_communes_petitions_are_not_found(commune, other_commune, people, village, as_user):
    mine = submit(commune, "feedback", content=ROAD, village=village)
    foreign = submit(other_commune, "feedback", content=ROAD_AGAIN)
    client = as_user("coordinator")
    here = f"/api/v1/communes/{commune.code}/petitions/{foreign.pk}/duplicates/"
    assert client.get(here).status_code == 404
    before = links()
    for path in (
        url(mine, f"{foreign.pk}/link/"),
        url(mine, f"{foreign.pk}/dismiss/"),
        f"{here}{mine.pk}/link/",
    ):
        r = client.post(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert client.post(f"{here}unlink/").status_code == 404
    assert links() == before


@pytest.mark.parametrize("who", ["supervisor", "province_viewer", "village_head"])
def test_roles_that_do_not_handle_petitions_are_refused(commune, people, village, as_user, who):
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    client = as_user(who)
    r = client.get(url(new))
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "Vai trò của bạn không được xử lý đơn trùng."
    before = links()
    for action in ("link", "dismiss"):
        assert client.post(url(new, f"{first.pk}/{action}/")).status_code == 403
    assert links() == before


@pytest.fixture
def secret_pair(commune, people, unit, village):
    """A denunciation handled by Phòng Kinh tế, and a feedback about the same road."""
    secret = submit(commune, "denunciation", content=ROAD_SECRET, village=village, identity=dict(SECRET))
    secret = classify(secret, people, unit, "denunciation")
    feedback = submit(commune, "feedback", content=ROAD, village=village)
    return secret, feedback


@pytest.mark.parametrize("who", ["supervisor", "province_viewer"])
def test_a_denunciations_duplicates_are_not_shown_to_a_supervisor(secret_pair, as_user, who):
    secret, feedback = secret_pair
    client = as_user(who)
    for p in (secret, feedback):
        r = client.get(url(p))
        assert r.status_code == 403
        text = r.content.decode()
        assert ROAD_SECRET not in text and secret.tracking_code not in text
        assert_no_identity(text)


def test_an_officer_of_another_unit_gets_no_suggestions_for_a_denunciation(commune, secret_pair):
    secret, _feedback = secret_pair
    r = officer_of_another_unit(commune).get(url(secret))
    assert r.status_code == 403
    assert "đơn tố cáo" in r.json()["error"]["message"]


def test_a_denunciation_is_offered_as_the_page_offers_it_without_content(secret_pair, as_user):
    secret, feedback = secret_pair
    for who in ("coordinator", "officer"):
        r = as_user(who).get(url(feedback))
        assert [c["id"] for c in r.json()] == [secret.pk]
        assert r.json()[0]["kind"] == "denunciation" and r.json()[0]["same_sender"] is False
        assert ROAD_SECRET not in r.content.decode()
        assert_no_identity(r.content.decode())
    assert [c["id"] for c in as_user("officer").get(url(secret)).json()] == [feedback.pk]


def test_the_candidates_list_does_not_query_more_with_more_candidates(
    commune, people, village, django_assert_max_num_queries
):
    client = key_client(staff_key(people.coordinator))
    p = submit(commune, "feedback", content=ROAD, village=village)
    submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    with django_assert_max_num_queries(10) as few:
        assert len(client.get(url(p)).json()) == 1
    for i in range(9):
        submit(commune, "feedback", content=f"{ROAD_AGAIN} Lần {i}.", village=village)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url(p)).json()) == 5  # the page's limit: the five most similar


def test_linking_into_a_duplicate_is_a_409(commune, people, village, as_user):
    """The service's own checks answer: the chosen petition is itself linked to another."""
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    services.petition_link_duplicate(petition=first, original=new, by=people.coordinator)
    r = as_user("officer").post(url(new, f"{first.pk}/link/"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "target_linked"
