"""The list of one's open sessions and ending the others."""

import pytest
from django.test import Client

from danvan.accounts.models import UserSession
from danvan.accounts.rules import device_label
from danvan.accounts.services.sessions import sessions_end_others, sessions_of
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
WINDOWS_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
COCCOC = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/133.0.0 Chrome/127.0.0.0 Safari/537.36 CocCoc"
)


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (ANDROID, "Chrome trên Android"),
        (WINDOWS_FIREFOX, "Firefox trên Windows"),
        (COCCOC, "Cốc Cốc trên Windows"),
        ("", "Trình duyệt không rõ"),
    ],
)
def test_a_browser_is_named_so_its_owner_recognises_it(agent, label):
    assert device_label(agent) == label


def test_each_sign_in_is_listed_and_the_others_can_be_ended(people):
    phone, office = Client(HTTP_USER_AGENT=ANDROID), Client(HTTP_USER_AGENT=WINDOWS_FIREFOX)
    phone.force_login(people.officer)
    office.force_login(people.officer)
    office.get("/lam-viec/")
    phone.get("/lam-viec/", REMOTE_ADDR="10.0.0.7")
    current = office.session.session_key
    listed = sessions_of(people.officer, current_key=current)
    assert len(listed) == 2 and listed[0].current
    assert UserSession.objects.filter(user=people.officer).count() == 2
    assert sessions_end_others(people.officer, current_key=current) == 1
    assert [s.current for s in sessions_of(people.officer, current_key=current)] == [True]
    assert phone.get("/lam-viec/")["Location"].startswith("/dang-nhap/")
    still = office.get("/lam-viec/")
    assert still.status_code == 200 or not still["Location"].startswith("/dang-nhap/")
    assert AuditEvent.objects.filter(action="accounts.sessions_end_others").get().after["ended"] == 1


def test_signing_out_forgets_the_session(people, client):
    client.force_login(people.officer)
    client.get("/lam-viec/")
    assert UserSession.objects.filter(user=people.officer).exists()
    client.post("/dang-xuat/")
    assert not UserSession.objects.filter(user=people.officer).exists()
