"""The "Căn cứ pháp lý" page: every rule in force, linked to where the product uses it; staff only."""

from __future__ import annotations

from django.urls import reverse


def test_staff_see_the_rules_of_the_day_asked_with_links(client, people, commune):
    client.force_login(people.officer)
    url = reverse("web:ws_rules", args=[commune.code])
    page = client.get(url, {"ngay": "2026-06-30"}).content.decode()
    assert "ít nhất 01 ngày trong 01 tuần" in page
    assert reverse("engagement:schedule", args=[commune.code]) in page
    page = client.get(url, {"ngay": "2026-07-01"}).content.decode()
    assert "ít nhất 02 ngày trong 01 tháng" in page and "Chưa xác nhận" in page
    home = client.get(reverse("web:ws_home", args=[commune.code])).content.decode()
    assert url in home  # reachable from the workspace menu


def test_a_bad_date_shows_today_and_says_so(client, people, commune):
    client.force_login(people.officer)
    response = client.get(reverse("web:ws_rules", args=[commune.code]), {"ngay": "30/6/2026"})
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.content.decode()


def test_another_communes_staff_get_404(client, people, commune):
    client.force_login(people.outsider)
    assert client.get(reverse("web:ws_rules", args=[commune.code])).status_code == 404
