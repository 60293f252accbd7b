"""Plans of a provincial agency, and a province's published plan that communes and agencies implement:
an agency imports a plan into its own units, starts its implementing plan from the province's, and
the province sees who has issued theirs and by when."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.activation import FirstAccount, agency_onboard
from danvan.org.models import Role, Unit
from danvan.plans.implementing import implementations, plan_start_from, province_plan_publish, province_plans
from danvan.plans.models import Plan, Task
from danvan.plans.services import plan_import, plan_import_read, plan_issue, unit_map_default, unit_names_in
from tests.plans.importer.conftest import sample_text

pytestmark = pytest.mark.django_db

# The bodies section III of sample 003 (a province plan) gives duties to, as one body's units.
UNITS_003 = [
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Sở Khoa học và Công nghệ",
    "Sở Nội vụ",
    "Văn phòng UBND tỉnh",
]


def make_agency(
    province, by, name="Văn phòng UBND tỉnh Lâm Đồng", units=("Phòng Tổng hợp", "Phòng Nội chính")
):
    return agency_onboard(
        province=province,
        name=name,
        units=list(units),
        accounts=[FirstAccount(Role.COORDINATOR, f"dm.{len(name)}.{province.code}", "Đỗ Thị Hạnh")],
        by=by,
    ).commune


@pytest.fixture
def agency(lam_dong, people):
    return make_agency(lam_dong, people.admin)


@pytest.fixture
def agency_staff(agency):
    return get_user_model().objects.get(memberships__commune=agency, memberships__role=Role.COORDINATOR)


@pytest.fixture
def published(lam_dong, people):
    return province_plan_publish(
        province=lam_dong,
        number="45/KH-UBND",
        title="Công tác dân vận chính quyền năm 2026",
        issued_on=date(2026, 1, 10),
        due_on=date(2026, 2, 28),
        by=people.province_viewer,
    )


def test_a_province_plan_imported_into_a_body_goes_to_its_own_units(lam_dong, people):
    text = sample_text("plans-extra/003.txt")
    body = make_agency(lam_dong, people.admin, name="UBND tỉnh – khối cơ quan", units=UNITS_003)
    staff = get_user_model().objects.get(memberships__commune=body, memberships__role=Role.COORDINATOR)
    draft = plan_import_read(commune=body, raw=text.encode(), filename="003.txt", by=staff)
    unit_map = unit_map_default(commune=body, names=unit_names_in(draft.parsed))
    plan = plan_import(commune=body, data=draft.parsed, unit_map=unit_map, by=staff, draft=draft)
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("lead_units"))
    led = [t for t in tasks if t.lead_units.all()]
    assert len(led) >= 0.9 * len(tasks)
    assert all(u.commune_id == body.code for t in led for u in t.lead_units.all())
    owners = {u.name for t in tasks for u in t.lead_units.all()} | {
        u.name for t in tasks for u in t.coordinating_units.all()
    }
    for name in ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Sở Khoa học và Công nghệ", "Sở Nội vụ"]:
        assert name in owners
    # No new unit appeared: every body the plan names is one of its own units
    assert Unit.objects.filter(commune=body).count() == len(UNITS_003)


def test_province_publishes_its_plan_once(published, lam_dong, people, commune):
    assert list(province_plans(lam_dong)) == [published.document]
    assert published.document.issuer == "UBND tỉnh Lâm Đồng"
    assert AuditEvent.objects.filter(action="plans.province_plan_publish").exists()
    with pytest.raises(ServiceError, match="đã được công bố"):
        province_plan_publish(
            province=lam_dong, number="45/kh-ubnd", title="x", issued_on=date(2026, 1, 10), by=people.admin
        )
    # A commune's coordinator cannot publish for the province
    with pytest.raises(ServiceError, match="không có quyền"):
        province_plan_publish(
            province=lam_dong,
            number="46/KH-UBND",
            title="x",
            issued_on=date(2026, 1, 10),
            by=people.coordinator,
        )


@pytest.mark.parametrize(
    "number, title, issued_on, due_on, field",
    [
        ("", "Dân vận", date(2026, 1, 1), None, "number"),
        ("1/KH", "", date(2026, 1, 1), None, "title"),
        ("1/KH", "Dân vận", None, None, "issued_on"),
        ("1/KH", "Dân vận", date(2026, 3, 1), date(2026, 2, 1), "due_on"),
    ],
)
def test_bad_publication_is_refused(lam_dong, people, number, title, issued_on, due_on, field):
    with pytest.raises(ServiceError) as info:
        province_plan_publish(
            province=lam_dong, number=number, title=title, issued_on=issued_on, due_on=due_on, by=people.admin
        )
    assert info.value.field == field
    assert not province_plans(lam_dong).exists()


def test_commune_and_agency_start_from_it_and_the_province_follows(
    published, agency, agency_staff, commune, people, lam_dong
):
    document = published.document
    rows = implementations(province=lam_dong, document=document)
    assert {r.commune for r in rows} == {commune, agency}
    assert not any(r.issued for r in rows)
    theirs = plan_start_from(commune=agency, document=document, year=2026, by=agency_staff)
    assert theirs.status == Plan.Status.DRAFT and theirs.parent_document == document
    assert theirs.issuer == agency.name
    assert "45/KH-UBND" in theirs.title
    assert theirs.plan_citations.filter(document=document, is_basis=True).exists()
    plan_issue(plan=theirs, number="3/KH-VP", issued_on=date(2026, 2, 20), by=agency_staff)
    ours = plan_start_from(commune=commune, document=document, year=2026, by=people.coordinator)
    plan_issue(plan=ours, number="9/KH-UBND", issued_on=date(2026, 3, 5), by=people.coordinator)
    rows = {r.commune: r for r in implementations(province=lam_dong, document=document)}
    assert rows[agency].issued and not rows[agency].late(date(2026, 4, 1))
    assert rows[commune].issued and rows[commune].late(date(2026, 4, 1))  # after the 28/02 deadline


def test_another_provinces_plan_cannot_be_started_from(published, other_commune, people):
    with pytest.raises(ServiceError, match="không có trong danh sách"):
        plan_start_from(commune=other_commune, document=published.document, year=2026, by=people.outsider)
    assert not Plan.objects.filter(commune=other_commune).exists()


# --- pages ----------------------------------------------------------------------------------------


def test_province_publishes_from_its_page_and_sees_agencies(client, people, lam_dong, agency):
    client.force_login(people.province_viewer)
    url = f"/tinh/{lam_dong.code}/ke-hoach-thuc-hien/"
    bad = client.post(url, {"number": "", "title": "", "issued_on": ""})
    assert bad.status_code == 400 and "Vui lòng nhập số, ký hiệu" in bad.content.decode()
    response = client.post(
        url,
        {"number": "45/KH-UBND", "title": "Dân vận chính quyền 2026", "issued_on": "10/01/2026"},
        follow=True,
    )
    body = response.content.decode()
    assert "Đã công bố Kế hoạch số 45/KH-UBND" in body
    assert "Văn phòng UBND tỉnh Lâm Đồng" in body and "(cơ quan)" in body


def test_agency_starts_its_plan_from_the_new_plan_page(client, published, agency, agency_staff):
    client.force_login(agency_staff)
    page = client.get(f"/lam-viec/{agency.code}/ke-hoach/moi/").content.decode()
    assert "45/KH-UBND" in page and "Lập kế hoạch thực hiện" in page
    response = client.post(
        f"/lam-viec/{agency.code}/ke-hoach/moi/tu-ke-hoach-tinh/", {"document": published.document_id}
    )
    plan = Plan.objects.get(commune=agency)
    assert response.status_code == 302 and response["Location"].endswith(f"/ke-hoach/{plan.pk}/")
    bad = client.post(f"/lam-viec/{agency.code}/ke-hoach/moi/tu-ke-hoach-tinh/", {"document": "abc"})
    assert bad.status_code == 302 and Plan.objects.filter(commune=agency).count() == 1


def test_the_demo_publishes_the_province_plan_once(commune, people, lam_dong):
    from danvan.plans.demo import demo_province_plan
    from tests.plans.conftest import import_demo

    plan = import_demo(commune, people.coordinator)
    first = demo_province_plan(commune, by=people.province_viewer)
    assert demo_province_plan(commune, by=people.province_viewer) == first  # every start runs it
    assert first.document == plan.parent_document
    assert list(province_plans(lam_dong)) == [plan.parent_document]


def test_an_agencys_unit_reports_to_the_agency_and_nobody_else_sees_it(client, agency, agency_staff, people):
    from danvan.comms.models import Notification
    from danvan.org.services import membership_grant
    from danvan.plans.models import ReportingPeriod, UnitReport
    from tests.conftest import make_user

    data = {
        "title": "Kế hoạch công tác dân vận chính quyền năm 2026 của Văn phòng",
        "year": 2026,
        "tasks": [
            {
                "ref": "1",
                "content": "Tổ chức Hội nghị cán bộ, công chức, viên chức năm 2026.",
                "lead": ["Phòng Tổng hợp"],
            },
            {
                "ref": "2",
                "content": "Công khai nội bộ dự toán ngân sách của cơ quan.",
                "lead": ["Phòng Nội chính"],
            },
        ],
        "reporting": [
            {"what": "Báo cáo 6 tháng", "due": "2026-06-10", "to": ["Văn phòng"], "direction": "units"}
        ],
    }
    unit_map = unit_map_default(commune=agency, names=unit_names_in(data))
    plan = plan_import(commune=agency, data=data, unit_map=unit_map, by=agency_staff)
    plan_issue(plan=plan, number="5/KH-VP", issued_on=date(2026, 1, 20), by=agency_staff)
    general = Unit.objects.get(commune=agency, name="Phòng Tổng hợp")
    officer = make_user("vp.tonghop", "Lê Văn Tâm")
    membership_grant(user=officer, role=Role.UNIT_OFFICER, commune=agency, unit=general, by=people.admin)
    period = ReportingPeriod.objects.get(plan=plan)
    task = plan.tasks.get(ref="1")
    assert list(task.lead_units.all()) == [general]

    url = f"/lam-viec/{agency.code}/ke-hoach/{plan.pk}/bao-cao/{period.pk}/{general.pk}/"
    client.force_login(officer)
    response = client.post(
        url, {"action": "submit", f"task-{task.pk}": "Đã tổ chức ngày 15/01.", "figures": ""}
    )
    assert response.status_code == 302
    assert UnitReport.objects.get(unit=general).status == UnitReport.Status.SUBMITTED
    assert Notification.objects.filter(user=agency_staff).exists()  # the agency's coordinator is told
    # A commune's staff and another province find nothing of it; the province reads it.
    for outsider in (people.coordinator, people.outsider):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(people.province_viewer)
    assert client.get(url).status_code == 200
