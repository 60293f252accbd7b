"""Possible duplicates: found by place or sender and similar text, linked or dismissed by staff."""

from __future__ import annotations

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.petitions import selectors, services
from danvan.petitions.duplicates import possible_duplicates, similarity
from danvan.petitions.models import Petition
from danvan.text.normalize import strip_accents
from tests.petitions.conftest import DENOUNCER, counts, submit

pytestmark = pytest.mark.django_db

ROAD = "Đường vào thôn 1 bị sạt lở sau mưa lớn, xe máy không đi được, đề nghị xã sửa chữa."
ROAD_AGAIN = "Con đuong vao thon 1 sat lo sau mua lon, xe may khong di duoc, de nghi sua chua gap."
OTHER = "Trạm y tế đóng cửa giờ hành chính, người bệnh phải chờ lâu."


@pytest.fixture
def village(people, commune):
    return Village.objects.get(commune=commune, name="Thôn 1")


def test_similarity_ignores_accents_and_case():
    assert similarity(ROAD, ROAD_AGAIN) >= 0.6
    assert similarity(ROAD, OTHER) < 0.1
    assert similarity("", ROAD) == 0.0


def test_texts_written_with_diacritics_are_compared_as_written():
    # Folded, "cấp giấy" and "trộm cắp" share "cap"; as written they share nothing.
    issue = "Xin cấp giấy chứng nhận cho hộ ông Tư."
    theft = "Trộm cắp giấy tờ xe của hộ ông Tư."
    assert similarity(issue, theft) < similarity(strip_accents(issue), strip_accents(theft))
    # One side typed without diacritics: compared folded, as before.
    assert similarity(ROAD, ROAD_AGAIN) == similarity(strip_accents(ROAD), ROAD_AGAIN)


def test_a_similar_open_petition_of_the_same_village_is_offered_with_the_reason(commune, people, village):
    first = submit(commune, "feedback", content=ROAD, village=village)
    submit(commune, "feedback", content=OTHER, village=village)  # same place, other matter
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    found = possible_duplicates(new)
    assert [c.petition for c in found] == [first]
    assert "cùng Thôn 1" in found[0].reason and "nội dung giống" in found[0].reason


def test_no_duplicate_without_same_place_or_sender(commune, people, village):
    elsewhere = Village.objects.create(commune=commune, name="Thôn 2", households=80)
    submit(commune, "feedback", content=ROAD, village=elsewhere)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    assert possible_duplicates(new) == []


def test_the_same_sender_is_matched_by_phone_without_showing_it(commune, people):
    me = {"full_name": "Lê Văn Hỏi", "phone": "0909000111"}
    first = submit(commune, "feedback", content=ROAD, identity=me)
    new = submit(commune, "feedback", content=ROAD_AGAIN, identity=me)
    found = possible_duplicates(new, viewer=people.coordinator)
    assert [c.petition for c in found] == [first]
    assert found[0].same_sender and "0909000111" not in found[0].reason


def test_a_denunciation_is_never_matched_by_its_sender(commune, people):
    submit(commune, "denunciation", content=ROAD, identity=DENOUNCER)
    new = submit(commune, "feedback", content=ROAD_AGAIN, identity={"phone": DENOUNCER["phone"]})
    assert possible_duplicates(new, include_denunciations=True) == []


def test_link_and_unlink_are_audited_and_the_public_page_says_handled_together(commune, people, village):
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    linked = services.petition_link_duplicate(petition=new, original=first, by=people.coordinator)
    assert linked.duplicate_of == first
    assert AuditEvent.objects.filter(action="petitions.link_duplicate").count() == 1
    info = selectors.public_status(new.tracking_code)
    assert info["handled_together"] is True
    assert first.tracking_code not in str(info)  # never the other sender's code
    assert possible_duplicates(Petition.objects.get(pk=first.pk)) == []  # a linked one is not offered again
    services.petition_unlink_duplicate(petition=linked, by=people.coordinator)
    assert Petition.objects.get(pk=new.pk).duplicate_of is None
    assert AuditEvent.objects.filter(action="petitions.unlink_duplicate").count() == 1
    assert selectors.public_status(new.tracking_code)["handled_together"] is False


def test_bad_links_are_refused_and_change_nothing(commune, people, village, other_commune):
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    before = counts()
    with pytest.raises(ServiceError, match="chính nó"):
        services.petition_link_duplicate(petition=new, original=new, by=people.coordinator)
    with pytest.raises(ServiceError, match="không có quyền"):
        services.petition_link_duplicate(petition=new, original=first, by=people.supervisor)
    services.petition_link_duplicate(petition=new, original=first, by=people.coordinator)
    third = submit(commune, "feedback", content=ROAD, village=village)
    before = counts()
    with pytest.raises(ServiceError, match="cũng là đơn trùng"):
        services.petition_link_duplicate(petition=third, original=new, by=people.coordinator)
    with pytest.raises(ServiceError, match="Đã có đơn khác gộp vào"):
        services.petition_link_duplicate(petition=first, original=third, by=people.coordinator)
    assert counts() == before
    assert Petition.objects.get(pk=third.pk).duplicate_of is None


def test_a_dismissed_candidate_is_not_offered_again(commune, people, village):
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    services.petition_dismiss_duplicate(petition=new, other=first, by=people.officer)
    services.petition_dismiss_duplicate(petition=first, other=new, by=people.officer)  # the same pair: once
    assert possible_duplicates(new) == []
    assert possible_duplicates(first) == []
    assert AuditEvent.objects.filter(action="petitions.dismiss_duplicate").count() == 1


def test_the_detail_page_offers_duplicates_and_links_them(client, commune, people, village):
    first = submit(commune, "feedback", content=ROAD, village=village)
    new = submit(commune, "feedback", content=ROAD_AGAIN, village=village)
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/don-thu/{new.pk}/"
    html = client.get(url).content.decode()
    assert "Có thể trùng" in html and first.tracking_code in html
    response = client.post(f"{url}trung/{first.pk}/gop/", follow=True)  # follow: shows the message
    assert "Đã gộp đơn" in response.content.decode()
    assert Petition.objects.get(pk=new.pk).duplicate_of_id == first.pk
    html = client.get(f"/xa/{commune.slug}/tra-cuu/", {"ma": new.tracking_code}).content.decode()
    assert "xử lý chung với một đơn khác" in html and first.tracking_code not in html
    client.force_login(people.supervisor)
    assert client.post(f"{url}bo-gop/").status_code == 403


def test_another_communes_petition_cannot_be_linked(client, commune, people, village, neighbour):
    first = submit(commune, "feedback", content=ROAD, village=village)
    theirs = services.petition_submit(commune=neighbour, content=ROAD) if neighbour.is_active else None
    client.force_login(people.coordinator)
    if theirs is not None:
        response = client.post(f"/lam-viec/{commune.code}/don-thu/{first.pk}/trung/{theirs.pk}/gop/")
        assert response.status_code == 404
    response = client.post(f"/lam-viec/{commune.code}/don-thu/{first.pk}/trung/999999/gop/")
    assert response.status_code == 404
