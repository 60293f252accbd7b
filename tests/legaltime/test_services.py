"""Calendar overrides are audited and refuse incomplete input."""

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.legaltime.models import CalendarOverride
from danvan.legaltime.services import calendar_override_remove, calendar_override_set

pytestmark = pytest.mark.django_db


def test_setting_and_removing_an_override_leaves_audit_records(people):
    override = calendar_override_set(
        day=date(2027, 2, 3),
        kind="day_off",
        reason="Nghỉ Tết bổ sung",
        decision_number="123/TB-VPCP",
        by=people.admin,
    )
    calendar_override_set(day=date(2027, 2, 3), kind="working_day", reason="Đổi lại", by=people.admin)
    calendar_override_remove(override=CalendarOverride.objects.get(pk=override.pk), by=people.admin)
    actions = list(
        AuditEvent.objects.filter(object_type="legaltime.calendaroverride").values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "legaltime.override_remove",
        "legaltime.override_set",
        "legaltime.override_set",
    ]
    changed = AuditEvent.objects.filter(action="legaltime.override_set", before__isnull=False).get()
    assert changed.before["kind"] == "day_off" and changed.after["kind"] == "working_day"
    assert not CalendarOverride.objects.exists()


@pytest.mark.parametrize(
    ("kind", "reason", "message"),
    [("day_off", "  ", "lý do"), ("holiday", "Lý do", "Loại điều chỉnh")],
)
def test_bad_input_changes_nothing(kind, reason, message):
    with pytest.raises(ServiceError) as err:
        calendar_override_set(day=date(2027, 1, 5), kind=kind, reason=reason, by=None)
    assert message in err.value.message
    assert not CalendarOverride.objects.exists()
    assert not AuditEvent.objects.exists()
