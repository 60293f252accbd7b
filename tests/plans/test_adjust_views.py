"""Adjustment and new-plan pages: who may open them, bad input answered in Vietnamese with nothing
changed, and the change visible on the task's page and in the units' "my tasks"."""

from __future__ import annotations

import pytest

from danvan.org.models import Unit
from danvan.plans.models import Plan, Task, TaskChange

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def task(issued_plan) -> Task:
    return issued_plan.tasks.get(ref="II.9")


@pytest.fixture
def adjust_url(commune, issued_plan, task) -> str:
    return f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/nhiem-vu/{task.pk}/dieu-chinh/"


def test_coordinator_edits_with_reason_and_sees_history(
    client, people, commune, issued_plan, task, adjust_url
):
    login(client, people.coordinator)
    response = client.post(
        adjust_url,
        {
            "action": "edit",
            "edit-ref": "II.9",
            "edit-content": "Nội dung đã sửa.",
            "edit-reason": "Theo kết luận",
        },
    )
    task_url = f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/nhiem-vu/{task.pk}/"
    assert response.status_code == 302 and response["Location"] == task_url
    page = client.get(task_url).content.decode()
    assert "Lịch sử điều chỉnh" in page and "Theo kết luận" in page and "Nội dung đã sửa." in page


def test_unit_officer_sees_the_change_in_my_tasks_but_cannot_adjust(
    client, people, commune, task, adjust_url
):
    login(client, people.coordinator)
    client.post(adjust_url, {"action": "cancel", "cancel-reason": "Gộp vào nhiệm vụ II.4"})
    client.logout()
    login(client, people.officer)
    assert client.get(adjust_url).status_code == 403
    assert client.post(adjust_url, {"action": "cancel", "cancel-reason": "x"}).status_code == 403
    page = client.get(f"/lam-viec/{commune.code}/viec-cua-toi/").content.decode()
    assert "Đã hủy" in page and "Gộp vào nhiệm vụ II.4" in page


def test_another_commune_is_404(client, people, adjust_url, commune, issued_plan):
    login(client, people.outsider)
    assert client.get(adjust_url).status_code == 404
    assert client.post(adjust_url, {"action": "cancel", "cancel-reason": "x"}).status_code == 404
    assert client.get(f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/them-nhiem-vu/").status_code == 404
    assert client.get(f"/lam-viec/{commune.code}/ke-hoach/moi/").status_code == 404


def test_another_communes_plan_id_is_404(client, people, other_commune, issued_plan, task):
    other = Plan.objects.create(commune=other_commune, title="KH khác", year=2026)
    login(client, people.coordinator)
    url = f"/lam-viec/{issued_plan.commune_id}/ke-hoach/{other.pk}/nhiem-vu/{task.pk}/dieu-chinh/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "cancel", "cancel-reason": ""}, "Vui lòng ghi lý do điều chỉnh."),
        (
            {"action": "dates", "dates-timeframe": "by_date", "dates-due_date": "", "dates-reason": "x"},
            "Vui lòng nhập ngày hạn",
        ),
        (
            {
                "action": "dates",
                "dates-timeframe": "by_date",
                "dates-due_date": "31/02/2026",
                "dates-reason": "x",
            },
            "Ngày không hợp lệ",
        ),
        ({"action": "split", "split-parts": "Chỉ một phần", "split-reason": "x"}, "ít nhất hai phần"),
        ({"action": "assign", "assign-lead_units": "999999", "assign-reason": "x"}, "không thuộc xã này"),
        ({"action": "edit", "edit-content": "", "edit-reason": "x"}, "Vui lòng nhập nội dung nhiệm vụ."),
    ],
)
def test_bad_input_is_a_vietnamese_400_and_changes_nothing(client, people, task, adjust_url, data, message):
    login(client, people.coordinator)
    before = (task.content, task.status, task.due_date)
    response = client.post(adjust_url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    task.refresh_from_db()
    assert (task.content, task.status, task.due_date) == before
    assert not TaskChange.objects.exists()


def test_unknown_action_is_400(client, people, adjust_url):
    login(client, people.coordinator)
    assert client.post(adjust_url, {"action": "explode"}).status_code == 400


def test_assign_with_another_communes_unit_changes_nothing(client, people, other_commune, task, adjust_url):
    login(client, people.coordinator)
    foreign = Unit.objects.filter(commune=other_commune).first()
    response = client.post(
        adjust_url, {"action": "assign", "assign-lead_units": str(foreign.pk), "assign-reason": "x"}
    )
    assert response.status_code == 400
    assert task.lead_units.filter(name="Phòng Kinh tế").exists()


def test_add_task_page(client, people, commune, issued_plan):
    login(client, people.coordinator)
    url = f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/them-nhiem-vu/"
    kt = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    before = issued_plan.tasks.count()
    bad = client.post(url, {"content": "Mới", "timeframe": "by_date", "due_date": "", "reason": "x"})
    assert bad.status_code == 400 and "Vui lòng nhập ngày hạn" in bad.content.decode()
    assert issued_plan.tasks.count() == before
    ok = client.post(
        url,
        {
            "ref": "II.13",
            "content": "Nhiệm vụ mới",
            "lead_units": [kt.pk],
            "timeframe": "ongoing",
            "reason": "Bổ sung",
        },
    )
    assert ok.status_code == 302
    assert issued_plan.tasks.filter(ref="II.13", lead_units=kt).exists()


def test_new_plan_pages(client, people, commune, issued_plan):
    login(client, people.coordinator)
    url = f"/lam-viec/{commune.code}/ke-hoach/moi/"
    page = client.get(url)
    assert page.status_code == 200 and "Sao chép sang năm 2027" in page.content.decode()
    bad = client.post(url, {"title": "", "year": "2027"})
    assert bad.status_code == 400 and "Vui lòng nhập tên kế hoạch." in bad.content.decode()
    assert client.post(url, {"title": "Kế hoạch 2027", "year": "2027"}).status_code == 302
    copied = client.post(f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/sao-chep/")
    assert copied.status_code == 302
    assert Plan.objects.filter(commune=commune, year=2027).count() == 2


def test_unit_officer_cannot_make_plans(client, people, commune, issued_plan):
    login(client, people.officer)
    assert client.get(f"/lam-viec/{commune.code}/ke-hoach/moi/").status_code == 403
    assert client.post(f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/sao-chep/").status_code == 403
    # but reads the plan's adjustment history
    assert client.get(f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/dieu-chinh/").status_code == 200
