"""The portal's home and commune pages from the shared page cache (core/pagecache.py): a second anonymous
visit costs no query, a new post shows at once, no cookie is handed out, and staff never share entries
with anonymous visitors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from danvan.announcements import services as announcements
from danvan.core.pagecache import HIT_HEADER

pytestmark = pytest.mark.django_db


def _post(people, commune, title):
    return announcements.post_save(
        by=people.coordinator,
        commune=commune,
        title=title,
        body="Ngày 10/12 tiêm phòng tại nhà văn hóa thôn.",
        category="thong-bao",
        publish_at=timezone.now() - timedelta(minutes=1),
    )


@pytest.mark.parametrize("path", ["/", "/xa/{slug}/"])
def test_a_second_anonymous_visit_is_served_from_the_cache_with_no_query(
    page_cache, commune, people, path, django_assert_num_queries
):
    url = path.format(slug=commune.slug)
    first = Client().get(url)
    assert first.status_code == 200 and first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200 and second[HIT_HEADER] == "hit"
    assert second.content == first.content
    # What the outer and inner middleware add is there on a hit too.
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"
    assert second["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/xa/{slug}/"])
def test_no_cookie_and_no_vary_cookie_on_a_public_page_without_a_form(page_cache, commune, path):
    url = path.format(slug=commune.slug)
    for response in (Client().get(url), Client().get(url)):  # the miss and the hit alike
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert "Cookie" not in response.get("Vary", "")


def test_a_new_post_shows_on_the_commune_page_at_once(page_cache, commune, people):
    url = f"/xa/{commune.slug}/"
    Client().get(url)
    assert Client().get(url)[HIT_HEADER] == "hit"
    _post(people, commune, "Lịch tiêm phòng cho gia súc tháng 12")
    fresh = Client().get(url)
    assert "Lịch tiêm phòng cho gia súc tháng 12" in fresh.content.decode()


def test_a_write_in_another_commune_leaves_this_commune_cached(page_cache, commune, other_commune, people):
    url = f"/xa/{commune.slug}/"
    Client().get(url)
    from danvan.org.services import unit_create

    unit_create(commune=other_commune, name="Tổ công nghệ số", by=None)
    assert Client().get(url)[HIT_HEADER] == "hit"


def test_staff_never_get_an_anonymous_page_nor_leave_theirs(page_cache, client, commune, people):
    url = f"/xa/{commune.slug}/"
    Client().get(url)  # cached for anonymous visitors
    client.force_login(people.coordinator)
    staff_page = client.get(url)
    assert HIT_HEADER not in staff_page
    assert "Không gian làm việc" in staff_page.content.decode()  # the staff's own header
    Client().get("/")  # and the other way round: what staff saw is never stored
    client.get("/")
    anonymous = Client().get("/")
    assert "Không gian làm việc" not in anonymous.content.decode()
    assert "Đăng nhập cán bộ" in anonymous.content.decode()


def test_a_search_is_cached_per_query(page_cache, commune):
    assert "Tà Đùng" in Client().get("/", {"q": "ta dung"}).content.decode()
    hit = Client().get("/", {"q": "ta dung"})
    assert hit[HIT_HEADER] == "hit" and "Tà Đùng" in hit.content.decode()
    assert Client().get("/", {"q": "khong co xa nay"})[HIT_HEADER] == "miss"


def test_an_unknown_commune_is_a_404_and_not_stored(page_cache, commune):
    for _ in range(2):
        response = Client().get("/xa/khong-co-xa-nay/")
        assert response.status_code == 404 and HIT_HEADER not in response


def test_the_cache_off_serves_every_page_fresh(settings, commune):
    settings.DANVAN_PUBLIC_CACHE_SECONDS = 0
    Client().get("/")
    assert HIT_HEADER not in Client().get("/")


def test_a_scheduled_post_appears_at_its_time_however_long_pages_live(page_cache, settings, commune, people):
    import time_machine

    settings.DANVAN_PUBLIC_CACHE_SECONDS = 3 * 86400  # only the post's own time may end the entry
    url = f"/xa/{commune.slug}/"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        announcements.post_save(
            by=people.coordinator,
            commune=commune,
            title="Lịch cắt điện thôn 1 ngày mai",
            body="Cắt điện từ 7 giờ đến 11 giờ để thay dây.",
            category="thong-bao",
            publish_at=timezone.now() + timedelta(minutes=10),
        )
        before = Client().get(url)
        assert "Lịch cắt điện thôn 1 ngày mai" not in before.content.decode()
        clock.shift(timedelta(minutes=9))
        assert Client().get(url)[HIT_HEADER] == "hit"  # still cached until then
        clock.shift(timedelta(minutes=1, seconds=1))
        on_time = Client().get(url)
        assert "Lịch cắt điện thôn 1 ngày mai" in on_time.content.decode()


def test_a_version_lost_from_the_cache_never_brings_back_an_older_page(page_cache, commune, people):
    # An eviction (Redis under memory pressure, the file cache's culling) drops a version key; read as a
    # default it could match a page stored before the write that bumped it.
    url = f"/xa/{commune.slug}/"
    Client().get(url)
    _post(people, commune, "Họp dân thôn 2 tối thứ sáu")
    assert "Họp dân thôn 2 tối thứ sáu" in Client().get(url).content.decode()
    page_cache.delete(f"pcv:c:{commune.slug}:announcements")
    again = Client().get(url)
    assert "Họp dân thôn 2 tối thứ sáu" in again.content.decode()


def test_a_migration_empties_every_public_page(page_cache, commune):
    from django.core.management import call_command

    url = f"/xa/{commune.slug}/"
    Client().get(url)
    assert Client().get(url)[HIT_HEADER] == "hit"
    call_command("migrate", verbosity=0)  # a deploy: data migrations write without the services
    assert Client().get(url)[HIT_HEADER] == "miss"


def test_each_interface_language_gets_its_own_cached_page_and_headers(page_cache, kpm_catalogue, commune):
    url = f"/xa/{commune.slug}/"
    Client().get(url)
    vietnamese = Client().get(url)
    kho = Client()
    kho.cookies["danvan_ngon_ngu"] = "kpm"
    first = kho.get(url)
    assert first[HIT_HEADER] == "miss"  # never the Vietnamese page stored a moment ago
    again = kho.get(url)
    assert again[HIT_HEADER] == "hit" and "[kpm] Gửi phản ánh, kiến nghị" in again.content.decode()
    assert again["Content-Language"] == "kpm" and "Cookie" in again["Vary"]
    assert vietnamese[HIT_HEADER] == "hit" and "[kpm]" not in vietnamese.content.decode()
    assert vietnamese["Content-Language"] == "vi" and "Cookie" in vietnamese["Vary"]


def test_a_cache_that_cannot_keep_the_versions_never_serves_a_stored_page(
    page_cache, monkeypatch, commune, people
):
    # A cache refusing new keys (full, failing): the versions are never known, so no page is stored under
    # an unknown one, and a write always shows.
    from django.core.cache import caches

    url = f"/xa/{commune.slug}/"
    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(caches["default"], "set_many", lambda *args, **kwargs: [])
    assert HIT_HEADER not in Client().get(url)
    _post(people, commune, "Lịch thu gom rác thay đổi")
    again = Client().get(url)
    assert HIT_HEADER not in again and "Lịch thu gom rác thay đổi" in again.content.decode()
