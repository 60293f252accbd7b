"""Fixtures for petitions: units, a second unit's officer, and helpers that walk a petition forward."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import AuditEvent
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionStep

DENOUNCER = {"full_name": "Trần Thị Bí Mật", "address": "Thôn 1, xã Tà Đùng", "phone": "0912345678"}
RECEIVED = date(2026, 3, 2)  # a Monday with no holiday near


@pytest.fixture
def unit(commune, people) -> Unit:
    """Phòng Kinh tế, where `people.officer` works."""
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def other_officer(commune, people):
    from tests.conftest import make_user

    user = make_user("congan", "Lê Văn Công An")
    membership_grant(
        user=user,
        role=Role.UNIT_OFFICER,
        commune=commune,
        unit=Unit.objects.get(commune=commune, name="Công an xã"),
        by=None,
    )
    return user


def png(name: str = "anh.png") -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue())


def submit(commune, kind_hint=None, **kwargs) -> Petition:
    defaults = {
        "content": "Đường vào thôn 1 bị sạt lở sau mưa, xe máy không đi được.",
        "identity": dict(DENOUNCER) if kind_hint in ("complaint", "denunciation") else None,
        "received_on": RECEIVED,
    }
    return services.petition_submit(commune=commune, kind_hint=kind_hint, **{**defaults, **kwargs})


def classify(petition, people, unit, kind, **kwargs) -> Petition:
    args = {"kind": kind, "eligible": True, "unit": unit, "by": people.coordinator}
    return services.petition_classify(petition=petition, **{**args, **kwargs})


def accepted(commune, people, unit, kind, **kwargs) -> Petition:
    p = submit(commune, kind)
    p = classify(p, people, unit, kind, **kwargs)
    return services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)


def counts(petition=None) -> tuple[int, int]:
    """(steps, petition audit events): what a refused request must leave unchanged."""
    steps = PetitionStep.objects.all() if petition is None else PetitionStep.objects.filter(petition=petition)
    return steps.count(), AuditEvent.objects.filter(action__startswith="petitions.").count()
