"""Every page of the demo commune fits a phone's width: residents open the portal on their phones, and
officials check their lists on theirs between meetings. A wide table may scroll inside its own box, but
the page itself never scrolls sideways. The portal is checked with the interface language chooser shown
(a test K'Ho catalogue compiled) and once in the chosen language."""

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
    "loa/",
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
    "ngon-ngu/",
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


def test_the_portal_and_the_workspace_fit_a_phone(phone, live_server, kpm_catalogue):
    commune, _ = demo_setup()
    portal = f"{live_server.url}/xa/{commune.slug}/"
    wide = []
    for path in [*PUBLIC, *_language_pages(commune)]:  # each with the interface language chooser
        wide += _too_wide(phone, portal + path)
    wide += _chosen_language_pages(phone, live_server, portal, commune)

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
    staff_languages = _language_pages(commune, staff=True)
    for path in [*STAFF, *plan_pages, *survey_pages, *_people_pages(commune, plan), *staff_languages]:
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
        f"uy-tin/nguoi/{person.pk}/sua/",
        "uy-tin/nguoi/moi/",
        f"uy-tin/to-chuc/{organisation.pk}/",
        f"uy-tin/to-chuc/{organisation.pk}/sua/",
        f"kinh-phi/ke-hoach/{plan.pk}/",
        f"kinh-phi/dong/{line.pk}/",
    ]


def _language_pages(commune, *, staff: bool = False) -> list[str]:
    """Issue 22's content in the commune's languages: the demo post and the week's bulletin that have a
    K'Ho version, in Vietnamese and in K'Ho on the portal; their versions pages in the workspace."""
    from danvan.announcements.models import Bulletin, Post

    post = Post.objects.filter(commune=commune, versions__language__code="kpm").first()
    bulletin = Bulletin.objects.filter(commune=commune, versions__language__code="kpm").first()
    if staff:
        return [f"tin-tuc/{post.pk}/ban-dich/", f"loa/{bulletin.pk}/", f"loa/{bulletin.pk}/ngon-ngu/"]
    return [
        f"tin-tuc/{post.pk}/",
        f"tin-tuc/{post.pk}/?ngon-ngu=kpm",
        f"loa/{bulletin.pk}/",
        f"loa/{bulletin.pk}/?ngon-ngu=kpm",
    ]


def _chosen_language_pages(phone, live_server, portal, commune) -> list[str]:
    """The resident taps "Tiếng K'Ho" in the interface chooser (a test catalogue): the home, the portal
    and the petition form in that language still fit; then back to Vietnamese."""
    phone.goto(portal)
    phone.get_by_role("navigation", name="Ngôn ngữ giao diện").get_by_role("link", name="Tiếng K'Ho").tap()
    phone.wait_for_url(portal)
    assert phone.locator("html").get_attribute("lang") == "kpm"
    wide = []
    for url in (f"{live_server.url}/", portal, f"{portal}phan-anh/", f"{portal}loa/"):
        wide += _too_wide(phone, url)
    wide += _too_small_to_tap(phone, f"{portal}loa/")
    wide += _too_small_to_tap(phone, f"{portal}{_language_pages(commune)[-1]}")
    phone.goto(portal)
    phone.get_by_role("navigation", name="Ngôn ngữ giao diện").get_by_role("link", name="Tiếng Việt").tap()
    phone.wait_for_url(portal)
    assert phone.locator("html").get_attribute("lang") == "vi"
    return wide


TAP = """() => [...document.querySelectorAll('.lang-switch a, .button, button, select, summary')]
    .map(el => [el.textContent.trim(), el.getBoundingClientRect().height])
    .filter(([, height]) => height > 0 && height < 43.5)"""


def _too_small_to_tap(page, url) -> list[str]:
    """The language links and the buttons of a page a resident taps with a finger: at least 44 px high."""
    page.goto(url)
    return [f"{url}: {text!r} {height:.0f} px high" for text, height in page.evaluate(TAP)]
