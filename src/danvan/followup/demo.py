"""Demo: the demo cases' official letters, numbered in the commune's register of outgoing documents —
the notice accepting the complaint in Thôn 3 and the result sent for the resolved feedback in Thôn 1.
Idempotent: a letter already issued for a case is not issued again. (The demo has no resolved complaint
yet, so no execution item: the case page offers one once the complaint is decided.)"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.geo.models import Commune
from danvan.petitions.models import Petition
from danvan.petitions.services.letters import letter_issue, petition_letters

LETTERS = [("demo-3", "thu-ly-khieu-nai"), ("demo-1", "ket-qua-phan-anh-kien-nghi")]


def demo_followup(commune: Commune) -> None:
    leader = get_user_model().objects.filter(username="chutich").first()
    if leader is None:
        return
    for token, key in LETTERS:
        petition = Petition.objects.filter(commune=commune, client_token=token).first()
        if petition is None or petition_letters(petition).filter(letter=key).exists():
            continue
        letter_issue(
            petition=petition,
            key=key,
            by=leader,
            issued_on=timezone.localdate(),
            signer_name=leader.get_full_name() or "Hoàng Văn Thành",
        )
