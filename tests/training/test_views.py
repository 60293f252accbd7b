"""The training pages: a course recorded with participants and attendance through the pages, the
required trainings, certificates downloaded, scope and refusals."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.training import services
from danvan.training.models import Course, Participant, Requirement
from tests.training.conftest import TODAY

pytestmark = pytest.mark.django_db


def ws(commune) -> str:
    return f"/lam-viec/{commune.code}/tap-huan/"


def test_a_course_with_participants_through_the_pages(client, commune, people):
    client.force_login(people.coordinator)
    today = TODAY().strftime("%d/%m/%Y")
    data = {
        "title": "Tập huấn hòa giải",
        "topic": "mediation",
        "organiser": "Phòng Tư pháp",
        "starts_on": today,
        "ends_on": "",
        "place": "Hội trường",
        "hours": "4",
    }
    response = client.post(ws(commune) + "lop/moi/", data)
    course = Course.objects.get()
    assert response.status_code == 302 and course.ends_on == TODAY()
    base = ws(commune) + f"lop/{course.pk}/"
    assert client.post(base, {"user": people.village_head.pk}).status_code == 302
    assert client.post(base, {"full_name": "Ka Hòa", "village": ""}).status_code == 400
    p = Participant.objects.get()
    client.post(base + f"hoc-vien/{p.pk}/diem-danh/", {"attended": "yes"})
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "PNG")
    upload = SimpleUploadedFile("cn.png", buf.getvalue(), content_type="image/png")
    client.post(base + f"hoc-vien/{p.pk}/chung-nhan/", {"certificate": upload})
    p.refresh_from_db()
    assert p.attended is True and p.certificate_kind == "png"
    download = client.get(base + f"hoc-vien/{p.pk}/chung-nhan/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    page = client.get(base).content.decode()
    assert "Có mặt" in page and p.full_name in page
    assert "Tập huấn hòa giải" in client.get(ws(commune)).content.decode()


def test_a_bad_course_is_a_vietnamese_400(client, commune, people):
    client.force_login(people.coordinator)
    response = client.post(
        ws(commune) + "lop/moi/", {"title": "Lớp", "starts_on": "31/02/2026", "hours": "x"}
    )
    assert (
        response.status_code == 400
        and "Vui lòng" in response.content.decode()
        and not Course.objects.exists()
    )


def test_required_trainings_show_who_is_missing(client, commune, people):
    client.force_login(people.leader)
    response = client.post(
        ws(commune) + "yeu-cau/", {"role": "village_head", "topic": "digital", "within_years": "2"}
    )
    assert response.status_code == 302 and Requirement.objects.count() == 1
    page = client.get(ws(commune)).content.decode()
    assert "Còn thiếu 1/1" in page and people.village_head.get_full_name() in page
    bad = client.post(
        ws(commune) + "yeu-cau/", {"role": "village_head", "topic": "digital", "within_years": "0"}
    )
    assert bad.status_code == 400 and "từ 1 đến 10 năm" in bad.content.decode()


def test_scope_and_permissions(client, commune, people, course):
    p = services.participant_add(by=people.coordinator, course=course, user=people.officer)
    client.force_login(people.officer)
    assert client.get(ws(commune)).status_code == 200
    assert client.get(ws(commune) + "lop/moi/").status_code == 403
    assert (
        client.post(
            ws(commune) + f"lop/{course.pk}/hoc-vien/{p.pk}/diem-danh/", {"attended": "yes"}
        ).status_code
        == 403
    )
    client.force_login(people.outsider)
    assert client.get(ws(commune) + f"lop/{course.pk}/").status_code == 404
