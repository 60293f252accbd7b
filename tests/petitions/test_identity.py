"""A denouncer's identity: readable by the unit handling the case and the leader who accepted it, every
read logged; refused to everyone else; never in public output, audit records or steps."""

import json
from datetime import date

import pytest
from django.core import serializers

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.petitions import services
from danvan.petitions.models import IdentityAccessLog, PetitionStep
from danvan.petitions.selectors import public_status
from tests.petitions.conftest import DENOUNCER, accepted, submit

pytestmark = pytest.mark.django_db


def _whole_case(commune, people, unit):
    p = accepted(commune, people, unit, "denunciation", complexity="complex")
    p = services.petition_extend(petition=p, reason="Phải xác minh ở hai nơi", by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    return services.petition_resolve(
        petition=p, answer="Tố cáo đúng một phần.", on=date(2026, 4, 1), by=people.leader
    )


def test_the_assigned_unit_officer_and_the_accepting_leader_read_it_and_each_read_is_logged(
    commune, people, unit
):
    p = _whole_case(commune, people, unit)
    for user in (people.officer, people.leader):
        identity = services.identity_for(petition=p, user=user, purpose="Mời người tố cáo làm việc")
        assert identity.full_name == DENOUNCER["full_name"]
    log = list(
        IdentityAccessLog.objects.filter(petition=p).order_by("id").values_list("user", "granted", "purpose")
    )
    assert log == [
        (people.officer.pk, True, "Mời người tố cáo làm việc"),
        (people.leader.pk, True, "Mời người tố cáo làm việc"),
    ]


@pytest.mark.parametrize(
    "who", ["supervisor", "coordinator", "other_officer", "province_viewer", "admin", "outsider"]
)
def test_everyone_else_is_refused_and_the_attempt_is_logged(commune, people, unit, other_officer, who):
    p = _whole_case(commune, people, unit)
    user = other_officer if who == "other_officer" else getattr(people, who)
    with pytest.raises(ServiceError) as err:
        services.identity_for(petition=p, user=user, purpose="Xem thử")
    assert err.value.code == "forbidden" and "không được xem" in err.value.message
    assert IdentityAccessLog.objects.get(petition=p, user=user).granted is False


def test_a_purpose_is_required(commune, people, unit):
    p = _whole_case(commune, people, unit)
    with pytest.raises(ServiceError, match="mục đích"):
        services.identity_for(petition=p, user=people.officer, purpose="")


def test_a_feedback_senders_identity_is_readable_by_commune_staff_but_not_by_others(commune, people):
    p = submit(commune, "feedback", identity={"full_name": "Phạm Văn Góp Ý", "phone": "0900000000"})
    assert services.identity_for(petition=p, user=people.coordinator, purpose="Gọi lại").phone == "0900000000"
    for user in (people.supervisor, people.outsider, people.nobody):
        with pytest.raises(ServiceError):
            services.identity_for(petition=p, user=user, purpose="Gọi lại")


def test_a_denunciation_hint_is_protected_even_before_classification(commune, people):
    p = submit(commune, "denunciation")
    with pytest.raises(ServiceError):
        services.identity_for(petition=p, user=people.coordinator, purpose="Phân loại")


def test_the_name_never_appears_in_public_status_audit_records_or_steps(commune, people, unit):
    p = _whole_case(commune, people, unit)
    services.identity_for(petition=p, user=people.officer, purpose="Mời làm việc")
    secrets_ = [DENOUNCER["full_name"], DENOUNCER["phone"], DENOUNCER["address"]]
    public = json.dumps(public_status(p.tracking_code), default=str, ensure_ascii=False)
    audit = serializers.serialize("json", AuditEvent.objects.all())
    audit = json.dumps(json.loads(audit), ensure_ascii=False)
    steps = json.dumps(
        json.loads(serializers.serialize("json", PetitionStep.objects.all())), ensure_ascii=False
    )
    assert AuditEvent.objects.filter(action__startswith="petitions.").count() >= 5
    for blob in (public, audit, steps):
        for secret in secrets_:
            assert secret not in blob
