"""The Front's voice: a recommendation or social criticism with its answer deadline and a public answer;
the regulations register with review dates and reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.front import rules
from danvan.front.models import FrontRecommendation, Regulation
from danvan.front.reminders import front_reminders_send
from danvan.front.services import (
    recommendation_answer,
    recommendation_record,
    regulation_add,
    regulation_review,
)
from danvan.law.registry import rule

pytestmark = pytest.mark.django_db


def record(commune, people, **kw):
    args = {
        "commune": commune,
        "by": people.supervisor,
        "organisation": "mttq",
        "kind": "criticism",
        "subject": "Dự thảo kế hoạch làm đường liên thôn 2027",
        "content": "Đề nghị công khai mức đóng góp của từng hộ trước khi bàn.",
        "received_on": date(2026, 3, 2),
    }
    return recommendation_record(**{**args, **kw})


def test_the_answer_deadline_comes_from_the_registry_and_is_flagged_unconfirmed():
    found = rule("front.answer_days", on=date(2026, 3, 2))
    assert not found.confirmed and "Điều 35" in found.citation
    assert rules.answer_due(date(2026, 3, 2)) == date(2026, 3, 23)  # 15 working days from a Monday


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2026, 11, 15), 12) == date(2027, 11, 15)


def test_a_recommendation_is_recorded_answered_once_and_published(commune, people):
    item = record(commune, people)
    assert item.answer_due == date(2026, 3, 23) and item.is_late(date(2026, 3, 24))
    answered = recommendation_answer(
        item=item,
        by=people.leader,
        answer="Tiếp thu: niêm yết mức đóng góp tại nhà văn hóa.",
        answered_on=date(2026, 3, 10),
        public=True,
    )
    assert answered.public and not answered.is_late(date(2026, 4, 1))
    with pytest.raises(ServiceError) as twice:
        recommendation_answer(item=item, by=people.leader, answer="x", answered_on=date(2026, 3, 11))
    assert twice.value.code == "already_answered"
    actions = list(
        AuditEvent.objects.filter(action__startswith="front.").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["front.record", "front.answer"]


def test_who_may_record_and_answer_and_bad_input(commune, people):
    for who in (people.officer, people.village_head, people.outsider):
        with pytest.raises(ServiceError):
            record(commune, people, by=who)
    with pytest.raises(ServiceError) as future:
        record(commune, people, received_on=timezone.localdate() + timedelta(days=1))
    assert future.value.field == "received_on"
    with pytest.raises(ServiceError) as blank:
        record(commune, people, subject="  ")
    assert blank.value.field == "subject"
    item = record(commune, people)
    with pytest.raises(ServiceError):  # the Front asks; the commune answers
        recommendation_answer(item=item, by=people.supervisor, answer="x", answered_on=date(2026, 3, 3))
    with pytest.raises(ServiceError) as before:
        recommendation_answer(item=item, by=people.leader, answer="x", answered_on=date(2026, 3, 1))
    assert before.value.field == "answered_on"
    assert FrontRecommendation.objects.get().answer == ""


def test_a_regulation_is_reviewed_on_its_cycle(commune, people):
    regulation = regulation_add(
        commune=commune,
        by=people.coordinator,
        kind="coordination",
        title="Quy chế phối hợp giữa UBND xã và Ủy ban MTTQ xã",
        reference="01/QCPH-UBND-MTTQ",
        issued_on=date(2025, 1, 10),
        partners="Ủy ban MTTQ Việt Nam xã",
        review_months=12,
    )
    assert regulation.next_review_on == date(2026, 1, 10) and regulation.review_due(date(2026, 1, 10))
    reviewed = regulation_review(
        regulation=regulation, by=people.leader, reviewed_on=date(2026, 1, 20), note="Giữ nguyên."
    )
    assert reviewed.next_review_on == date(2027, 1, 20) and not reviewed.review_due(date(2026, 6, 1))
    with pytest.raises(ServiceError):
        regulation_add(
            commune=commune,
            by=people.supervisor,
            kind="other",
            title="x",
            reference="x",
            issued_on=date(2025, 1, 1),
        )
    with pytest.raises(ServiceError) as cycle:
        regulation_add(
            commune=commune,
            by=people.leader,
            kind="other",
            title="x",
            reference="x",
            issued_on=date(2025, 1, 1),
            review_months=0,
        )
    assert cycle.value.field == "review_months"
    assert Regulation.objects.count() == 1


def test_reminders_reach_the_leaders_once_a_day(commune, people):
    commune.is_active = True
    commune.save()
    record(commune, people)  # due 23/3/2026, long past
    regulation_add(
        commune=commune,
        by=people.leader,
        kind="democracy",
        title="Quy chế dân chủ",
        reference="05/QĐ-UBND",
        issued_on=date(2025, 1, 10),
    )
    today = timezone.localdate()
    sent = front_reminders_send(today=today)
    assert sent == 4  # two notices to the leader and the coordinator
    assert front_reminders_send(today=today) == 0
    texts = list(Notification.objects.filter(user=people.leader).values_list("text", flat=True))
    assert any("đã quá hạn trả lời" in t for t in texts) and any("Đến hạn rà soát" in t for t in texts)


def test_the_pages_record_answer_and_publish(client, commune, people):
    commune.is_active = True
    commune.save()
    client.force_login(people.supervisor)
    base = f"/lam-viec/{commune.code}/mat-tran/"
    bad = client.post(
        base + "moi/", {"organisation": "mttq", "kind": "recommendation", "received_on": "02/03/2026"}
    )
    assert bad.status_code == 400 and "Vui lòng ghi" in bad.content.decode()
    ok = client.post(
        base + "moi/",
        {
            "organisation": "phu_nu",
            "kind": "recommendation",
            "subject": "Đèn đường Thôn 2",
            "content": "Đề nghị lắp đèn đường.",
            "received_on": "02/03/2026",
        },
    )
    item = FrontRecommendation.objects.get()
    assert ok.status_code == 302 and item.answer_due == date(2026, 3, 23)
    assert "quá hạn" in client.get(base).content.decode()
    assert client.post(base + f"{item.pk}/", {"answer": "x", "answered_on": "03/03/2026"}).status_code == 302
    assert FrontRecommendation.objects.get().answer == ""  # refused: the supervisor may not answer
    client.force_login(people.leader)
    client.post(
        base + f"{item.pk}/", {"answer": "Sẽ lắp trong quý II.", "answered_on": "10/03/2026", "public": "on"}
    )
    public = client.get(f"/xa/{commune.slug}/mat-tran/").content.decode()
    assert "Đèn đường Thôn 2" in public and "Sẽ lắp trong quý II." in public
    regs = client.post(
        base + "quy-che/",
        {
            "kind": "reception",
            "title": "Nội quy tiếp công dân",
            "reference": "12/QĐ-UBND",
            "issued_on": "05/01/2026",
            "review_months": "12",
        },
    )
    assert (
        regs.status_code == 302 and "Nội quy tiếp công dân" in client.get(base + "quy-che/").content.decode()
    )
    client.force_login(people.outsider)
    assert client.get(base).status_code == 404


def test_the_demo_has_an_answer_a_pending_criticism_and_a_regulation_to_review():
    from danvan.demo.services import demo_setup

    commune, _ = demo_setup()
    demo_setup()
    assert FrontRecommendation.objects.filter(commune=commune).count() == 2
    assert FrontRecommendation.objects.filter(commune=commune, public=True).count() == 1
    regulation = Regulation.objects.get(commune=commune)
    assert regulation.next_review_on <= timezone.localdate() + timedelta(days=rules.REVIEW_NOTICE_DAYS)


def test_the_joint_calendar_shows_public_activities_on_the_portal(client, commune, people):
    from danvan.front.models import JointActivity
    from danvan.front.services import activity_add, activity_cancel

    commune.is_active = True
    commune.save()
    today = timezone.localdate()
    fair = activity_add(
        commune=commune,
        by=people.supervisor,
        title="Ngày hội Đại đoàn kết toàn dân tộc Thôn 1",
        starts_on=today + timedelta(days=5),
        organisers="Ban công tác Mặt trận Thôn 1, UBND xã",
    )
    assert fair.ends_on == fair.starts_on
    internal = activity_add(
        commune=commune,
        by=people.leader,
        title="Giám sát chung việc thu hồi đất",
        starts_on=today,
        ends_on=today + timedelta(days=2),
        organisers="UBND xã, Ủy ban MTTQ xã",
        public=False,
    )
    with pytest.raises(ServiceError) as order:
        activity_add(
            commune=commune,
            by=people.leader,
            title="x",
            starts_on=today,
            ends_on=today - timedelta(days=1),
            organisers="x",
        )
    assert order.value.field == "ends_on"
    with pytest.raises(ServiceError):
        activity_add(commune=commune, by=people.officer, title="x", starts_on=today, organisers="x")
    public = client.get(f"/xa/{commune.slug}/mat-tran/").content.decode()
    assert "Ngày hội Đại đoàn kết" in public and "Giám sát chung" not in public
    activity_cancel(activity=fair, by=people.coordinator)
    assert "Ngày hội Đại đoàn kết" not in client.get(f"/xa/{commune.slug}/mat-tran/").content.decode()
    client.force_login(people.village_head)
    page = client.get(f"/lam-viec/{commune.code}/mat-tran/lich/").content.decode()
    assert "Giám sát chung việc thu hồi đất" in page and "Đã hủy" in page and "Thêm hoạt động" not in page
    assert JointActivity.objects.get(pk=internal.pk).cancelled is False
    client.force_login(people.supervisor)
    added = client.post(
        f"/lam-viec/{commune.code}/mat-tran/lich/",
        {"title": "Tập huấn hòa giải", "starts_on": today.isoformat(), "organisers": "Hội LHPN xã"},
    )
    assert added.status_code == 302 and JointActivity.objects.count() == 3


def test_the_report_counts_received_answered_and_late(commune, people):
    from danvan.core.sections import provider

    late = record(commune, people)  # received 2/3/2026, due 23/3/2026
    answered = record(commune, people, subject="Chợ tạm", received_on=date(2026, 3, 5))
    recommendation_answer(item=answered, by=people.leader, answer="Đã bố trí.", answered_on=date(2026, 3, 9))
    section = provider("front").build(commune, date(2026, 1, 1), date(2026, 6, 30))
    figures = {f.key: f.value for f in section.figures}
    assert figures == {"received": 2, "answered": 1, "late": 1} and late.answer == ""
    assert "còn 1 kiến nghị chưa trả lời đã quá hạn" in section.paragraphs[0]
