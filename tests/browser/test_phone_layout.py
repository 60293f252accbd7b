"""Every page of the demo commune fits a phone's width: residents open the portal on their phones, and
officials check their lists on theirs between meetings. A wide table may scroll inside its own box, but
the page itself never scrolls sideways."""

import pytest

from danvan.demo.services import DEMO_PASSWORD, demo_setup
from danvan.petitions.models import Petition
from danvan.plans.models import Plan
from danvan.reports.models import Report
from danvan.surveys.models import Survey
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "",
    "phan-anh/",
    "tra-cuu/",
    "ket-qua/",
    "thong-ke/",
    "don-cua-toi/",
    "ban-do-phan-anh/",
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
    "mat-tran/",
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
    "ban-quyet-dinh/toan-xa/",
    "dan-van-kheo/",
    "dan-van-kheo/dang-ky/",
    "cham-diem/",
    "kiem-tra/",
    "bao-cao/",
    "tin-tuc/",
    "tin-tuc/moi/",
    "loa/",
    "tin-nhan/",
    "don-vi/",
    "thon/",
    "van-ban-di/",
    "thi-hanh/",
    "mat-tran/",
    "mat-tran/moi/",
    "mat-tran/quy-che/",
    "mat-tran/lich/",
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

    sign_in(phone, live_server, "dieuphoi", DEMO_PASSWORD)
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
    complaint = Petition.objects.filter(commune=commune, kind="complaint").first()
    plan_pages += [f"don-thu/{complaint.pk}/van-ban/", f"don-thu/{complaint.pk}/van-ban/thu-ly-khieu-nai/"]
    plan_pages += [f"bao-cao/{r.pk}/" for r in Report.objects.filter(commune=commune)]
    survey = Survey.objects.filter(commune=commune).first()
    survey_pages = [
        f"khao-sat/{survey.pk}/",
        f"khao-sat/{survey.pk}/ket-qua/",
        f"khao-sat/{survey.pk}/phieu-giay/",
    ]
    wide += _too_wide(phone, f"{portal}khao-sat/{survey.short_code}/")
    for path in [*STAFF, *plan_pages, *survey_pages, *_people_pages(commune, plan)]:
        wide += _too_wide(phone, workspace + path)
    wide += _too_wide(phone, f"{live_server.url}/tai-khoan/")  # account: second factor, sessions
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
