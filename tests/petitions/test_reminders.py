"""Daily petition reminders: the unit before the deadline, the leaders after it; once each; no identity."""

from datetime import timedelta

import pytest

from danvan.comms.models import Notification
from danvan.petitions.reminders import petition_reminders_send
from danvan.petitions.rules import current_due
from tests.petitions.conftest import DENOUNCER, accepted, classify, submit

pytestmark = pytest.mark.django_db


def test_the_unit_is_reminded_before_the_deadline_once(commune, people, unit):
    petition = classify(submit(commune, "feedback"), people, unit, "feedback")
    due = current_due(petition)
    assert petition_reminders_send(today=due - timedelta(days=1)) >= 1
    assert petition_reminders_send(today=due - timedelta(days=1)) == 0  # not twice
    note = Notification.objects.get(user=people.officer, key__contains=":due:")
    assert petition.tracking_code in note.text and note.url.endswith(f"/don-thu/{petition.pk}/")
    assert not Notification.objects.filter(user=people.leader).exists()


def test_overdue_cases_are_escalated_to_the_leader(commune, people, unit):
    petition = classify(submit(commune, "feedback"), people, unit, "feedback")
    due = current_due(petition)
    petition_reminders_send(today=due + timedelta(days=2))
    leader_note = Notification.objects.get(user=people.leader)
    assert "đã quá hạn" in leader_note.text and "Phòng Kinh tế" in leader_note.text
    assert Notification.objects.filter(user=people.officer, text__contains="quá hạn").exists()


def test_a_denunciation_reminder_never_names_the_denouncer(commune, people, unit):
    petition = accepted(commune, people, unit, "denunciation")
    petition_reminders_send(today=current_due(petition) + timedelta(days=1))
    texts = " ".join(Notification.objects.values_list("text", flat=True))
    assert petition.tracking_code in texts
    for secret in DENOUNCER.values():
        assert secret not in texts


def test_the_workspace_home_counts_overdue_petitions(client, commune, people, unit):
    import time_machine

    petition = classify(submit(commune, "feedback"), people, unit, "feedback")
    client.force_login(people.leader)
    with time_machine.travel(current_due(petition) + timedelta(days=3)):
        page = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "1 đơn thư quá hạn" in page
