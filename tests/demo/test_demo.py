"""The demo set-up that `./dvs serve` runs on every start."""

from io import StringIO

import pytest
from django.core.management import call_command

from danvan.demo.services import DEMO_PASSWORD
from danvan.geo.models import Commune, Village
from danvan.org.models import Membership, Unit

pytestmark = pytest.mark.django_db


def test_setup_demo_is_idempotent_and_prints_working_logins(client):
    out = StringIO()
    call_command("setup_demo", stdout=out)
    counts = (Unit.objects.count(), Village.objects.count(), Membership.objects.count())
    call_command("setup_demo", stdout=StringIO())
    assert (Unit.objects.count(), Village.objects.count(), Membership.objects.count()) == counts
    text = out.getvalue()
    assert "Xã Tà Đùng" in text and "/xa/ta-dung/" in text and "dieuphoi" in text
    assert Commune.objects.filter(is_active=True).count() == 1
    response = client.post("/dang-nhap/", {"username": "dieuphoi", "password": DEMO_PASSWORD}, follow=True)
    assert "Công chức đầu mối" in response.content.decode()
