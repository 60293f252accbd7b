"""A village head starts the village's own plan from the tasks the commune plan gives to villages."""

import pytest

from danvan.core.errors import ServiceError
from danvan.geo.models import Village
from danvan.plans.models import Plan, Task
from danvan.plans.services import subplan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_for_villages(issued_plan):
    """Give two tasks to villages the way plans write it; the others stay with units."""
    tasks = list(issued_plan.tasks.order_by("order")[:3])
    Task.objects.filter(pk=tasks[0].pk).update(lead_text="Các thôn, tổ dân phố")
    Task.objects.filter(pk=tasks[1].pk).update(coordinating_text="Phòng Kinh tế; Thôn 1")
    Task.objects.filter(pk=tasks[2].pk).update(lead_text="Ban Chỉ huy Quân sự", coordinating_text="")
    return issued_plan, tasks


def test_village_head_creates_the_village_plan(client, people, commune, plan_for_villages):
    plan, tasks = plan_for_villages
    village = Village.objects.get(commune=commune, name="Thôn 1")
    client.force_login(people.village_head)
    response = client.post(
        f"/lam-viec/{commune.code}/ke-hoach/{plan.pk}/ke-hoach-don-vi/", {"village": village.pk}
    )
    child = Plan.objects.get(parent=plan, village=village)
    assert response["Location"].endswith(f"/ke-hoach/{child.pk}/")
    sources = set(child.tasks.values_list("source_task_id", flat=True))
    assert {tasks[0].pk, tasks[1].pk} <= sources
    assert tasks[2].pk not in sources  # "Ban Chỉ huy Quân sự" is a unit, not a village
    assert child.title.startswith("Kế hoạch của Thôn 1 thực hiện")


def test_only_the_village_head_or_the_coordinator_may(client, people, commune, plan_for_villages):
    plan, _ = plan_for_villages
    village = Village.objects.get(commune=commune, name="Thôn 1")
    client.force_login(people.officer)
    response = client.post(
        f"/lam-viec/{commune.code}/ke-hoach/{plan.pk}/ke-hoach-don-vi/", {"village": village.pk}
    )
    assert response.status_code == 403
    assert not Plan.objects.filter(village=village).exists()


def test_a_village_without_tasks_is_told_so(people, commune, issued_plan):
    village = Village.objects.create(commune=commune, name="Tổ dân phố Mới")
    Task.objects.filter(plan=issued_plan).update(lead_text="Phòng Kinh tế", coordinating_text="")
    with pytest.raises(ServiceError, match="không được giao nhiệm vụ nào"):
        subplan_create(parent=issued_plan, village=village, by=people.coordinator)
