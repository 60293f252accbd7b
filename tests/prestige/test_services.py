"""The prestige register: people, organisations and places; contacts and their concerns turned into
petitions; ethnic group and religion read only by those entitled, every read audited; report figures."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.core.sections import provider
from danvan.petitions.models import Petition, PetitionIdentity
from danvan.prestige import selectors, services
from danvan.prestige.models import Contact, Person, Place, SensitiveDetails
from tests.prestige.conftest import TODAY, visit

pytestmark = pytest.mark.django_db


def test_a_dignitary_belongs_to_an_organisation(people, commune, parish):
    with pytest.raises(ServiceError) as err:
        services.person_save(
            by=people.coordinator, commune=commune, full_name="Ông B", kind=Person.Kind.OFFICIAL
        )
    assert err.value.field == "organisation" and not Person.objects.exists()
    with pytest.raises(ServiceError) as err:
        services.person_save(
            by=people.coordinator, commune=commune, full_name="Ông B", kind=Person.Kind.ELDER, phone="12345"
        )
    assert err.value.field == "phone"
    elder = services.person_save(
        by=people.coordinator,
        commune=commune,
        full_name="K'Điểu",
        kind=Person.Kind.ELDER,
        phone="0912 345 678",
    )
    assert elder.phone == "0912345678"
    assert AuditEvent.objects.filter(action="prestige.person_saved", object_id=str(elder.pk)).exists()
    place = services.place_save(
        by=people.coordinator, commune=commune, name="Nhà nguyện", kind=Place.Kind.CHURCH, organisation=parish
    )
    assert list(parish.places.all()) == [place]


def test_only_the_register_keepers_manage_it(people, commune, parish):
    for user in (people.officer, people.village_head, people.outsider):
        with pytest.raises(ServiceError) as err:
            services.person_save(by=user, commune=commune, full_name="X", kind=Person.Kind.ELDER)
        assert err.value.code == "forbidden"


def test_an_organisation_is_corrected_only_within_its_commune(people, commune, other_commune, parish):
    """Given the parish of one commune, another commune's coordinator cannot rename it through their own
    commune, and a correction that fails changes nothing and audits nothing."""
    saved = AuditEvent.objects.filter(action="prestige.organisation_saved").count()
    with pytest.raises(ServiceError, match="không thuộc xã này"):
        services.organisation_save(
            by=people.outsider,
            commune=other_commune,
            organisation=parish,
            name="Tên khác",
            religion=parish.religion,
            status=parish.status,
        )
    parish.refresh_from_db()
    assert parish.name == "Giáo họ Thôn 1"
    assert AuditEvent.objects.filter(action="prestige.organisation_saved").count() == saved


def test_sensitive_details_are_read_only_by_those_entitled_and_every_read_is_audited(people, commune, priest):
    with pytest.raises(ServiceError):
        services.sensitive_save(by=people.village_head, person=priest, religion="Công giáo", purpose="x")
    with pytest.raises(ServiceError) as err:
        services.sensitive_save(by=people.coordinator, person=priest, religion="Công giáo", purpose="")
    assert err.value.field == "purpose" and not SensitiveDetails.objects.exists()
    services.sensitive_save(
        by=people.coordinator,
        person=priest,
        ethnic_group="Kinh",
        religion="Công giáo",
        purpose="Công tác tôn giáo",
    )
    saved = AuditEvent.objects.get(action="prestige.sensitive_saved")
    assert "Công giáo" not in str(saved.after) and "Kinh" not in str(saved.after)  # never the values
    details = services.sensitive_for(person=priest, user=people.leader, purpose="Chuẩn bị thăm hỏi")
    assert details.religion == "Công giáo"
    for user in (people.village_head, people.supervisor, people.officer):
        with pytest.raises(ServiceError) as err:
            services.sensitive_for(person=priest, user=user, purpose="Tò mò")
        assert err.value.code == "forbidden" and "13/2023" in err.value.message
    assert AuditEvent.objects.filter(action="prestige.sensitive_read", note="Chuẩn bị thăm hỏi").count() == 1
    assert AuditEvent.objects.filter(action="prestige.sensitive_refused").count() == 3
    with pytest.raises(ServiceError) as err:
        services.sensitive_for(person=priest, user=people.leader, purpose=" ")
    assert err.value.field == "purpose"
    services.sensitive_save(by=people.coordinator, person=priest)
    assert not SensitiveDetails.objects.exists()


def test_a_contact_and_its_concern_becomes_a_petition_once(people, commune, priest):
    contact = visit(people, commune, priest)
    assert contact.organisation == priest.organisation
    petition = services.contact_to_petition(by=people.coordinator, contact=contact)
    contact.refresh_from_db()
    assert contact.petition == petition and petition.kind_hint == Petition.Kind.RECOMMENDATION
    assert "ngập" in petition.content and "Giuse Trần Văn An" in petition.content
    assert PetitionIdentity.objects.get(petition=petition).full_name == "Giuse Trần Văn An"
    with pytest.raises(ServiceError) as err:
        services.contact_to_petition(by=people.coordinator, contact=contact)
    assert err.value.code == "already_sent" and Petition.objects.count() == 1
    quiet = visit(people, commune, priest, raised="")
    with pytest.raises(ServiceError, match="không ghi nội dung"):
        services.contact_to_petition(by=people.coordinator, contact=quiet)


def test_a_contact_needs_someone_a_kind_and_a_past_day(people, commune, priest):
    with pytest.raises(ServiceError) as err:
        visit(people, commune, None)
    assert err.value.field == "person"
    with pytest.raises(ServiceError) as err:
        visit(people, commune, priest, on=TODAY() + dt.timedelta(days=1))
    assert err.value.field == "on"
    with pytest.raises(ServiceError) as err:
        visit(people, commune, priest, by=people.officer)
    assert err.value.code == "forbidden"
    visit(people, commune, priest, by=people.village_head)  # a village head records their visits
    assert Contact.objects.count() == 1


def test_people_not_met_for_a_year_and_the_report(people, commune, priest, other_commune):
    assert selectors.not_visited(commune, TODAY() - dt.timedelta(days=365)) == [priest]
    contact = visit(people, commune, priest, on=TODAY() - dt.timedelta(days=3))
    services.contact_to_petition(by=people.coordinator, contact=contact)
    visit(people, commune, priest, kind=Contact.Kind.TET, raised="")
    assert selectors.not_visited(commune, TODAY() - dt.timedelta(days=365)) == []
    section = provider("prestige")
    start, end = TODAY() - dt.timedelta(days=30), TODAY()
    content = section.build(commune, start, end)
    assert {f.key: f.value for f in content.figures} == {
        "people": 1,
        "contacts": 2,
        "raised": 1,
        "petitions": 1,
    }
    assert "Giuse" not in " ".join(content.paragraphs) + str(content.tables[0].rows)
    assert section.key_figures([commune, other_commune], start, end)[other_commune.code][1].value == 0
