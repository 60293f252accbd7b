"""The demo shows the training register, the people of prestige, the plan's budget and who is in charge
(issue 22), and a second start adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from danvan.budget.models import Allocation, Expense
from danvan.demo.services import DEMO_PASSWORD
from danvan.geo.models import Commune
from danvan.prestige.models import Contact, Person
from danvan.training.models import Course, Participant
from tests.conftest import client_sign_in

pytestmark = pytest.mark.django_db


def test_the_demo_has_trainings_people_of_prestige_and_a_budget(client):
    call_command("setup_demo", stdout=StringIO())
    counts = [m.objects.count() for m in (Course, Participant, Person, Contact, Allocation, Expense)]
    call_command("setup_demo", stdout=StringIO())
    assert [m.objects.count() for m in (Course, Participant, Person, Contact, Allocation, Expense)] == counts
    assert all(counts)
    commune = Commune.objects.get(is_active=True)
    client_sign_in(client, "chutich", DEMO_PASSWORD)
    base = f"/lam-viec/{commune.code}/"
    training = client.get(base + "tap-huan/").content.decode()
    assert "kỹ năng dân vận khéo" in training and "Còn thiếu" in training
    prestige = client.get(base + "uy-tin/").content.decode()
    assert "Già làng Bon Đắk Mai" in prestige and "Giáo họ Tà Đùng" in prestige and "Có ý kiến" in prestige
    budget = client.get(base + "kinh-phi/").content.decode()
    assert "48.000.000" in budget and "21.500.000" in budget
    charge = client.get(base + "phu-trach/").content.decode()
    uncovered = charge.split("Thôn chưa có cán bộ phụ trách:")[1].split("</p>")[0]
    assert "Thôn 3" in uncovered and "Bon Đắk Mai" in uncovered and "Thôn 1" not in uncovered
    assert "Trưởng ban" in charge
