"""Attachments through the staff API: listed with their address, downloaded with their true type and a
safe name, added through the service (checked by content and size, within the per-petition limit), and
a denunciation's files only for those who handle it, as on the staff page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.files import MAX_UPLOAD_BYTES
from danvan.core.models import AuditEvent
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant
from danvan.petitions import services
from danvan.petitions.models import Attachment
from tests.api.conftest import key_client, staff_key
from tests.api.test_petitions_api import SECRET, assert_no_identity, denunciation
from tests.petitions.conftest import accepted, png, submit

pytestmark = pytest.mark.django_db


def files_url(p) -> str:
    return f"/api/v1/communes/{p.commune_id}/petitions/{p.pk}/attachments/"


def program(name: str = "tai-lieu.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200)  # a Windows program, named as a PDF


def stored(p) -> tuple[int, int]:
    """(attachments, audit records of additions): what a refused upload must leave unchanged."""
    return (
        Attachment.objects.filter(petition=p).count(),
        AuditEvent.objects.filter(action="petitions.add_attachments").count(),
    )


def officer_of_another_unit(commune):
    from tests.conftest import make_user

    user = make_user("congan", "Lê Văn Công An")
    unit = Unit.objects.get(commune=commune, name="Công an xã")
    membership_grant(user=user, role=Role.UNIT_OFFICER, commune=commune, unit=unit, by=None)
    return key_client(staff_key(user))


# --- adding ------------------------------------------------------------------------------------------


def test_files_are_added_listed_and_downloaded(commune, people, unit, as_user):
    p = accepted(commune, people, unit, "feedback")
    client = as_user("officer")
    r = client.post(files_url(p), {"file": [png("hien-truong.png"), png("anh 2.png")]}, format="multipart")
    assert r.status_code == 201, r.content
    added = r.json()
    assert [a["name"] for a in added] == ["hien-truong.png", "anh 2.png"]
    assert all(a["kind"] == "png" and a["mime"] == "image/png" and a["size"] > 0 for a in added)
    assert added[0]["url"] == f"http://testserver{files_url(p)}{added[0]['id']}/"
    # The audit record has kinds, sizes and checksums, never the names.
    event = AuditEvent.objects.get(action="petitions.add_attachments", object_id=str(p.pk))
    assert event.actor == people.officer and event.after["total"] == 2
    assert "hien-truong" not in str(event.after)
    # The detail lists them with the same address.
    detail = client.get(f"/api/v1/communes/{commune.code}/petitions/{p.pk}/").json()
    assert [a["url"] for a in detail["attachments"]] == [a["url"] for a in added]
    assert [a["id"] for a in client.get(files_url(p)).json()] == [a["id"] for a in added]
    download = client.get(added[0]["url"], HTTP_ACCEPT="image/*")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"] == 'attachment; filename="hien-truong.png"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_the_download_name_says_the_true_type(commune, people, unit, as_user):
    p = submit(commune, "feedback", attachments=[png('trang "chu".html')])
    att = p.attachments.get()
    response = as_user("coordinator").get(f"{files_url(p)}{att.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="trang chu.html.png"'  # quotes dropped
    vietnamese = submit(commune, "feedback", attachments=[png("ảnh hiện trường.png")]).attachments.get()
    response = as_user("coordinator").get(f"{files_url(vietnamese.petition)}{vietnamese.pk}/")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E1%BA%A3nh%20hi%E1%BB%87n%20tr%C6%B0%E1%BB%9Dng.png"
    )


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (lambda: program(), "file_type"),
        (
            lambda: SimpleUploadedFile("to.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_UPLOAD_BYTES),
            "file_too_large",
        ),
        (lambda: SimpleUploadedFile("rong.pdf", b""), "empty_file"),
    ],
)
def test_a_bad_file_is_a_400_and_nothing_is_saved(commune, people, unit, as_user, upload, code):
    p = accepted(commune, people, unit, "feedback")
    before = stored(p)
    r = as_user("officer").post(files_url(p), {"file": [png(), upload()]}, format="multipart")
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == code and err["field"] == "file" and not err["message"].isascii()
    assert stored(p) == before  # the good file with it is not kept either


def test_no_file_is_a_400(commune, people, unit, as_user):
    p = accepted(commune, people, unit, "feedback")
    r = as_user("officer").post(files_url(p), {}, format="multipart")
    assert r.status_code == 400
    assert r.json()["error"] == {
        "code": "invalid",
        "message": "Vui lòng chọn ít nhất một tệp.",
        "field": "file",
    }


def test_the_per_petition_limit_counts_the_files_already_there(commune, people, unit, as_user):
    p = submit(commune, "feedback", attachments=[png() for _ in range(4)])
    before = stored(p)
    r = as_user("coordinator").post(files_url(p), {"file": [png(), png()]}, format="multipart")
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "too_many_files" and "đã có 4 tệp" in err["message"]
    assert stored(p) == before
    assert as_user("coordinator").post(files_url(p), {"file": [png()]}, format="multipart").status_code == 201


def test_a_closed_petition_takes_no_more_files(commune, people, unit, as_user):
    p = accepted(commune, people, unit, "feedback")
    services.petition_start_verification(petition=p, by=people.officer)
    services.petition_resolve(petition=p, answer="Đã sửa.", on=date(2026, 3, 10), by=people.officer)
    client = as_user("officer")
    assert (
        client.post(files_url(p), {"file": [png()]}, format="multipart").status_code == 201
    )  # resolved: yes
    services.petition_close(petition=p, by=people.officer)
    before = stored(p)
    r = client.post(files_url(p), {"file": [png()]}, format="multipart")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "petition_closed" and "Đã kết thúc" in r.json()["error"]["message"]
    assert stored(p) == before


@pytest.mark.parametrize("who", ["supervisor", "province_viewer", "village_head"])
def test_readers_may_not_add_files(commune, people, unit, as_user, who):
    p = accepted(commune, people, unit, "feedback")
    before = stored(p)
    r = as_user(who).post(files_url(p), {"file": [png()]}, format="multipart")
    assert r.status_code == 403 and not r.json()["error"]["message"].isascii()
    assert stored(p) == before


# --- another commune ---------------------------------------------------------------------------------


def test_another_communes_files_are_not_found(commune, other_commune, people, unit, as_user):
    foreign = submit(other_commune, "feedback", attachments=[png()])
    att = foreign.attachments.get()
    mine = submit(commune, "feedback", attachments=[png()])
    client = as_user("coordinator")
    here = f"/api/v1/communes/{commune.code}/petitions/{foreign.pk}/attachments/"
    assert client.get(here).status_code == 404
    assert client.get(f"{here}{att.pk}/").status_code == 404
    assert client.get(f"{files_url(mine)}{att.pk}/").status_code == 404  # its id under my petition
    assert client.get(f"{files_url(foreign)}{att.pk}/").status_code == 404  # its own commune's address
    r = client.post(here, {"file": [png()]}, format="multipart")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert foreign.attachments.count() == 1


# --- a denunciation's files ---------------------------------------------------------------------------


@pytest.fixture
def secret_case(commune, people, unit):
    p = denunciation(commune, people, unit)
    services.petition_add_attachments(petition=p, files=[png("bien-ban.png")], by=people.officer)
    return p


@pytest.mark.parametrize("who", ["supervisor", "province_viewer", "village_head"])
def test_a_denunciations_files_are_refused_to_others(secret_case, as_user, who):
    att = secret_case.attachments.get()
    client = as_user(who)
    for url in (files_url(secret_case), f"{files_url(secret_case)}{att.pk}/"):
        r = client.get(url)
        assert r.status_code == 403
        assert r.json()["error"]["message"] == "Tệp của đơn tố cáo chỉ cán bộ được giao xử lý được xem."
        assert "bien-ban" not in r.content.decode()
        assert_no_identity(r.content.decode())
    detail = client.get(f"/api/v1/communes/{secret_case.commune_id}/petitions/{secret_case.pk}/").json()
    assert detail["attachments"] == [] and "bien-ban" not in str(detail)


def test_an_officer_of_another_unit_neither_sees_nor_adds_a_denunciations_files(commune, secret_case):
    client = officer_of_another_unit(commune)
    assert client.get(files_url(secret_case)).status_code == 403
    before = stored(secret_case)
    r = client.post(files_url(secret_case), {"file": [png()]}, format="multipart")
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert stored(secret_case) == before


@pytest.mark.parametrize("who", ["leader", "coordinator", "officer"])
def test_those_handling_a_denunciation_get_its_files(secret_case, as_user, who):
    client = as_user(who)
    listed = client.get(files_url(secret_case)).json()
    assert [a["name"] for a in listed] == ["bien-ban.png"]
    assert client.get(listed[0]["url"]).status_code == 200
    assert SECRET["full_name"] not in str(listed)


# --- query counts ------------------------------------------------------------------------------------


def test_listing_files_does_not_query_more_with_more_files(
    commune, people, unit, django_assert_max_num_queries
):
    client = key_client(staff_key(people.officer))
    p = accepted(commune, people, unit, "feedback")
    services.petition_add_attachments(petition=p, files=[png()], by=people.officer)
    detail = f"/api/v1/communes/{commune.code}/petitions/{p.pk}/"
    with django_assert_max_num_queries(10) as few:
        assert len(client.get(files_url(p)).json()) == 1
    with django_assert_max_num_queries(16) as few_detail:
        assert len(client.get(detail).json()["attachments"]) == 1
    # The most a petition holds.
    services.petition_add_attachments(petition=p, files=[png() for _ in range(4)], by=people.officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(files_url(p)).json()) == 5
    with django_assert_max_num_queries(len(few_detail.captured_queries)):
        assert len(client.get(detail).json()["attachments"]) == 5
