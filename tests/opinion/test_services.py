"""Recording what people say: checks, idempotent retries, who reads restricted entries, and the alerts
to the leaders (tension, rising, the same topic again in the same village)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.opinion import rules, selectors, services
from danvan.opinion.models import OpinionAlert, OpinionEntry
from tests.opinion.conftest import field, record, today, village_1

pytestmark = pytest.mark.django_db


def test_an_entry_is_recorded_and_audited(commune, people):
    entry = record(people.village_head, commune, village=village_1(commune), fld=field(), people_count=12)
    assert entry.recorded_by == people.village_head and entry.people_count == 12
    assert AuditEvent.objects.filter(action="opinion.entry_record", object_id=str(entry.pk)).exists()
    assert not OpinionAlert.objects.exists()


def test_a_retry_with_the_same_token_makes_no_second_entry(commune, people):
    data = services.EntryInput(observed_on=today(), village=village_1(commune), field=None, summary="Ý kiến")
    a = services.entry_record(by=people.village_head, commune=commune, data=data, client_token="abc")
    b = services.entry_record(by=people.village_head, commune=commune, data=data, client_token="abc")
    assert a.pk == b.pk and OpinionEntry.objects.count() == 1


def test_a_village_head_records_only_for_their_own_village(commune, people):
    other = Village.objects.create(commune=commune, name="Thôn 2")
    with pytest.raises(ServiceError, match="thôn của mình"):
        record(people.village_head, commune, village=other)
    with pytest.raises(ServiceError, match="thôn của mình"):
        record(people.village_head, commune, village=None)
    assert not OpinionEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"summary": "  "}, "ý kiến người dân"),
        ({"observed_on": None}, "ngày nắm được"),
        ({"level": "angry"}, "mức độ"),
        ({"people_count": 0}, "Số người"),
    ],
)
def test_bad_input_is_refused_with_nothing_changed(commune, people, change, message):
    base = dict(observed_on=today(), village=None, field=None, summary="Ý kiến", level="stable")
    with pytest.raises(ServiceError, match=message):
        services.entry_record(
            by=people.coordinator, commune=commune, data=services.EntryInput(**(base | change))
        )
    assert (
        not OpinionEntry.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="opinion").exists()
    )


def test_a_future_day_is_refused(commune, people):
    with pytest.raises(ServiceError, match="tương lai"):
        record(people.coordinator, commune, days_ago=-1)


def test_outsiders_and_province_viewers_cannot_record(commune, people):
    for user in (people.outsider, people.province_viewer, people.nobody):
        with pytest.raises(ServiceError) as exc:
            record(user, commune)
        assert exc.value.code == "forbidden"


def test_security_entries_are_read_only_by_leaders_and_their_author(commune, people):
    police = record(people.officer, commune, source="security", summary="Tin về một nhóm tụ tập")
    marked = record(people.coordinator, commune, restricted=True, summary="Ý kiến riêng")
    plain = record(people.coordinator, commune)
    assert police.restricted
    assert set(selectors.visible_entries(people.leader, commune)) == {police, marked, plain}
    assert set(selectors.visible_entries(people.officer, commune)) == {police, plain}
    assert set(selectors.visible_entries(people.supervisor, commune)) == {plain}


def test_a_village_head_reads_only_their_own_village(commune, people):
    own = record(people.village_head, commune, village=village_1(commune))
    other = record(
        people.coordinator, commune, village=Village.objects.create(commune=commune, name="Thôn 2")
    )
    assert set(selectors.visible_entries(people.village_head, commune)) == {own}
    assert set(selectors.visible_entries(people.coordinator, commune)) == {own, other}


def test_frustration_alerts_the_leader_and_coordinator_once(commune, people):
    v, f = village_1(commune), field()
    entry = record(people.village_head, commune, village=v, fld=f, level="frustrated")
    alert = OpinionAlert.objects.get()
    assert alert.reason == "tension" and list(alert.entries.all()) == [entry]
    notified = set(
        Notification.objects.filter(key__startswith="opinion-alert").values_list("user__username", flat=True)
    )
    assert notified == {"chutich", "dieuphoi"}
    # A second frustrated entry joins the open alert; no new notice at the same level.
    record(people.village_head, commune, village=v, fld=f, level="frustrated")
    assert OpinionAlert.objects.count() == 1 and alert.entries.count() == 2
    assert Notification.objects.filter(key__startswith="opinion-alert").count() == 2
    # A rise to hotspot risk escalates the same alert and notifies again.
    record(people.village_head, commune, village=v, fld=f, level="hotspot_risk")
    alert.refresh_from_db()
    assert alert.level == "hotspot_risk"
    assert Notification.objects.filter(key__startswith="opinion-alert").count() == 4


def test_a_rise_over_the_previous_entry_alerts(commune, people):
    v, f = village_1(commune), field()
    record(people.village_head, commune, village=v, fld=f, level="stable", days_ago=10)
    assert not OpinionAlert.objects.exists()
    record(people.village_head, commune, village=v, fld=f, level="divided")
    assert OpinionAlert.objects.get().reason == "rising"


def test_the_same_topic_again_in_the_same_village_alerts(commune, people):
    v, f = village_1(commune), field()
    for days in (20, 10):
        record(people.village_head, commune, village=v, fld=f, days_ago=days)
    assert not OpinionAlert.objects.exists()
    record(people.village_head, commune, village=v, fld=f)
    alert = OpinionAlert.objects.get()
    assert alert.reason == "repeated" and alert.entries.count() == 1


def test_old_entries_do_not_count_as_repeated(commune, people):
    v, f = village_1(commune), field()
    for days in (rules.REPEAT_WINDOW_DAYS + 5, rules.REPEAT_WINDOW_DAYS + 2):
        record(people.village_head, commune, village=v, fld=f, days_ago=days)
    record(people.village_head, commune, village=v, fld=f)
    assert not OpinionAlert.objects.exists()


def test_the_leader_acknowledges_and_a_new_rise_alerts_again(commune, people):
    v = village_1(commune)
    record(people.village_head, commune, village=v, level="hotspot_risk")
    alert = OpinionAlert.objects.get()
    with pytest.raises(ServiceError):
        services.alert_acknowledge(by=people.village_head, alert=alert, direction="Đối thoại")
    with pytest.raises(ServiceError, match="chỉ đạo"):
        services.alert_acknowledge(by=people.leader, alert=alert, direction=" ")
    services.alert_acknowledge(by=people.leader, alert=alert, direction="Tổ chức đối thoại tại thôn ngày 10.")
    alert.refresh_from_db()
    assert alert.status == "acknowledged" and alert.acknowledged_by == people.leader
    with pytest.raises(ServiceError, match="đã được xử lý"):
        services.alert_acknowledge(by=people.leader, alert=alert, direction="Lần nữa")
    record(people.village_head, commune, village=v, level="frustrated")
    assert OpinionAlert.objects.filter(status="open").count() == 1


def test_the_summary_is_drafted_saved_and_issued(commune, people):
    v, f = village_1(commune), field()
    record(
        people.village_head,
        commune,
        village=v,
        fld=f,
        level="frustrated",
        summary="Bụi từ bãi cát",
        people_count=30,
    )
    record(people.officer, commune, source="security", level="hotspot_risk", summary="BÍ MẬT an ninh")
    start, end = today().replace(day=1), today()
    text = services.summary_draft_text(commune, start, end)
    assert "2 ý kiến" in text and "Bụi từ bãi cát" in text and "BÍ MẬT" not in text
    with pytest.raises(ServiceError):
        services.summary_save(
            by=people.village_head, commune=commune, start=start, end=end, title="T", text=text
        )
    s = services.summary_save(
        by=people.coordinator, commune=commune, start=start, end=end, title="Tháng", text=text
    )
    with pytest.raises(ServiceError, match="Ngày ban hành"):
        services.summary_issue(
            by=people.coordinator, summary=s, number=3, issued_on=start - dt.timedelta(days=1)
        )
    services.summary_issue(by=people.coordinator, summary=s, number=3, issued_on=end)
    with pytest.raises(ServiceError, match="đã ban hành"):
        services.summary_save(
            by=people.coordinator, commune=commune, start=start, end=end, title="Sửa", text="x"
        )


def test_month_and_quarter_bounds():
    assert rules.month_bounds(2026, 2) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert rules.month_bounds(2026, 12) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert rules.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
