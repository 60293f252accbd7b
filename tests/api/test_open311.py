"""Open311 GeoReport v2: every endpoint in JSON and XML, posting with a key (idempotent on a token),
GeoReport errors with Vietnamese descriptions, and nothing personal in what anyone can read."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from rest_framework.test import APIClient

from danvan.api.services import api_key_create, api_key_revoke
from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionIdentity
from tests.api.conftest import staff_key
from tests.petitions.conftest import DENOUNCER, classify, submit

pytestmark = pytest.mark.django_db

ROOT = "/open311/v2"
NAME, PHONE = "Phạm Thị Người Gửi", "0987654321"


def post_data(commune, key, **extra) -> dict:
    data = {
        "api_key": key,
        "jurisdiction_id": commune.slug,
        "service_code": "phan-anh",
        "lat": "11.883210",
        "long": "107.985430",
        "address_string": "Ngã ba thôn 1",
        "description": "Ổ gà lớn giữa đường liên thôn, xe máy đã ngã hai lần.",
        "first_name": "Người Gửi",
        "last_name": "Phạm Thị",
        "phone": PHONE,
        "attribute[dong_y_cong_khai]": "co",
    }
    return {**data, **extra}


def xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own server's answer)


def json_error(response) -> dict:
    body = response.json()
    assert isinstance(body, list) and len(body) == 1
    assert body[0]["code"] == response.status_code
    return body[0]


def xml_error(response) -> ET.Element:
    root = xml(response)
    assert root.tag == "errors"
    error = root.find("error")
    assert error.findtext("code") == str(response.status_code)
    return error


# --- services ----------------------------------------------------------------------------------------


def test_services_json_and_xml(commune, client):
    body = client.get(f"{ROOT}/services.json", {"jurisdiction_id": commune.slug}).json()
    assert [s["service_code"] for s in body] == ["phan-anh", "kien-nghi"]
    assert body[0]["metadata"] is True and body[0]["type"] == "realtime"
    root = xml(client.get(f"{ROOT}/services.xml", {"jurisdiction_id": commune.code}))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == ["phan-anh", "kien-nghi"]
    assert root.find("service/metadata").text == "true"
    assert root.find("service/service_name").text == "Phản ánh"


def test_service_definition_json_and_xml(commune, people, client):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    body = client.get(f"{ROOT}/services/kien-nghi.json", {"jurisdiction_id": commune.slug}).json()
    assert body["service_code"] == "kien-nghi"
    thon = body["attributes"][0]
    assert thon["code"] == "thon" and thon["values"] == [{"key": str(village.pk), "name": "Thôn 1"}]
    root = xml(client.get(f"{ROOT}/services/phan-anh.xml", {"jurisdiction_id": commune.slug}))
    assert root.tag == "service_definition"
    attrs = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attrs] == ["thon", "dong_y_cong_khai", "so_nguoi_dung_don"]
    assert attrs[0].find("values/value/name").text == "Thôn 1"
    assert attrs[0].findtext("variable") == "true" and attrs[0].findtext("required") == "false"


def test_service_definition_of_complaint_explains_the_law(commune, client):
    r = client.get(f"{ROOT}/services/khieu-nai.json", {"jurisdiction_id": commune.slug})
    assert r.status_code == 404
    err = json_error(r)
    assert err["error_code"] == "kind_not_open311" and "Luật Khiếu nại 2011" in err["description"]
    r = client.get(f"{ROOT}/services/xe-buyt.xml", {"jurisdiction_id": commune.slug})
    assert r.status_code == 404 and xml_error(r).findtext("error_code") == "unknown_service_code"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [({}, 400, "missing_jurisdiction"), ({"jurisdiction_id": "khong-co"}, 404, "unknown_jurisdiction")],
)
def test_jurisdiction_is_required_and_must_exist(db, client, params, status, code):
    r = client.get(f"{ROOT}/services.json", params)
    assert r.status_code == status
    err = json_error(r)
    assert err["error_code"] == code and "jurisdiction_id" in err["description"]
    r = client.get(f"{ROOT}/requests.xml", params)
    assert r.status_code == status and xml_error(r).findtext("error_code") == code


def test_inactive_commune_is_unknown(commune, neighbour, client):
    neighbour.is_active = False
    neighbour.save()
    r = client.get(f"{ROOT}/services.json", {"jurisdiction_id": neighbour.code})
    assert r.status_code == 404


# --- posting -----------------------------------------------------------------------------------------


def test_post_creates_a_feedback_and_follows_it(commune, people, client, open311_key):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    r = client.post(
        f"{ROOT}/requests.json", post_data(commune, open311_key, **{"attribute[thon]": str(village.pk)})
    )
    assert r.status_code == 201, r.content
    code = r.json()[0]["service_request_id"]
    assert "Hạn xử lý theo quy định" in r.json()[0]["service_notice"]
    p = Petition.objects.get(tracking_code=code)
    assert p.channel == "api" and p.kind_hint == "feedback" and p.village == village
    assert p.publish_consent and str(p.latitude) == "11.883210"
    assert PetitionIdentity.objects.get(petition=p).full_name == NAME
    assert AuditEvent.objects.filter(action="api.open311_request", object_id=str(p.pk)).exists()
    assert AuditEvent.objects.get(action="petitions.submit", object_id=str(p.pk)).actor_name == "người dân"

    one = client.get(f"{ROOT}/requests/{code}.json", {"jurisdiction_id": commune.slug}).json()
    assert len(one) == 1
    record = one[0]
    assert record["service_request_id"] == code and record["status"] == "open"
    assert record["service_code"] == "phan-anh" and record["service_name"] == "Phản ánh"
    assert record["description"].startswith("Ổ gà lớn")  # the sender agreed to publication
    assert record["lat"] == pytest.approx(11.88321) and record["long"] == pytest.approx(107.98543)
    assert record["agency_responsible"] == "UBND xã Tà Đùng"
    assert record["expected_datetime"].endswith("T23:59:59+07:00")
    assert record["requested_datetime"] and record["updated_datetime"]
    assert record["status_notes"].startswith("Đơn đã được tiếp nhận")
    assert NAME not in str(one) and PHONE not in str(one)

    root = xml(client.get(f"{ROOT}/requests/{code}.xml", {"jurisdiction_id": commune.code}))
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request.findtext("service_request_id") == code and request.findtext("status") == "open"
    assert request.findtext("address") == "Ngã ba thôn 1"
    assert request.find("media_url") is not None and not request.findtext("media_url")


def test_post_xml_answer(commune, client, open311_key):
    r = client.post(f"{ROOT}/requests.xml", post_data(commune, open311_key, service_code="kien-nghi"))
    assert r.status_code == 201
    root = xml(r)
    assert root.tag == "service_requests"
    code = root.findtext("request/service_request_id")
    assert Petition.objects.get(tracking_code=code).kind_hint == "recommendation"


def test_post_json_body_is_accepted(commune, client, open311_key):
    data = post_data(commune, open311_key)
    del data["attribute[dong_y_cong_khai]"]
    data.update(lat=11.9, long=108.0, attribute={"dong_y_cong_khai": "khong"})
    r = client.post(f"{ROOT}/requests.json", data, content_type="application/json")
    assert r.status_code == 201, r.content
    assert not Petition.objects.get().publish_consent


def test_a_json_body_that_is_not_an_object_is_a_400_not_a_crash(commune, client, open311_key):
    """Found by schemathesis against the OpenAPI: a JSON array body used to raise a 500."""
    for body, fmt in (([None, None], "xml"), ([1], "json"), ('"một chuỗi"', "json")):
        r = client.post(f"{ROOT}/requests.{fmt}?api_key={open311_key}", body, content_type="application/json")
        assert r.status_code == 400, (body, fmt, r.content)
        if fmt == "json":
            assert json_error(r)["error_code"] == "malformed_request"
        else:
            assert b"<error_code>malformed_request</error_code>" in r.content
    assert not Petition.objects.exists()


def test_retry_with_the_same_token_creates_one_petition(commune, client, open311_key):
    data = post_data(commune, open311_key)
    first = client.post(f"{ROOT}/requests.json", data, HTTP_IDEMPOTENCY_KEY="lan-gui-7f3a")
    again = client.post(f"{ROOT}/requests.json", data, HTTP_IDEMPOTENCY_KEY="lan-gui-7f3a")
    assert first.status_code == again.status_code == 201
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Petition.objects.count() == 1
    assert AuditEvent.objects.filter(action="api.open311_request").count() == 1
    # The same token as a parameter is the same submission; another token is another request.
    client.post(f"{ROOT}/requests.json", {**data, "client_token": "lan-gui-7f3a"})
    assert Petition.objects.count() == 1
    client.post(f"{ROOT}/requests.json", {**data, "client_token": "lan-gui-8b21"})
    assert Petition.objects.count() == 2


def test_two_clients_do_not_share_tokens(commune, client, open311_key):
    other = api_key_create(by=None, name="Ứng dụng khác", kind="open311").key
    client.post(f"{ROOT}/requests.json", post_data(commune, open311_key), HTTP_IDEMPOTENCY_KEY="1")
    client.post(f"{ROOT}/requests.json", post_data(commune, other), HTTP_IDEMPOTENCY_KEY="1")
    assert Petition.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "status", "code", "words"),
    [
        ({"service_code": ""}, 400, "missing_service_code", "Thiếu service_code"),
        ({"service_code": "xe-buyt"}, 400, "unknown_service_code", "Không có dịch vụ"),
        ({"service_code": "khieu-nai"}, 400, "kind_not_open311", "Luật Khiếu nại 2011"),
        ({"service_code": "to-cao"}, 400, "kind_not_open311", "Luật Tố cáo 2018"),
        ({"lat": "91.5"}, 400, "bad_lat_long", "Tọa độ không hợp lệ"),
        ({"long": "đông"}, 400, "bad_lat_long", "Tọa độ không hợp lệ"),
        ({"long": ""}, 400, "bad_lat_long", "cả lat và long"),
        ({"lat": "", "long": "", "address_string": ""}, 400, "missing_location", "Thiếu vị trí"),
        ({"description": "   "}, 400, "bad_description", "nội dung đơn"),
        ({"description": "x" * 10_001}, 400, "bad_description", "dài quá"),
        ({"jurisdiction_id": ""}, 400, "missing_jurisdiction", "jurisdiction_id"),
        ({"jurisdiction_id": "99999"}, 404, "unknown_jurisdiction", "jurisdiction_id"),
        ({"attribute[thon]": "999999"}, 400, "bad_attribute", "không có thôn"),
        ({"media_url": "javascript:alert(1)"}, 400, "bad_media_url", "media_url"),
        ({"api_key": ""}, 401, "missing_api_key", "Thiếu api_key"),
        ({"api_key": "dvs_0123456789ab.aaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, 403, "bad_api_key", "Khóa API"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_malformed_requests(commune, people, client, open311_key, change, status, code, words, fmt):
    r = client.post(f"{ROOT}/requests.{fmt}", post_data(commune, open311_key, **change))
    assert r.status_code == status, r.content
    if fmt == "json":
        err = json_error(r)
        assert err["error_code"] == code and words in err["description"]
    else:
        err = xml_error(r)
        assert err.findtext("error_code") == code and words in err.findtext("description")
    assert not Petition.objects.exists()


def test_revoked_key_and_key_for_another_commune(commune, neighbour, people, client):
    created = api_key_create(by=None, name="Ứng dụng", kind="open311")
    api_key_revoke(api_key=created.api_key, by=None)
    r = client.post(f"{ROOT}/requests.json", post_data(commune, created.key))
    assert r.status_code == 403 and json_error(r)["error_code"] == "revoked_api_key"
    only_neighbour = api_key_create(by=None, name="Ứng dụng xã bên", kind="open311", commune=neighbour).key
    r = client.post(f"{ROOT}/requests.json", post_data(commune, only_neighbour))
    assert r.status_code == 403 and json_error(r)["error_code"] == "key_not_for_jurisdiction"
    outsider = staff_key(people.outsider)
    r = client.post(f"{ROOT}/requests.json", post_data(commune, outsider))
    assert r.status_code == 403
    assert client.post(f"{ROOT}/requests.json", post_data(neighbour, only_neighbour)).status_code == 201
    assert Petition.objects.count() == 1


def test_posting_is_rate_limited_per_key(commune, client, open311_key, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "open311_post": "1/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    assert client.post(f"{ROOT}/requests.json", post_data(commune, open311_key)).status_code == 201
    r = client.post(f"{ROOT}/requests.xml", post_data(commune, open311_key))
    assert r.status_code == 429
    assert "quá nhiều yêu cầu" in xml_error(r).findtext("description")
    assert Petition.objects.count() == 1


# --- reading requests ---------------------------------------------------------------------------------


@pytest.fixture
def mixed(commune, people, unit):
    """A published feedback (resolved), an unpublished one, a complaint and a denunciation, all with
    the sender's name and phone."""
    person = {
        "full_name": DENOUNCER["full_name"],
        "phone": DENOUNCER["phone"],
        "address": DENOUNCER["address"],
    }
    published = submit(commune, "feedback", identity=person, publish_consent=True, address="Chợ thôn 1")
    p = classify(published, people, unit, "feedback")
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Đã dọn rác.", on=date(2026, 3, 6), publish=True, by=people.officer
    )
    services.petition_answer_approve(petition=p, by=people.leader)
    return {
        "published": published,
        "private": submit(
            commune, "feedback", identity=person, content="Hàng xóm nhà số 5 hát karaoke khuya."
        ),
        "complaint": submit(commune, "complaint", publish_consent=True),
        "denunciation": submit(
            commune, "denunciation", publish_consent=True, content="Tố cáo ông A nhận hối lộ."
        ),
    }


