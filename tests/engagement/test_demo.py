"""The demo content: a Chairman day every coming week, a past dialogue with minutes and commitments,
a voter meeting; a second run adds nothing."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.engagement import selectors
from danvan.engagement.demo import demo_engagement
from danvan.engagement.models import Commitment, Dialogue, DialogueQuestion, ReceptionSession, VoterPetition
from danvan.geo.models import Village
from tests.engagement.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(commune, people):
    # `people` holds the demo's user names (chutich, dieuphoi); the demo villages are added here.
    for name in ("Thôn 2", "Thôn 3", "Bon Đắk Mai"):
        Village.objects.create(commune=commune, name=name)
    demo_engagement(commune)
    counts = (
        ReceptionSession.objects.count(),
        Dialogue.objects.count(),
        Commitment.objects.count(),
        VoterPetition.objects.count(),
        AuditEvent.objects.count(),
    )
    demo_engagement(commune)
    assert counts == (
        ReceptionSession.objects.count(),
        Dialogue.objects.count(),
        Commitment.objects.count(),
        VoterPetition.objects.count(),
        AuditEvent.objects.count(),
    )
    assert selectors.chairman_gaps(commune=commune, today=TODAY) == []
    dialogue = Dialogue.objects.get()
    assert dialogue.status == Dialogue.Status.HELD and dialogue.on < TODAY and dialogue.minutes_summary
    assert DialogueQuestion.objects.filter(dialogue=dialogue).exclude(answer="").count() == 2
    assert Commitment.objects.filter(dialogue=dialogue).count() == 2
    assert len(selectors.late_commitments(commune, TODAY)) == 1
    assert selectors.published_voter_answers(commune=commune)
