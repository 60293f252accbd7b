"""The staff REST API on petitions: lists and filters, detail, workflow actions through the services,
identity never in any output, a denunciation's content only for those the pages show it to."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.utils import timezone

from danvan.core.models import AuditEvent
from danvan.petitions import services
from danvan.petitions.models import Field, Petition
from tests.api.conftest import key_client, staff_key
from tests.petitions.conftest import DENOUNCER, accepted, classify, counts, submit

pytestmark = pytest.mark.django_db

S = Petition.Status
SECRET = {**DENOUNCER, "id_number": "079123456789", "email": "bimat@example.vn"}
DENUNCIATION_TEXT = "Cán bộ địa chính thôn 1 nhận tiền để hợp thức hóa đất lấn chiếm."


def base(commune) -> str:
    return f"/api/v1/communes/{commune.code}/petitions/"


def assert_no_identity(text: str) -> None:
    for value in (
        SECRET["full_name"],
        SECRET["phone"],
        SECRET["id_number"],
        SECRET["email"],
        SECRET["address"],
    ):
        assert value not in text


def denunciation(commune, people, unit) -> Petition:
    p = submit(commune, "denunciation", content=DENUNCIATION_TEXT, identity=dict(SECRET))
    return accepted_existing(p, people, unit, "denunciation")


def accepted_existing(p, people, unit, kind):
    p = classify(p, people, unit, kind)
    return services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)


# --- reading ----------------------------------------------------------------------------------------


def test_list_filters_and_pages(commune, people, unit, as_user):
    feedback = submit(commune, "feedback")
    classify(feedback, people, unit, "feedback")
    other = submit(commune, "recommendation", content="Đề nghị mở lớp học bơi cho trẻ em.")
    client = as_user("coordinator")
    body = client.get(base(commune)).json()
    assert body["count"] == 2 and body["pages"] == 1
    row = next(r for r in body["results"] if r["id"] == feedback.pk)
    assert row["tracking_code"] == feedback.tracking_code
    assert row["status"] == "classified" and row["status_label"] == "Đã phân loại"
    assert row["unit"] == {"id": unit.pk, "name": "Phòng Kinh tế"}
    assert row["deadline"] and row["content_preview"].startswith("Đường vào thôn 1")
    assert [r["id"] for r in client.get(base(commune), {"status": "received"}).json()["results"]] == [
        other.pk
    ]
    assert [r["id"] for r in client.get(base(commune), {"kind": "feedback"}).json()["results"]] == [
        feedback.pk
    ]
    assert client.get(base(commune), {"unit": unit.pk}).json()["count"] == 1
    assert client.get(base(commune), {"page_size": 1, "page": 2}).json()["results"][0]["id"] == feedback.pk


def test_overdue_and_due_soon(commune, people, unit, as_user):
    # Received on 2 March 2026, processed within 10 working days: long overdue by now.
    late = submit(commune, "feedback")
    fresh = services.petition_submit(commune=commune, content="Cống thoát nước bị tắc.", kind_hint="feedback")
    client = as_user("leader")
    overdue = client.get(base(commune), {"overdue": "true"}).json()
    assert [r["id"] for r in overdue["results"]] == [late.pk]
    assert overdue["results"][0]["overdue"] is True
    assert fresh.pk not in [
        r["id"] for r in client.get(base(commune), {"due_soon": "true"}).json()["results"]
    ]


def test_bad_filter_is_a_vietnamese_400(commune, people, as_user):
    response = as_user("leader").get(base(commune), {"status": "lost", "page": "x"})
    assert response.status_code == 400
    err = response.json()["error"]
    assert err["field"] in ("status", "page") and not err["message"].isascii()


def test_detail_never_shows_identity_even_to_those_who_may_read_it(commune, people, unit, as_user):
    p = denunciation(commune, people, unit)
    for who in ("leader", "officer", "coordinator"):
        client = as_user(who)
        detail = client.get(f"{base(commune)}{p.pk}/")
        assert detail.status_code == 200
        assert detail.json()["content"] == DENUNCIATION_TEXT  # they handle it: content visible
        assert_no_identity(detail.content.decode())
        assert_no_identity(client.get(base(commune)).content.decode())


@pytest.mark.parametrize("who", ["village_head", "supervisor", "province_viewer"])
def test_denunciation_content_hidden_from_others(commune, people, unit, as_user, who):
    p = denunciation(commune, people, unit)
    services.petition_start_verification(petition=p, by=people.officer)
    services.petition_resolve(
        petition=p, answer="Kết luận: tố cáo đúng một phần.", on=date(2026, 3, 20), by=people.officer
    )
    client = as_user(who)
    body = client.get(f"{base(commune)}{p.pk}/").json()
    assert body["content"] is None and body["content_restricted"] is True
    assert body["answer"] is None and body["attachments"] == []
    text = json.dumps(body, ensure_ascii=False) + client.get(base(commune)).content.decode()
    assert DENUNCIATION_TEXT not in text and "tố cáo đúng một phần" not in text
    assert_no_identity(text)


def test_detail_of_feedback(commune, people, unit, as_user):
    p = accepted(commune, people, unit, "feedback")
    body = as_user("officer").get(f"{base(commune)}{p.pk}/").json()
    assert body["content"].startswith("Đường vào thôn 1")
    assert body["accepted_by"] == "chutich" and body["resolve_due"]
    assert [s["status"] for s in body["steps"]] == ["received", "classified", "accepted"]
    assert body["allowed_actions"] == ["verify"]


def test_other_communes_petition_is_404_under_own_address(commune, other_commune, people, as_user):
    foreign = submit(other_commune, "feedback")
    client = as_user("coordinator")
    assert client.get(f"{base(commune)}{foreign.pk}/").status_code == 404
    response = client.post(f"{base(commune)}{foreign.pk}/verify/", {}, format="json")
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == S.RECEIVED


# --- the workflow -----------------------------------------------------------------------------------


def test_the_whole_way_through_the_api(commune, people, unit, as_user):
    p = submit(commune, "feedback")
    coordinator, leader, officer = as_user("coordinator"), as_user("leader"), as_user("officer")
    field = Field.objects.filter(commune=None).first()
    url = f"{base(commune)}{p.pk}/"
    r = coordinator.post(
        f"{url}classify/", {"kind": "feedback", "unit": unit.pk, "field": field.pk}, format="json"
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "classified" and r.json()["field"]["id"] == field.pk
    assert leader.post(f"{url}accept/", {"on": "2026-03-04"}, format="json").json()["status"] == "accepted"
    assert officer.post(f"{url}verify/", {}, format="json").json()["status"] == "verifying"
    r = officer.post(f"{url}resolve/", {"answer": "Đã sửa đường.", "on": "2026-03-10"}, format="json")
    assert r.json()["status"] == "resolved" and r.json()["answer"] == "Đã sửa đường."
    assert officer.post(f"{url}close/", {}, format="json").json()["status"] == "closed"
    r = coordinator.post(f"{url}reopen/", {"reason": "Người dân báo đường lại hỏng."}, format="json")
    assert r.json()["status"] == "reopened"
    actions = AuditEvent.objects.filter(object_id=str(p.pk)).values_list("action", flat=True)
    assert {"petitions.classify", "petitions.accept", "petitions.resolve", "petitions.reopen"} <= set(actions)


def test_a_move_the_law_does_not_allow_is_409_and_changes_nothing(commune, people, unit, as_user):
    p = submit(commune, "feedback")
    before = counts(p)
    r = as_user("officer").post(
        f"{base(commune)}{p.pk}/resolve/", {"answer": "Xong.", "on": "2026-03-05"}, format="json"
    )
    assert r.status_code == 409
    assert r.json()["error"] == {
        "code": "bad_transition",
        "message": "Không thể giải quyết khi chưa thụ lý.",
        "field": None,
    }
    assert counts(p) == before


def test_extending_an_ordinary_denunciation_is_refused(commune, people, unit, as_user):
    p = denunciation(commune, people, unit)
    r = as_user("officer").post(
        f"{base(commune)}{p.pk}/extend/", {"reason": "Cần thêm thời gian."}, format="json"
    )
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "no_extension" and "Điều 30" in r.json()["error"]["message"]


def test_readers_may_not_act(commune, people, unit, as_user):
    p = submit(commune, "feedback")
    before = counts(p)
    r = as_user("supervisor").post(f"{base(commune)}{p.pk}/classify/", {"kind": "feedback"}, format="json")
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "Vai trò của bạn chỉ được xem đơn thư, không được xử lý đơn."
    assert counts(p) == before


def test_only_the_leader_accepts(commune, people, unit, as_user):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    r = as_user("coordinator").post(f"{base(commune)}{p.pk}/accept/", {}, format="json")
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    p.refresh_from_db()
    assert p.status == S.CLASSIFIED


def test_bad_input_is_a_vietnamese_400(commune, people, unit, as_user):
    p = submit(commune, "feedback")
    client = as_user("coordinator")
    r = client.post(f"{base(commune)}{p.pk}/classify/", {"kind": "gossip"}, format="json")
    assert r.status_code == 400
    assert r.json()["error"] == {
        "code": "invalid_choice",
        "message": "Giá trị không nằm trong danh sách cho phép.",
        "field": "kind",
    }
    r = client.post(f"{base(commune)}{p.pk}/classify/", {"kind": "feedback", "unit": 999999}, format="json")
    assert r.status_code == 400 and r.json()["error"]["field"] == "unit"
    r = client.post(f"{base(commune)}{p.pk}/forward/", {"letter_text": "  "}, format="json")
    assert r.status_code == 400 and r.json()["error"]["message"] == "Vui lòng nhập nội dung văn bản."
    r = client.post(f"{base(commune)}{p.pk}/split/", {"parts": [{"content": "Một việc"}]}, format="json")
    assert r.status_code == 400 and r.json()["error"]["message"] == "Tách đơn cần ít nhất hai nội dung."
    p.refresh_from_db()
    assert p.status == S.RECEIVED


def test_split_returns_the_new_cases(commune, people, unit, as_user):
    p = submit(commune, "feedback")
    parts = [
        {"content": "Đường hỏng.", "kind": "feedback"},
        {"content": "Đề nghị lắp đèn.", "kind": "recommendation"},
    ]
    r = as_user("coordinator").post(f"{base(commune)}{p.pk}/split/", {"parts": parts}, format="json")
    assert r.status_code == 201
    assert len(r.json()) == 2 and all(row["tracking_code"] for row in r.json())


# --- recording a petition ---------------------------------------------------------------------------


def test_record_is_idempotent_on_the_client_token(commune, people, as_user):
    client = as_user("village_head")
    data = {
        "channel": "in_person",
        "received_on": timezone.localdate().isoformat(),
        "content": "Bà con thôn 1 đề nghị sửa cầu tràn.",
        "kind_hint": "complaint",
        "identity": {"full_name": SECRET["full_name"], "phone": SECRET["phone"]},
        "client_token": "may-tinh-bang-1-0001",
    }
    first = client.post(base(commune), data, format="json")
    assert first.status_code == 201, first.content
    again = client.post(base(commune), data, format="json")
    assert again.json()["id"] == first.json()["id"]
    assert Petition.objects.filter(commune=commune).count() == 1
    assert_no_identity(first.content.decode())


def test_record_refuses_a_complaint_without_identity(commune, people, as_user):
    data = {
        "channel": "phone",
        "received_on": "2026-03-02",
        "content": "Khiếu nại quyết định thu hồi đất.",
        "kind_hint": "complaint",
    }
    r = as_user("leader").post(base(commune), data, format="json")
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "identity_required" and "họ tên" in r.json()["error"]["message"]
    assert not Petition.objects.exists()


def test_readers_may_not_record(commune, people, as_user):
    r = as_user("supervisor").post(base(commune), {"channel": "phone"}, format="json")
    assert r.status_code == 403


# --- fields and tracking ------------------------------------------------------------------------------


def test_fields(commune, people, as_user):
    body = as_user("officer").get(f"/api/v1/communes/{commune.code}/fields/").json()
    assert body and all(f["national"] for f in body)
    assert "Đất đai" in {f["name"] for f in body}


def test_public_tracking(commune, people, unit, client):
    p = submit(commune, "complaint", identity=dict(SECRET))
    r = client.get(f"/api/v1/tracking/{p.tracking_code.lower().replace('-', '')}/")
    assert r.status_code == 200
    assert r.json()["tracking_code"] == p.tracking_code and r.json()["status"] == "received"
    assert_no_identity(r.content.decode())
    assert "Đường vào thôn" not in r.content.decode()  # no content on the public record
    missing = client.get("/api/v1/tracking/AAA-BBB-CCCC/")
    assert missing.status_code == 404
    assert (
        missing.json()["error"]["code"] == "not_found" and "mã tra cứu" in missing.json()["error"]["message"]
    )


# --- query counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"overdue": "true"}, {"due_soon": "true"}, {"kind": "feedback"}])
def test_list_queries_do_not_grow_with_data(commune, people, unit, params, django_assert_max_num_queries):
    client = key_client(staff_key(people.leader))
    for i in range(3):
        classify(submit(commune, "feedback", content=f"Phản ánh số {i}"), people, unit, "feedback")
    with django_assert_max_num_queries(12) as few:
        assert client.get(base(commune), params).status_code == 200
    for i in range(27):
        classify(submit(commune, "feedback", content=f"Phản ánh thêm {i}"), people, unit, "feedback")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(base(commune), params)
    assert response.status_code == 200


def test_detail_queries_are_fixed(commune, people, unit, django_assert_max_num_queries):
    client = key_client(staff_key(people.leader))
    p = accepted(commune, people, unit, "feedback")
    with django_assert_max_num_queries(16):
        assert client.get(f"{base(commune)}{p.pk}/").status_code == 200