def assert_nothing_personal(text: str) -> None:
    for value in (DENOUNCER["full_name"], DENOUNCER["phone"], DENOUNCER["address"]):
        assert value not in text


def test_list_shows_only_what_was_agreed_public(commune, client, mixed):
    body = client.get(f"{ROOT}/requests.json", {"jurisdiction_id": commune.slug})
    rows = body.json()
    assert [r["service_request_id"] for r in rows] == [mixed["published"].tracking_code]
    assert rows[0]["status"] == "closed" and rows[0]["agency_responsible"] == "Phòng Kinh tế"
    assert rows[0]["expected_datetime"] is None
    assert rows[0]["description"].startswith("Đường vào thôn 1") and rows[0]["address"] == "Chợ thôn 1"
    assert_nothing_personal(body.content.decode())
    root = xml(client.get(f"{ROOT}/requests.xml", {"jurisdiction_id": commune.slug}))
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        mixed["published"].tracking_code
    ]


def test_list_filters(commune, client, mixed, open311_key):
    client.post(f"{ROOT}/requests.json", post_data(commune, open311_key, service_code="kien-nghi"))
    q = {"jurisdiction_id": commune.slug}
    assert len(client.get(f"{ROOT}/requests.json", q).json()) == 2
    assert [r["status"] for r in client.get(f"{ROOT}/requests.json", {**q, "status": "open"}).json()] == [
        "open"
    ]
    closed = client.get(f"{ROOT}/requests.json", {**q, "status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [mixed["published"].tracking_code]
    assert [
        r["service_code"]
        for r in client.get(f"{ROOT}/requests.json", {**q, "service_code": "kien-nghi"}).json()
    ] == ["kien-nghi"]
    assert client.get(f"{ROOT}/requests.json", {**q, "start_date": "2099-01-01T00:00:00+07:00"}).json() == []
    assert len(client.get(f"{ROOT}/requests.json", {**q, "end_date": "2099-01-01"}).json()) == 2
    assert client.get(f"{ROOT}/requests.json", {**q, "end_date": "2000-01-01T00:00:00Z"}).json() == []
    r = client.get(f"{ROOT}/requests.json", {**q, "status": "pending"})
    assert r.status_code == 400 and json_error(r)["error_code"] == "bad_status"
    r = client.get(f"{ROOT}/requests.xml", {**q, "start_date": "hôm qua"})
    assert r.status_code == 400 and xml_error(r).findtext("error_code") == "bad_start_date"


def test_by_code_shows_private_requests_without_their_content(commune, client, mixed):
    codes = ",".join(mixed[k].tracking_code for k in ("private", "complaint", "denunciation"))
    response = client.get(
        f"{ROOT}/requests.json", {"jurisdiction_id": commune.slug, "service_request_id": codes}
    )
    rows = response.json()
    assert {r["service_request_id"] for r in rows} == {
        mixed[k].tracking_code for k in ("private", "complaint", "denunciation")
    }
    assert all(r["description"] is None and r["address"] is None and r["lat"] is None for r in rows)
    text = response.content.decode()
    assert "karaoke" not in text and "hối lộ" not in text
    assert_nothing_personal(text)
    one = client.get(
        f"{ROOT}/requests/{mixed['denunciation'].tracking_code}.xml", {"jurisdiction_id": commune.slug}
    )
    assert xml(one).findtext("request/service_code") == "to-cao"
    assert "hối lộ" not in one.content.decode()
    assert_nothing_personal(one.content.decode())


def test_unknown_or_foreign_code_is_404(commune, other_commune, client):
    foreign = submit(other_commune, "feedback")
    for code in ("AAA-BBB-CCCC", foreign.tracking_code, "not-a-code"):
        r = client.get(f"{ROOT}/requests/{code}.json", {"jurisdiction_id": commune.slug})
        assert r.status_code == 404 and json_error(r)["error_code"] == "unknown_request"
    r = client.get(f"{ROOT}/requests/AAA-BBB-CCCC.xml", {"jurisdiction_id": commune.slug})
    assert r.status_code == 404 and "mã" in xml_error(r).findtext("description")


def test_request_list_queries_do_not_grow(commune, people, client, django_assert_max_num_queries):
    for i in range(3):
        submit(commune, "feedback", content=f"Phản ánh {i}", publish_consent=True)
    with django_assert_max_num_queries(4) as few:
        assert len(client.get(f"{ROOT}/requests.json", {"jurisdiction_id": commune.slug}).json()) == 3
    for i in range(27):
        submit(commune, "feedback", content=f"Phản ánh thêm {i}", publish_consent=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(f"{ROOT}/requests.xml", {"jurisdiction_id": commune.slug}).content) > 0


def test_open311_client_cannot_read_staff_api(commune, open311_key):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {open311_key}")
    assert api.get(f"/api/v1/communes/{commune.code}/petitions/").status_code == 403


def test_photo_upload_is_checked_by_content(commune, client, open311_key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.petitions.conftest import png

    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image at all")
    r = client.post(f"{ROOT}/requests.json", {**post_data(commune, open311_key), "media": fake})
    assert r.status_code == 400
    err = json_error(r)
    assert err["error_code"] == "file_type" and "không phải loại được nhận" in err["description"]
    assert not Petition.objects.exists()
    r = client.post(f"{ROOT}/requests.json", {**post_data(commune, open311_key), "media": png()})
    assert r.status_code == 201
    assert Petition.objects.get().attachments.get().kind == "png"
