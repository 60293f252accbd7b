"""The petition workflow through its services: intake, each kind's happy path, refusals changing nothing."""

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.legaltime.calendar import WorkingCalendar
from danvan.petitions import rules, services
from danvan.petitions.models import Attachment, Petition, PetitionIdentity, PetitionStep
from danvan.petitions.tracking import PATTERN
from tests.petitions.conftest import DENOUNCER, RECEIVED, accepted, classify, counts, png, submit

pytestmark = pytest.mark.django_db

K = Petition.Kind
S = Petition.Status
cal = WorkingCalendar()


# --- intake -----------------------------------------------------------------------------------------


def test_a_citizen_submits_feedback_without_an_account_and_gets_a_tracking_code(commune):
    village = Village.objects.create(commune=commune, name="Thôn 2")
    p = submit(commune, "feedback", village=village, lat="11.85", lng="108.1", attachments=[png()])
    assert PATTERN.match(p.tracking_code)
    assert (p.status, p.kind, p.kind_hint) == (S.RECEIVED, K.UNCLASSIFIED, K.FEEDBACK)
    assert p.process_due == cal.add_working_days(RECEIVED, rules.PETITION_PROCESS_DAYS)
    assert str(p.latitude) == "11.850000"
    assert not PetitionIdentity.objects.filter(petition=p).exists()
    att = Attachment.objects.get(petition=p)
    assert (att.kind, len(att.sha256)) == ("png", 64)
    assert counts(p) == (1, 1)


def test_a_retry_with_the_same_client_token_returns_the_same_petition_and_creates_nothing(commune):
    first = submit(commune, "feedback", client_token="tok-123")
    again = submit(commune, "feedback", client_token="tok-123", content="khác")
    assert again.pk == first.pk
    assert Petition.objects.count() == 1
    assert counts() == (1, 1)
    # The token is per commune: the same token elsewhere is another submission.
    assert submit(commune, "feedback", client_token="tok-124").pk != first.pk


@pytest.mark.parametrize("kind", ["complaint", "denunciation"])
def test_a_complaint_or_denunciation_without_name_and_address_is_refused_with_the_reason(commune, kind):
    with pytest.raises(ServiceError) as err:
        submit(commune, kind, identity={"full_name": "Nguyễn Văn A"})
    assert "Luật Khiếu nại 2011" in err.value.message and "Luật Tố cáo 2018" in err.value.message
    assert err.value.code == "identity_required"
    assert Petition.objects.count() == 0


def test_a_name_with_a_phone_number_is_enough_to_complain(commune):
    p = submit(commune, "complaint", identity={"full_name": "Nguyễn Văn A", "phone": "0912000111"})
    assert PetitionIdentity.objects.get(petition=p).phone == "0912000111"


def test_a_disallowed_attachment_refuses_the_whole_submission_and_saves_nothing(commune):
    program = pytest.importorskip("django.core.files.uploadedfile").SimpleUploadedFile(
        "anh.png", b"MZ\x90\x00" + b"\0" * 300
    )
    with pytest.raises(ServiceError) as err:
        submit(commune, "feedback", attachments=[png(), program])
    assert "không phải loại được nhận" in err.value.message
    assert Petition.objects.count() == Attachment.objects.count() == 0
    assert counts() == (0, 0)


def test_content_is_required_and_limited_and_at_most_five_files(commune):
    with pytest.raises(ServiceError, match="Vui lòng nhập nội dung đơn"):
        submit(commune, "feedback", content="   ")
    with pytest.raises(ServiceError, match=r"dài quá 10\.000 ký tự"):
        submit(commune, "feedback", content="a" * 10_001)
    with pytest.raises(ServiceError, match="tối đa 5 tệp"):
        submit(commune, "feedback", attachments=[png(f"{i}.png") for i in range(6)])
    assert Petition.objects.count() == 0


def test_staff_record_a_petition_brought_in_person(commune, people):
    p = services.petition_record(
        by=people.village_head,
        commune=commune,
        channel="in_person",
        received_on=RECEIVED,
        content="Kiến nghị làm lại cầu tràn",
        kind_hint="recommendation",
        signers_count=7,
    )
    assert (p.channel, p.recorded_by, p.is_mass) == ("in_person", people.village_head, True)
    with pytest.raises(ServiceError, match="không có quyền"):
        services.petition_record(
            by=people.outsider, commune=commune, channel="phone", received_on=RECEIVED, content="x"
        )


