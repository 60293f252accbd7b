"""Provincial agencies as bodies of their own: the province adds one with its internal units and first
accounts; it sees only itself, the province sees it with its communes, nobody else finds it."""

from __future__ import annotations

import pytest
from django.http import Http404

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Commune
from danvan.geo.selectors import active_communes
from danvan.org.access import commune_for, visible_communes
from danvan.org.activation import FirstAccount, agency_onboard, commune_onboard
from danvan.org.models import Membership, Role, Unit

pytestmark = pytest.mark.django_db

UNITS = ["Phòng Tổng hợp", "Phòng Hành chính – Tổ chức", "Trung tâm Công báo – Tin học"]
COORDINATOR = FirstAccount(Role.COORDINATOR, "vp.dieuphoi", "Đỗ Thị Hạnh")
LEADER = FirstAccount(Role.COMMUNE_LEADER, "vp.chanhvp", "Phan Văn Khải")


@pytest.fixture
def agency(people, lam_dong) -> Commune:
    return agency_onboard(
        province=lam_dong,
        name="Văn phòng UBND tỉnh Lâm Đồng",
        units=UNITS,
        accounts=[COORDINATOR, LEADER],
        by=people.province_viewer,
    ).commune


def test_province_adds_an_agency_with_its_own_units_and_accounts(agency, lam_dong):
    assert agency.is_agency and agency.is_active and agency.activated_at
    # A code outside the official 5-digit range, under the province
    assert agency.code == "C6801" and agency.province == lam_dong
    # Only its own units: none of a commune's standard units
    assert sorted(Unit.objects.filter(commune=agency).values_list("name", flat=True)) == sorted(UNITS)
    assert Membership.objects.filter(
        commune=agency, role=Role.COORDINATOR, user__username="vp.dieuphoi"
    ).exists()
    event = AuditEvent.objects.get(action="org.agency_onboard")
    assert event.commune_id == agency.code


def test_second_agency_gets_the_next_code_and_a_name_is_used_once(agency, people, lam_dong):
    other = agency_onboard(
        province=lam_dong,
        name="Sở Nội vụ",
        units=["Phòng Xây dựng chính quyền"],
        accounts=[FirstAccount(Role.COORDINATOR, "snv.dieuphoi", "Lý Văn Minh")],
        by=people.admin,
    ).commune
    assert other.code == "C6802"
    before = Commune.objects.count()
    with pytest.raises(ServiceError, match="đã có"):
        agency_onboard(
            province=lam_dong,
            name="VĂN PHÒNG UBND TỈNH LÂM ĐỒNG",
            units=["Phòng A"],
            accounts=[FirstAccount(Role.COORDINATOR, "x.dieuphoi", "Ai Đó")],
            by=people.admin,
        )
    assert Commune.objects.count() == before


def test_the_agency_sees_only_itself_and_the_province_sees_it(agency, commune, people):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="vp.dieuphoi")
    assert list(visible_communes(staff)) == [agency]
    assert commune_for(staff, agency.code, permission="plans.manage") == agency
    with pytest.raises(Http404):
        commune_for(staff, commune.code)
    # The province watches it like its communes; a commune's coordinator does not see it
    assert agency in visible_communes(people.province_viewer)
    with pytest.raises(Http404):
        commune_for(people.coordinator, agency.code)
    with pytest.raises(Http404):
        commune_for(people.outsider, agency.code)


def test_an_agency_has_no_public_portal(agency, commune, client):
    assert agency not in active_communes() and commune in active_communes()
    assert client.get(f"/xa/{agency.slug}/").status_code == 404
    assert "Văn phòng UBND" not in client.get("/", {"q": "van phong"}).content.decode()


def test_another_province_cannot_add_an_agency_and_nothing_is_left(people, ha_noi):
    with pytest.raises(ServiceError, match="không có quyền"):
        agency_onboard(
            province=ha_noi,
            name="Sở Nội vụ",
            units=["Phòng A"],
            accounts=[COORDINATOR],
            by=people.province_viewer,
        )
    assert not Commune.objects.filter(division_type=Commune.DivisionType.AGENCY).exists()


@pytest.mark.parametrize(
    "units, accounts, message",
    [
        ([], [COORDINATOR], "ít nhất một đơn vị"),
        (["Phòng A", "phòng a"], [COORDINATOR], "trùng tên"),
        (["Phòng A"], [LEADER], "công chức đầu mối"),
    ],
)
def test_bad_agency_input_is_refused_with_nothing_created(people, lam_dong, units, accounts, message):
    with pytest.raises(ServiceError, match=message):
        agency_onboard(province=lam_dong, name="Sở Tư pháp", units=units, accounts=accounts, by=people.admin)
    assert not Commune.objects.filter(division_type=Commune.DivisionType.AGENCY).exists()


