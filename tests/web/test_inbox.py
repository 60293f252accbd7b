"""The home per person ("chờ tôi"): each person sees exactly what they can act on now, the counts move as a
case moves, the inbox is read in a fixed number of queries, and notifications are marked read."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.comms.models import Notification
from danvan.comms.services import notification_mark_read, notifications_mark_all_read, notify
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant
from danvan.petitions import services
from danvan.web.inbox import inbox_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
RECEIVED = date(2026, 3, 2)


@pytest.fixture
def unit(commune, people) -> Unit:
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def police_officer(commune, people):
    user = make_user("congan", "Lê Văn Công An")
    membership_grant(
        user=user,
        role=Role.UNIT_OFFICER,
        commune=commune,
        unit=Unit.objects.get(commune=commune, name="Công an xã"),
        by=None,
    )
    return user


def submit(commune, **kwargs):
    args = {"content": "Đèn đường thôn 1 hỏng hai tuần nay.", "received_on": RECEIVED}
    return services.petition_submit(commune=commune, **{**args, **kwargs})


def counts(user, commune) -> dict[str, int]:
    box = inbox_for(user=user, commune=commune, today=timezone.localdate())
    return {b.key: b.count for b in box.buckets}


def test_counts_follow_the_case_from_coordinator_to_chairman_to_unit(commune, people, unit, police_officer):
    p = submit(commune)
    assert counts(people.coordinator, commune).get("classify") == 1
    assert "classify" not in counts(people.officer, commune)
    assert "accept" not in counts(people.leader, commune)

    p = services.petition_classify(
        petition=p, kind="feedback", eligible=True, unit=unit, by=people.coordinator
    )
    assert "classify" not in counts(people.coordinator, commune)
    # Eligible and in the commune's competence: nothing to route, it waits for the Chairman.
    assert "route" not in counts(people.coordinator, commune)
    assert counts(people.leader, commune).get("accept") == 1

    p = services.petition_accept(petition=p, on=date(2026, 3, 3), by=people.leader)
    assert "accept" not in counts(people.leader, commune)
    mine = counts(people.officer, commune)
    assert mine.get("verify") == 1 and mine.get("unit_petitions") == 1
    # Another unit's officer is not asked to act on it.
    assert "verify" not in counts(police_officer, commune)
    assert "unit_petitions" not in counts(police_officer, commune)

    p = services.petition_start_verification(petition=p, by=people.officer)
    mine = counts(people.officer, commune)
    assert "verify" not in mine and mine.get("answer") == 1


def test_an_ineligible_case_waits_for_routing_not_for_acceptance(commune, people, unit):
    p = submit(commune)
    services.petition_classify(
        petition=p,
        kind="feedback",
        eligible=False,
        ineligible_reason="Đơn không ghi nội dung cụ thể.",
        by=people.coordinator,
    )
    assert counts(people.coordinator, commune).get("route") == 1
    assert "accept" not in counts(people.leader, commune)


def test_the_inbox_is_read_in_a_fixed_number_of_queries(commune, people, unit):
    def queries() -> int:
        people.officer._danvan_memberships = None  # each page starts afresh
        with CaptureQueriesContext(connection) as ctx:
            box = inbox_for(user=people.officer, commune=commune, today=timezone.localdate())
            assert box.total >= 1
        return len(ctx.captured_queries)

    p = submit(commune)
    services.petition_classify(petition=p, kind="feedback", eligible=True, unit=unit, by=people.coordinator)
    services.petition_accept(petition=p, on=date(2026, 3, 3), by=people.leader)
    one = queries()
    for _ in range(6):
        q = submit(commune)
        services.petition_classify(
            petition=q, kind="feedback", eligible=True, unit=unit, by=people.coordinator
        )
        services.petition_accept(petition=q, on=date(2026, 3, 3), by=people.leader)
    assert queries() == one


def test_commune_wide_alarms_only_for_those_who_lead(client, commune, people):
    submit(commune)  # received in March: its processing deadline has long passed
    client.force_login(people.leader)
    page = client.get(reverse("web:ws_home", args=[commune.code])).content.decode()
    assert "đơn thư quá hạn" in page
    client.force_login(people.officer)
    page = client.get(reverse("web:ws_home", args=[commune.code])).content.decode()
    assert "đơn thư quá hạn" not in page
    assert "Việc chờ tôi" in page


def test_notifications_marked_read_one_and_all(client, commune, people, other_commune):
    a, b, c = (
        notify(users=[people.officer], text=f"Nhắc việc {i}", key=f"test:{i}", commune=commune)[0]
        for i in range(3)
    )
    other = notify(users=[people.coordinator], text="Của người khác", key="test:x", commune=commune)[0]
    box = inbox_for(user=people.officer, commune=commune, today=timezone.localdate())
    assert box.unread == 3

    with pytest.raises(ServiceError):
        notification_mark_read(user=people.officer, notification_id=other.pk, commune=commune)
    with pytest.raises(ServiceError):
        notification_mark_read(user=people.officer, notification_id=a.pk, commune=other_commune)
    with pytest.raises(ServiceError):
        notification_mark_read(user=people.officer, notification_id="abc", commune=commune)

    notification_mark_read(user=people.officer, notification_id=a.pk, commune=commune)
    assert Notification.objects.get(pk=a.pk).read_at is not None
    assert AuditEvent.objects.filter(action="comms.notification_read").count() == 1
    box = inbox_for(user=people.officer, commune=commune, today=timezone.localdate())
    assert box.unread == 2
    # Unread first.
    assert [n.pk for n in box.notifications][-1] == a.pk

    client.force_login(people.officer)
    url = reverse("web:ws_notifications_read", args=[commune.code])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Đã đánh dấu đã đọc 2 thông báo." in response.content.decode()
    assert not Notification.objects.filter(user=people.officer, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=other.pk).read_at is None
    assert notifications_mark_all_read(user=people.officer, commune=commune) == 0
    # Another user's notification through the page: a Vietnamese message, nothing changed.
    response = client.post(url, {"id": other.pk}, follow=True)
    assert "Không tìm thấy thông báo này." in response.content.decode()
    assert Notification.objects.get(pk=other.pk).read_at is None
    _ = (b, c)


def test_read_and_open_goes_to_the_notifications_page_on_this_site_only(client, commune, people):
    note = notify(
        users=[people.officer],
        text="Đơn mới",
        key="t:open",
        url=f"/lam-viec/{commune.code}/don-thu/",
        commune=commune,
    )[0]
    away = notify(
        users=[people.officer], text="Lạ", key="t:away", url="https://example.com/", commune=commune
    )[0]
    client.force_login(people.officer)
    url = reverse("web:ws_notifications_read", args=[commune.code])
    response = client.post(url, {"id": note.pk, "mo": "1"})
    assert response.status_code == 302 and response["Location"] == f"/lam-viec/{commune.code}/don-thu/"
    response = client.post(url, {"id": away.pk, "mo": "1"})
    assert response["Location"] == reverse("web:ws_home", args=[commune.code])
    assert not Notification.objects.filter(user=people.officer, read_at__isnull=True).exists()


def test_dialogue_questions_wait_for_those_who_keep_the_dialogues(commune, people):
    import datetime as dt

    from danvan.engagement import services as engagement

    office = Unit.objects.get(commune=commune, name="Văn phòng HĐND và UBND")
    clerk = make_user("vanphong", "Phạm Quốc Huy")
    membership_grant(user=clerk, role=Role.UNIT_OFFICER, commune=commune, unit=office, by=None)
    dialogue = engagement.dialogue_create(
        by=people.leader,
        commune=commune,
        on=timezone.localdate() + dt.timedelta(days=10),
        start_time=dt.time(8, 0),
        place="Hội trường UBND xã",
        chair_name="Chủ tịch UBND xã",
        topic="Giải phóng mặt bằng đường liên thôn",
    )
    question = engagement.dialogue_question_submit(
        dialogue=dialogue, content="Khi nào chi trả tiền bồi thường?"
    )
    assert counts(clerk, commune).get("questions") == 1
    assert counts(people.coordinator, commune).get("questions") == 1
    assert "questions" not in counts(people.officer, commune)
    engagement.dialogue_question_moderate(by=clerk, question=question, approve=True)
    assert "questions" not in counts(clerk, commune)