# --- happy paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["feedback", "recommendation", "complaint", "denunciation"])
def test_the_whole_workflow_for_each_kind(commune, people, unit, kind):
    p = submit(commune, kind, publish_consent=True)
    p = classify(p, people, unit, kind)
    assert p.status == S.CLASSIFIED and p.kind == kind
    assert p.complaint_round == (1 if kind == "complaint" else None)
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    assert (p.accepted_by, p.accepted_on) == (people.leader, date(2026, 3, 4))
    assert p.resolve_due == rules.resolve_due(kind, date(2026, 3, 4), round=p.complaint_round, cal=cal)
    assert (p.notify_due is not None) == (kind == "denunciation")
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Đã sửa xong đoạn đường.", on=date(2026, 3, 20), publish=True, by=people.officer
    )
    # A unit officer's answer to be published waits for the leader's approval.
    assert p.status == S.IN_REVIEW and not p.answer_published
    p = services.petition_answer_approve(petition=p, by=people.leader)
    assert p.status == S.RESOLVED and p.answer_published
    p = services.petition_rate(petition=p, rating=5, tracking_code=p.tracking_code.lower().replace("-", " "))
    p = services.petition_close(petition=p, by=people.coordinator)
    steps = list(PetitionStep.objects.filter(petition=p).values_list("status", flat=True))
    assert steps == [
        "received",
        "classified",
        "accepted",
        "verifying",
        "in_review",
        "resolved",
        "resolved",
        "closed",
    ]
    actions = set(AuditEvent.objects.filter(object_id=str(p.pk)).values_list("action", flat=True))
    assert {"petitions.submit", "petitions.accept", "petitions.resolve", "petitions.rate"} <= actions
    assert p.rating == 5


def test_a_reopened_case_is_verified_and_resolved_again(commune, people, unit):
    p = accepted(commune, people, unit, "feedback")
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(petition=p, answer="Đã xử lý.", on=date(2026, 3, 10), by=people.officer)
    p = services.petition_reopen(petition=p, reason="Chưa trả lời phần về cống thoát nước.", by=people.leader)
    assert p.status == S.REOPENED
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Đã xử lý cả cống.", on=date(2026, 3, 12), by=people.officer
    )
    assert p.status == S.RESOLVED


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (services.petition_forward, S.FORWARDED),
        (services.petition_guide, S.GUIDED),
        (services.petition_return, S.RETURNED),
    ],
)
def test_a_classified_petition_can_be_forwarded_guided_or_returned_with_a_letter(
    commune, people, unit, service, status
):
    p = classify(
        submit(commune, "recommendation"),
        people,
        unit,
        "recommendation",
        eligible=False,
        ineligible_reason="Không thuộc thẩm quyền",
    )
    with pytest.raises(ServiceError, match="Vui lòng nhập nội dung văn bản"):
        service(petition=p, letter_text="", by=people.coordinator)
    p = service(petition=p, letter_text="Kính chuyển UBND tỉnh xem xét.", by=people.coordinator)
    assert p.status == status and p.outcome_letter


def test_a_petition_with_several_contents_is_split(commune, people):
    parent = submit(commune, None, identity=dict(DENOUNCER), attachments=[png()])
    parts = services.petition_split(
        petition=parent,
        parts=[
            {"content": "Đường sạt lở", "kind": "feedback"},
            {"content": "Khiếu nại quyết định thu hồi đất", "kind": "complaint"},
        ],
        by=people.coordinator,
    )
    parent.refresh_from_db()
    assert parent.status == S.SPLIT
    assert [c.parent_id for c in parts] == [parent.pk, parent.pk]
    assert len({parent.tracking_code, *(c.tracking_code for c in parts)}) == 3
    assert all(c.received_on == parent.received_on for c in parts)
    assert PetitionIdentity.objects.filter(petition__in=parts).count() == 2
    assert Attachment.objects.filter(petition__in=parts).count() == 2


