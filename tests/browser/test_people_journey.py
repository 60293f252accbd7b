"""Issue 22 in a real browser, on a phone: the coordinator records a training with a participant present,
then registers a parish and its priest, records a Christmas visit where the priest raised a concern, and
sends that concern on as a petition of the commune."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.petitions.models import Petition
from danvan.prestige.models import Contact
from danvan.training.models import Participant
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username, PASSWORD)  # the password, then the second factor where needed


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_training_and_a_visit_whose_concern_becomes_a_petition(phone, live_server, people, commune):
    today = timezone.localdate().isoformat()
    page = phone
    login(page, live_server, "dieuphoi")
    base = f"{live_server.url}/lam-viec/{commune.code}"

    # A training with its participant, marked present.
    page.goto(f"{base}/tap-huan/")
    page.get_by_role("link", name="Ghi lớp tập huấn mới").click()
    page.get_by_label("Tên lớp").fill("Tập huấn kỹ năng dân vận khéo")
    page.get_by_label("Lĩnh vực").select_option(label="Công tác dân vận, dân vận chính quyền")
    page.get_by_label("Đơn vị tổ chức").fill("UBND xã")
    page.get_by_label("Từ ngày").fill(today)
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã")
    page.get_by_label("Số giờ").fill("3,5")
    page.get_by_role("button", name="Lưu lớp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tập huấn kỹ năng dân vận khéo")
    page.get_by_label("Cán bộ có tài khoản").select_option(label=people.village_head.get_full_name())
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm học viên")
    page.get_by_role("button", name="Có mặt").click()
    expect(page.get_by_role("status")).to_contain_text("Đã điểm danh")
    assert fits(page)
    assert Participant.objects.get().attended is True

    # A parish and its priest.
    page.goto(f"{base}/uy-tin/")
    page.get_by_role("link", name="Thêm tổ chức tôn giáo").click()
    page.get_by_label("Tên tổ chức").fill("Giáo họ Thôn 1")
    page.get_by_label("Tôn giáo").select_option(label="Công giáo")
    page.get_by_label("Tư cách pháp lý").select_option(label="Tổ chức tôn giáo trực thuộc")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Giáo họ Thôn 1")
    page.goto(f"{base}/uy-tin/nguoi/moi/")
    page.get_by_label("Họ và tên").fill("Giuse Trần Văn An")
    page.get_by_label("Người này là").select_option(label="Chức sắc tôn giáo")
    page.get_by_label("Chức danh, phẩm vị").fill("Linh mục")
    page.get_by_label("Tổ chức tôn giáo").select_option(label="Giáo họ Thôn 1")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Giuse Trần Văn An")

    # The Christmas visit, and the concern raised becomes a petition.
    page.get_by_text("Ghi lần tiếp xúc").click()
    page.get_by_label("Hình thức").select_option(label="Chúc mừng lễ tôn giáo")
    page.get_by_label("Ngày tiếp xúc").fill(today)
    page.get_by_label("Dịp").fill("Lễ Giáng sinh")
    page.get_by_label("Cán bộ tham gia").fill("Chủ tịch UBND xã")
    page.get_by_label("Nội dung được nêu, đề đạt").fill("Đoạn đường trước nhà thờ bị ngập mỗi khi mưa lớn.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi lần tiếp xúc")
    assert fits(page)
    page.get_by_role("button", name="Chuyển ý kiến thành đơn để giải quyết").click()
    petition = Petition.objects.get()
    expect(page.get_by_role("status")).to_contain_text(petition.tracking_code)
    assert "ngập" in petition.content and Contact.objects.get().petition == petition


def test_the_training_prestige_and_budget_pages_pass_axe(desktop, live_server):
    """axe-core finds nothing on issue 22's pages of the demo commune (lists, forms, details)."""
    from axe_playwright_python.sync_playwright import Axe

    from danvan.budget.models import Allocation
    from danvan.demo.services import DEMO_PASSWORD, demo_setup
    from danvan.plans.models import Plan
    from danvan.prestige.models import Organisation, Person
    from danvan.training.models import Course

    commune, _ = demo_setup()
    sign_in(desktop, live_server, "dieuphoi", DEMO_PASSWORD)
    desktop.wait_for_url(f"**/lam-viec/{commune.code}/")
    plan = Plan.objects.filter(commune=commune).first()
    pages = [
        "tap-huan/",
        "tap-huan/lop/moi/",
        f"tap-huan/lop/{Course.objects.filter(commune=commune).first().pk}/",
        "uy-tin/",
        "uy-tin/nguoi/moi/",
        f"uy-tin/nguoi/{Person.objects.filter(commune=commune).first().pk}/",
        f"uy-tin/to-chuc/{Organisation.objects.filter(commune=commune).first().pk}/",
        "kinh-phi/",
        f"kinh-phi/ke-hoach/{plan.pk}/",
        f"kinh-phi/dong/{Allocation.objects.filter(commune=commune).first().pk}/",
        "phu-trach/",
    ]
    axe, problems = Axe(), []
    for path in pages:
        response = desktop.goto(f"{live_server.url}/lam-viec/{commune.code}/{path}")
        assert response.status == 200, path
        for v in axe.run(desktop).response["violations"]:
            problems.append(f"{path}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}: {v['help']}")
    assert problems == []
