"""Plan pages: who may open and change what, the upload and preview, and a fixed number of queries."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.comms.models import Notification
from danvan.core.models import AuditEvent
from danvan.org.models import Unit
from danvan.plans.models import (
    Plan,
    PlanImportDraft,
    ReportingPeriod,
    Task,
    TaskProgress,
    UnitReport,
)
from danvan.plans.services import plan_close
from tests.plans.conftest import DEMO_PLAN, demo_data, import_demo

pytestmark = pytest.mark.django_db

# The day the pages are looked at: some of the demo plan's dates have passed, some are ahead.
TODAY = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def base(commune) -> str:
    return f"/lam-viec/{commune.code}"


def make_draft(commune, user) -> PlanImportDraft:
    raw = DEMO_PLAN.read_bytes()
    return PlanImportDraft.objects.create(
        commune=commune,
        parsed=demo_data(),
        source_name=DEMO_PLAN.name,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        created_by=user,
    )


@pytest.fixture
def kinh_te(commune) -> Unit:
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def units_period(issued_plan) -> ReportingPeriod:
    return issued_plan.periods.get(direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE, kind="six_months")


@pytest.fixture
def urls(commune, people, issued_plan, units_period, kinh_te):
    b = base(commune)
    p = f"{b}/ke-hoach/{issued_plan.pk}"
    draft = make_draft(commune, people.coordinator)
    task = issued_plan.tasks.get(ref="II.9")
    return {
        "list": f"{b}/ke-hoach/",
        "upload": f"{b}/ke-hoach/nhap/",
        "preview": f"{b}/ke-hoach/nhap/{draft.pk}/",
        "overview": f"{p}/",
        "task": f"{p}/nhiem-vu/{task.pk}/",
        "my tasks": f"{b}/viec-cua-toi/",
        "late": f"{b}/tre-han/",
        "period": f"{p}/bao-cao/{units_period.pk}/",
        "unit report": f"{p}/bao-cao/{units_period.pk}/{kinh_te.pk}/",
    }


# --- who may open what ------------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_every_plan_page_opens_for_the_coordinator(client, people, urls):
    client.force_login(people.coordinator)
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name


@time_machine.travel(TODAY, tick=False)
def test_every_plan_page_is_not_found_for_another_communes_coordinator(client, people, urls):
    client.force_login(people.outsider)
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name


def test_another_communes_objects_are_not_found_under_ones_own_commune(
    client, people, commune, other_commune, issued_plan, kinh_te
):
    foreign = import_demo(other_commune, people.outsider)
    foreign_task = foreign.tasks.get(ref="II.2")
    foreign_period = foreign.periods.first()
    foreign_draft = make_draft(other_commune, people.outsider)
    foreign_unit = Unit.objects.get(commune=other_commune, name="Phòng Kinh tế")
    own_period = issued_plan.periods.first()
    b, own = base(commune), f"{base(commune)}/ke-hoach/{issued_plan.pk}"
    client.force_login(people.coordinator)
    for url in [
        f"{b}/ke-hoach/{foreign.pk}/",
        f"{b}/ke-hoach/{foreign.pk}/nhiem-vu/{foreign_task.pk}/",
        f"{own}/nhiem-vu/{foreign_task.pk}/",
        f"{b}/ke-hoach/{foreign.pk}/bao-cao/{foreign_period.pk}/",
        f"{own}/bao-cao/{foreign_period.pk}/",
        f"{own}/bao-cao/{own_period.pk}/{foreign_unit.pk}/",
        f"{b}/ke-hoach/nhap/{foreign_draft.pk}/",
    ]:
        assert client.get(url).status_code == 404, url

    # Writes through one's own address do not reach the other commune's data either.
    assert (
        client.post(
            f"{b}/ke-hoach/{foreign.pk}/ban-hanh/", {"number": "1/KH-UBND", "issued_on": "2026-02-01"}
        ).status_code
        == 404
    )
    progress = {"text": "Ghi nhầm xã.", "status": "in_progress", "percent": "10"}
    assert client.post(f"{own}/nhiem-vu/{foreign_task.pk}/", progress).status_code == 404
    assert client.post(f"{own}/ke-hoach-don-vi/", {"unit": foreign_unit.pk}).status_code == 404
    assert (
        client.post(
            f"{b}/ke-hoach/nhap/{foreign_draft.pk}/", {"plan-title": "Lấy bản đọc của xã khác"}
        ).status_code
        == 404
    )
    foreign.refresh_from_db()
    foreign_draft.refresh_from_db()
    assert foreign.status == Plan.Status.DRAFT
    assert not TaskProgress.objects.exists()
    assert not Plan.objects.filter(unit=foreign_unit).exists()
    assert foreign_draft.plan is None


@pytest.mark.parametrize("who", ["supervisor", "province_viewer"])
def test_readers_see_the_overview_but_cannot_change_anything(
    client, people, commune, draft_plan, kinh_te, who
):
    client.force_login(getattr(people, who))
    p = f"{base(commune)}/ke-hoach/{draft_plan.pk}"
    page = client.get(f"{p}/")
    assert page.status_code == 200
    assert draft_plan.title in page.content.decode()
    assert "Ban hành kế hoạch" not in page.content.decode()

    task = draft_plan.tasks.get(ref="II.9")
    before = AuditEvent.objects.count()
    assert (
        client.post(f"{p}/ban-hanh/", {"number": "18/KH-UBND", "issued_on": "2026-01-20"}).status_code == 403
    )
    assert client.post(f"{p}/ket-thuc/").status_code == 403
    progress = {"text": "Đã họp dân.", "status": "in_progress", "percent": "50"}
    assert client.post(f"{p}/nhiem-vu/{task.pk}/", progress).status_code == 403
    assert client.post(f"{p}/ke-hoach-don-vi/", {"unit": kinh_te.pk}).status_code == 403
    upload = SimpleUploadedFile(DEMO_PLAN.name, DEMO_PLAN.read_bytes(), content_type="text/plain")
    assert client.post(f"{base(commune)}/ke-hoach/nhap/", {"file": upload}).status_code == 403

    draft_plan.refresh_from_db()
    task.refresh_from_db()
    assert draft_plan.status == Plan.Status.DRAFT
    assert (task.status, task.percent) == (Task.Status.NOT_STARTED, None)
    assert not TaskProgress.objects.exists()
    assert Plan.objects.count() == 1
    assert not PlanImportDraft.objects.exists()
    assert AuditEvent.objects.count() == before


def test_unit_officer_updates_only_their_own_units_tasks(client, people, commune, issued_plan, kinh_te):
    client.force_login(people.officer)
    p = f"{base(commune)}/ke-hoach/{issued_plan.pk}"
    led, joined, other = (issued_plan.tasks.get(ref=r) for r in ["II.9", "II.4", "II.1"])

    response = client.post(
        f"{p}/nhiem-vu/{led.pk}/",
        {"text": "Đã họp dân 3 thôn.", "status": "in_progress", "percent": "40"},
        follow=True,
    )
    assert "Đã cập nhật tiến độ." in response.content.decode()
    led.refresh_from_db()
    assert (led.status, led.percent) == (Task.Status.IN_PROGRESS, 40)
    assert TaskProgress.objects.get(task=led).unit == kinh_te

    response = client.post(
        f"{p}/nhiem-vu/{joined.pk}/", {"text": "Đã niêm yết dự toán.", "status": "in_progress"}
    )
    assert response.status_code == 302
    assert TaskProgress.objects.filter(task=joined).exists()

    # A task of another unit: the page opens to read, without the form; a post is refused.
    page = client.get(f"{p}/nhiem-vu/{other.pk}/")
    assert page.status_code == 200
    assert "Cập nhật tiến độ" not in page.content.decode()
    response = client.post(
        f"{p}/nhiem-vu/{other.pk}/", {"text": "Không phải việc của tôi.", "status": "in_progress"}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == Task.Status.NOT_STARTED
    assert not TaskProgress.objects.filter(task=other).exists()


def test_progress_form_shows_the_services_refusal(client, people, commune, issued_plan):
    client.force_login(people.coordinator)
    task = issued_plan.tasks.get(ref="II.1")  # thường xuyên
    url = f"{base(commune)}/ke-hoach/{issued_plan.pk}/nhiem-vu/{task.pk}/"
    response = client.post(url, {"text": "Đã tuyên truyền.", "status": "done"})
    assert response.status_code == 200
    assert "Nhiệm vụ thường xuyên không có trạng thái “Hoàn thành”" in response.content.decode()
    response = client.post(url, {"text": "Đã tuyên truyền.", "status": "in_progress", "percent": "120"})
    assert "Tiến độ từ 0 đến 100." in response.content.decode()
    task.refresh_from_db()
    assert (task.status, task.percent) == (Task.Status.NOT_STARTED, None)
    assert not TaskProgress.objects.exists()


def test_coordinator_issues_and_closes_a_plan(client, people, commune, draft_plan):
    client.force_login(people.coordinator)
    p = f"{base(commune)}/ke-hoach/{draft_plan.pk}"
    response = client.post(f"{p}/ban-hanh/", {"number": "abc", "issued_on": "20/01/2026"}, follow=True)
    assert "Số kế hoạch chưa đúng dạng, ví dụ 18/KH-UBND." in response.content.decode()
    draft_plan.refresh_from_db()
    assert draft_plan.status == Plan.Status.DRAFT

    response = client.post(f"{p}/ban-hanh/", {"number": "18/KH-UBND", "issued_on": "20/01/2026"}, follow=True)
    assert "Đã ban hành kế hoạch số 18/KH-UBND." in response.content.decode()
    draft_plan.refresh_from_db()
    assert (draft_plan.status, draft_plan.issued_on) == (Plan.Status.ISSUED, date(2026, 1, 20))

    response = client.post(f"{p}/ban-hanh/", {"number": "19/KH-UBND", "issued_on": "21/01/2026"}, follow=True)
    assert "Không thể chuyển kế hoạch từ “Đã ban hành” sang “Đã ban hành”." in response.content.decode()

    response = client.post(f"{p}/ket-thuc/", follow=True)
    assert "Đã kết thúc kế hoạch." in response.content.decode()
    draft_plan.refresh_from_db()
    assert (draft_plan.status, draft_plan.number) == (Plan.Status.CLOSED, "18/KH-UBND")


def test_unit_officer_makes_their_units_plan(client, people, commune, issued_plan, kinh_te):
    client.force_login(people.officer)
    p = f"{base(commune)}/ke-hoach/{issued_plan.pk}"
    response = client.post(f"{p}/ke-hoach-don-vi/", {"unit": kinh_te.pk}, follow=True)
    child = Plan.objects.get(parent=issued_plan)
    assert response.redirect_chain[-1][0] == f"{base(commune)}/ke-hoach/{child.pk}/"
    assert "Đã lập dự thảo kế hoạch của Phòng Kinh tế." in response.content.decode()
    assert child.unit == kinh_te
    # ...but not another unit's.
    police = Unit.objects.get(commune=commune, name="Công an xã")
    assert client.post(f"{p}/ke-hoach-don-vi/", {"unit": police.pk}).status_code == 403
    assert not Plan.objects.filter(unit=police).exists()


# --- unit reports through the pages ------------------------------------------------------------------


def test_officer_submits_and_coordinator_returns_a_report(
    client, people, commune, issued_plan, units_period, kinh_te
):
    url = f"{base(commune)}/ke-hoach/{issued_plan.pk}/bao-cao/{units_period.pk}/{kinh_te.pk}/"
    nine = issued_plan.tasks.get(ref="II.9")
    client.force_login(people.officer)
    response = client.post(
        url, {"action": "submit", f"task-{nine.pk}": "Họp dân 3 thôn.", "figures": ""}, follow=True
    )
    assert "Đã nộp báo cáo." in response.content.decode()
    report = UnitReport.objects.get()
    assert report.status == UnitReport.Status.SUBMITTED
    assert Notification.objects.filter(user=people.coordinator).count() == 1

    # A supervisor reads it but may not return it; nor may the officer.
    client.force_login(people.supervisor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "return", "comment": "Thiếu số liệu."}).status_code == 403
    client.force_login(people.officer)
    assert client.post(url, {"action": "return", "comment": "Tự trả lại."}).status_code == 403
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED

    client.force_login(people.coordinator)
    response = client.post(url, {"action": "return", "comment": ""})
    assert "Vui lòng ghi lý do trả lại." in response.content.decode()
    response = client.post(url, {"action": "return", "comment": "Bổ sung số liệu cụ thể."}, follow=True)
    assert "Đã trả lại báo cáo cho Phòng Kinh tế." in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.return_comment) == (UnitReport.Status.RETURNED, "Bổ sung số liệu cụ thể.")


def test_an_empty_report_page_submit_shows_the_message(
    client, people, commune, issued_plan, units_period, kinh_te
):
    url = f"{base(commune)}/ke-hoach/{issued_plan.pk}/bao-cao/{units_period.pk}/{kinh_te.pk}/"
    client.force_login(people.officer)
    response = client.post(url, {"action": "submit", "figures": "  "})
    assert response.status_code == 200
    assert "Báo cáo chưa có nội dung. Hãy ghi kết quả ít nhất một nhiệm vụ." in response.content.decode()
    assert not UnitReport.objects.filter(status=UnitReport.Status.SUBMITTED).exists()
    assert not Notification.objects.exists()


# --- a fixed number of queries, whatever the plan's size -----------------------------------------


def big_plan(commune, *, tasks: int, units: int) -> Plan:
    """An issued plan with many tasks over many units, written in bulk."""
    existing = list(Unit.objects.filter(commune=commune))
    Unit.objects.bulk_create(
        [
            Unit(commune=commune, name=f"Tổ công tác số {i}", sort_order=200 + i)
            for i in range(units - len(existing))
        ]
    )
    all_units = list(Unit.objects.filter(commune=commune).order_by("pk"))
    assert len(all_units) == units
    plan = Plan.objects.create(
        commune=commune, title="Kế hoạch lớn", number="99/KH-UBND", year=2026, status="issued"
    )
    Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                ref=f"{i}",
                order=i,
                content=f"Nhiệm vụ số {i} của kế hoạch lớn.",
                timeframe="by_date",
                due_date=date(2026, 1 + i % 12, 1 + i % 28),
                timeframe_text="trước ngày",
                status=["not_started", "in_progress", "done"][i % 3],
            )
            for i in range(1, tasks + 1)
        ]
    )
    lead, partner = Task.lead_units.through, Task.coordinating_units.through
    rows = list(plan.tasks.order_by("order"))
    lead.objects.bulk_create(
        [lead(task_id=t.pk, unit_id=all_units[n % units].pk) for n, t in enumerate(rows)]
        + [
            lead(task_id=t.pk, unit_id=all_units[(n + 7) % units].pk)
            for n, t in enumerate(rows)
            if n % 4 == 0
        ]
    )
    partner.objects.bulk_create(
        [
            partner(task_id=t.pk, unit_id=all_units[(n + k) % units].pk)
            for n, t in enumerate(rows)
            for k in (1, 2)
        ]
    )
    periods = ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(plan=plan, name=f"Kỳ {i}", direction="units", due_date=date(2026, 2 * i, 10))
            for i in range(1, 7)
        ]
    )
    UnitReport.objects.bulk_create(
        [UnitReport(period=p, unit=u, status="submitted") for p in periods for u in all_units[:10]]
    )
    return plan


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@time_machine.travel(TODAY, tick=False)
def test_overview_uses_the_same_queries_for_a_big_plan(
    client, people, commune, issued_plan, django_assert_max_num_queries
):
    client.force_login(people.coordinator)
    small = f"{base(commune)}/ke-hoach/{issued_plan.pk}/"
    client.get(small)  # warm up
    measured = count_queries(client, small)
    plan = big_plan(commune, tasks=200, units=30)
    with django_assert_max_num_queries(measured):
        response = client.get(f"{base(commune)}/ke-hoach/{plan.pk}/")
    assert response.status_code == 200
    assert len(response.context["ov"].rows) == 200
    assert len(response.context["ov"].units) == 30


@time_machine.travel(TODAY, tick=False)
def test_my_tasks_uses_the_same_queries_for_many_tasks(
    client, people, commune, issued_plan, django_assert_max_num_queries
):
    client.force_login(people.officer)
    url = f"{base(commune)}/viec-cua-toi/"
    client.get(url)
    measured = count_queries(client, url)
    small_rows = len(client.get(url).context["rows"])
    assert small_rows == 2  # II.4 and II.9
    big_plan(commune, tasks=200, units=30)
    with django_assert_max_num_queries(measured):
        response = client.get(url)
    assert len(response.context["rows"]) > small_rows + 10


@time_machine.travel(TODAY, tick=False)
def test_late_page_uses_the_same_queries_for_many_tasks(
    client, people, commune, issued_plan, django_assert_max_num_queries
):
    client.force_login(people.leader)
    url = f"{base(commune)}/tre-han/"
    client.get(url)
    measured = count_queries(client, url)
    small_rows = len(client.get(url).context["rows"])
    assert small_rows >= 3
    big_plan(commune, tasks=200, units=30)
    with django_assert_max_num_queries(measured):
        response = client.get(url)
    assert len(response.context["rows"]) > small_rows + 100


@time_machine.travel(TODAY, tick=False)
def test_late_page_lists_only_late_tasks_of_issued_plans(client, people, commune, issued_plan, draft_plan):
    client.force_login(people.leader)
    rows = client.get(f"{base(commune)}/tre-han/").context["rows"]
    assert {r.task.plan_id for r in rows} == {issued_plan.pk}
    refs = [r.task.ref for r in rows]
    # 28/02, 31/03, 30/06 (twice), 30/09 (twice) have passed; the year's tasks and ongoing ones have not.
    assert refs == ["II.7.1", "II.2", "II.3.3", "II.6", "II.3.2", "II.8"]


# --- what the pages say -------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_plan_list_counts_tasks_and_late_ones(client, people, commune, issued_plan, draft_plan):
    client.force_login(people.leader)
    plans = {p.pk: p for p in client.get(f"{base(commune)}/ke-hoach/").context["plans"]}
    assert (plans[issued_plan.pk].task_count, plans[issued_plan.pk].late_count) == (22, 6)
    late = issued_plan.tasks.get(ref="II.2")
    late.status = Task.Status.DONE
    late.save()
    plans = {p.pk: p for p in client.get(f"{base(commune)}/ke-hoach/").context["plans"]}
    assert plans[issued_plan.pk].late_count == 5


@time_machine.travel(datetime(2026, 6, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
def test_period_page_shows_who_has_not_reported(client, people, commune, issued_plan, units_period, kinh_te):
    nine = issued_plan.tasks.get(ref="II.9")
    client.force_login(people.officer)
    client.post(
        f"{base(commune)}/ke-hoach/{issued_plan.pk}/bao-cao/{units_period.pk}/{kinh_te.pk}/",
        {"action": "submit", f"task-{nine.pk}": "Họp dân 3 thôn."},
    )
    client.force_login(people.coordinator)
    response = client.get(f"{base(commune)}/ke-hoach/{issued_plan.pk}/bao-cao/{units_period.pk}/")
    statuses = {s.unit.name: s.label for s in response.context["statuses"]}
    # Every unit leading or joining a task owes the report, partners included.
    assert len(statuses) == 8
    assert statuses["Phòng Kinh tế"] == "Đã nộp"
    assert statuses["Ban Chỉ huy Quân sự"] == "Chưa nộp"
    page = response.content.decode()
    assert page.count("Chưa nộp, quá hạn") == 7
    assert "Họp dân 3 thôn." in page  # read side by side


def test_an_officer_cannot_write_another_units_report(client, people, commune, issued_plan, units_period):
    police = Unit.objects.get(commune=commune, name="Công an xã")
    url = f"{base(commune)}/ke-hoach/{issued_plan.pk}/bao-cao/{units_period.pk}/{police.pk}/"
    client.force_login(people.officer)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "save", "figures": "Ghi hộ."}).status_code == 403
    assert not UnitReport.objects.exists()


@pytest.mark.parametrize("who", ["nobody", "outsider"])
def test_people_without_a_role_here_find_no_plan(client, people, commune, issued_plan, who):
    client.force_login(getattr(people, who))
    assert client.get(f"{base(commune)}/ke-hoach/").status_code == 404
    assert client.get(f"{base(commune)}/ke-hoach/{issued_plan.pk}/").status_code == 404
    assert client.post(f"{base(commune)}/ke-hoach/{issued_plan.pk}/ket-thuc/").status_code == 404
    issued_plan.refresh_from_db()
    assert issued_plan.status == Plan.Status.ISSUED


def test_progress_posted_after_the_plan_was_closed_says_why(client, people, commune, issued_plan):
    # The officer opened the task page before the plan was closed, then saves.
    task = issued_plan.tasks.get(ref="II.9")
    plan_close(plan=issued_plan, by=people.coordinator)
    client.force_login(people.officer)
    url = f"{base(commune)}/ke-hoach/{issued_plan.pk}/nhiem-vu/{task.pk}/"
    response = client.post(url, {"text": "Đã họp dân 3 thôn.", "status": "in_progress", "percent": "40"})
    assert response.status_code == 200
    assert "Kế hoạch đã kết thúc, không cập nhật tiến độ được nữa." in response.content.decode()
    assert not TaskProgress.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_overview_names_every_tasks_owner_under_it(client, people, commune, issued_plan):
    """A plan read from a provincial document names bodies outside the commune (kept as text at import):
    they have no unit column, so the overview writes them under the task instead of showing no owner.
    Unit owners and the deadline are written there too for a phone, where their columns are off-screen."""
    outside = issued_plan.tasks.order_by("order").first()
    outside.lead_units.clear()
    outside.coordinating_units.clear()
    Task.objects.filter(pk=outside.pk).update(lead_text="Sở Tư pháp tỉnh", coordinating_text="Báo Lâm Đồng")
    owned = next(t for t in issued_plan.tasks.order_by("order") if t.lead_units.exists())
    client.force_login(people.coordinator)
    page = client.get(f"{base(commune)}/ke-hoach/{issued_plan.pk}/").content.decode()
    assert "Chủ trì (theo văn bản): Sở Tư pháp tỉnh" in page
    assert "Phối hợp (theo văn bản): Báo Lâm Đồng" in page
    assert f"Chủ trì: {owned.lead_units.first().name}" in page
    assert f"Hạn: {owned.due_label}" in page
