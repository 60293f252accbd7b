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
