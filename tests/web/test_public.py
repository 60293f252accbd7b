"""The public side a citizen sees: find the commune, open its portal."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_active_communes_and_finds_one_without_accents(client, commune):
    assert "Xã Tà Đùng" in client.get("/").content.decode()
    page = client.get("/", {"q": "ta dung"}).content.decode()
    assert 'href="/xa/ta-dung/"' in page


def test_search_says_when_nothing_matches(client, commune):
    assert "Không tìm thấy xã/phường nào có tên “zzz”" in client.get("/", {"q": "zzz"}).content.decode()


def test_portal_shows_the_commune_units_and_villages(client, people, commune):
    page = client.get("/xa/ta-dung/").content.decode()
    assert "<h1>Xã Tà Đùng</h1>" in page
    assert "Tỉnh Lâm Đồng" in page
    assert "của UBND xã Tà Đùng." in page
    assert "Phòng Văn hóa – Xã hội" in page
    assert "Thôn 1" in page and "120 hộ" in page
    assert '<html lang="vi">' in page


def test_unknown_or_inactive_commune_is_a_vietnamese_404(client, commune, lam_dong):
    from tests.conftest import make_commune

    make_commune("24700", "Xã Chưa Dùng", lam_dong, "chua-dung", active=False)
    for url in ("/xa/khong-ton-tai/", "/xa/chua-dung/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy" in response.content.decode()


def test_pages_use_no_external_resources(client, commune):
    page = client.get("/xa/ta-dung/").content.decode()
    assert "http://" not in page.replace('xmlns="http://', "") and "https://" not in page


def test_portal_links_every_public_service_of_the_commune(client, commune):
    page = client.get("/xa/ta-dung/").content.decode()
    for link in (
        "/xa/ta-dung/phan-anh/",
        "/xa/ta-dung/ket-qua/",
        "/xa/ta-dung/lich-tiep-dan/",
        "/xa/ta-dung/cong-khai/",
        "/xa/ta-dung/lay-y-kien/",
        "/xa/ta-dung/ban-quyet-dinh/",
    ):
        assert f'href="{link}' in page, link
        assert client.get(link).status_code == 200, link
