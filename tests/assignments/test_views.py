"""The who-is-in-charge page: an assignment and a member through the page, the decisions downloaded,
refusals and scope."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.assignments.models import Assignment, CommitteeMember
from danvan.geo.models import Village

pytestmark = pytest.mark.django_db


def ws(commune) -> str:
    return f"/lam-viec/{commune.code}/phu-trach/"


def test_assign_and_build_the_committee_through_the_page(client, commune, people):
    client.force_login(people.leader)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert "Thôn chưa có cán bộ phụ trách: Thôn 1" in client.get(ws(commune)).content.decode()
    bad = client.post(
        ws(commune) + "phan-cong/", {"scope": "village", "official": people.officer.pk, "starts_on": today}
    )
    assert bad.status_code == 400 and "Vui lòng chọn thôn" in bad.content.decode()
    village = Village.objects.get(commune=commune, name="Thôn 1")
    data = {"scope": "village", "village": village.pk, "official": people.officer.pk, "starts_on": today}
    assert client.post(ws(commune) + "phan-cong/", data).status_code == 302
    assert Assignment.objects.get().village == village
    member = {
        "user": people.supervisor.pk,
        "role": "standing",
        "office": "Ủy viên Mặt trận",
        "starts_on": today,
    }
    assert client.post(ws(commune) + "ban-chi-dao/", member).status_code == 302
    page = client.get(ws(commune)).content.decode()
    assert "Thôn chưa có cán bộ phụ trách" not in page and "Thành viên thường trực" in page
    docx = client.get(ws(commune) + "quyet-dinh-phan-cong.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(ws(commune) + "quyet-dinh-ban-chi-dao.docx").status_code == 200
    m = CommitteeMember.objects.get()
    client.post(ws(commune) + f"ban-chi-dao/{m.pk}/thoi/", {"on": today})
    m.refresh_from_db()
    assert m.ended_on is not None


def test_scope_and_permissions(client, commune, people):
    client.force_login(people.officer)
    assert client.get(ws(commune)).status_code == 200
    assert client.post(ws(commune) + "ban-chi-dao/", {"full_name": "X"}).status_code == 403
    client.force_login(people.outsider)
    assert client.get(ws(commune)).status_code == 404


def test_a_meeting_and_a_conclusion_sent_to_the_plan_through_the_page(client, commune, people):
    from danvan.assignments.models import Conclusion
    from danvan.org.models import Unit
    from tests.plans.conftest import import_demo

    plan = import_demo(commune, people.coordinator)
    client.force_login(people.coordinator)
    today = timezone.localdate().strftime("%d/%m/%Y")
    bad = client.post(ws(commune) + "hop/", {"held_on": today, "summary": "Sơ kết", "conclusions": ""})
    assert bad.status_code == 400 and "ít nhất một kết luận" in bad.content.decode()
    data = {"held_on": today, "summary": "Sơ kết", "conclusions": "Kiện toàn tổ hòa giải Bon Đắk Mai"}
    assert client.post(ws(commune) + "hop/", data).status_code == 302
    conclusion = Conclusion.objects.get()
    assert "Đưa vào kế hoạch thành nhiệm vụ" in client.get(ws(commune)).content.decode()
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    response = client.post(
        ws(commune) + f"ket-luan/{conclusion.pk}/nhiem-vu/", {"plan": plan.pk, "lead_unit": unit.pk}
    )
    conclusion.refresh_from_db()
    assert response.status_code == 302 and conclusion.task.plan == plan
    assert "Nhiệm vụ của kế hoạch" in client.get(ws(commune)).content.decode()
