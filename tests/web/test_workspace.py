"""Every staff page: own commune works, another commune is a 404, roles decide who may write."""

import pytest

from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.org.models import Unit

pytestmark = pytest.mark.django_db


def pages(commune, unit, village):
    base = f"/lam-viec/{commune.code}"
    return [
        f"{base}/",
        f"{base}/don-vi/",
        f"{base}/don-vi/{unit.pk}/",
        f"{base}/thon/",
        f"{base}/thon/{village.pk}/",
        f"{base}/lich/",
        f"{base}/nhat-ky/",
    ]


@pytest.fixture
def own(commune, people):
    return pages(commune, Unit.objects.filter(commune=commune).first(), Village.objects.get(commune=commune))


def test_every_page_opens_for_the_leader(client, people, own):
    client.force_login(people.leader)
    for url in own:
        assert client.get(url).status_code == 200, url


def test_every_page_is_not_found_for_another_communes_user(client, people, own):
    client.force_login(people.outsider)
    for url in own:
        assert client.get(url).status_code == 404, url


def test_another_communes_objects_are_not_found_under_ones_own_address(
    client, people, commune, other_commune
):
    foreign_unit = Unit.objects.filter(commune=other_commune).first()
    foreign_village = Village.objects.create(commune=other_commune, name="Tổ dân phố 1")
    client.force_login(people.leader)
    assert client.get(f"/lam-viec/{commune.code}/don-vi/{foreign_unit.pk}/").status_code == 404
    assert client.get(f"/lam-viec/{commune.code}/thon/{foreign_village.pk}/").status_code == 404
    response = client.post(
        f"/lam-viec/{commune.code}/thon/{foreign_village.pk}/", {"name": "Đổi", "kind": "thon"}
    )
    assert response.status_code == 404
    foreign_village.refresh_from_db()
    assert foreign_village.name == "Tổ dân phố 1"


def test_province_viewer_reads_but_cannot_write(client, people, commune):
    client.force_login(people.province_viewer)
    assert client.get(f"/lam-viec/{commune.code}/").status_code == 200
    response = client.post(f"/lam-viec/{commune.code}/thon/", {"name": "Thôn 9", "kind": "thon"})
    assert response.status_code == 403
    assert not Village.objects.filter(name="Thôn 9").exists()


def test_supervisor_cannot_add_units_or_read_the_audit_log(client, people, commune):
    client.force_login(people.supervisor)
    assert client.post(f"/lam-viec/{commune.code}/don-vi/", {"name": "Ban mới"}).status_code == 403
    assert not Unit.objects.filter(name="Ban mới").exists()
    assert client.get(f"/lam-viec/{commune.code}/nhat-ky/").status_code == 403


