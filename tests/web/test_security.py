"""Deployment security: CSP without inline scripts, HTTPS settings that pass `check --deploy`, no-store on
staff pages and files, safe download names, Vietnamese password rules and lock-out, password change."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from danvan.core.files import download_name
from danvan.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "danvan"


def test_every_page_carries_a_csp_that_allows_no_inline_script(client, commune):
    for url in ("/", f"/xa/{commune.slug}/", "/dang-nhap/"):
        policy = client.get(url)["Content-Security-Policy"]
        script = re.search(r"script-src ([^;]*)", policy).group(1)
        assert script.strip() == "'self'", policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_an_inline_script_or_event_handler():
    """A CSP without 'unsafe-inline' would silently break such a page: keep all JS in static files."""
    bad = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
            if "src=" not in tag:
                bad.append(f"{path}: {tag}")
        bad += [f"{path}: {m}" for m in re.findall(r"<[^>]*\son[a-z]+\s*=", text, flags=re.I)]
        bad += [f"{path}: javascript:" for _ in re.findall(r"javascript:", text, flags=re.I)]
    assert bad == []


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    env = {
        **os.environ,
        "DANVAN_HTTPS": "1",
        "DANVAN_DEBUG": "0",
        "DANVAN_SECRET_KEY": "k" * 20 + "-production-secret-" + "x9Z!q" * 8,
        "DANVAN_ALLOWED_HOSTS": "taydung.lamdong.gov.vn",
        "DANVAN_DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' Playwright, never in production
    run = subprocess.run(
        [sys.executable, "-m", "danvan.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_staff_pages_and_files_are_no_store_public_pages_are_not(client, people, commune):
    client.force_login(people.coordinator)
    for url in (f"/lam-viec/{commune.code}/", f"/lam-viec/{commune.code}/don-thu/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.logout()
    assert "no-store" not in client.get(f"/xa/{commune.slug}/").get("Cache-Control", "")


def test_a_png_uploaded_as_html_downloads_with_the_png_extension_and_no_store(client, people, commune):
    from danvan.petitions.models import Attachment
    from tests.petitions.conftest import png, submit

    p = submit(commune, "feedback", attachments=[png("x.html")])
    a = Attachment.objects.get(petition=p)
    client.force_login(people.coordinator)
    r = client.get(f"/lam-viec/{commune.code}/don-thu/{p.pk}/tep/{a.pk}/")
    assert r.status_code == 200
    assert 'filename="x.html.png"' in r["Content-Disposition"] and r["Content-Type"] == "image/png"
    assert "no-store" in r["Cache-Control"]


@pytest.mark.parametrize(
    "name, kind, expected",
    [
        ("x.html", "png", "x.html.png"),
        ("anh.JPG", "jpg", "anh.JPG"),
        ("anh.jpeg", "jpg", "anh.jpeg"),
        ('../../"evil"\r\n.pdf', "pdf", "evil.pdf"),
        ("", "pdf", "tep.pdf"),
    ],
)
def test_download_names_follow_the_real_type(name, kind, expected):
    assert download_name(name, kind, fallback="tep") == expected


@pytest.mark.parametrize(
    "password, words",
    [
        ("matkhau123", "quá phổ biến"),
        ("Matkhau@123", "quá phổ biến"),
        ("hanoi2026!!", "quá phổ biến"),
        ("ngan1!", "ít nhất 10 ký tự"),
        ("12345678901234", "chỉ gồm chữ số"),
        ("password123", "phổ biến"),
    ],
)
def test_weak_passwords_are_refused_in_vietnamese(password, words):
    with pytest.raises(ValidationError) as err:
        validate_password(password)
    assert any(words in m for m in err.value.messages), err.value.messages


def test_a_good_password_passes():
    validate_password("Cau-tran-thon-1-mua-lu")


def test_the_lock_out_page_says_30_phut(client, people):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        r = client.post("/dang-nhap/", {"username": "dieuphoi", "password": "sai-mat-khau"})
    page = r.content.decode()
    assert r.status_code == 429 and "30 phút" in page and "PT30M" not in page


def test_staff_change_their_own_password_and_it_is_audited(client, people):
    client.force_login(people.coordinator)
    url = "/tai-khoan/mat-khau/"
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "matkhau123", "new_password2": "matkhau123"}
    )
    assert weak.status_code == 200 and "quá phổ biến" in weak.content.decode()
    new = "Cau-tran-thon-1-mua-lu"
    r = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert r.status_code == 302
    people.coordinator.refresh_from_db()
    assert people.coordinator.check_password(new)
    assert AuditEvent.objects.filter(action="web.password_change").count() == 1
    assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/open311/v2/services.json?jurisdiction_id=ta%00dung", "open311"),
        ("/open311/v2/services.xml?jurisdiction_id=%C2%8C%00", "open311"),
        ("/api/v1/communes/24637/hotspots/?status=open%00", "api"),
        ("/?q=ta%00dung", "page"),
    ],
)
def test_a_nul_character_anywhere_is_a_vietnamese_400_not_a_500(client, people, url, kind):
    """Found by schemathesis on PostgreSQL: %00 in Open311's jurisdiction_id reached the database."""
    response = client.get(url)
    assert response.status_code == 400
    if kind == "open311":
        assert response.json()[0]["error_code"] == "nul"
    elif kind == "api":
        assert response.json()["error"]["code"] == "nul"
    else:
        assert "ký tự không hợp lệ" in response.content.decode()
