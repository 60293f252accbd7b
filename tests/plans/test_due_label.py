"""A task's time frame is shown the way the plan wrote it."""

from datetime import date

import pytest

from danvan.plans.models import Task, Timeframe


@pytest.mark.parametrize(
    ("timeframe", "due", "label"),
    [
        (Timeframe.ONGOING, None, "Thường xuyên"),
        (Timeframe.BY_DATE, date(2026, 5, 30), "Trước ngày 30/05/2026"),
        (Timeframe.WITHIN_QUARTER, date(2026, 9, 30), "Quý III/2026"),
        (Timeframe.WITHIN_QUARTER, date(2025, 12, 31), "Quý IV/2025"),
        (Timeframe.WITHIN_YEAR, date(2026, 12, 31), "Năm 2026"),
        (Timeframe.UNSPECIFIED, None, "Không ghi thời hạn"),
    ],
)
def test_due_label(timeframe, due, label):
    assert Task(timeframe=timeframe, due_date=due).due_label == label
