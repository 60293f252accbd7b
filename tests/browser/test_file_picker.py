"""The file picker speaks Vietnamese whatever the phone's language: a native `<input type=file>` says
"Choose File / No file chosen" in the phone's own language, ours says "Chọn tệp" and "Chưa chọn tệp",
then the chosen file's name. It is a label tied to the input (a finger's height, reached with Tab), and
the form is still sent without JavaScript, then with the browser's own control."""

import re

import pytest
from playwright.sync_api import expect

from danvan.petitions.models import Petition
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def english_phone(browser):
    """A phone set to English: the native control would say "Choose File"."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="en-US"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def _fill_petition(page, live_server, commune):
    page.goto(f"{live_server.url}/xa/{commune.slug}/phan-anh/")
    page.get_by_label("Nội dung sự việc").fill("Cống thôn 1 bị tắc, nước tràn ra đường khi mưa.")
    page.get_by_label("Phản ánh").check()
    page.get_by_label("Thôn, tổ dân phố nơi xảy ra sự việc").select_option(label="Thôn 1")


def test_the_petition_forms_picker_is_vietnamese_shows_the_name_and_sends_the_file(
    english_phone, live_server, people, commune, tmp_path
):
    from django.core.cache import cache

    cache.clear()
    photo = tmp_path / "cong-thon-1.png"
    photo.write_bytes(_png())
    page = english_phone
    _fill_petition(page, live_server, commune)
    picker = page.locator(".file-picker")
    button = picker.get_by_text("Chọn tệp", exact=True)
    expect(button).to_be_visible()
    expect(picker.locator(".file-picker-name")).to_have_text("Chưa chọn tệp")
    assert button.bounding_box()["height"] >= 44
    # The input is hidden from sight only: the field's label still names it, and Tab reaches it.
    field = page.get_by_label(re.compile("Ảnh, tài liệu kèm theo"))
    expect(field).to_have_attribute("type", "file")
    page.get_by_label("Nội dung sự việc").focus()
    for _ in range(20):
        if page.evaluate("document.activeElement.type") == "file":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "attachments"
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(photo))
    expect(picker.locator(".file-picker-name")).to_have_text("cong-thon-1.png")

    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi thành công")
    code = page.locator(".tracking-code").inner_text().strip()
    assert Petition.objects.get(tracking_code=code).attachments.get().name == "cong-thon-1.png"


def test_without_javascript_the_browsers_own_control_still_sends_the_file(
    phone_without_script, live_server, people, commune, tmp_path
):
    from django.core.cache import cache

    cache.clear()
    photo = tmp_path / "cong.png"
    photo.write_bytes(_png())
    page = phone_without_script
    _fill_petition(page, live_server, commune)
    # No script to write the name: the native control shows it, and no Vietnamese button doubles it.
    expect(page.locator("input[type=file]")).to_be_visible()
    expect(page.locator(".file-picker").get_by_text("Chọn tệp", exact=True)).to_be_hidden()
    page.get_by_label(re.compile("Ảnh, tài liệu kèm theo")).set_input_files(str(photo))
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi thành công")
    code = page.locator(".tracking-code").inner_text().strip()
    assert Petition.objects.get(tracking_code=code).attachments.count() == 1


def test_a_staff_upload_shows_the_chosen_files_name(phone, live_server, people, commune, tmp_path):
    plan = tmp_path / "ke-hoach-2026.txt"
    plan.write_text("KẾ HOẠCH\nDân vận chính quyền năm 2026\n", encoding="utf-8")
    sign_in(phone, live_server, "dieuphoi")
    phone.goto(f"{live_server.url}/lam-viec/{commune.code}/ke-hoach/nhap/")
    picker = phone.locator(".file-picker")
    expect(picker.locator(".file-picker-name")).to_have_text("Chưa chọn tệp")
    with phone.expect_file_chooser() as chooser:
        picker.get_by_text("Chọn tệp", exact=True).click()
    chooser.value.set_files(str(plan))
    expect(picker.locator(".file-picker-name")).to_have_text("ke-hoach-2026.txt")


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (32, 24), "gray").save(buf, "PNG")
    return buf.getvalue()
