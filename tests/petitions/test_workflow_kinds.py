"""A workflow sized to the case: phản ánh and kiến nghị may skip thụ lý/xác minh where the commune
chooses (complaints and denunciations never), a published answer is approved by a leader first, the
classification form of a phản ánh shows no complaint-only fields, and refusals cite the right law."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.petitions import rules, services
from danvan.petitions.action_forms import ClassifyForm
from danvan.petitions.kind_steps import skipped_by_kind, skipped_steps
from danvan.petitions.models import KindWorkflow, Petition, PetitionStep
from danvan.petitions.permissions import available_actions
from tests.petitions.conftest import classify, submit

pytestmark = pytest.mark.django_db
S = Petition.Status


def test_the_law_keeps_the_steps_of_complaints_and_denunciations(commune):
    assert rules.required_steps("complaint") == {"accept", "verify"}
    assert rules.required_steps("denunciation") == {"accept", "verify"}
    assert rules.required_steps("feedback") == frozenset()
    # The legal default: a commune that chose nothing keeps every step.
    assert skipped_by_kind(commune) == {k: frozenset() for k in Petition.Kind.values}


def test_only_a_leader_chooses_and_never_for_a_complaint(commune, people):
    with pytest.raises(ServiceError, match="không có quyền"):
        services.kind_workflow_set(
            commune=commune,
            kind="feedback",
            skip_acceptance=True,
            skip_verification=True,
            by=people.coordinator,
        )
    with pytest.raises(ServiceError, match="Luật Khiếu nại 2011"):
        services.kind_workflow_set(
            commune=commune, kind="complaint", skip_acceptance=True, skip_verification=True, by=people.leader
        )
    with pytest.raises(ServiceError, match="Luật Tố cáo 2018"):
        services.kind_workflow_set(
            commune=commune,
            kind="denunciation",
            skip_acceptance=True,
            skip_verification=False,
            by=people.leader,
        )
    assert not KindWorkflow.objects.exists()
    services.kind_workflow_set(
        commune=commune, kind="feedback", skip_acceptance=True, skip_verification=True, by=people.leader
    )
    assert skipped_steps(commune, "feedback") == {"accept", "verify"}
    assert skipped_steps(commune, "recommendation") == frozenset()
    assert skipped_steps(commune, "complaint") == frozenset()
    assert AuditEvent.objects.filter(action="petitions.kind_workflow_set").count() == 1


def test_without_the_choice_a_feedback_cannot_be_answered_before_thu_ly(commune, people, unit):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    with pytest.raises(ServiceError, match="chưa thụ lý"):
        services.petition_resolve(petition=p, answer="Đã sửa.", on=date(2026, 3, 5), by=people.officer)
    assert "accept" in available_actions(p, {"commune_leader"})


def test_a_simple_feedback_is_answered_by_the_unit_right_after_classification(commune, people, unit):
    services.kind_workflow_set(
        commune=commune, kind="feedback", skip_acceptance=True, skip_verification=True, by=people.leader
    )
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    assert "accept" not in available_actions(p, {"commune_leader"})
    offered = available_actions(p, {"unit_officer"})
    assert "resolve" in offered and "verify" not in offered
    p = services.petition_resolve(
        petition=p, answer="Đã thay bóng đèn.", on=date(2026, 3, 5), by=people.officer
    )
    assert p.status == S.RESOLVED and p.accepted_on is None
    statuses = list(PetitionStep.objects.filter(petition=p).values_list("status", flat=True))
    assert statuses == ["received", "classified", "resolved"]
    # A complaint in the same commune still needs every step.
    c = classify(submit(commune, "complaint"), people, unit, "complaint")
    with pytest.raises(ServiceError, match="chưa thụ lý"):
        services.petition_resolve(petition=c, answer="Xong", on=date(2026, 3, 5), by=people.officer)


def test_skipping_only_thu_ly_starts_the_resolution_clock_at_verification(commune, people, unit):
    services.kind_workflow_set(
        commune=commune,
        kind="recommendation",
        skip_acceptance=True,
        skip_verification=False,
        by=people.leader,
    )
    p = classify(submit(commune, "recommendation"), people, unit, "recommendation")
    offered = available_actions(p, {"unit_officer"})
    assert "verify" in offered and "resolve" not in offered
    p = services.petition_start_verification(petition=p, by=people.officer)
    assert p.status == S.VERIFYING
    assert p.resolve_due == rules.resolve_due("recommendation", timezone.localdate(), cal=_cal())


def _cal():
    from danvan.legaltime.calendar import current_calendar

    return current_calendar()


def test_a_published_answer_is_approved_or_returned_by_a_leader(commune, people, unit):
    p = submit(commune, "feedback", publish_consent=True)
    p = classify(p, people, unit, "feedback")
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Bản nháp", on=date(2026, 3, 6), publish=True, by=people.officer
    )
    assert p.status == S.IN_REVIEW and not p.answer_published
    assert Notification.objects.filter(user=people.leader, key__contains="answer-in-review").count() == 1
    assert available_actions(p, {"unit_officer"}) == []
    assert available_actions(p, {"commune_leader"}) == ["approve", "return_answer"]
    with pytest.raises(ServiceError, match="không có quyền"):
        services.petition_answer_approve(petition=p, by=people.officer)
    with pytest.raises(ServiceError, match="ý kiến"):
        services.petition_answer_return(petition=p, comment="  ", by=people.leader)

    p = services.petition_answer_return(petition=p, comment="Ghi rõ ngày thay đèn.", by=people.leader)
    assert p.status == S.VERIFYING and p.review_comment == "Ghi rõ ngày thay đèn."
    note = Notification.objects.get(user=people.officer, key__contains="answer-returned")
    assert "Ghi rõ ngày thay đèn." in note.text and str(p.pk) in note.url

    p = services.petition_resolve(
        petition=p, answer="Đã thay đèn ngày 5/3.", on=date(2026, 3, 6), publish=True, by=people.officer
    )
    p = services.petition_answer_approve(petition=p, by=people.leader)
    assert p.status == S.RESOLVED and p.answer_published and p.answer_folded
    actions = set(
        AuditEvent.objects.filter(object_id=str(p.pk), action__startswith="petitions.").values_list(
            "action", flat=True
        )
    )
    assert "petitions.submit_answer" in actions and "petitions.return_answer" in actions


def test_a_leaders_own_published_answer_needs_no_review(commune, people, unit):
    p = submit(commune, "feedback", publish_consent=True)
    p = classify(p, people, unit, "feedback")
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.leader)
    p = services.petition_resolve(
        petition=p, answer="Xong", on=date(2026, 3, 6), publish=True, by=people.leader
    )
    assert p.status == S.RESOLVED and p.answer_published


def test_the_classification_form_of_a_feedback_has_no_complaint_fields(client, commune, people):
    form = ClassifyForm(commune=commune, simple=True)
    assert not {"complaint_round", "decision_known_on", "several_places", "complexity"} & set(form.fields)
    p = submit(commune, "feedback")
    client.force_login(people.coordinator)
    url = reverse("petitions:detail", args=[commune.code, p.pk])
    page = client.get(url).content.decode()
    assert "Khiếu nại lần" not in page and "Ngày nhận quyết định" not in page
    assert "Phân loại là khiếu nại hoặc tố cáo" in page
    full = client.get(url + "?day-du=1").content.decode()
    assert "Khiếu nại lần" in full
    # Posting the short form classifies it.
    action = reverse("petitions:action", args=[commune.code, p.pk, "phan-loai"])
    unit_id = commune.units.get(name="Phòng Kinh tế").pk
    response = client.post(
        action,
        {"phan-loai-kind": "feedback", "phan-loai-eligible": "yes", "phan-loai-unit": unit_id},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == S.CLASSIFIED and p.complexity == "normal" and p.complaint_round is None


def test_refusing_a_feedback_sender_does_not_cite_the_denunciation_law(commune, people):
    p = submit(commune, "feedback", identity={"full_name": "Lê Thị Phản Ánh", "phone": "0912000111"})
    with pytest.raises(ServiceError) as refused:
        services.identity_for(petition=p, user=people.supervisor, purpose="Xem")
    assert "Tố cáo" not in refused.value.message
    d = submit(commune, "denunciation")
    with pytest.raises(ServiceError, match="Luật Tố cáo 2018, Điều 9"):
        services.identity_for(petition=d, user=people.supervisor, purpose="Xem")


def test_the_leader_sets_the_steps_on_the_workflow_page(client, commune, people):
    url = reverse("petitions:workflow", args=[commune.code])
    client.force_login(people.officer)
    page = client.get(url).content.decode()
    assert "Luật Khiếu nại 2011" in page and "Lưu quy trình" not in page
    assert (
        client.post(url, {"feedback-kind": "feedback", "feedback-skip_acceptance": "on"}).status_code == 403
    )
    client.force_login(people.leader)
    response = client.post(
        url,
        {"feedback-kind": "feedback", "feedback-skip_acceptance": "on", "feedback-skip_verification": "on"},
        follow=True,
    )
    assert "Đã lưu quy trình xử lý." in response.content.decode()
    assert skipped_steps(commune, "feedback") == {"accept", "verify"}
    assert skipped_steps(commune, "recommendation") == frozenset()
    # A forged kind: a Vietnamese message, nothing saved.
    response = client.post(url, {"feedback-kind": "complaint", "feedback-skip_acceptance": "on"})
    assert response.status_code == 200
    assert not KindWorkflow.objects.filter(kind="complaint").exists()


def test_the_answer_form_offers_publishing_only_when_it_can_be_published(client, commune, people, unit):
    private = submit(commune, "feedback")
    public = submit(commune, "feedback", publish_consent=True)
    for p in (private, public):
        p = classify(p, people, unit, "feedback")
        p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
        services.petition_start_verification(petition=p, by=people.officer)
    client.force_login(people.officer)
    page = client.get(reverse("petitions:detail", args=[commune.code, private.pk])).content.decode()
    assert "Công khai kết quả trên cổng thông tin" not in page
    page = client.get(reverse("petitions:detail", args=[commune.code, public.pk])).content.decode()
    assert "Công khai kết quả trên cổng thông tin" in page