def test_coordinator_adds_a_village_and_it_is_audited(client, people, commune):
    client.force_login(people.coordinator)
    response = client.post(
        f"/lam-viec/{commune.code}/thon/",
        {"name": "Bon Đắk Rồ", "kind": "buon", "households": "64"},
        follow=True,
    )
    assert "Đã thêm “Bon Đắk Rồ”." in response.content.decode()
    village = Village.objects.get(commune=commune, name="Bon Đắk Rồ")
    assert village.households == 64
    event = AuditEvent.objects.get(action="geo.village_create")
    assert event.actor == people.coordinator and event.commune == commune


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "kind": "thon"}, "Vui lòng nhập tên thôn/tổ dân phố."),
        ({"name": "Thôn 1", "kind": "thon"}, "Xã đã có “Thôn 1”."),
        ({"name": "Thôn 7", "kind": "thon", "households": "-3"}, "Số hộ không được âm."),
        ({"name": "Thôn 7", "kind": "thon", "households": "nhiều"}, "Số hộ phải là số nguyên."),
    ],
)
def test_bad_village_input_is_explained_and_changes_nothing(client, people, commune, data, message):
    client.force_login(people.coordinator)
    before = (Village.objects.count(), AuditEvent.objects.count())
    response = client.post(f"/lam-viec/{commune.code}/thon/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Village.objects.count(), AuditEvent.objects.count()) == before


def test_leader_renames_a_unit(client, people, commune):
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    client.force_login(people.leader)
    client.post(
        f"/lam-viec/{commune.code}/don-vi/{unit.pk}/", {"name": "Phòng Kinh tế – Hạ tầng", "short_name": "KT"}
    )
    unit.refresh_from_db()
    assert (unit.name, unit.is_active) == ("Phòng Kinh tế – Hạ tầng", False)  # unticked box = inactive
    assert AuditEvent.objects.filter(action="org.unit_update", object_id=str(unit.pk)).exists()


def test_calendar_page_computes_a_deadline_and_lists_days_off(client, people, commune):
    client.force_login(people.officer)
    page = client.get(
        f"/lam-viec/{commune.code}/lich/",
        {"nam": "2026", "start": "12/02/2026", "amount": "3", "unit": "working"},
    )
    text = page.content.decode()
    assert "24/02/2026" in text
    assert "22/08/2026" in text and "ngày làm bù" in text
    bad = client.get(
        f"/lam-viec/{commune.code}/lich/", {"start": "31/02/2026", "amount": "3", "unit": "working"}
    )
    assert "Ngày không hợp lệ" in bad.content.decode()


def test_audit_view_filters_by_object_person_and_date(client, people, commune):
    client.force_login(people.coordinator)
    client.post(f"/lam-viec/{commune.code}/thon/", {"name": "Thôn 8", "kind": "thon"})
    client.force_login(people.leader)
    url = f"/lam-viec/{commune.code}/nhat-ky/"
    assert "Thôn 8" in client.get(url, {"actor": "dieuphoi"}).content.decode()
    assert "Thôn 8" not in client.get(url, {"actor": "chutich"}).content.decode()
    assert "Thôn 8" in client.get(url, {"object_type": "geo.village"}).content.decode()
    assert "Thôn 8" not in client.get(url, {"until": "01/01/2020"}).content.decode()
    reversed_range = client.get(url, {"since": "02/01/2026", "until": "01/01/2026"}).content.decode()
    assert "“Từ ngày” phải trước hoặc bằng “Đến ngày”." in reversed_range


def test_workspace_chooser_lists_a_province_viewers_communes(client, people, commune, neighbour):
    client.force_login(people.province_viewer)
    page = client.get("/lam-viec/").content.decode()
    assert "Xã Tà Đùng" in page and "Xã Quảng Hòa" in page and "Phường Ba Đình" not in page
    client.force_login(people.nobody)
    assert "chưa được phân quyền" in client.get("/lam-viec/").content.decode()


def test_village_list_query_count_does_not_grow_with_villages(
    client, people, commune, django_assert_max_num_queries
):
    client.force_login(people.leader)
    url = f"/lam-viec/{commune.code}/thon/"
    Village.objects.bulk_create(
        Village(commune=commune, name=f"Thôn {i}", households=i) for i in range(2, 12)
    )
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    Village.objects.bulk_create(Village(commune=commune, name=f"Xóm {i}", households=i) for i in range(100))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_home_warns_who_keeps_the_schedule_about_a_week_without_the_chairman(client, people, commune):
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "Chưa đủ lịch Chủ tịch UBND xã tiếp công dân: " in page
    client.force_login(people.officer)
    page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "Chưa đủ lịch Chủ tịch" not in page


def test_home_counts_open_hotspots_and_links_every_module(client, people, commune):
    from danvan.petitions.models import HotspotAlert

    HotspotAlert.objects.create(commune=commune, reason=HotspotAlert.Reason.MASS, key="mass:1")
    HotspotAlert.objects.create(
        commune=commune, reason=HotspotAlert.Reason.MASS, key="mass:2", status=HotspotAlert.Status.RESOLVED
    )
    client.force_login(people.leader)
    page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "1 điểm nóng" in page
    for name in ("Tiếp công dân, đối thoại", "Dân chủ ở cơ sở", "Bàn và quyết định ở thôn"):
        assert name in page


def test_the_province_viewer_is_offered_the_provinces_report_view(client, people, commune):
    client.force_login(people.province_viewer)
    page = client.get("/lam-viec/").content.decode()
    assert f"/tinh/{commune.province.code}/bao-cao/" in page
    assert "Theo dõi cấp tỉnh" in page
    assert client.get(f"/tinh/{commune.province.code}/bao-cao/").status_code == 200


def test_a_commune_official_sees_no_province_view(client, people, commune):
    client.force_login(people.coordinator)
    response = client.get("/lam-viec/", follow=True)
    assert "Theo dõi cấp tỉnh" not in response.content.decode()
    assert client.get(f"/tinh/{commune.province.code}/bao-cao/").status_code == 404


def test_reports_are_in_the_workspace_menu_for_staff(client, people, commune):
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert f'href="/lam-viec/{commune.code}/bao-cao/"' in page
