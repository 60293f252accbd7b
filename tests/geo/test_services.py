"""Loading the official list of provinces and communes, and entering villages."""

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Commune, Province, Village
from danvan.geo.services import divisions_load, village_create, village_update

pytestmark = pytest.mark.django_db


def test_loads_34_provinces_and_3321_communes_with_official_codes():
    result = divisions_load(by=None)
    assert (result.provinces_created, result.communes_created) == (34, 3321)
    assert Province.objects.count() == 34
    counts = {t: Commune.objects.filter(division_type=t).count() for t in ("xã", "phường", "đặc khu")}
    assert counts == {"xã": 2621, "phường": 687, "đặc khu": 13}
    ta_dung = Commune.objects.get(code="24637")
    assert (ta_dung.name, ta_dung.province_id, ta_dung.province.name, ta_dung.slug) == (
        "Xã Tà Đùng",
        "68",
        "Lâm Đồng",
        "ta-dung",
    )
    assert Province.objects.get(code="01").name == "Thành phố Hà Nội"
    # Every commune gets a distinct portal address; shared names carry their province.
    assert Commune.objects.values("slug").distinct().count() == 3321
    assert Commune.objects.filter(slug__startswith="tan-phu-").count() > 1


def test_reloading_is_idempotent_and_keeps_portal_addresses():
    divisions_load(by=None)
    audits = AuditEvent.objects.count()
    Commune.objects.filter(code="24637").update(name="Xã Tà Đùng (tên cũ)", slug="ta-dung")
    again = divisions_load(by=None)
    assert (again.provinces_created, again.communes_created, again.communes_updated) == (0, 0, 1)
    commune = Commune.objects.get(code="24637")
    assert commune.name == "Xã Tà Đùng" and commune.slug == "ta-dung"
    assert not divisions_load(by=None).changed
    assert AuditEvent.objects.count() == audits + 1  # one record for the one real change


def test_village_create_is_audited(commune, people):
    village = village_create(
        commune=commune, name="  Tổ dân phố   5 ", kind="to_dan_pho", households=80, by=people.coordinator
    )
    assert village.name == "Tổ dân phố 5"
    event = AuditEvent.objects.get(action="geo.village_create")
    assert (event.actor, event.commune, event.after["households"]) == (people.coordinator, commune, 80)


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Vui lòng nhập tên"), ("thôn 1", "Xã đã có “thôn 1”"), ("THÔN 1", "Xã đã có “THÔN 1”")],
)
def test_village_bad_input_changes_nothing(commune, people, name, message):
    before = Village.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ServiceError) as err:
        village_create(commune=commune, name=name, by=people.coordinator)
    assert message in err.value.message
    assert (Village.objects.count(), AuditEvent.objects.count()) == before


def test_village_update_records_before_and_after(commune, people):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    village_update(
        village=village, name="Thôn Một", kind="thon", households=130, is_active=True, by=people.leader
    )
    event = AuditEvent.objects.get(action="geo.village_update")
    assert (event.before["name"], event.after["name"], event.after["households"]) == (
        "Thôn 1",
        "Thôn Một",
        130,
    )