def test_a_second_complaint_within_30_days_creates_the_round_2_case(commune, people, unit):
    p = accepted(commune, people, unit, "complaint")
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Giữ nguyên quyết định.", on=date(2026, 3, 20), by=people.leader
    )
    late = date(2026, 4, 21)  # 20/3 + 30 days = 19/4 (Sunday) → Monday 20/4 is the last day
    with pytest.raises(ServiceError, match="Đã quá thời hạn khiếu nại lần hai"):
        services.complaint_second_round(petition=p, by=people.coordinator, on=late)
    second = services.complaint_second_round(petition=p, by=people.coordinator, on=date(2026, 4, 20))
    # Decided by the level above the commune, the province since 1/7/2025: the case is forwarded there.
    assert (second.parent_id, second.complaint_round, second.kind, second.status) == (
        p.pk,
        2,
        "complaint",
        "forwarded",
    )
    assert "Chủ tịch UBND tỉnh Lâm Đồng" in second.outcome_letter
    assert PetitionIdentity.objects.get(petition=second).full_name == DENOUNCER["full_name"]
    with pytest.raises(ServiceError, match="đã được ghi nhận"):
        services.complaint_second_round(petition=p, by=people.coordinator, on=date(2026, 4, 20))


# --- refusals: a Vietnamese message and nothing changed --------------------------------------------------


def test_resolving_before_acceptance_is_refused_and_changes_nothing(commune, people, unit):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    before = counts()
    with pytest.raises(ServiceError) as err:
        services.petition_resolve(petition=p, answer="Xong", on=date(2026, 3, 5), by=people.officer)
    assert err.value.message == "Không thể giải quyết khi chưa thụ lý."
    p.refresh_from_db()
    assert (p.status, p.answer) == (S.CLASSIFIED, "")
    assert counts() == before


def test_accepting_before_classification_is_refused(commune, people):
    p = submit(commune, "feedback")
    with pytest.raises(ServiceError, match=r"Không thể thụ lý khi chưa phân loại đơn\."):
        services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)


def test_an_ordinary_denunciation_cannot_be_extended(commune, people, unit):
    p = accepted(commune, people, unit, "denunciation")
    before, due = counts(), p.resolve_due
    with pytest.raises(ServiceError, match="không được gia hạn"):
        services.petition_extend(petition=p, reason="Cần thêm thời gian", by=people.leader)
    p.refresh_from_db()
    assert (p.extensions, p.resolve_due) == (0, due)
    assert counts() == before


def test_a_complex_denunciation_is_extended_once_and_refused_the_second_time(commune, people, unit):
    p = accepted(commune, people, unit, "denunciation", complexity="complex")
    with pytest.raises(ServiceError, match="lý do gia hạn"):
        services.petition_extend(petition=p, reason=" ", by=people.leader)
    first_due = p.resolve_due
    p = services.petition_extend(petition=p, reason="Phải xác minh tại hai thôn", by=people.leader)
    assert (p.extensions, p.resolve_due) == (1, rules.extension_due(first_due, cal))
    before = counts()
    with pytest.raises(ServiceError, match="không được gia hạn"):
        services.petition_extend(petition=p, reason="Lần nữa", by=people.leader)
    assert counts() == before


def test_an_especially_complex_denunciation_is_extended_twice(commune, people, unit):
    p = accepted(commune, people, unit, "denunciation", complexity="especially_complex")
    for _ in range(2):
        p = services.petition_extend(petition=p, reason="Đặc biệt phức tạp", by=people.leader)
    assert p.extensions == 2
    with pytest.raises(ServiceError, match="không được gia hạn"):
        services.petition_extend(petition=p, reason="Lần ba", by=people.leader)


def test_a_complaint_is_never_extended(commune, people, unit):
    p = accepted(commune, people, unit, "complaint", complexity="complex")
    with pytest.raises(ServiceError, match="không được gia hạn"):
        services.petition_extend(petition=p, reason="Phức tạp", by=people.leader)


def test_rating_with_a_wrong_tracking_code_is_refused_and_changes_nothing(commune, people, unit):
    p = accepted(commune, people, unit, "feedback")
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(petition=p, answer="Xong", on=date(2026, 3, 10), by=people.officer)
    other = submit(commune, "feedback")
    before = counts()
    for code in (other.tracking_code, "ABC-DEF-GHJK", "not a code", ""):
        with pytest.raises(ServiceError, match=r"Mã tra cứu không đúng\."):
            services.petition_rate(petition=p, rating=4, tracking_code=code)
    p.refresh_from_db()
    assert p.rating is None and counts() == before


