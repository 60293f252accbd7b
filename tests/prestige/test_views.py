"""The prestige pages: the register, a person added with their sensitive details, a visit recorded and
its concern sent on as a petition, the audited reading of ethnic group and religion, scope."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.petitions.models import Petition
from danvan.prestige.models import Contact, Person, SensitiveDetails
from tests.prestige.conftest import TODAY, visit

pytestmark = pytest.mark.django_db


def ws(commune) -> str:
    return f"/lam-viec/{commune.code}/uy-tin/"


def test_a_person_with_sensitive_details_then_a_visit_that_becomes_a_petition(
    client, commune, people, parish
):
    client.force_login(people.coordinator)
    assert "Dân tộc (không bắt buộc)" in client.get(ws(commune) + "nguoi/moi/").content.decode()
    data = {"full_name": "Ka Nhung", "kind": "prestige", "ethnic_group": "K'Ho", "purpose": ""}
    bad = client.post(ws(commune) + "nguoi/moi/", data)
    assert bad.status_code == 400 and "mục đích" in bad.content.decode() and not Person.objects.exists()
    data["purpose"] = "Chính sách người có uy tín"
    assert client.post(ws(commune) + "nguoi/moi/", data).status_code == 302
    person = Person.objects.get()
    assert SensitiveDetails.objects.get(person=person).ethnic_group == "K'Ho"
    page = client.get(ws(commune) + f"nguoi/{person.pk}/").content.decode()
    assert "K&#x27;Ho" not in page and "Xem dân tộc, tôn giáo" in page  # not shown until asked for
    shown = client.post(
        ws(commune) + f"nguoi/{person.pk}/dan-toc-ton-giao/", {"purpose": "Chuẩn bị thăm hỏi"}
    )
    assert shown.status_code == 200 and "K&#x27;Ho" in shown.content.decode()
    assert AuditEvent.objects.filter(action="prestige.sensitive_read", object_id=str(person.pk)).count() == 1
    visit_data = {
        "kind": "tet",
        "on": TODAY().strftime("%d/%m/%Y"),
        "occasion": "Tết",
        "officials": "Chủ tịch xã",
        "raised": "Xin hỗ trợ giống cà phê cho bon.",
    }
    assert client.post(ws(commune) + f"nguoi/{person.pk}/", visit_data).status_code == 302
    contact = Contact.objects.get()
    response = client.post(ws(commune) + f"tiep-xuc/{contact.pk}/chuyen-don/")
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/don-thu/{petition.pk}/")
    assert petition.tracking_code in client.get(ws(commune) + f"nguoi/{person.pk}/").content.decode()


def test_those_not_entitled_never_see_the_sensitive_details(client, commune, people, priest):
    client.force_login(people.village_head)
    page = client.get(ws(commune) + f"nguoi/{priest.pk}/").content.decode()
    assert "Xem dân tộc, tôn giáo" not in page and "Ghi lần tiếp xúc" in page
    response = client.post(ws(commune) + f"nguoi/{priest.pk}/dan-toc-ton-giao/", {"purpose": "xem"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="prestige.sensitive_refused").count() == 1
    assert client.get(ws(commune) + "nguoi/moi/").status_code == 403


def test_the_register_page_an_organisation_and_its_places(client, commune, people, parish, priest):
    visit(people, commune, priest)
    client.force_login(people.coordinator)
    page = client.get(ws(commune)).content.decode()
    assert "Giuse Trần Văn An" in page and "Giáo họ Thôn 1" in page and "Có ý kiến" in page
    response = client.post(ws(commune) + f"to-chuc/{parish.pk}/co-so/", {"name": "", "kind": "church"})
    assert response.status_code == 400 and "Vui lòng nhập tên cơ sở" in response.content.decode()
    client.post(ws(commune) + f"to-chuc/{parish.pk}/co-so/", {"name": "Nhà nguyện Thôn 1", "kind": "church"})
    assert "Nhà nguyện Thôn 1" in client.get(ws(commune) + f"to-chuc/{parish.pk}/").content.decode()
    bad = client.post(ws(commune) + "to-chuc/moi/", {"name": "X", "religion": "", "status": "affiliate"})
    assert bad.status_code == 400


def test_another_communes_people_are_a_404(client, commune, people, priest):
    client.force_login(people.outsider)
    assert client.get(ws(commune)).status_code == 404
    assert client.get(ws(commune) + f"nguoi/{priest.pk}/").status_code == 404
