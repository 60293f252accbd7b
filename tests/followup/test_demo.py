"""The demo commune's letters: issued once, numbered in the register, even when the demo is set up again."""

from __future__ import annotations

import pytest

from danvan.demo.services import demo_setup
from danvan.outgoing.models import OutgoingDocument

pytestmark = pytest.mark.django_db


def test_the_demo_issues_its_letters_once():
    commune, _ = demo_setup()
    demo_setup()
    letters = sorted(
        OutgoingDocument.objects.filter(commune=commune).values_list("letter", "symbol", "number")
    )
    assert letters == [("ket-qua-phan-anh-kien-nghi", "TB-UBND", 2), ("thu-ly-khieu-nai", "TB-UBND", 1)]
