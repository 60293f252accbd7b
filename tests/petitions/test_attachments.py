"""Adding files to a petition already received: checked, limited, audited, no public step."""

from __future__ import annotations

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.petitions import services
from danvan.petitions.models import Attachment, PetitionStep
from tests.petitions.conftest import classify, png, submit

pytestmark = pytest.mark.django_db


def test_added_files_are_audited_without_a_public_step(commune, people, unit):
    p = submit(commune, "feedback", identity={"full_name": "Lê Văn Hỏi", "phone": "0909000111"})
    steps = PetitionStep.objects.filter(petition=p).count()
    added = services.petition_add_attachments(
        petition=p, files=[png("Le Van Hoi.png")], by=people.coordinator
    )
    assert [a.kind for a in added] == ["png"] and added[0].sha256 and added[0].name == "Le Van Hoi.png"
    # The status did not change: the sender gets no notice and the public history no line.
    assert PetitionStep.objects.filter(petition=p).count() == steps
    event = AuditEvent.objects.get(action="petitions.add_attachments")
    assert event.after["attachments"][0]["sha256"] == added[0].sha256 and "Hoi" not in str(event.after)


@pytest.mark.parametrize("to", ["forward", "split"])
def test_a_case_no_longer_handled_here_takes_no_files(commune, people, unit, to):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    if to == "forward":
        services.petition_forward(petition=p, letter_text="Chuyển Công an huyện.", by=people.coordinator)
    else:
        services.petition_split(
            petition=p,
            parts=[{"content": "Một.", "kind": "feedback"}, {"content": "Hai."}],
            by=people.coordinator,
        )
    with pytest.raises(ServiceError) as refused:
        services.petition_add_attachments(petition=p, files=[png()], by=people.coordinator)
    assert refused.value.code == "petition_closed"
    assert not Attachment.objects.filter(petition=p).exists()


def test_a_village_head_does_not_add_files(commune, people):
    p = submit(commune, "feedback")
    with pytest.raises(ServiceError) as refused:
        services.petition_add_attachments(petition=p, files=[png()], by=people.village_head)
    assert refused.value.code == "forbidden"
