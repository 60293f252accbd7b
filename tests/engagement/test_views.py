"""Engagement pages: who opens what (404 for another commune, 403 for a role), the forms through the
services, the portal (nothing personal, never the register), the question form's limits."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache

from danvan.engagement import public_views, services
from danvan.engagement.models import Commitment, DialogueQuestion, ReceptionEntry, ReceptionSession
from danvan.petitions.models import Petition
from tests.engagement.conftest import NEXT_MONDAY, TODAY, dialogue, entry_args, session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(commune, people, unit):
    s = session(commune, people.coordinator, on=TODAY)
    entry = services.reception_entry_record(by=people.coordinator, commune=commune, session=s, **entry_args())
    d = dialogue(commune, people.coordinator)
    c = services.commitment_create(
        by=people.coordinator,
        dialogue=d,
        content="Sửa đèn đường thôn 2",
        unit=unit,
        due_on=dt.date(2026, 4, 30),
    )
    meeting = services.voter_meeting_record(
        by=people.coordinator, commune=commune, on=TODAY, place="Hội trường xã"
    )
    vp = services.voter_petition_add(
        by=people.coordinator, meeting=meeting, topic="Giao thông", content="Làm đường"
    )
    return {"session": s, "entry": entry, "dialogue": d, "commitment": c, "meeting": meeting, "vp": vp}


def staff_urls(commune, data) -> dict[str, str]:
    b = f"/lam-viec/{commune.code}"
    return {
        "schedule": f"{b}/tiep-dan/",
        "register": f"{b}/tiep-dan/so/",
        "entry add": f"{b}/tiep-dan/so/ghi/",
        "entry": f"{b}/tiep-dan/so/{data['entry'].pk}/",
        "xlsx": f"{b}/tiep-dan/so/xuat.xlsx",
        "docx": f"{b}/tiep-dan/so/xuat.docx",
        "dialogues": f"{b}/doi-thoai/",
        "dialogue add": f"{b}/doi-thoai/moi/",
        "dialogue": f"{b}/doi-thoai/{data['dialogue'].pk}/",
        "voters": f"{b}/kien-nghi-cu-tri/",
        "meeting": f"{b}/kien-nghi-cu-tri/{data['meeting'].pk}/",
        "commitments": f"{b}/cam-ket/",
        "commitments late": f"{b}/cam-ket/?tre_han=on&status=open",
        "commitment": f"{b}/cam-ket/{data['commitment'].pk}/",
    }


PERSONAL = ("register", "entry add", "entry", "xlsx", "docx", "dialogue add")


def test_every_staff_page_opens_for_the_coordinator(client, people, commune, data):
    client.force_login(people.coordinator)
    for name, url in staff_urls(commune, data).items():
        assert client.get(url).status_code == 200, name


def test_another_communes_user_gets_404_everywhere(client, people, commune, data):
    client.force_login(people.outsider)
    for name, url in staff_urls(commune, data).items():
        assert client.get(url).status_code == 404, name


def test_an_object_of_another_commune_is_404(client, people, commune, other_commune, data):
    from danvan.org.models import Role
    from danvan.org.services import membership_grant

    membership_grant(user=people.coordinator, role=Role.COORDINATOR, commune=other_commune, by=None)
    client.force_login(people.coordinator)
    b = f"/lam-viec/{other_commune.code}"
    assert client.get(f"{b}/tiep-dan/so/{data['entry'].pk}/").status_code == 404
    assert client.get(f"{b}/doi-thoai/{data['dialogue'].pk}/").status_code == 404
    assert client.get(f"{b}/cam-ket/{data['commitment'].pk}/").status_code == 404


def test_the_register_is_only_for_the_roles_that_keep_it(client, people, commune, data):
    urls = staff_urls(commune, data)
    for user in (people.officer, people.village_head, people.supervisor, people.province_viewer):
        client.force_login(user)
        for name in PERSONAL:
            assert client.get(urls[name]).status_code == 403, (user, name)
        for name in ("schedule", "dialogues", "commitments", "commitment", "voters"):
            assert client.get(urls[name]).status_code == 200, (user, name)
            assert "Trần Văn Dân" not in client.get(urls[name]).content.decode()


def test_anonymous_staff_pages_go_to_login(client, commune, data):
    response = client.get(staff_urls(commune, data)["register"])
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_read_only_role_cannot_post(client, people, commune, data):
    client.force_login(people.supervisor)
    b = f"/lam-viec/{commune.code}"
    response = client.post(f"{b}/tiep-dan/xep-lich/", {"on": "2026-03-09"})
    assert response.status_code == 403
    assert ReceptionSession.objects.count() == 1


# --- schedule and register through the pages ----------------------------------------------------------------


def session_form(**extra) -> dict:
    data = {
        "on": NEXT_MONDAY.isoformat(),
        "start_time": "07:30",
        "end_time": "11:00",
        "host_role": "chairman",
        "host_name": "Nguyễn Văn Chutich",
        "unit": "",
        "place": "Phòng tiếp công dân",
        "kind": "scheduled",
        "note": "",
        "repeat_weeks": "3",
    }
    return {**data, **extra}


def test_scheduling_weekly_sessions_clears_the_warning(client, people, commune):
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/tiep-dan/"
    assert "Chưa đủ ngày Chủ tịch" in client.get(url).content.decode()
    response = client.post(f"{url}xep-lich/", session_form())
    assert response.status_code == 302
    assert ReceptionSession.objects.filter(commune=commune, host_role="chairman").count() == 3
    page = client.get(url).content.decode()
    # This week (of 4/3) and the weeks after the third still miss the Chairman (the weekly rule of
    # March 2026); the three weeks scheduled are no longer listed.
    gaps = page.split("Chưa đủ ngày Chủ tịch")[1].split("</ul>")[0]
    assert "tuần 02/03–08/03/2026" in gaps and "tuần 09/03" not in gaps and "tuần 30/03" in gaps
    assert "01 ngày trong 01 tuần" in gaps


def test_scheduling_in_the_past_shows_the_vietnamese_error(client, people, commune):
    client.force_login(people.coordinator)
    response = client.post(
        f"/lam-viec/{commune.code}/tiep-dan/xep-lich/", session_form(on="2026-03-02", repeat_weeks="1")
    )
    assert response.status_code == 400
    assert "Không thể xếp lịch tiếp công dân vào ngày đã qua" in response.content.decode()
    assert not ReceptionSession.objects.exists()


def test_recording_an_accepted_entry_creates_the_petition(client, people, commune):
    client.force_login(people.coordinator)
    response = client.post(
        f"/lam-viec/{commune.code}/tiep-dan/so/ghi/",
        {
            "received_on": TODAY.isoformat(),
            "session": "",
            "visitor_name": "Lê Thị Tư",
            "visitor_address": "Thôn 2",
            "id_number": "",
            "content": "Đề nghị sửa cống thoát nước trước nhà.",
            "case_type": "feedback",
            "people_count": "1",
            "handled_before_by": "",
            "handling": "accept",
            "forwarded_to": "",
            "follow_up": "",
            "note": "",
        },
    )
    entry = ReceptionEntry.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/tiep-dan/so/{entry.pk}/")
    petition = Petition.objects.get()
    assert entry.petition == petition and petition.channel == "reception"
    page = client.get(response["Location"]).content.decode()
    assert petition.tracking_code in page
    # Received Wednesday 4/3/2026: 10 working days end Wednesday 18/3 (Luật Tiếp công dân, Điều 28(1)).
    assert "Hạn trả lời người đến</dt><dd>18/03/2026" in page and "Điều 28 khoản 1" in page


def test_an_entry_without_content_shows_the_error_and_saves_nothing(client, people, commune):
    client.force_login(people.coordinator)
    response = client.post(
        f"/lam-viec/{commune.code}/tiep-dan/so/ghi/",
        {
            "received_on": TODAY.isoformat(),
            "visitor_name": "Lê Thị Tư",
            "content": "",
            "case_type": "feedback",
            "people_count": "1",
            "handling": "guide",
        },
    )
    assert response.status_code == 400
    assert "Vui lòng nhập nội dung vụ việc." in response.content.decode()
    assert not ReceptionEntry.objects.exists()


# --- exports read back ----------------------------------------------------------------


def test_register_xlsx_reads_back_with_the_mau_03_columns(client, people, commune, data):
    from openpyxl import load_workbook

    from danvan.engagement.exports import COLUMNS

    client.force_login(people.leader)
    response = client.get(f"/lam-viec/{commune.code}/tiep-dan/so/xuat.xlsx?tu=2026-03-01&den=2026-03-31")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "SỔ TIẾP CÔNG DÂN"
    assert [c.value for c in ws[4]] == COLUMNS
    row = [c.value for c in ws[5]]
    # The day is a real date shown dd/mm/yyyy; the header has an autofilter.
    assert ws["B5"].number_format == "dd/mm/yyyy" and ws.auto_filter.ref.startswith("A4:")
    assert (
        row[1].date() == dt.date(2026, 3, 4)
        and row[2] == "Trần Văn Dân – Thôn 1, xã Tà Đùng"
        and row[3] == "068123456789"
    )
    assert row[7].startswith("x (đơn ")


def test_register_docx_is_a4_landscape_times_new_roman_with_a_real_table(client, people, commune, data):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    from danvan.engagement.exports import COLUMNS

    client.force_login(people.coordinator)
    response = client.get(f"/lam-viec/{commune.code}/tiep-dan/so/xuat.docx?tu=2026-03-01&den=2026-03-31")
    doc = Document(io.BytesIO(response.content))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert any(p.text == "SỔ TIẾP CÔNG DÂN" for p in doc.paragraphs)
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == COLUMNS
    assert len(table.rows) == 2 and table.rows[1].cells[2].text == "Trần Văn Dân – Thôn 1, xã Tà Đùng"


def test_an_empty_period_exports_a_table_saying_so(client, people, commune, data):
    from docx import Document

    client.force_login(people.coordinator)
    response = client.get(f"/lam-viec/{commune.code}/tiep-dan/so/xuat.docx?tu=2026-01-01&den=2026-01-31")
    table = Document(io.BytesIO(response.content)).tables[-1]
    assert "Không có lượt tiếp" in table.rows[1].cells[0].text


# --- commitments ----------------------------------------------------------------


def test_officer_updates_own_units_commitment_but_not_anothers(client, people, commune, data, other_unit):
    client.force_login(people.officer)
    c = data["commitment"]
    url = f"/lam-viec/{commune.code}/cam-ket/{c.pk}/"
    assert "Cập nhật tiến độ" in client.get(url).content.decode()
    response = client.post(f"{url}tien-do/", {"note": "Đã thay 4 bóng đèn."})
    assert response.status_code == 302
    response = client.post(f"{url}trang-thai/", {"status": "done", "result": "Đã sửa xong."})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == "done"
    other = services.commitment_create(
        by=people.coordinator,
        dialogue=data["dialogue"],
        content="Tuần tra",
        unit=other_unit,
        due_on=dt.date(2026, 4, 1),
    )
    other_url = f"/lam-viec/{commune.code}/cam-ket/{other.pk}/"
    assert "Cập nhật tiến độ" not in client.get(other_url).content.decode()
    assert client.post(f"{other_url}tien-do/", {"note": "x"}).status_code == 403
    client.force_login(people.supervisor)
    assert client.post(f"{url}tien-do/", {"note": "x"}).status_code == 403


def test_commitment_without_unit_shows_the_error(client, people, commune, data):
    client.force_login(people.coordinator)
    d = data["dialogue"]
    response = client.post(
        f"/lam-viec/{commune.code}/doi-thoai/{d.pk}/cam-ket/",
        {"content": "Làm cầu", "unit": "", "due_on": "2026-06-30"},
    )
    assert response.status_code == 400
    assert "Vui lòng chọn đơn vị chịu trách nhiệm thực hiện." in response.content.decode()
    assert Commitment.objects.count() == 1


# --- portal ----------------------------------------------------------------


def public_urls(commune, data) -> dict[str, str]:
    b = f"/xa/{commune.slug}"
    return {
        "schedule": f"{b}/lich-tiep-dan/",
        "dialogues": f"{b}/doi-thoai/",
        "dialogue": f"{b}/doi-thoai/{data['dialogue'].pk}/",
        "commitments": f"{b}/cam-ket/",
        "voters": f"{b}/kien-nghi-cu-tri/",
    }


def test_portal_pages_open_without_an_account_and_show_nothing_personal(client, commune, data):
    for name, url in public_urls(commune, data).items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        for secret in ("Trần Văn Dân", "068123456789", "Thôn 1, xã Tà Đùng"):
            assert secret not in html, name
    assert "Sửa đèn đường thôn 2" in client.get(public_urls(commune, data)["commitments"]).content.decode()
    assert "07:30" in client.get(public_urls(commune, data)["schedule"]).content.decode()


def test_the_register_has_no_public_address(client, commune, data):
    for url in (f"/xa/{commune.slug}/tiep-dan/so/", f"/xa/{commune.slug}/so-tiep-cong-dan/"):
        assert client.get(url).status_code == 404


def test_another_communes_dialogue_is_404_on_the_portal(client, commune, other_commune, data):
    assert client.get(f"/xa/{other_commune.slug}/doi-thoai/{data['dialogue'].pk}/").status_code == 404


def test_resident_question_waits_for_moderation_and_shows_without_the_name(client, people, commune, data):
    d = data["dialogue"]
    url = f"/xa/{commune.slug}/doi-thoai/{d.pk}/"
    response = client.post(
        url, {"content": "Khi nào sửa cầu treo?", "asker_name": "Bà Năm", "client_token": "t1"}
    )
    assert response.status_code == 200 and "Đã gửi câu hỏi" in response.content.decode()
    # A retry of the same submission stores nothing new.
    client.post(url, {"content": "Khi nào sửa cầu treo?", "asker_name": "Bà Năm", "client_token": "t1"})
    q = DialogueQuestion.objects.get()
    assert q.status == "pending"
    assert "Khi nào sửa cầu treo?" not in client.get(url).content.decode()
    services.dialogue_question_moderate(by=people.coordinator, question=q, approve=True)
    html = client.get(url).content.decode()
    assert "Khi nào sửa cầu treo?" in html and "Bà Năm" not in html


def test_question_to_a_closed_dialogue_is_refused_on_the_portal(client, people, commune, data):
    d = dialogue(commune, people.coordinator, on=TODAY)
    services.dialogue_record_minutes(by=people.coordinator, dialogue=d, summary="Đã kết luận.")
    url = f"/xa/{commune.slug}/doi-thoai/{d.pk}/"
    assert "Gửi câu hỏi" not in client.get(url).content.decode()
    response = client.post(url, {"content": "Còn hỏi được không?", "client_token": "late"})
    assert response.status_code == 409
    assert "đã kết thúc hoặc đã ngừng nhận câu hỏi" in response.content.decode()
    assert not DialogueQuestion.objects.filter(dialogue=d).exists()


def test_questions_are_rate_limited_per_client(client, commune, data):
    url = f"/xa/{commune.slug}/doi-thoai/{data['dialogue'].pk}/"
    for i in range(public_views.QUESTION_LIMIT):
        assert client.post(url, {"content": f"Câu hỏi {i}", "client_token": f"k{i}"}).status_code == 200
    response = client.post(url, {"content": "Một câu nữa", "client_token": "k-last"})
    assert response.status_code == 429
    assert "Bạn đã gửi quá" in response.content.decode()
    assert DialogueQuestion.objects.count() == public_views.QUESTION_LIMIT


def test_an_empty_question_is_refused_in_vietnamese(client, commune, data):
    url = f"/xa/{commune.slug}/doi-thoai/{data['dialogue'].pk}/"
    response = client.post(url, {"content": "", "client_token": "e"})
    assert response.status_code == 400 and "Vui lòng nhập câu hỏi." in response.content.decode()


def test_portal_and_staff_lists_take_a_fixed_number_of_queries(
    client, people, commune, data, unit, django_assert_max_num_queries
):
    for i in range(12):
        services.commitment_create(
            by=people.coordinator,
            dialogue=data["dialogue"],
            content=f"Việc {i}",
            unit=unit,
            due_on=dt.date(2026, 4, 30),
        )
        session(commune, people.coordinator, on=TODAY + dt.timedelta(days=i + 1), host_role="vice_chairman")
    with django_assert_max_num_queries(4):
        assert client.get(f"/xa/{commune.slug}/cam-ket/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(f"/xa/{commune.slug}/lich-tiep-dan/").status_code == 200
    client.force_login(people.coordinator)
    with django_assert_max_num_queries(14):
        assert client.get(f"/lam-viec/{commune.code}/cam-ket/").status_code == 200


def test_the_register_opens_on_the_reporting_period_in_progress_with_its_range_in_the_inputs(
    client, people, commune, data
):
    """In December the register opens on the year so far (not the current, empty month); the inputs
    show the range, and its exports carry it."""
    import time_machine

    with time_machine.travel("2026-12-03 09:00 +0700"):
        client.force_login(people.coordinator)
        page = client.get(f"/lam-viec/{commune.code}/tiep-dan/so/").content.decode()
    assert 'value="2026-01-01"' in page and 'value="2026-12-03"' in page
    assert "Trần Văn Dân" in page  # the March entry is in the period
    assert "tu=2026-01-01&amp;den=2026-12-03" in page
    with time_machine.travel("2026-03-20 09:00 +0700"):
        client.force_login(people.coordinator)
        page = client.get(f"/lam-viec/{commune.code}/tiep-dan/so/").content.decode()
    assert 'value="2026-01-01"' in page and 'value="2026-03-20"' in page
