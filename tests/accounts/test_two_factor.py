"""The second factor's rules and services: who must have it, enrolment, codes, throttling, reset."""

import pytest
import time_machine
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.rules import RECOVERY_CODE_COUNT, must_use_two_factor
from danvan.accounts.services.two_factor import (
    enrolment_confirm,
    enrolment_start,
    has_second_factor,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_reset,
    second_factor_verify,
)
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from tests.conftest import totp_code

pytestmark = pytest.mark.django_db


def test_leaders_coordinators_province_viewers_and_admins_must_have_it(people):
    must = {name for name in vars(people) if must_use_two_factor(getattr(people, name))}
    assert must == {
        "leader",
        "coordinator",
        "province_viewer",
        "admin",
        "outsider",
    }  # outsider: a coordinator


def test_the_setting_requires_it_for_every_staff_account(people, settings):
    settings.DANVAN_REQUIRE_2FA_ALL = True
    assert must_use_two_factor(people.officer) and must_use_two_factor(people.village_head)
    assert must_use_two_factor(people.supervisor)
    assert not must_use_two_factor(people.nobody)  # no role, not staff: nothing to protect


def _enrol(user):
    pending = enrolment_start(user).device
    return enrolment_confirm(user, token=totp_code(pending))


def test_enrolment_shows_a_qr_code_and_needs_the_apps_code(people):
    user = people.coordinator
    start = enrolment_start(user)
    assert start.qr_svg.startswith("<svg") and "<script" not in start.qr_svg
    assert len(start.secret.replace(" ", "")) == 32
    assert enrolment_start(user).device.pk == start.device.pk  # a reload shows the same key
    with pytest.raises(ServiceError, match="Mã không đúng"):
        enrolment_confirm(user, token="000000" if totp_code(start.device) != "000000" else "111111")
    with pytest.raises(ServiceError, match="6 chữ số"):
        enrolment_confirm(user, token="abc")
    assert not has_second_factor(user)


def test_confirming_gives_ten_recovery_codes_once_and_is_audited(people):
    user = people.coordinator
    device, codes = _enrol(user)
    assert device.confirmed and has_second_factor(user)
    assert len(codes) == len(set(codes)) == RECOVERY_CODE_COUNT
    assert recovery_codes_left(user) == RECOVERY_CODE_COUNT
    assert AuditEvent.objects.filter(action="accounts.otp_enrol", object_id=str(user.pk)).count() == 1
    with pytest.raises(ServiceError, match="đã bật"):
        enrolment_start(user)


def test_a_code_works_once_and_a_recovery_code_once(people):
    user = people.leader
    device, codes = _enrol(user)
    code = totp_code(device)
    assert second_factor_verify(user, token=code).pk == device.pk
    with pytest.raises(ServiceError, match="không đúng hoặc đã dùng"):
        second_factor_verify(user, token=code)  # the same code again (someone looking over a shoulder)
    device.refresh_from_db()
    device.throttle_reset()
    recovery = codes[0]
    assert second_factor_verify(user, token=recovery.upper()).__class__.__name__ == "StaticDevice"
    assert recovery_codes_left(user) == RECOVERY_CODE_COUNT - 1
    with pytest.raises(ServiceError):
        second_factor_verify(user, token=recovery)
    assert AuditEvent.objects.filter(action="accounts.recovery_code_used").count() == 1


def test_wrong_codes_are_throttled_and_audited(people):
    user = people.leader
    device, _ = _enrol(user)
    wrong = "000001" if totp_code(device) != "000001" else "000002"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with pytest.raises(ServiceError, match="không đúng"):
            second_factor_verify(user, token=wrong)
        # Right away, even the right code must wait: 1, 2, 4, 8 … seconds after each failure.
        with pytest.raises(ServiceError, match=r"sai 1 lần liền. Vui lòng đợi 1 giây") as refused:
            second_factor_verify(user, token=totp_code(device))
        assert refused.value.code == "throttled"
        clock.shift(2)
        with pytest.raises(ServiceError, match="không đúng"):
            second_factor_verify(user, token=wrong)
        with pytest.raises(ServiceError, match=r"sai 2 lần liền. Vui lòng đợi 2 giây"):
            second_factor_verify(user, token=totp_code(device))
        clock.shift(3)
        assert second_factor_verify(user, token=totp_code(device)).pk == device.pk
    assert AuditEvent.objects.filter(action="accounts.otp_failure", object_id=str(user.pk)).count() == 2


def test_new_recovery_codes_replace_the_old_ones(people):
    user = people.leader
    _, old = _enrol(user)
    new = recovery_codes_renew(user)
    assert set(old).isdisjoint(new)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_only_an_administrator_resets_it_and_the_reset_is_audited(people, client):
    user = people.coordinator
    _enrol(user)
    client.force_login(user)
    with pytest.raises(ServiceError, match="Chỉ quản trị hệ thống"):
        second_factor_reset(user, by=people.leader)
    assert has_second_factor(user)
    assert second_factor_reset(user, by=people.admin) == 2  # the app's key and the recovery codes
    assert not TOTPDevice.objects.filter(user=user).exists() and recovery_codes_left(user) == 0
    event = AuditEvent.objects.get(action="accounts.otp_reset")
    assert event.actor == people.admin and event.after["sessions_ended"] == 1
    # The person is signed out everywhere and enrols again at the next log-in.
    assert client.get("/lam-viec/")["Location"].startswith("/dang-nhap/")
