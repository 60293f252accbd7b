"""Correcting a course of the training register through `course_save`: Vietnamese validation, scope
and roles, the change audited."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_coordinator_corrects_a_course(client, commune, people, course):
    client.force_login(people.coordinator)
    edit = f"/lam-viec/{commune.code}/tap-huan/lop/{course.pk}/sua/"
    page = client.get(edit).content.decode()
    assert 'value="Tập huấn dân vận khéo"' in page and 'value="8,0"' in page
    form = {
        "title": "Tập huấn kỹ năng dân vận khéo",
        "topic": course.topic,
        "organiser": "UBND xã",
        "starts_on": course.starts_on.strftime("%d/%m/%Y"),
        "ends_on": course.starts_on.strftime("%d/%m/%Y"),
        "place": "Nhà văn hóa Thôn 1",
        "hours": "3,5",
    }
    backwards = client.post(
        edit,
        form
        | {
            "starts_on": course.ends_on.strftime("%d/%m/%Y"),
            "ends_on": course.starts_on.strftime("%d/%m/%Y"),
        },
    )
    assert backwards.status_code == 400 and "không được trước ngày bắt đầu" in backwards.content.decode()
    assert client.post(edit, form | {"hours": "abc"}).status_code == 400
    assert client.post(edit, form).status_code == 302
    course.refresh_from_db()
    assert (course.title, course.place, str(course.hours)) == (
        "Tập huấn kỹ năng dân vận khéo",
        "Nhà văn hóa Thôn 1",
        "3.5",
    )
    event = AuditEvent.objects.filter(action="training.course_saved").latest("id")
    assert event.before["place"] == "Hội trường UBND xã"


def test_course_edit_is_scoped_and_for_the_register_keepers(client, commune, people, course):
    edit = f"/lam-viec/{commune.code}/tap-huan/lop/{course.pk}/sua/"
    client.force_login(people.outsider)
    assert client.get(edit).status_code == 404
    client.force_login(people.officer)
    assert client.get(edit).status_code == 403
