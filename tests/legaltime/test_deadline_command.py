"""`danvan deadline`: what an administrator types to check the calendar."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_prints_the_deadline_across_tet():
    out = StringIO()
    call_command("deadline", "2026-02-12", "--working-days", "3", stdout=out)
    assert out.getvalue().splitlines()[0] == "2026-02-24"


@pytest.mark.django_db
def test_explain_lists_the_days_off_with_their_names():
    out = StringIO()
    call_command("deadline", "12/02/2026", "--working-days", "3", "--explain", stdout=out)
    text = out.getvalue()
    assert "16/02/2026 (nghỉ)" in text
    assert "Tết" in text


@pytest.mark.django_db
def test_calendar_days_option():
    out = StringIO()
    call_command("deadline", "2026-02-06", "--days", "10", stdout=out)
    assert out.getvalue().strip() == "2026-02-23"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["2026-02-30", "12-2026", "hôm nay"])
def test_malformed_date_is_a_vietnamese_error(bad):
    with pytest.raises(CommandError) as err:
        call_command("deadline", bad, "--working-days", "3")
    assert "không hợp lệ" in str(err.value)
    assert "YYYY-MM-DD" in str(err.value)


def test_cli_exits_non_zero_on_a_malformed_date():
    # The real `danvan` entry point, as an administrator runs it.
    proc = subprocess.run(
        [sys.executable, "-m", "danvan.manage", "deadline", "2026-13-01", "--working-days", "3"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "Ngày “2026-13-01” không hợp lệ" in proc.stderr
    assert proc.stdout == ""
