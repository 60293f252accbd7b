"""Correcting the register: a person of prestige and a contact, through the same services, with
Vietnamese validation, scope and roles."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.models import AuditEvent
from danvan.prestige import services
from tests.prestige.conftest import TODAY, visit

pytestmark = pytest.mark.django_db


def url(commune, rest: str) -> str:
    return f"/lam-viec/{commune.code}/uy-tin/{rest}"


def test_the_coordinator_corrects_a_person(client, commune, people, priest):
    client.force_login(people.coordinator)
    page = client.get(url(commune, f"nguoi/{priest.pk}/sua/")).content.decode()
    assert 'value="Giuse Trần Văn An"' in page and "Dân tộc (không bắt buộc)" not in page
    form = {"full_name": "Giuse Trần Văn An", "kind": "dignitary", "title": "Linh mục chánh xứ"}
    refused = client.post(url(commune, f"nguoi/{priest.pk}/sua/"), form)
    assert refused.status_code == 400 and "vui lòng chọn tổ chức" in refused.content.decode()
    form |= {"organisation": priest.organisation_id, "phone": "0912 345 678", "is_active": "on"}
    assert client.post(url(commune, f"nguoi/{priest.pk}/sua/"), form).status_code == 302
    priest.refresh_from_db()
    assert (priest.title, priest.phone, priest.is_active, priest.village) == (
        "Linh mục chánh xứ",
        "0912345678",
        True,
        None,
    )
    event = AuditEvent.objects.filter(action="prestige.person_saved").latest("id")
    assert event.before["title"] == "Linh mục" and event.after["title"] == "Linh mục chánh xứ"
    bad_phone = client.post(url(commune, f"nguoi/{priest.pk}/sua/"), form | {"phone": "12"})
    assert bad_phone.status_code == 400


def test_person_edit_is_scoped_and_for_those_who_keep_the_register(client, commune, people, priest):
    client.force_login(people.outsider)
    assert client.get(url(commune, f"nguoi/{priest.pk}/sua/")).status_code == 404
    client.force_login(people.village_head)
    assert client.get(url(commune, f"nguoi/{priest.pk}/sua/")).status_code == 403


def test_a_contact_is_corrected_by_who_recorded_it(client, commune, people, priest):
    contact = visit(people, commune, priest, by=people.village_head)
    client.force_login(people.village_head)
    form = {
        "kind": contact.kind,
        "on": (TODAY() + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        "officials": "Trưởng thôn",
        "raised": contact.raised,
        "answer": "Xã sẽ khảo sát trong tháng.",
    }
    future = client.post(url(commune, f"tiep-xuc/{contact.pk}/sua/"), form)
    assert future.status_code == 400 and "không được sau hôm nay" in future.content.decode()
    form["on"] = TODAY().strftime("%d/%m/%Y")
    assert client.post(url(commune, f"tiep-xuc/{contact.pk}/sua/"), form).status_code == 302
    contact.refresh_from_db()
    assert contact.answer == "Xã sẽ khảo sát trong tháng." and contact.officials == "Trưởng thôn"
    assert AuditEvent.objects.filter(action="prestige.contact_updated").count() == 1
    # Another writer who did not record it may not; the coordinator, who keeps the register, may.
    client.force_login(people.supervisor)
    assert client.post(url(commune, f"tiep-xuc/{contact.pk}/sua/"), form).status_code == 403
    client.force_login(people.coordinator)
    assert client.post(url(commune, f"tiep-xuc/{contact.pk}/sua/"), form).status_code == 302


def test_what_became_a_petition_no_longer_changes_in_the_contact(commune, people, priest):
    contact = visit(people, commune, priest)
    services.contact_to_petition(by=people.leader, contact=contact)
    contact.refresh_from_db()
    from danvan.core.errors import ServiceError

    with pytest.raises(ServiceError, match="đã thành đơn"):
        services.contact_update(
            by=people.leader, contact=contact, kind=contact.kind, on=contact.on, officials="x", raised="khác"
        )
    updated = services.contact_update(
        by=people.leader,
        contact=contact,
        kind=contact.kind,
        on=contact.on,
        officials="Chủ tịch",
        raised=contact.raised,
        answer="Đã chuyển thành đơn.",
    )
    assert updated.answer == "Đã chuyển thành đơn."


def test_the_coordinator_corrects_a_religious_organisation(client, commune, people, parish):
    """Given a parish recorded as an affiliate, when the coordinator corrects its name, status, followers
    and note on its page, then the register shows the correction and the audit keeps what it was."""
    services.organisation_save(
        by=people.coordinator,
        commune=commune,
        name="Chùa Thôn 2",
        religion="buddhism",
        status="recognised",
    )
    client.force_login(people.coordinator)
    detail = client.get(url(commune, f"to-chuc/{parish.pk}/")).content.decode()
    assert f'href="{url(commune, f"to-chuc/{parish.pk}/sua/")}"' in detail
    page = client.get(url(commune, f"to-chuc/{parish.pk}/sua/")).content.decode()
    assert 'value="Giáo họ Thôn 1"' in page and "Sửa thông tin tổ chức tôn giáo" in page
    form = {"name": "Giáo xứ Tà Đùng", "religion": "catholic", "status": "recognised"}
    form |= {"followers": "1200", "note": "Nâng lên giáo xứ năm nay."}

    taken = client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form | {"name": "Chùa Thôn 2"})
    assert taken.status_code == 400 and "Xã đã có tổ chức cùng tên." in taken.content.decode()
    no_status = client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form | {"status": ""})
    assert no_status.status_code == 400 and "Vui lòng chọn tư cách pháp lý." in no_status.content.decode()
    not_a_number = client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form | {"followers": "nhiều"})
    assert not_a_number.status_code == 400 and "Số tín đồ phải là số nguyên." in not_a_number.content.decode()
    too_many = client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form | {"followers": "5000000"})
    assert too_many.status_code == 400 and "Số tín đồ không hợp lệ." in too_many.content.decode()
    parish.refresh_from_db()
    assert parish.name == "Giáo họ Thôn 1"

    saved = client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form)
    assert saved.status_code == 302 and saved["Location"] == url(commune, f"to-chuc/{parish.pk}/")
    parish.refresh_from_db()
    assert (parish.name, parish.status, parish.followers, parish.note) == (
        "Giáo xứ Tà Đùng",
        "recognised",
        1200,
        "Nâng lên giáo xứ năm nay.",
    )
    event = AuditEvent.objects.filter(action="prestige.organisation_saved").latest("id")
    assert (event.before["name"], event.after["name"]) == ("Giáo họ Thôn 1", "Giáo xứ Tà Đùng")
    assert (event.before["status"], event.after["status"]) == ("affiliate", "recognised")
    assert "Giáo xứ Tà Đùng" in client.get(url(commune, "")).content.decode()


def test_organisation_edit_is_scoped_and_for_those_who_keep_the_register(client, commune, people, parish):
    form = {"name": "Tên khác", "religion": "catholic", "status": "affiliate"}
    client.force_login(people.outsider)
    assert client.get(url(commune, f"to-chuc/{parish.pk}/sua/")).status_code == 404
    assert client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form).status_code == 404
    for reader in (people.village_head, people.supervisor):
        client.force_login(reader)
        assert client.get(url(commune, f"to-chuc/{parish.pk}/sua/")).status_code == 403
        assert client.post(url(commune, f"to-chuc/{parish.pk}/sua/"), form).status_code == 403
        page = client.get(url(commune, f"to-chuc/{parish.pk}/")).content.decode()
        assert "Sửa thông tin tổ chức" not in page
    parish.refresh_from_db()
    assert parish.name == "Giáo họ Thôn 1"
