"""“Dân vận khéo” services: every rule and transition, each refusal leaving nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import ServiceError
from danvan.exemplars import services
from danvan.exemplars.models import Commendation, CouncilScore, Exemplar, ExemplarField, Progress, Target
from danvan.geo.models import Village
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant
from tests.conftest import make_user
from tests.exemplars.conftest import (
    POINTS_50,
    POINTS_75,
    POINTS_90,
    TODAY,
    T,
    audits,
    built,
    evaluated,
    register,
)

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def recognise(e, by, **kwargs):
    args = {
        "kind": "recognition",
        "level": "commune",
        "decision_number": "12/QĐ-UBND",
        "decision_on": TODAY,
        "issuer": "UBND xã Tà Đùng",
    }
    return services.exemplar_recognise(by=by, exemplar=e, **{**args, **kwargs})


# --- registration ------------------------------------------------------------------------------------------


def test_a_unit_officer_registers_for_their_unit_with_targets_and_places(commune, people, unit, village):
    e = register(commune, people.officer, villages=[village], public_consent=True)
    assert e.status == "registered" and e.year == 2026 and e.registered_on == TODAY
    assert e.registrant == "Phòng Kinh tế"
    assert [(t.description, t.planned) for t in e.targets.all()] == [
        ("Hộ tham gia", Decimal(20)),
        ("Bò giống", Decimal(30)),
    ]
    assert list(e.villages.all()) == [village]
    assert audits("exemplars.register") == 1


def test_a_unit_officer_cannot_register_for_another_unit(commune, people):
    police = Unit.objects.get(commune=commune, name="Công an xã")
    with pytest.raises(ServiceError) as err:
        register(commune, people.officer, unit=police)
    assert err.value.code == "forbidden"
    assert Exemplar.objects.count() == 0 and audits() == 0


def test_a_village_head_registers_for_their_village_only(commune, people, village):
    e = register(commune, people.village_head, registrant_kind="village", unit=None, village=village)
    assert e.registrant == "Thôn 1"
    other = Village.objects.create(commune=commune, name="Thôn 2")
    with pytest.raises(ServiceError):
        register(commune, people.village_head, registrant_kind="village", village=other, name="Khác")


def test_the_front_registers_for_a_mass_organisation_but_not_for_a_unit(commune, people):
    e = register(
        commune,
        people.supervisor,
        registrant_kind="organisation",
        unit=None,
        registrant_name="Hội Nông dân xã",
    )
    assert e.registrant == "Hội Nông dân xã"
    with pytest.raises(ServiceError):
        register(commune, people.supervisor, name="Khác")  # kind "unit"


def test_an_organisation_needs_its_name(commune, people):
    with pytest.raises(ServiceError) as err:
        register(commune, people.coordinator, registrant_kind="person", unit=None, registrant_name="  ")
    assert err.value.field == "registrant_name"


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ([], "ít nhất một kết quả"),
        ([T("", "", "")], "ít nhất một kết quả"),
        ([T("Hộ tham gia", "", 20)], "nhập đủ"),
        ([T("Hộ tham gia", "hộ", "nhiều")], "phải là một số"),
        ([T("Hộ tham gia", "hộ", 0)], "lớn hơn 0"),
        ([T("Hộ tham gia", "hộ", "-3")], "lớn hơn 0"),
        ([T("Hộ tham gia", "hộ", "NaN")], "lớn hơn 0"),
    ],
)
def test_targets_must_be_measurable(commune, people, targets, message):
    with pytest.raises(ServiceError) as err:
        register(commune, people.officer, targets=targets)
    assert message in err.value.message and err.value.field == "targets"
    assert Exemplar.objects.count() == 0 and Target.objects.count() == 0


def test_a_target_accepts_a_decimal_comma(commune, people):
    e = register(commune, people.officer, targets=[T("Diện tích", "ha", "9,5")])
    assert e.targets.get().planned == Decimal("9.5")


def test_the_review_date_cannot_precede_the_start(commune, people):
    with pytest.raises(ServiceError) as err:
        register(commune, people.officer, review_on=dt.date(2026, 1, 1))
    assert err.value.field == "review_on"


def test_places_and_fields_of_another_commune_are_refused(commune, people, neighbour):
    elsewhere = Village.objects.create(commune=neighbour, name="Thôn 9")
    with pytest.raises(ServiceError):
        register(commune, people.officer, villages=[elsewhere])
    theirs = ExemplarField.objects.create(commune=neighbour, name="Riêng của xã bạn")
    with pytest.raises(ServiceError) as err:
        register(commune, people.officer, field=theirs)
    assert err.value.field == "field"


def test_the_same_model_cannot_be_registered_twice_in_a_year(commune, people):
    register(commune, people.officer)
    with pytest.raises(ServiceError) as err:
        register(commune, people.officer, name="tổ hợp tác nuôi bò sinh sản")
    assert err.value.code == "duplicate"


def test_a_user_of_another_commune_cannot_register_here(commune, people):
    with pytest.raises(ServiceError) as err:
        register(commune, people.outsider)
    assert err.value.code == "forbidden"


def test_registration_deadline_is_per_year_and_audited(commune, people):
    call = services.registration_call_set(
        by=people.coordinator, commune=commune, year=2026, deadline=dt.date(2026, 2, 28)
    )
    again = services.registration_call_set(
        by=people.coordinator, commune=commune, year=2026, deadline=dt.date(2026, 3, 15), note="KH 05"
    )
    assert again.pk == call.pk and again.deadline == dt.date(2026, 3, 15)
    assert audits("exemplars.call_set") == 2
    with pytest.raises(ServiceError):
        services.registration_call_set(by=people.officer, commune=commune, year=2026, deadline=TODAY)
    with pytest.raises(ServiceError):
        services.registration_call_set(
            by=people.coordinator, commune=commune, year=2026, deadline=dt.date(2030, 1, 1)
        )


# --- lifecycle ---------------------------------------------------------------------------------------------


def test_only_the_coordinator_accepts_a_registration_and_only_once(commune, people):
    e = register(commune, people.officer)
    with pytest.raises(ServiceError) as err:
        services.exemplar_start(by=people.officer, exemplar=e)
    assert err.value.code == "forbidden"
    services.exemplar_start(by=people.coordinator, exemplar=e)
    e.refresh_from_db()
    assert e.status == "building"
    with pytest.raises(ServiceError) as err:
        services.exemplar_start(by=people.coordinator, exemplar=e)
    assert err.value.code == "bad_transition"


def test_progress_updates_targets_and_keeps_checked_evidence(commune, people):
    e = built(commune, people)
    hh, cows = e.targets.all()
    photo = SimpleUploadedFile("bo.png", PNG, content_type="image/png")
    p = services.exemplar_progress_add(
        by=people.officer,
        exemplar=e,
        note="Đã có 22 hộ tham gia.",
        figures={hh.pk: "22", cows.pk: ""},
        evidence=photo,
        evidence_public=True,
    )
    hh.refresh_from_db()
    cows.refresh_from_db()
    assert hh.achieved == 22 and cows.achieved is None
    assert p.evidence_kind == "png" and len(p.evidence_sha256) == 64 and p.evidence_public
    assert audits("exemplars.progress") == 1


def test_progress_is_refused_before_acceptance_and_for_others(commune, people):
    e = register(commune, people.officer)
    with pytest.raises(ServiceError) as err:
        services.exemplar_progress_add(by=people.officer, exemplar=e, note="Sớm quá")
    assert err.value.code == "bad_state"
    services.exemplar_start(by=people.coordinator, exemplar=e)
    with pytest.raises(ServiceError) as err:
        services.exemplar_progress_add(by=people.village_head, exemplar=e, note="Không phải của tôi")
    assert err.value.code == "forbidden"
    assert Progress.objects.count() == 0


def test_progress_refuses_a_document_for_the_portal_and_bad_figures(commune, people):
    e = built(commune, people)
    pdf = SimpleUploadedFile(
        "a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"
    )
    with pytest.raises(ServiceError) as err:
        services.exemplar_progress_add(
            by=people.officer, exemplar=e, note="x", evidence=pdf, evidence_public=True
        )
    assert err.value.field == "attachment"
    with pytest.raises(ServiceError):
        services.exemplar_progress_add(by=people.officer, exemplar=e, note="x", figures={999999: "3"})
    with pytest.raises(ServiceError):
        services.exemplar_progress_add(
            by=people.officer, exemplar=e, note="x", figures={e.targets.first().pk: "-1"}
        )
    fake = SimpleUploadedFile("anh.jpg", b"khong phai anh", "image/jpeg")
    with pytest.raises(ServiceError) as err:
        services.exemplar_progress_add(by=people.officer, exemplar=e, note="x", evidence=fake)
    assert err.value.code == "file_type"
    assert Progress.objects.count() == 0 and e.targets.filter(achieved__isnull=False).count() == 0


def test_council_members_score_each_once_and_may_revise(commune, people):
    e = built(commune, people)
    services.council_score_submit(by=people.leader, exemplar=e, points=POINTS_90)
    services.council_score_submit(by=people.leader, exemplar=e, points=POINTS_75, comment="Sửa lại")
    services.council_score_submit(by=people.supervisor, exemplar=e, points=POINTS_90)
    assert CouncilScore.objects.count() == 2
    assert CouncilScore.objects.get(member=people.leader).total == 75
    assert audits("exemplars.score") == 2 and audits("exemplars.rescore") == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [({"effect": 31}, "effect"), ({"spread": -1}, "spread"), ({"creativity": "x"}, "creativity")],
)
def test_points_stay_within_each_criterion(commune, people, change, field):
    e = built(commune, people)
    with pytest.raises(ServiceError) as err:
        services.council_score_submit(by=people.leader, exemplar=e, points={**POINTS_90, **change})
    assert err.value.field == field and CouncilScore.objects.count() == 0


def test_a_member_cannot_score_their_own_units_model(commune, people, unit):
    e = built(commune, people)
    # The coordinator who also works in Phòng Kinh tế is a council member, but not for this model.
    membership_grant(user=people.coordinator, role=Role.UNIT_OFFICER, commune=commune, unit=unit, by=None)
    people.coordinator._danvan_memberships = None
    with pytest.raises(ServiceError) as err:
        services.council_score_submit(by=people.coordinator, exemplar=e, points=POINTS_90)
    assert err.value.code == "conflict_of_interest"
    assert CouncilScore.objects.count() == 0


def test_the_author_cannot_score_the_model_they_registered(commune, people):
    e = register(
        commune, people.supervisor, registrant_kind="person", unit=None, registrant_name="Bà Lê Thị Hoa"
    )
    e = services.exemplar_start(by=people.coordinator, exemplar=e)
    with pytest.raises(ServiceError) as err:
        services.council_score_submit(by=people.supervisor, exemplar=e, points=POINTS_90)
    assert err.value.code == "conflict_of_interest"


def test_a_unit_officer_is_not_a_council_member(commune, people):
    e = built(commune, people)
    other = make_user("canbo2")
    membership_grant(
        user=other,
        role=Role.UNIT_OFFICER,
        commune=commune,
        unit=Unit.objects.get(commune=commune, name="Công an xã"),
        by=None,
    )
    with pytest.raises(ServiceError) as err:
        services.council_score_submit(by=other, exemplar=e, points=POINTS_90)
    assert err.value.code == "forbidden"


def test_scoring_only_while_building(commune, people):
    e = register(commune, people.officer)
    with pytest.raises(ServiceError) as err:
        services.council_score_submit(by=people.leader, exemplar=e, points=POINTS_90)
    assert err.value.code == "bad_state"


@pytest.mark.parametrize(
    ("scores", "level", "average"),
    [
        ([POINTS_90, POINTS_90], "province", Decimal("90.0")),
        ([POINTS_90, POINTS_75], "commune", Decimal("82.5")),
        ([POINTS_75], "commune", Decimal("75.0")),
        ([POINTS_50, POINTS_75], "not_passed", Decimal("62.5")),
    ],
)
def test_evaluation_averages_the_council_and_proposes_a_level(commune, people, scores, level, average):
    e = built(commune, people)
    for member, points in zip((people.leader, people.supervisor), scores, strict=False):
        services.council_score_submit(by=member, exemplar=e, points=points)
    services.exemplar_evaluate(by=people.coordinator, exemplar=e, conclusion="Kết luận")
    e.refresh_from_db()
    assert (e.status, e.score, e.proposed_level, e.evaluated_on) == ("evaluated", average, level, TODAY)


def test_levels_at_their_edges():
    from danvan.exemplars.rules import level_for

    assert level_for(Decimal("85.0")) == "province"
    assert level_for(Decimal("84.9")) == "commune"
    assert level_for(Decimal("70.0")) == "commune"
    assert level_for(Decimal("69.9")) == "not_passed"


def test_evaluation_needs_a_score_and_a_conclusion(commune, people):
    e = built(commune, people)
    with pytest.raises(ServiceError) as err:
        services.exemplar_evaluate(by=people.coordinator, exemplar=e, conclusion="Kết luận")
    assert err.value.code == "no_scores"
    services.council_score_submit(by=people.leader, exemplar=e, points=POINTS_90)
    with pytest.raises(ServiceError) as err:
        services.exemplar_evaluate(by=people.coordinator, exemplar=e, conclusion=" ")
    assert err.value.field == "conclusion"
    e.refresh_from_db()
    assert e.status == "building" and e.score is None


def test_leaders_recognise_an_evaluated_model(commune, people):
    e = evaluated(commune, people)
    c = recognise(e, people.leader, kind="award", level="province", reward="Giấy khen")
    e.refresh_from_db()
    assert e.status == "recognised" and c.level == "province"
    assert audits("exemplars.recognise") == 1 and audits("exemplars.commendation") == 1


def test_recognition_is_refused_to_the_coordinator_and_above_the_proposal(commune, people):
    e = evaluated(commune, people, points=POINTS_75)
    with pytest.raises(ServiceError) as err:
        recognise(e, people.coordinator)
    assert err.value.code == "forbidden"
    with pytest.raises(ServiceError) as err:
        recognise(e, people.leader, level="province")
    assert err.value.field == "level"
    with pytest.raises(ServiceError) as err:
        recognise(e, people.leader, kind="award", reward="")
    assert err.value.field == "reward"
    with pytest.raises(ServiceError) as err:
        recognise(e, people.leader, decision_on=TODAY + dt.timedelta(days=1))
    assert err.value.field == "decision_on"
    assert Commendation.objects.count() == 0
    e.refresh_from_db()
    assert e.status == "evaluated"


def test_a_model_that_did_not_pass_goes_back_to_building(commune, people):
    e = evaluated(commune, people, points=POINTS_50)
    with pytest.raises(ServiceError) as err:
        recognise(e, people.leader)
    assert err.value.code == "not_passed"
    services.exemplar_reopen(by=people.coordinator, exemplar=e)
    e.refresh_from_db()
    assert e.status == "building"
    services.council_score_submit(by=people.leader, exemplar=e, points=POINTS_90)
    services.exemplar_evaluate(by=people.coordinator, exemplar=e, conclusion="Đạt sau khi khắc phục")
    e.refresh_from_db()
    assert e.proposed_level == "province"


def test_a_model_cannot_skip_stages(commune, people):
    e = register(commune, people.officer)
    with pytest.raises(ServiceError):
        recognise(e, people.leader)
    with pytest.raises(ServiceError):
        services.exemplar_reopen(by=people.coordinator, exemplar=e)
    done = evaluated(commune, people, name="Đã đánh giá")
    with pytest.raises(ServiceError) as err:
        services.exemplar_start(by=people.coordinator, exemplar=done)
    assert err.value.code == "bad_transition"


# --- replication -------------------------------------------------------------------------------------------


def test_replicating_a_recognised_model_links_it_and_marks_the_origin(commune, people, village):
    origin = evaluated(commune, people)
    recognise(origin, people.leader)
    copy = register(
        commune,
        people.village_head,
        name="Nuôi bò sinh sản ở Thôn 1",
        registrant_kind="village",
        village=village,
        origin=origin,
    )
    origin.refresh_from_db()
    assert copy.origin == origin and origin.status == "replicated"
    assert list(origin.replicas.all()) == [copy]
    assert audits("exemplars.replicated") == 1
    # A second replica keeps the origin replicated.
    register(
        commune,
        people.coordinator,
        name="Nuôi bò ở đoàn thể",
        registrant_kind="organisation",
        registrant_name="Hội Nông dân",
        origin=origin,
    )
    origin.refresh_from_db()
    assert origin.status == "replicated" and origin.replicas.count() == 2


def test_only_recognised_models_replicate_and_not_by_their_own_builder(commune, people):
    origin = evaluated(commune, people)
    with pytest.raises(ServiceError) as err:
        register(
            commune,
            people.coordinator,
            name="Bản sao",
            registrant_kind="organisation",
            registrant_name="Hội Nông dân",
            origin=origin,
        )
    assert err.value.field == "origin"
    recognise(origin, people.leader)
    with pytest.raises(ServiceError) as err:
        register(commune, people.officer, name="Bản sao", origin=origin)
    assert err.value.field == "registrant_kind"
    origin.refresh_from_db()
    assert origin.status == "recognised" and Exemplar.objects.count() == 1
