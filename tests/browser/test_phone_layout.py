"""Every page of the demo commune fits a phone's width: residents open the portal on their phones, and
officials check their lists on theirs between meetings. A wide table may scroll inside its own box, but
the page itself never scrolls sideways."""

import pytest

from danvan.demo.services import DEMO_PASSWORD, demo_setup
from danvan.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "",
    "phan-anh/",
    "tra-cuu/",
    "ket-qua/",
    "thong-ke/",
    "cong-khai/",
    "lay-y-kien/",
    "lich-tiep-dan/",
    "doi-thoai/",
    "cam-ket/",
    "kien-nghi-cu-tri/",
    "ban-quyet-dinh/",
    "bieu-quyet/",
    "dan-van-kheo/",
    "tin-tuc/",
    "nhan-tin/",
]
STAFF = [
    "",
    "ke-hoach/",
    "viec-cua-toi/",
    "tre-han/",
    "don-thu/",
    "don-thu/han-xu-ly/",
    "don-thu/quy-trinh/",
    "tiep-dan/",
    "tiep-dan/so/",
    "doi-thoai/",
    "cam-ket/",
    "cong-khai/",
    "lay-y-kien/",
    "ban-quyet-dinh/",
    "dan-van-kheo/",
    "dan-van-kheo/dang-ky/",
    "bao-cao/",
    "tin-tuc/",
    "tin-tuc/moi/",
    "loa/",
    "tin-nhan/",
    "don-vi/",
    "thon/",
    "tap-huan/",
    "uy-tin/",
    "kinh-phi/",
    "phu-trach/",
]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _too_wide(page, url) -> list[str]:
    """The page at `url`, if it scrolls sideways."""
    wide = []
    response = page.goto(url)
    assert response.status == 200, url
    if page.evaluate(OVERFLOW) > 0:
        wide.append(f"{url}: {page.evaluate(OVERFLOW)} px")
    return wide


def test_the_portal_and_the_workspace_fit_a_phone(phone, live_server):
    commune, _ = demo_setup()
    portal = f"{live_server.url}/xa/{commune.slug}/"
    wide = []
    for path in PUBLIC:
        wide += _too_wide(phone, portal + path)

    phone.goto(f"{live_server.url}/dang-nhap/")
    phone.get_by_label("Tên đăng nhập").fill("dieuphoi")
    phone.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url(f"**/lam-viec/{commune.code}/")
    workspace = f"{live_server.url}/lam-viec/{commune.code}/"
    plan = Plan.objects.filter(commune=commune).first()
    task = plan.tasks.order_by("order").first()
    plan_pages = [
        f"ke-hoach/{plan.pk}/",
        "ke-hoach/moi/",
        f"ke-hoach/{plan.pk}/them-nhiem-vu/",
        f"ke-hoach/{plan.pk}/dieu-chinh/",
        f"ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/",
        f"ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/dieu-chinh/",
    ]
    for path in [*STAFF, *plan_pages, *_people_pages(commune, plan)]:
        wide += _too_wide(phone, workspace + path)
    assert wide == []


def _people_pages(commune, plan) -> list[str]:
    """Issue 22's detail pages: a course, a person of prestige, a religious organisation, the plan's budget
    and one of its lines."""
    from danvan.budget.models import Allocation
    from danvan.prestige.models import Organisation, Person
    from danvan.training.models import Course

    course = Course.objects.filter(commune=commune).first()
    person = Person.objects.filter(commune=commune).first()
    organisation = Organisation.objects.filter(commune=commune).first()
    line = Allocation.objects.filter(commune=commune, task__isnull=False).first()
    return [
        f"tap-huan/lop/{course.pk}/",
        "tap-huan/lop/moi/",
        f"uy-tin/nguoi/{person.pk}/",
        "uy-tin/nguoi/moi/",
        f"uy-tin/to-chuc/{organisation.pk}/",
        f"kinh-phi/ke-hoach/{plan.pk}/",
        f"kinh-phi/dong/{line.pk}/",
    ]