def test_a_failing_account_leaves_no_agency(people, lam_dong):
    taken = FirstAccount(Role.COORDINATOR, people.coordinator.username, "Trùng Tên")
    with pytest.raises(ServiceError):
        agency_onboard(
            province=lam_dong, name="Sở Tư pháp", units=["Phòng A"], accounts=[taken], by=people.admin
        )
    assert not Commune.objects.filter(division_type=Commune.DivisionType.AGENCY).exists()


def test_the_commune_activation_refuses_an_agency(agency, people):
    Commune.objects.filter(pk=agency.pk).update(is_active=False)
    agency.refresh_from_db()
    with pytest.raises(ServiceError, match="cơ quan cấp tỉnh"):
        commune_onboard(commune=agency, villages=[], accounts=[COORDINATOR], by=people.admin)


# --- the page -------------------------------------------------------------------------------------


def agency_form(**extra) -> dict:
    return {
        "name": "Văn phòng UBND tỉnh Lâm Đồng",
        "extra_units": "Phòng Tổng hợp\nTrung tâm Công báo – Tin học",
        "coordinator_username": "vp.dieuphoi",
        "coordinator_name": "Đỗ Thị Hạnh",
        "coordinator_email": "",
        "leader_username": "",
        "leader_name": "",
        "leader_email": "",
        **extra,
    }


def test_province_adds_an_agency_from_its_page(client, people, lam_dong):
    client.force_login(people.province_viewer)
    page = client.get(f"/tinh/{lam_dong.code}/kich-hoat/")
    assert "Thêm cơ quan, đơn vị" in page.content.decode()
    response = client.post(f"/tinh/{lam_dong.code}/kich-hoat/co-quan/", agency_form())
    body = response.content.decode()
    assert response.status_code == 200 and "Đã kích hoạt Văn phòng UBND tỉnh Lâm Đồng" in body
    assert "no-store" in response.get("Cache-Control", "")
    agency = Commune.objects.get(division_type=Commune.DivisionType.AGENCY)
    assert f"/lam-viec/{agency.code}/" in body
    listing = client.get(f"/tinh/{lam_dong.code}/kich-hoat/").content.decode()
    assert "Văn phòng UBND tỉnh Lâm Đồng" in listing and agency.code in listing
    # Its commune activation page does not exist
    assert client.get(f"/tinh/{lam_dong.code}/kich-hoat/{agency.code}/").status_code == 404


def test_agency_page_errors_are_vietnamese_and_change_nothing(client, people, lam_dong, ha_noi):
    client.force_login(people.province_viewer)
    response = client.post(f"/tinh/{lam_dong.code}/kich-hoat/co-quan/", agency_form(extra_units=""))
    assert response.status_code == 400
    assert "Nhập ít nhất một đơn vị trực thuộc" in response.content.decode()
    assert client.post(f"/tinh/{ha_noi.code}/kich-hoat/co-quan/", agency_form()).status_code == 404
    client.force_login(people.coordinator)
    assert client.get(f"/tinh/{lam_dong.code}/kich-hoat/co-quan/").status_code == 404
    assert not Commune.objects.filter(division_type=Commune.DivisionType.AGENCY).exists()


def test_every_workspace_page_opens_for_an_agencys_coordinator(client, agency):
    """The agency works in the same workspace as a commune: no page fails for it."""
    from django.contrib.auth import get_user_model

    from tests.browser.test_phone_layout import STAFF

    client.force_login(get_user_model().objects.get(username="vp.dieuphoi"))
    failing = []
    for path in [*STAFF, "ke-hoach/moi/", "ke-hoach/nhap/"]:
        response = client.get(f"/lam-viec/{agency.code}/{path}")
        if response.status_code != 200:
            failing.append(f"{path}: {response.status_code}")
    assert failing == []


def test_an_agencys_workspace_speaks_of_the_agency_not_a_commune(client, agency, commune):
    """A Sở's officer reads "cơ quan" and its own name where a commune reads "xã" and "UBND xã"; it gets
    no link to villages or to a public portal it does not have. The commune's own pages keep their words."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="vp.chanhvp"))
    page = client.get(f"/lam-viec/{agency.code}/").content.decode()
    assert "Các phòng, ban, đơn vị của Văn phòng UBND tỉnh Lâm Đồng" in page
    assert "UBND xã" not in page and "Cổng thông tin của" not in page
    assert f"/lam-viec/{agency.code}/thon/" not in page
    assert "của xã" not in client.get(f"/lam-viec/{agency.code}/ke-hoach/tre-han/").content.decode()
    assert commune.committee == "UBND xã" and agency.committee == agency.name
