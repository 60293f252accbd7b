"""axe-core (the engine behind most accessibility audits, bundled in axe-playwright-python, run inside
Debian's Chromium) finds no violation on the portal pages a resident opens on a phone, nor on the main
workspace pages: labels, contrast, heading order, landmarks, names of links and buttons."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from danvan.demo.services import DEMO_PASSWORD, demo_setup
from danvan.engagement.models import Dialogue
from danvan.exemplars.models import Exemplar
from danvan.petitions.models import Petition
from danvan.plans.models import Plan
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
    "dan-van-kheo/",
    "tin-tuc/",
    "loa/",
]
STAFF = [
    "",
    "ke-hoach/",
    "don-thu/",
    "don-thu/ghi-nhan/",
    "don-thu/han-xu-ly/",
    "don-thu/diem-nong/",
    "tiep-dan/",
    "tiep-dan/so/",
    "doi-thoai/",
    "cam-ket/",
    "cong-khai/",
    "cong-khai/dang/",
    "lay-y-kien/",
    "ban-quyet-dinh/",
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
]


def _violations(axe, page, url) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, url
    found = axe.run(page).response["violations"]
    return [f"{url}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}: {v['help']}" for v in found]


def test_no_accessibility_violations_on_the_portal_and_the_workspace(
    phone, desktop, live_server, kpm_catalogue
):
    commune, _ = demo_setup()
    axe = Axe()
    problems = []
    from danvan.democracy.models import Consultation, Disclosure, VillageDecision

    public_details = [
        f"tra-cuu/?ma={Petition.objects.filter(commune=commune, status='resolved').first().tracking_code}",
        f"doi-thoai/{Dialogue.objects.filter(commune=commune).first().pk}/",
        f"cong-khai/{Disclosure.objects.filter(commune=commune, status='published').first().pk}/",
        f"lay-y-kien/{Consultation.objects.filter(commune=commune).exclude(status='draft').first().pk}/",
        f"ban-quyet-dinh/{VillageDecision.objects.filter(commune=commune, status='published').first().pk}/",
        f"dan-van-kheo/{Exemplar.objects.filter(commune=commune, status='replicated').first().pk}/",
    ]
    post, bulletin = _with_kho_version(commune)
    public_details += [
        f"tin-tuc/{post.pk}/",
        f"tin-tuc/{post.pk}/?ngon-ngu=kpm",
        f"loa/{bulletin.pk}/",
        f"loa/{bulletin.pk}/?ngon-ngu=kpm",
    ]
    # Every portal page carries the interface language chooser (a test K'Ho catalogue is compiled).
    for path in [*PUBLIC, *public_details]:
        problems += _violations(axe, phone, f"{live_server.url}/xa/{commune.slug}/{path}")
    problems += _violations(axe, phone, f"{live_server.url}/dang-nhap/")
    # The resident chose K'Ho: the pages declare it (`<html lang="kpm">`) and stay accessible.
    phone.goto(f"{live_server.url}/ngon-ngu/kpm/?tiep=/")
    for path in ("", f"xa/{commune.slug}/", f"xa/{commune.slug}/phan-anh/"):
        problems += _violations(axe, phone, f"{live_server.url}/{path}")
    phone.goto(f"{live_server.url}/ngon-ngu/vi/?tiep=/")

    sign_in(desktop, live_server, "dieuphoi", DEMO_PASSWORD)
    desktop.wait_for_url(f"**/lam-viec/{commune.code}/")
    plan = Plan.objects.filter(commune=commune).first()
    task = plan.tasks.order_by("order").first()
    details = [
        f"ke-hoach/{plan.pk}/",
        "ke-hoach/moi/",
        f"ke-hoach/{plan.pk}/them-nhiem-vu/",
        f"ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/",
        f"ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/dieu-chinh/",
        f"don-thu/{Petition.objects.filter(commune=commune, status='verifying').first().pk}/",
        f"doi-thoai/{Dialogue.objects.filter(commune=commune).first().pk}/",
        f"dan-van-kheo/{Exemplar.objects.filter(commune=commune, status='building').first().pk}/",
        f"dan-van-kheo/{Exemplar.objects.filter(commune=commune, status='evaluated').first().pk}/",
    ]
    from danvan.inspections.models import Inspection
    from danvan.scoring.models import Assessment

    details += [
        f"cham-diem/phieu/{Assessment.objects.filter(commune=commune, status='submitted').first().pk}/",
        f"kiem-tra/{Inspection.objects.filter(commune=commune, status='concluded').first().pk}/",
    ]
    from danvan.prestige.models import Organisation

    details += [
        f"tin-tuc/{post.pk}/ban-dich/",
        f"loa/{bulletin.pk}/",
        f"loa/{bulletin.pk}/ngon-ngu/",
        f"uy-tin/to-chuc/{Organisation.objects.filter(commune=commune).first().pk}/sua/",
    ]
    for path in [*STAFF, *details]:
        problems += _violations(axe, desktop, f"{live_server.url}/lam-viec/{commune.code}/{path}")
    assert problems == []


def _with_kho_version(commune):
    """The demo post and the week's bulletin that have a K'Ho version (issue 22)."""
    from danvan.announcements.models import Bulletin, Post

    post = Post.objects.filter(commune=commune, versions__language__code="kpm").first()
    return post, Bulletin.objects.filter(commune=commune, versions__language__code="kpm").first()
