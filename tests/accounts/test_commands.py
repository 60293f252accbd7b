"""`danvan otp_code` (the demo's codes, nowhere else) and `danvan otp_reset` (the operator's reset)."""

import time
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from danvan.accounts.services.two_factor import has_second_factor, second_factor_verify
from danvan.core.models import AuditEvent
from tests.conftest import make_user, second_factor_device

pytestmark = pytest.mark.django_db


def test_otp_code_gives_a_demo_account_a_working_code(db):
    from django.contrib.auth import get_user_model

    call_command("setup_demo", stdout=StringIO())
    # Half a minute later (enrolment used the code of its own 30 seconds), the app shows a new one.
    with time_machine.travel(time.time() + 31, tick=False):
        out = StringIO()
        call_command("otp_code", "dieuphoi", stdout=out)
        code = out.getvalue().strip()
        assert code.isdigit() and len(code) == 6
        user = get_user_model().objects.get(username="dieuphoi")
        assert second_factor_verify(user, token=code)


def test_right_after_setup_the_demo_code_is_the_next_one_not_the_one_just_used(db):
    from django.contrib.auth import get_user_model

    call_command("setup_demo", stdout=StringIO())
    with time_machine.travel(time.time(), tick=False):
        out = StringIO()
        call_command("otp_code", "chutich", stdout=out)
        user = get_user_model().objects.get(username="chutich")
        assert second_factor_verify(user, token=out.getvalue().strip())


def test_otp_code_refuses_other_accounts_and_https_deployments(people, settings):
    make_user("nguoila")
    with pytest.raises(CommandError, match="không phải tài khoản mẫu"):
        call_command("otp_code", "nguoila", stdout=StringIO())
    settings.SECURE_SSL_REDIRECT = True
    with pytest.raises(CommandError, match="DANVAN_HTTPS"):
        call_command("otp_code", "dieuphoi", stdout=StringIO())


def test_otp_reset_from_the_command_line_is_audited(people):
    second_factor_device(people.admin)
    out = StringIO()
    call_command("otp_reset", "quantri", stdout=out)
    assert "Đã đặt lại xác thực hai bước" in out.getvalue()
    assert not has_second_factor(people.admin)
    event = AuditEvent.objects.get(action="accounts.otp_reset")
    assert event.actor is None and event.actor_name == "hệ thống"
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("otp_reset", "khongco", stdout=StringIO())
