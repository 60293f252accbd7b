"""Playwright for Python driving Debian's Chromium (never a downloaded browser) against the live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium"))

# Playwright's sync API keeps an event loop on the test thread; Django would otherwise refuse the
# ORM calls fixtures make there. The live server runs in its own thread and is unaffected.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium không có ở {CHROMIUM} (apt-get install chromium) — browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # The flags the machine needs: no sandbox as root, and no background calls to the
            # internet, which this network refuses.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
    )
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, live_server, username: str, password: str | None = None) -> None:
    """Log in through the real pages: the password, then, for a role that needs it, the 6-digit code
    an authenticator app holding the person's key shows now (tests/conftest.py `totp_code`)."""
    import re

    from django.contrib.auth import get_user_model

    from tests.conftest import PASSWORD, second_factor_device, totp_code

    # The person's key first (their phone holds it), so the server asks for its code after the password.
    user = get_user_model().objects.filter(username=username).first()
    device = second_factor_device(user) if user is not None else None
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password or PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    if device is None:
        return
    page.wait_for_url(re.compile(r"/dang-nhap/ma-xac-thuc/"))
    page.get_by_label("Mã xác thực").fill(totp_code(device))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