def test_rating_before_the_answer_or_out_of_range_is_refused(commune, people, unit):
    p = accepted(commune, people, unit, "feedback")
    with pytest.raises(ServiceError, match="đã có kết quả"):
        services.petition_rate(petition=p, rating=4, tracking_code=p.tracking_code)


def test_a_complaint_filed_after_the_90_day_limit_is_not_accepted(commune, people, unit):
    p = submit(commune, "complaint")  # received 2/3/2026
    p = classify(p, people, unit, "complaint", decision_known_on=date(2025, 11, 20))
    before = counts()
    with pytest.raises(ServiceError, match="thời hiệu 90 ngày") as err:
        services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    assert "Điều 9" in err.value.message
    p.refresh_from_db()
    assert p.status == S.CLASSIFIED and counts() == before
    # Within the limit: accepted.
    ok = classify(submit(commune, "complaint"), people, unit, "complaint", decision_known_on=date(2026, 1, 5))
    assert services.petition_accept(petition=ok, on=date(2026, 3, 4), by=people.leader).status == S.ACCEPTED


def test_only_the_leader_accepts_and_an_ineligible_petition_cannot_be_accepted(commune, people, unit):
    p = classify(
        submit(commune, "feedback"), people, unit, "feedback", eligible=False, ineligible_reason="Nặc danh"
    )
    with pytest.raises(ServiceError, match="không có quyền thụ lý"):
        services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.coordinator)
    with pytest.raises(ServiceError, match="không đủ điều kiện"):
        services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)


def test_an_anonymous_denunciation_is_not_handled_as_one(commune, people, unit):
    p = submit(commune, None, identity=None)
    with pytest.raises(ServiceError, match="Điều 25"):
        classify(p, people, unit, "denunciation")


def test_a_round_only_belongs_to_complaints_and_ineligible_needs_a_reason(commune, people, unit):
    p = submit(commune, "feedback")
    with pytest.raises(ServiceError, match="lần khiếu nại"):
        classify(p, people, unit, "feedback", complaint_round=1)
    with pytest.raises(ServiceError, match="lý do"):
        classify(p, people, unit, "feedback", eligible=False)


def test_an_answer_is_published_only_with_the_senders_consent(commune, people, unit):
    p = accepted(commune, people, unit, "feedback")  # submitted without consent
    p = services.petition_start_verification(petition=p, by=people.officer)
    with pytest.raises(ServiceError, match="không đồng ý công khai"):
        services.petition_resolve(
            petition=p, answer="Xong", on=date(2026, 3, 10), publish=True, by=people.officer
        )


def test_a_remote_commune_gets_the_longer_complaint_deadline(commune, people, unit):
    commune.is_remote_area = True
    commune.save(update_fields=["is_remote_area"])
    p = accepted(commune, people, unit, "complaint")  # accepted Wednesday 4/3/2026
    assert p.resolve_due == cal.add_calendar_days(date(2026, 3, 4), 45) == date(2026, 4, 20)


def test_a_national_field_can_be_given_and_another_communes_field_cannot(
    commune, other_commune, people, unit
):
    from danvan.petitions.models import Field

    land = Field.objects.get(commune=None, name="Đất đai")
    p = classify(submit(commune, "feedback"), people, unit, "feedback", field=land)
    assert p.field == land
    theirs = Field.objects.create(commune=other_commune, name="Riêng")
    with pytest.raises(ServiceError, match="Lĩnh vực không hợp lệ"):
        classify(submit(commune, "feedback"), people, unit, "feedback", field=theirs)


def test_only_move_changes_a_status():
    # The workflow table is only as good as the one door through it: no other code sets `status`.
    import inspect
    import pkgutil
    import re
    from importlib import import_module

    import danvan.petitions.services as package

    assignments = []
    for info in pkgutil.iter_modules(package.__path__):
        source = inspect.getsource(import_module(f"{package.__name__}.{info.name}"))
        assignments += re.findall(r"^\s*\w+\.status\s*=", source, flags=re.MULTILINE)
    assert len(assignments) == 1
    assert "locked.status = to" in inspect.getsource(package.move_status)
