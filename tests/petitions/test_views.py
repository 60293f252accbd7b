"""Petition pages: the citizen's form and tracking page, the staff list and detail, who may do what."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.org.models import Unit
from danvan.petitions import services
from danvan.petitions.models import Attachment, IdentityAccessLog, Petition, PetitionIdentity
from danvan.petitions.tracking import PATTERN
from danvan.petitions.views.common import SUBMIT_LIMIT
from tests.petitions.conftest import DENOUNCER, accepted, classify, counts, png, submit

pytestmark = pytest.mark.django_db

S = Petition.Status
SECRET = {**DENOUNCER, "id_number": "079123456789", "email": "bimat@example.vn"}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def base(commune) -> str:
    return f"/lam-viec/{commune.code}/don-thu"


def public(commune) -> str:
    return f"/xa/{commune.slug}"


def form_data(**extra) -> dict:
    data = {
        "content": "Đèn đường thôn 1 hỏng hai tuần nay, tối đi lại nguy hiểm.",
        "kind_hint": "feedback",
        "village": "",
        "address": "Đầu cầu thôn 1",
        "client_token": "tok-" + extra.pop("token", "a"),
    }
    return {**data, **extra}


def assert_no_secret(html: str) -> None:
    for value in (SECRET["full_name"], SECRET["phone"], SECRET["id_number"], SECRET["email"]):
        assert value not in html


@pytest.fixture
def petition(commune, people):
    p = submit(commune, "feedback", attachments=[png()])
    return p


@pytest.fixture
def urls(commune, petition):
    att = Attachment.objects.get(petition=petition)
    b = base(commune)
    return {
        "list": f"{b}/",
        "list filtered": f"{b}/?status=received&kind=unclassified&overdue=on",
        "deadlines": f"{b}/han-xu-ly/",
        "record": f"{b}/ghi-nhan/",
        "detail": f"{b}/{petition.pk}/",
        "attachment": f"{b}/{petition.pk}/tep/{att.pk}/",
    }


# --- who may open what -------------------------------------------------------------------------------------


def test_every_staff_page_opens_for_the_coordinator(client, people, urls):
    client.force_login(people.coordinator)
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name


def test_every_staff_page_is_not_found_for_another_communes_user(client, people, urls, petition):
    client.force_login(people.outsider)
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name
    before = counts(petition)
    response = client.post(f"{urls['detail']}phan-loai/", {"phan-loai-kind": "feedback"})
    assert response.status_code == 404
    assert counts(petition) == before


def test_another_communes_petition_is_not_found_under_ones_own_address(
    client, people, commune, other_commune, unit
):
    foreign = submit(other_commune, "feedback", attachments=[png()])
    att = Attachment.objects.get(petition=foreign)
    client.force_login(people.coordinator)
    b = base(commune)
    assert client.get(f"{b}/{foreign.pk}/").status_code == 404
    assert client.get(f"{b}/{foreign.pk}/tep/{att.pk}/").status_code == 404
    response = client.post(
        f"{b}/{foreign.pk}/phan-loai/",
        {"phan-loai-kind": "feedback", "phan-loai-eligible": "yes", "phan-loai-complexity": "normal"},
    )
    assert response.status_code == 404
    assert client.post(f"{b}/{foreign.pk}/nguoi-gui/", {"purpose": "xem"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == S.RECEIVED
    assert not IdentityAccessLog.objects.exists()


@pytest.mark.parametrize("who", ["supervisor", "province_viewer"])
def test_readers_see_the_pages_but_every_write_is_refused_and_changes_nothing(
    client, people, commune, unit, petition, urls, who
):
    client.force_login(getattr(people, who))
    assert client.get(urls["list"]).status_code == 200
    detail = client.get(urls["detail"])
    assert detail.status_code == 200
    assert "Phân loại đơn" not in detail.content.decode()
    assert client.get(urls["record"]).status_code == 403
    before = counts(petition)
    posts = {
        "phan-loai/": {
            "phan-loai-kind": "feedback",
            "phan-loai-eligible": "yes",
            "phan-loai-complexity": "normal",
            "phan-loai-unit": unit.pk,
        },
        "tach-don/": {"tach-don-part1_content": "a", "tach-don-part2_content": "b"},
        "ket-thuc/": {},
    }
    for suffix, data in posts.items():
        assert client.post(urls["detail"] + suffix, data).status_code == 403, suffix
    assert client.post(urls["record"], {"content": "x", "channel": "phone"}).status_code == 403
    petition.refresh_from_db()
    assert petition.status == S.RECEIVED and petition.unit is None
    assert counts(petition) == before
    assert Petition.objects.count() == 1


def test_an_unknown_action_is_not_found(client, people, urls):
    client.force_login(people.coordinator)
    assert client.post(urls["detail"] + "xoa-don/").status_code == 404


def test_the_attachment_is_downloaded_with_its_name(client, people, urls):
    client.force_login(people.coordinator)
    response = client.get(urls["attachment"])
    assert response.status_code == 200
    assert "anh.png" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


# --- the citizen's form ------------------------------------------------------------------------------------


def test_the_form_page_carries_a_fresh_client_token_and_the_commune_villages(client, commune, people):
    response = client.get(f"{public(commune)}/phan-anh/")
    html = response.content.decode()
    assert response.status_code == 200
    tokens = re.findall(r'name="client_token" value="([0-9a-f]{32})"', html)
    assert len(tokens) == 1
    assert "Thôn 1" in html
    assert "Khiếu nại" in html and "Tố cáo" in html
    again = client.get(f"{public(commune)}/phan-anh/").content.decode()
    assert tokens[0] not in again


def test_a_citizen_submits_feedback_and_sees_the_tracking_code(client, commune, people):
    photo = png("duong.png")
    response = client.post(f"{public(commune)}/phan-anh/", {**form_data(), "attachments": [photo]})
    assert response.status_code == 200
    p = Petition.objects.get()
    assert PATTERN.match(p.tracking_code)
    html = response.content.decode()
    assert p.tracking_code in html
    assert f"/xa/{commune.slug}/tra-cuu/?ma={p.tracking_code}" in html
    assert (p.kind_hint, p.channel, p.address) == ("feedback", "portal", "Đầu cầu thôn 1")
    assert Attachment.objects.get(petition=p).kind == "png"
    assert not PetitionIdentity.objects.filter(petition=p).exists()


def test_a_repeated_post_with_the_same_client_token_returns_the_same_petition(client, commune, people):
    first = client.post(f"{public(commune)}/phan-anh/", form_data(token="same"))
    again = client.post(f"{public(commune)}/phan-anh/", form_data(token="same", content="Gửi lại"))
    assert Petition.objects.count() == 1
    code = Petition.objects.get().tracking_code
    assert code in first.content.decode() and code in again.content.decode()


def test_a_complaint_without_identity_is_refused_with_the_reason_and_saves_nothing(client, commune, people):
    response = client.post(f"{public(commune)}/phan-anh/", form_data(kind_hint="complaint"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Luật Khiếu nại 2011" in html and "họ tên và địa chỉ" in html
    assert Petition.objects.count() == 0
    assert counts() == (0, 0)


def test_a_denunciation_with_identity_is_received_and_the_identity_is_stored_apart(client, commune, people):
    data = form_data(
        kind_hint="denunciation",
        full_name=SECRET["full_name"],
        phone=SECRET["phone"],
        sender_address=SECRET["address"],
        id_number=SECRET["id_number"],
    )
    response = client.post(f"{public(commune)}/phan-anh/", data)
    assert response.status_code == 200
    p = Petition.objects.get()
    identity = PetitionIdentity.objects.get(petition=p)
    assert (identity.full_name, identity.id_number) == (SECRET["full_name"], SECRET["id_number"])
    assert_no_secret(response.content.decode())


def test_a_disallowed_file_type_is_refused_and_nothing_is_saved(client, commune, people):
    program = SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\0" * 300)
    response = client.post(f"{public(commune)}/phan-anh/", {**form_data(), "attachments": [program]})
    assert response.status_code == 200
    assert "không phải loại được nhận" in response.content.decode()
    assert Petition.objects.count() == Attachment.objects.count() == 0


def test_more_than_five_files_are_refused(client, commune, people):
    files = [png(f"{i}.png") for i in range(6)]
    response = client.post(f"{public(commune)}/phan-anh/", {**form_data(), "attachments": files})
    assert "tối đa 5 tệp" in response.content.decode()
    assert Petition.objects.count() == 0


def test_half_a_map_point_is_explained(client, commune, people):
    response = client.post(f"{public(commune)}/phan-anh/", form_data(lat="11.85"))
    assert "cả vĩ độ và kinh độ" in response.content.decode()
    assert Petition.objects.count() == 0
    client.post(f"{public(commune)}/phan-anh/", form_data(lat="11.85", lng="108.1"))
    assert str(Petition.objects.get().latitude) == "11.850000"


def test_submissions_from_one_address_are_limited(client, commune, people):
    for i in range(SUBMIT_LIMIT):
        assert client.post(f"{public(commune)}/phan-anh/", form_data(token=str(i))).status_code == 200
    response = client.post(f"{public(commune)}/phan-anh/", form_data(token="over"))
    assert response.status_code == 429
    assert "Vui lòng đợi ít phút" in response.content.decode()
    assert Petition.objects.count() == SUBMIT_LIMIT
    # A retry of a submission that went through still gets its code back.
    retry = client.post(f"{public(commune)}/phan-anh/", form_data(token="0"))
    assert retry.status_code == 200
    # Another address is not affected.
    other = client.post(f"{public(commune)}/phan-anh/", form_data(token="x"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert Petition.objects.count() == SUBMIT_LIMIT + 1


def test_an_unknown_commune_has_no_form(client, db):
    assert client.get("/xa/khong-co/phan-anh/").status_code == 404


# --- the tracking page -------------------------------------------------------------------------------------


def test_the_tracking_page_shows_status_unit_deadline_and_history(client, commune, people, unit):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    response = client.get(f"{public(commune)}/tra-cuu/", {"ma": p.tracking_code.lower().replace("-", " ")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã nhận đơn" in html and unit.name in html  # the resident's words, not "Đã phân loại"
    assert p.process_due.strftime("%d/%m/%Y") in html
    assert "Đơn đã được tiếp nhận qua kênh" in html
    # What they sent, folded, for the holder of the code (issue 16); a denunciation's is not (below).
    assert "Nội dung bạn đã gửi" in html


def test_a_wrong_code_gets_a_clear_message_and_no_hint(client, commune, other_commune, people):
    foreign = submit(other_commune, "feedback")
    for code in ("ABC-DEF-2345", "khong-phai-ma", foreign.tracking_code):
        response = client.get(f"{public(commune)}/tra-cuu/", {"ma": code})
        assert response.status_code == 404
        assert "Không tìm thấy đơn với mã tra cứu này" in response.content.decode()


def test_the_tracking_page_of_a_denunciation_never_shows_the_denouncer(client, commune, people, unit):
    p = submit(commune, "denunciation", identity=dict(SECRET))
    p = classify(p, people, unit, "denunciation")
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    html = client.get(f"{public(commune)}/tra-cuu/", {"ma": p.tracking_code}).content.decode()
    assert "Đang giải quyết" in html  # plain words for the resident (issue 16)
    assert_no_secret(html)


def test_a_resolved_petition_can_be_rated_with_its_code(client, commune, people, unit):
    p = accepted(commune, people, unit, "feedback")
    p.refresh_from_db()
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Đã thay bóng đèn.", on=date(2026, 3, 10), publish=False, by=people.officer
    )
    page = client.get(f"{public(commune)}/tra-cuu/", {"ma": p.tracking_code}).content.decode()
    assert "Gửi đánh giá" in page
    assert "Đã thay bóng đèn." not in page  # not published
    response = client.post(f"{public(commune)}/tra-cuu/danh-gia/", {"ma": p.tracking_code, "rating": "4"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.rating == 4
    # Anyone else holding the code cannot overwrite it (the issue: 2 became 5); the form is gone.
    again = client.post(
        f"{public(commune)}/tra-cuu/danh-gia/", {"ma": p.tracking_code, "rating": "1"}, follow=True
    )
    assert (
        "chỉ được đánh giá một lần" in again.content.decode() and "Gửi đánh giá" not in again.content.decode()
    )
    p.refresh_from_db()
    assert p.rating == 4
    bad = client.post(f"{public(commune)}/tra-cuu/danh-gia/", {"ma": "ABC-DEF-2345", "rating": "1"})
    assert bad.status_code == 404


# --- the staff pages ---------------------------------------------------------------------------------------


def test_staff_list_and_detail_never_show_a_denouncer_to_those_not_entitled(client, commune, people, unit):
    p = submit(commune, "denunciation", identity=dict(SECRET))
    p = classify(p, people, unit, "denunciation")
    for who in (people.coordinator, people.supervisor, people.province_viewer, people.village_head):
        client.force_login(who)
        assert_no_secret(client.get(f"{base(commune)}/").content.decode())
        assert_no_secret(client.get(f"{base(commune)}/{p.pk}/").content.decode())


def test_the_identity_button_shows_the_denouncer_to_the_assigned_officer_and_logs_it(
    client, commune, people, unit
):
    p = classify(submit(commune, "denunciation", identity=dict(SECRET)), people, unit, "denunciation")
    client.force_login(people.officer)
    detail = client.get(f"{base(commune)}/{p.pk}/").content.decode()
    assert "Xem thông tin người tố cáo" in detail
    assert_no_secret(detail)
    empty = client.post(f"{base(commune)}/{p.pk}/nguoi-gui/", {"purpose": ""})
    assert "Vui lòng nhập mục đích xem thông tin" in empty.content.decode()
    assert not IdentityAccessLog.objects.exists()
    response = client.post(f"{base(commune)}/{p.pk}/nguoi-gui/", {"purpose": "Mời người tố cáo làm việc"})
    html = response.content.decode()
    assert response.status_code == 200
    assert SECRET["full_name"] in html and SECRET["id_number"] in html
    log = IdentityAccessLog.objects.get()
    assert (log.user, log.granted, log.purpose) == (people.officer, True, "Mời người tố cáo làm việc")


def test_a_refused_identity_read_shows_the_reason_and_is_logged(client, commune, people, unit):
    p = classify(submit(commune, "denunciation", identity=dict(SECRET)), people, unit, "denunciation")
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/{p.pk}/nguoi-gui/", {"purpose": "Kiểm tra"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không được xem thông tin người gửi đơn này" in html
    assert_no_secret(html)
    assert IdentityAccessLog.objects.get().granted is False


def test_a_denunciations_content_is_hidden_from_readers_outside_the_case(client, commune, people, unit):
    p = submit(commune, "denunciation", identity=dict(SECRET), content="Ông X nhận tiền của dân.")
    client.force_login(people.supervisor)
    assert "Ông X nhận tiền" not in client.get(f"{base(commune)}/{p.pk}/").content.decode()
    assert "Ông X nhận tiền" not in client.get(f"{base(commune)}/").content.decode()
    client.force_login(people.coordinator)
    assert "Ông X nhận tiền" in client.get(f"{base(commune)}/{p.pk}/").content.decode()


def test_the_list_filters_and_marks_overdue_cases(client, commune, people, unit):
    late = submit(commune, "feedback")  # received 02/03/2026: its 10 working days have long passed
    fresh = submit(commune, "feedback", received_on=date.today(), content="Mới gửi hôm nay")
    classify(fresh, people, unit, "recommendation")
    client.force_login(people.coordinator)
    html = client.get(f"{base(commune)}/").content.decode()
    assert "quá hạn" in html and "ngày làm việc" in html
    only_late = client.get(f"{base(commune)}/", {"overdue": "on"}).content.decode()
    assert late.tracking_code in only_late and fresh.tracking_code not in only_late
    by_unit = client.get(f"{base(commune)}/", {"unit": unit.pk}).content.decode()
    assert fresh.tracking_code in by_unit and late.tracking_code not in by_unit
    by_kind = client.get(f"{base(commune)}/", {"kind": "recommendation"}).content.decode()
    assert fresh.tracking_code in by_kind and late.tracking_code not in by_kind
    deadlines = client.get(f"{base(commune)}/han-xu-ly/").content.decode()
    assert late.tracking_code in deadlines


def test_staff_record_a_petition_brought_by_phone(client, commune, people):
    client.force_login(people.village_head)
    response = client.post(
        f"{base(commune)}/ghi-nhan/",
        {
            "channel": "phone",
            "received_on": "2026-11-20",
            "content": "Bà con báo ngập nước ở thôn 1.",
            "kind_hint": "feedback",
            "signers_count": "1",
            "full_name": "Nguyễn Thị Gọi",
            "phone": "0987000111",
            "client_token": "rec-1",
        },
    )
    p = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{base(commune)}/{p.pk}/"
    assert (p.channel, p.received_on, p.recorded_by) == ("phone", date(2026, 11, 20), people.village_head)
    assert PetitionIdentity.objects.get(petition=p).phone == "0987000111"


def test_recording_a_future_date_is_refused_in_vietnamese(client, commune, people):
    client.force_login(people.coordinator)
    response = client.post(
        f"{base(commune)}/ghi-nhan/",
        {"channel": "post", "received_on": "2099-01-01", "content": "x", "signers_count": "1"},
    )
    assert "Ngày nhận đơn không được sau ngày hôm nay" in response.content.decode()
    assert Petition.objects.count() == 0


# --- actions -----------------------------------------------------------------------------------------------


def post_action(client, commune, p, action, **fields):
    data = {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(f"{base(commune)}/{p.pk}/{action}/", data)


def test_the_whole_workflow_through_the_pages(client, commune, people, unit):
    p = submit(commune, "feedback")
    client.force_login(people.coordinator)
    r = post_action(
        client, commune, p, "phan-loai", kind="feedback", eligible="yes", complexity="normal", unit=unit.pk
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.unit) == (S.CLASSIFIED, unit)
    # The coordinator cannot accept: only the leader. The button is not there and the service refuses.
    assert "Thụ lý đơn" not in client.get(f"{base(commune)}/{p.pk}/").content.decode()
    r = post_action(client, commune, p, "thu-ly", on="2026-03-04")
    assert "không có quyền thụ lý" in r.content.decode()
    client.force_login(people.leader)
    assert post_action(client, commune, p, "thu-ly", on="2026-03-04").status_code == 302
    client.force_login(people.officer)
    assert post_action(client, commune, p, "xac-minh").status_code == 302
    r = post_action(client, commune, p, "giai-quyet", answer="Đã sửa đèn.", on="2026-03-10", publish="on")
    assert "không đồng ý công khai" in r.content.decode()
    p.refresh_from_db()
    assert p.status == S.VERIFYING
    assert (
        post_action(client, commune, p, "giai-quyet", answer="Đã sửa đèn.", on="2026-03-10").status_code
        == 302
    )
    assert post_action(client, commune, p, "ket-thuc").status_code == 302
    client.force_login(people.coordinator)
    assert (
        post_action(client, commune, p, "xem-xet-lai", reason="Người dân báo đèn lại hỏng.").status_code
        == 302
    )
    p.refresh_from_db()
    assert p.status == S.REOPENED


def test_a_refused_move_shows_the_reason_and_changes_nothing(client, commune, people, unit):
    p = classify(submit(commune, "feedback"), people, None, "feedback")
    client.force_login(people.leader)
    before = counts(p)
    r = post_action(client, commune, p, "thu-ly", on="2026-03-04")
    assert r.status_code == 200
    assert "Hãy giao đơn vị xử lý trước khi thụ lý." in r.content.decode()
    p.refresh_from_db()
    assert p.status == S.CLASSIFIED
    assert counts(p) == before
    # A form error (no letter) is shown under the field, nothing changes either.
    r = post_action(client, commune, p, "chuyen-don", letter_text="")
    assert "Vui lòng nhập nội dung văn bản." in r.content.decode()
    assert counts(p) == before


def test_split_forward_extend_and_second_round(client, commune, people, unit):
    client.force_login(people.coordinator)
    many = submit(commune, "feedback")
    r = post_action(
        client,
        commune,
        many,
        "tach-don",
        part1_content="Đường hỏng",
        part1_kind="feedback",
        part2_content="Xin lắp đèn",
        part2_kind="recommendation",
    )
    assert r.status_code == 302
    assert Petition.objects.filter(parent=many).count() == 2
    letter = classify(submit(commune, "feedback"), people, unit, "feedback")
    assert (
        post_action(client, commune, letter, "chuyen-don", letter_text="Chuyển UBND huyện.").status_code
        == 302
    )
    letter.refresh_from_db()
    assert letter.status == S.FORWARDED
    # Extension: an ordinary denunciation gets none; the reason says so.
    den = accepted(commune, people, unit, "denunciation")
    r = post_action(client, commune, den, "gia-han", reason="Cần xác minh thêm")
    assert "không phức tạp nên không được gia hạn" in r.content.decode()
    # Second complaint round after the first decision.
    first = accepted(commune, people, unit, "complaint")
    first = services.petition_start_verification(petition=first, by=people.officer)
    services.petition_resolve(petition=first, answer="Giữ nguyên.", on=date.today(), by=people.officer)
    r = post_action(client, commune, first, "khieu-nai-lan-hai")
    second = Petition.objects.get(parent=first, complaint_round=2)
    assert r["Location"] == f"{base(commune)}/{second.pk}/"


# --- a fixed number of queries -----------------------------------------------------------------------------


def _many(commune, people, n):
    units = list(Unit.objects.filter(commune=commune))
    for i in range(n):
        p = submit(commune, "feedback", content=f"Phản ánh số {i}")
        if i % 2:
            classify(p, people, units[i % len(units)], "feedback")


def test_the_staff_list_does_not_query_more_with_more_petitions(
    client, commune, people, django_assert_max_num_queries
):
    client.force_login(people.coordinator)
    _many(commune, people, 3)
    client.get(f"{base(commune)}/")  # warm up the session
    with django_assert_max_num_queries(13) as small:  # 13: with the second factor's device (django-otp)
        client.get(f"{base(commune)}/")
    _many(commune, people, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(f"{base(commune)}/")
    assert response.content.decode().count("Phản ánh số") == 33


def test_the_tracking_page_does_not_query_more_with_more_steps(
    client, commune, people, unit, django_assert_max_num_queries
):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    with django_assert_max_num_queries(8) as small:
        client.get(f"{public(commune)}/tra-cuu/", {"ma": p.tracking_code})
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    for _ in range(5):
        p = services.petition_start_verification(petition=p, by=people.officer)
        p = services.petition_resolve(petition=p, answer="x", on=date(2026, 3, 5), by=people.officer)
        p = services.petition_reopen(petition=p, reason="lại", by=people.coordinator)
    _many(commune, people, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(f"{public(commune)}/tra-cuu/", {"ma": p.tracking_code})
    assert response.content.decode().count("Xem xét lại") >= 5
