"""The interface text goes through gettext: Vietnamese by default whatever the browser asks, and a
translation a translator compiles (here a test catalogue built by the documented procedure) shows once
the resident picks its language in the chooser. The catalogue is `kpm_catalogue` in tests/conftest.py."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
COOKIE = "danvan_ngon_ngu"


def test_vietnamese_whatever_the_browser_prefers(client, settings):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="vi">' in page and "Tìm xã/phường của bạn" in page
    assert response["Content-Language"] == "vi"
    # With Vietnamese only there is nothing to choose.
    assert [code for code, _name in settings.LANGUAGES] == ["vi"]
    assert "Ngôn ngữ giao diện" not in page


def test_a_language_without_a_catalogue_cannot_be_chosen(client):
    response = client.get("/ngon-ngu/kpm/?tiep=/")
    assert response.status_code == 404 and "Chưa có bản dịch" in response.content.decode()
    client.cookies[COOKIE] = "kpm"
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_a_compiled_catalogue_translates_the_portal_once_chosen(client, kpm_catalogue, commune):
    home = client.get("/").content.decode()
    assert "Ngôn ngữ giao diện" in home and "/ngon-ngu/kpm/?tiep=/" in home

    response = client.get("/ngon-ngu/kpm/?tiep=/xa/ta-dung/")
    assert response.status_code == 302 and response["Location"] == "/xa/ta-dung/"
    assert response.cookies[COOKIE].value == "kpm"

    home = client.get("/")
    assert home["Content-Language"] == "kpm" and "Cookie" in home["Vary"]
    text = home.content.decode()
    assert '<html lang="kpm">' in text and "[kpm] Tìm xã/phường của bạn" in text
    # A string the translator has not done yet stays in Vietnamese.
    assert "Các xã, phường đang sử dụng" in text
    portal = client.get(f"/xa/{commune.slug}/").content.decode()
    assert "[kpm] Gửi phản ánh, kiến nghị" in portal

    client.get("/ngon-ngu/vi/?tiep=/")
    assert "[kpm]" not in client.get("/").content.decode()


def test_the_chooser_never_sends_anyone_to_another_site(client, kpm_catalogue):
    for target in ("https://example.com/", "//example.com/", ""):
        response = client.get("/ngon-ngu/kpm/", {"tiep": target})
        assert response.status_code == 302 and response["Location"] == "/"
