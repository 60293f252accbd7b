"""The citizen's petition pages from the shared page cache (core/pagecache.py): tracking by code, results
and statistics. A staff action shows at once, the rating form still works from a cached page, and a
denunciation's page holds what it holds without the cache, nothing more."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client

from danvan.core.pagecache import CSRF_PLACEHOLDER, HIT_HEADER
from danvan.petitions import services
from danvan.petitions.models import Petition
from tests.petitions.conftest import DENOUNCER, accepted, classify, submit

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def track(commune, code, client=None):
    return (client or Client()).get(f"/xa/{commune.slug}/tra-cuu/", {"ma": code})


def resolved(commune, people, unit):
    p = classify(submit(commune, "feedback", publish_consent=True), people, unit, "feedback")
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Đã nạo vét cống.", on=date(2026, 3, 10), publish=True, by=people.officer
    )
    if p.status == "in_review":  # the leader approves an answer before it is published
        p = services.petition_answer_approve(petition=p, by=people.leader)
    return p


def test_tracking_is_served_from_the_cache_and_a_staff_action_shows_at_once(
    page_cache, commune, people, unit, django_assert_num_queries
):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    assert track(commune, p.tracking_code)[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        again = track(commune, p.tracking_code)
    assert again[HIT_HEADER] == "hit" and "Đã nhận đơn" in again.content.decode()
    # Never kept by the browser: the page shows what the sender wrote.
    assert "no-store" in again["Cache-Control"]

    services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    after = track(commune, p.tracking_code)
    assert after[HIT_HEADER] == "miss"
    assert "Đang giải quyết" in after.content.decode()


def test_a_cached_tracking_page_hands_each_visitor_their_own_working_csrf_token(
    page_cache, commune, people, unit
):
    p = resolved(commune, people, unit)
    first = track(commune, p.tracking_code)
    assert first[HIT_HEADER] == "miss" and "Gửi đánh giá" in first.content.decode()

    visitor = Client(enforce_csrf_checks=True)
    page = track(commune, p.tracking_code, visitor)
    html = page.content.decode()
    assert page[HIT_HEADER] == "hit"
    assert CSRF_PLACEHOLDER.decode() not in html
    token = TOKEN.search(html).group(1)
    assert TOKEN.search(first.content.decode()).group(1) != token
    assert "csrftoken" in page.cookies  # this page has a form: the cookie goes with it

    response = visitor.post(
        f"/xa/{commune.slug}/tra-cuu/danh-gia/",
        {"ma": p.tracking_code, "rating": "5", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.rating == 5
    # The rating is a write: the next anonymous visitor sees it, without the form.
    html = track(commune, p.tracking_code).content.decode()
    assert "Đánh giá của bạn" in html and "Gửi đánh giá" not in html


def test_a_forged_rating_from_a_cached_page_is_still_refused(page_cache, commune, people, unit):
    p = resolved(commune, people, unit)
    track(commune, p.tracking_code)
    visitor = Client(enforce_csrf_checks=True)
    track(commune, p.tracking_code, visitor)
    response = visitor.post(
        f"/xa/{commune.slug}/tra-cuu/danh-gia/",
        {"ma": p.tracking_code, "rating": "5", "csrfmiddlewaretoken": CSRF_PLACEHOLDER.decode()},
    )
    assert response.status_code == 403
    p.refresh_from_db()
    assert p.rating is None


def test_a_denunciations_cached_page_shows_what_it_shows_uncached_and_never_the_denouncer(
    page_cache, settings, commune, people, unit
):
    p = classify(submit(commune, "denunciation", identity=dict(DENOUNCER)), people, unit, "denunciation")
    settings.DANVAN_PUBLIC_CACHE_SECONDS = 0
    uncached = track(commune, p.tracking_code)
    settings.DANVAN_PUBLIC_CACHE_SECONDS = 5
    track(commune, p.tracking_code)
    cached = track(commune, p.tracking_code)
    assert cached[HIT_HEADER] == "hit"
    assert cached.content == uncached.content
    html = cached.content.decode()
    for secret in (DENOUNCER["full_name"], DENOUNCER["phone"], DENOUNCER["address"], p.content):
        assert secret not in html


def test_staff_get_their_own_tracking_page_never_the_cached_one(page_cache, client, commune, people, unit):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    track(commune, p.tracking_code)
    client.force_login(people.officer)
    response = track(commune, p.tracking_code, client)
    assert HIT_HEADER not in response


def test_an_unknown_code_is_a_404_never_stored(page_cache, commune):
    for _ in range(2):
        response = track(commune, "ABC-DEF-2345")
        assert response.status_code == 404 and HIT_HEADER not in response


@pytest.mark.parametrize("page", ["thong-ke/", "ket-qua/"])
def test_results_and_statistics_are_cached_and_a_new_published_result_shows_at_once(
    page_cache, commune, people, unit, page, django_assert_num_queries
):
    url = f"/xa/{commune.slug}/{page}"
    Client().get(url)
    with django_assert_num_queries(0):
        hit = Client().get(url)
    assert hit[HIT_HEADER] == "hit" and not hit.cookies
    resolved(commune, people, unit)
    fresh = Client().get(url)
    assert fresh[HIT_HEADER] == "miss"
    if page == "ket-qua/":
        assert "Đã nạo vét cống." in fresh.content.decode()


def test_the_submit_form_is_never_cached_and_its_csrf_still_works(page_cache, commune):
    visitor = Client(enforce_csrf_checks=True)
    url = f"/xa/{commune.slug}/phan-anh/"
    page = visitor.get(url)
    assert HIT_HEADER not in page and "csrftoken" in page.cookies
    assert HIT_HEADER not in Client().get(url)
    html = page.content.decode()
    token = TOKEN.search(html).group(1)
    client_token = re.search(r'name="client_token" value="([0-9a-f]+)"', html).group(1)
    response = visitor.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "content": "Cống thoát nước đầu thôn bị tắc, nước tràn lên mặt đường.",
            "kind_hint": "feedback",
            "client_token": client_token,
        },
    )
    assert response.status_code == 200
    assert Petition.objects.filter(client_token=client_token).exists()


def test_tomorrows_overdue_count_shows_the_next_day_however_long_pages_live(
    page_cache, settings, commune, people, unit
):
    import time_machine
    from django.utils import timezone

    settings.DANVAN_PUBLIC_CACHE_SECONDS = 3 * 86400  # only the change of day may end the entry
    p = accepted(commune, people, unit, "feedback")
    url = f"/xa/{commune.slug}/thong-ke/?nam={p.resolve_due.year}"
    due_day = timezone.make_aware(datetime.combine(p.resolve_due, time(16)))
    with time_machine.travel(due_day, tick=False) as clock:
        assert "<strong>0</strong> đang quá hạn" in Client().get(url).content.decode()
        assert Client().get(url)[HIT_HEADER] == "hit"
        clock.shift(timedelta(hours=9))  # 1:00 the next morning
        next_day = Client().get(url)
        assert next_day[HIT_HEADER] == "miss"
        assert "<strong>1</strong> đang quá hạn" in next_day.content.decode()


def test_a_new_petition_counts_at_once_but_leaves_other_tracking_pages_and_results_cached(
    page_cache, commune, people, unit
):
    p = resolved(commune, people, unit)
    pages = [
        (f"/xa/{commune.slug}/tra-cuu/", {"ma": p.tracking_code}),
        (f"/xa/{commune.slug}/ket-qua/", {}),
        (f"/xa/{commune.slug}/thong-ke/", {}),
    ]
    for url, query in pages:
        Client().get(url, query)
    submit(commune, "feedback")
    tracking, results, statistics = (Client().get(url, query) for url, query in pages)
    assert tracking[HIT_HEADER] == "hit" and results[HIT_HEADER] == "hit"
    assert statistics[HIT_HEADER] == "miss"


def test_a_field_renamed_in_the_django_admin_shows_at_once(page_cache, client, commune, people, unit):
    from danvan.petitions.models import Field

    field = Field.objects.create(name="Giao thông nông thôn", sort_order=5)
    p = classify(submit(commune, "feedback"), people, unit, "feedback", field=field)
    assert "Giao thông nông thôn" in track(commune, p.tracking_code).content.decode()
    people.admin.is_staff = people.admin.is_superuser = True
    people.admin.save()
    client.force_login(people.admin)
    url = f"/quan-tri/petitions/field/{field.pk}/change/"
    keywords = client.get(url).context["inline_admin_formsets"][0].formset.prefix
    saved = client.post(
        url,
        {"name": "Giao thông, thủy lợi", "sort_order": 5, "is_active": "on"}
        | {f"{keywords}-TOTAL_FORMS": 0, f"{keywords}-INITIAL_FORMS": 0},
    )
    assert saved.status_code == 302
    assert "Giao thông, thủy lợi" in track(commune, p.tracking_code).content.decode()


def test_the_units_new_name_shows_on_a_cached_tracking_page_at_once(page_cache, commune, people, unit):
    from danvan.org.services import unit_update

    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    track(commune, p.tracking_code)
    unit_update(
        unit=unit, name="Phòng Kinh tế, Hạ tầng và Đô thị", short_name="", is_active=True, by=people.admin
    )
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in track(commune, p.tracking_code).content.decode()


# --- on Redis, the deployed cache: the versions and the page come back in one MGET -------------------


@pytest.fixture
def redis_page_cache(settings):
    from tests.core.nodes import redis_settings

    with redis_settings(DANVAN_PUBLIC_CACHE_SECONDS=5) as prefix:
        yield prefix


def test_on_redis_a_hit_is_served_and_a_staff_action_or_a_lost_version_never_serves_the_old_page(
    redis_page_cache, commune, people, unit, django_assert_num_queries
):
    from django.core.cache import caches

    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    assert track(commune, p.tracking_code)[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        hit = track(commune, p.tracking_code)
    assert hit[HIT_HEADER] == "hit" and "Đã nhận đơn" in hit.content.decode()

    services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    after = track(commune, p.tracking_code)
    assert after[HIT_HEADER] == "miss" and "Đang giải quyết" in after.content.decode()
    assert track(commune, p.tracking_code)[HIT_HEADER] == "hit"
    # Redis evicts the version the page was stored under: it is created afresh, and the stored page no
    # longer matches it.
    caches["default"].delete(f"pcv:c:{commune.slug}:petitions")
    again = track(commune, p.tracking_code)
    assert again[HIT_HEADER] == "miss" and "Đang giải quyết" in again.content.decode()


def test_on_redis_each_visitor_of_a_cached_page_gets_their_own_working_csrf_token(
    redis_page_cache, commune, people, unit
):
    p = resolved(commune, people, unit)
    first = track(commune, p.tracking_code)
    visitor = Client(enforce_csrf_checks=True)
    page = track(commune, p.tracking_code, visitor)
    assert page[HIT_HEADER] == "hit" and "csrftoken" in page.cookies
    token = TOKEN.search(page.content.decode()).group(1)
    assert TOKEN.search(first.content.decode()).group(1) != token
    response = visitor.post(
        f"/xa/{commune.slug}/tra-cuu/danh-gia/",
        {"ma": p.tracking_code, "rating": "4", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.rating == 4


def test_fields_deleted_together_in_the_django_admin_leave_the_public_pages_at_once(
    page_cache, client, commune, people
):
    # Django logs a deletion of several rows with bulk_create (no post_save): the action itself invalidates.
    from danvan.petitions.models import Field

    gone = [
        Field.objects.create(commune=commune, name="Chợ phiên", sort_order=7),
        Field.objects.create(commune=commune, name="Nghĩa trang nhân dân", sort_order=8),
    ]
    url = f"/xa/{commune.slug}/ket-qua/"
    Client().get(url)
    cached = Client().get(url)
    assert cached[HIT_HEADER] == "hit" and "Nghĩa trang nhân dân" in cached.content.decode()

    people.admin.is_staff = people.admin.is_superuser = True
    people.admin.save()
    client.force_login(people.admin)
    chosen = {"action": "delete_selected", "_selected_action": [f.pk for f in gone]}
    asked = client.post("/quan-tri/petitions/field/", chosen)
    assert asked.status_code == 200 and "Chợ phiên" in asked.content.decode()  # the confirmation page
    assert Client().get(url)[HIT_HEADER] == "hit"  # nothing deleted yet: the page stays cached
    done = client.post("/quan-tri/petitions/field/", chosen | {"post": "yes"})
    assert done.status_code == 302 and not Field.objects.filter(pk__in=[f.pk for f in gone]).exists()

    after = Client().get(url).content.decode()
    assert "Chợ phiên" not in after and "Nghĩa trang nhân dân" not in after
