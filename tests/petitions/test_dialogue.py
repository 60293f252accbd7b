"""The dialogue in resolving a complaint (Luật Khiếu nại 2011, Điều 30): schedule, minutes, documents."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document

from danvan.comms.models import OutboundMessage
from danvan.core.errors import ServiceError
from danvan.law.registry import rule
from danvan.petitions import dialogue_documents
from danvan.petitions.models import ComplaintDialogue, IdentityAccessLog
from danvan.petitions.services.dialogue import complaint_dialogue_record, complaint_dialogue_schedule
from tests.petitions.conftest import DENOUNCER, accepted, counts

pytestmark = pytest.mark.django_db


def soon(days: int = 3):
    return (timezone.localtime() + timedelta(days=days)).replace(hour=8, minute=30, second=0, microsecond=0)


def schedule(petition, people, **kw):
    args = {
        "petition": petition,
        "by": people.leader,
        "at": soon(),
        "place": "Trụ sở UBND xã",
        "agenda": "Diện tích đất bị thu hồi còn khác nhau giữa đơn và kết quả đo đạc.",
        "participants": "Người khiếu nại\nCán bộ địa chính xã",
    }
    return complaint_dialogue_schedule(**{**args, **kw})


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_rule_is_in_the_registry_with_its_article():
    found = rule("complaint.dialogue", on=date(2026, 12, 3))
    assert found.value["first_round"] == "when_request_differs" and "Điều 30" in found.citation


def test_a_dialogue_is_scheduled_with_a_public_step_and_an_invitation_to_the_complainant(
    commune, people, unit
):
    complaint = accepted(commune, people, unit, "complaint")
    before = OutboundMessage.objects.count()
    dialogue = schedule(complaint, people)
    assert dialogue.complaint_round == 1
    step = complaint.steps.last()
    assert (
        "Mời người khiếu nại đối thoại lúc 08:30" in step.public_note and "Trụ sở UBND xã" in step.public_note
    )
    assert OutboundMessage.objects.count() == before + 1  # the complainant left a phone number
    message = OutboundMessage.objects.order_by("-pk").first()
    assert "đối thoại" in message.text and DENOUNCER["full_name"] not in message.text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"at": timezone.now() - timedelta(hours=1)}, "at"),
        ({"place": "  "}, "place"),
        ({"agenda": ""}, "agenda"),
    ],
)
def test_a_bad_schedule_is_refused_and_changes_nothing(commune, people, unit, change, field):
    complaint = accepted(commune, people, unit, "complaint")
    before = counts(complaint)
    with pytest.raises(ServiceError) as refused:
        schedule(complaint, people, **change)
    assert refused.value.field == field
    assert counts(complaint) == before and not ComplaintDialogue.objects.exists()


def test_only_an_accepted_complaint_has_a_dialogue_and_only_its_handlers_hold_it(commune, people, unit):
    feedback = accepted(commune, people, unit, "feedback")
    with pytest.raises(ServiceError, match="Chỉ đơn khiếu nại"):
        schedule(feedback, people)
    complaint = accepted(commune, people, unit, "complaint")
    with pytest.raises(ServiceError, match="không có quyền"):
        schedule(complaint, people, by=people.supervisor)
    assert not ComplaintDialogue.objects.exists()


def test_the_minutes_are_recorded_once_with_signatures_or_the_reason(commune, people, unit):
    dialogue = schedule(
        accepted(commune, people, unit, "complaint"), people, at=timezone.now() + timedelta(minutes=5)
    )
    args = {
        "dialogue": dialogue,
        "by": people.leader,
        "held_on": timezone.localdate() + timedelta(days=1)
        if False
        else timezone.localtime(dialogue.at).date(),
        "complainant_present": True,
        "opinions": "Người khiếu nại: diện tích thiếu 76 m².\nĐịa chính: đo lại đúng 70 m².",
        "outcome": "Thống nhất đo lại có mặt hai bên.",
    }
    with pytest.raises(ServiceError) as refused:
        complaint_dialogue_record(**args, signed=False, unsigned_reason="")
    assert refused.value.field == "unsigned_reason"
    recorded = complaint_dialogue_record(
        **args, signed=False, unsigned_reason="Người bị khiếu nại không đồng ý"
    )
    assert recorded.is_recorded and recorded.unsigned_reason == "Người bị khiếu nại không đồng ý"
    with pytest.raises(ServiceError, match="đã được ghi"):
        complaint_dialogue_record(**args, signed=True)


def test_an_absent_complainant_does_not_stop_the_resolution_since_july_2026(commune, people, unit):
    dialogue = schedule(
        accepted(commune, people, unit, "complaint"), people, at=timezone.now() + timedelta(minutes=5)
    )
    complaint_dialogue_record(
        dialogue=dialogue,
        by=people.leader,
        held_on=timezone.localtime(dialogue.at).date(),
        complainant_present=False,
        opinions="Người khiếu nại vắng mặt không có lý do.",
        outcome="Tiếp tục giải quyết theo kết quả xác minh.",
        signed=True,
    )
    assert "vẫn tiếp tục" in dialogue.petition.steps.last().public_note


def test_a_day_before_the_invitation_or_after_today_is_refused(commune, people, unit):
    dialogue = schedule(accepted(commune, people, unit, "complaint"), people)
    base = {
        "dialogue": dialogue,
        "by": people.leader,
        "complainant_present": True,
        "opinions": "x",
        "outcome": "y",
        "signed": True,
    }
    with pytest.raises(ServiceError, match="sau hôm nay"):
        complaint_dialogue_record(**base, held_on=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ServiceError, match="trước ngày đã mời"):  # invited in 3 days, "held" today
        complaint_dialogue_record(**base, held_on=timezone.localdate())
    assert not dialogue.petition.complaint_dialogues.filter(held_on__isnull=False).exists()


def test_the_notice_names_the_complainant_only_for_those_who_may_read_the_sender(commune, people, unit):
    dialogue = schedule(accepted(commune, people, unit, "complaint"), people)
    for_leader = text_of(dialogue_documents.notice_docx(dialogue, people.leader))
    assert "THÔNG BÁO" in for_leader and DENOUNCER["full_name"] in for_leader and "Điều 30" in for_leader
    assert IdentityAccessLog.objects.filter(
        petition=dialogue.petition, user=people.leader, granted=True
    ).exists()
    for_supervisor = text_of(dialogue_documents.notice_docx(dialogue, people.supervisor))
    assert DENOUNCER["full_name"] not in for_supervisor and "theo đơn mã" in for_supervisor


def test_the_pages_schedule_record_and_download(client, commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    client.force_login(people.leader)
    base = f"/lam-viec/{commune.code}/don-thu/{complaint.pk}/"
    page = client.get(base).content.decode()
    assert "Đối thoại giải quyết khiếu nại" in page and "Chưa có biên bản đối thoại" in page
    bad = client.post(
        base + "doi-thoai/moi/",
        {"at": "31/02/2026 08:00", "place": "UBND", "agenda": "a", "participants": "b"},
    )
    assert bad.status_code == 400 and "dd/mm/yyyy hh:mm" in bad.content.decode()
    assert not ComplaintDialogue.objects.exists()
    when = soon().strftime("%d/%m/%Y %H:%M")
    ok = client.post(
        base + "doi-thoai/moi/", {"at": when, "place": "UBND xã", "agenda": "a", "participants": "b"}
    )
    assert ok.status_code == 302
    dialogue = ComplaintDialogue.objects.get()
    notice = client.get(base + f"doi-thoai/{dialogue.pk}/thong-bao.docx")
    assert notice.status_code == 200 and "THÔNG BÁO" in text_of(notice.content)
    assert client.get(base + f"doi-thoai/{dialogue.pk}/bien-ban.docx").status_code == 404  # not held yet


def test_another_communes_staff_and_other_kinds_get_a_404(client, commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    feedback = accepted(commune, people, unit, "feedback")
    client.force_login(people.outsider)
    assert client.get(f"/lam-viec/{commune.code}/don-thu/{complaint.pk}/doi-thoai/moi/").status_code == 404
    client.force_login(people.leader)
    assert client.get(f"/lam-viec/{commune.code}/don-thu/{feedback.pk}/doi-thoai/moi/").status_code == 404
