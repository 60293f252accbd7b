"""Fixtures of the democracy tests: Thôn 1's household register and decisions at each stage; a published
disclosure and an open consultation for the page tests."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.utils import timezone

from danvan.core.models import AuditEvent
from danvan.democracy import rules, services
from danvan.democracy.models import (
    BallotChoice,
    DisclosureKind,
    Household,
    MeetingAttendance,
    OnlineVoteCode,
    VillageDecision,
    Vote,
    VoteReceipt,
)
from danvan.democracy.rules import DisclosureForm as F
from danvan.democracy.rules import Matter, Method
from danvan.geo.models import Village


@pytest.fixture
def village(commune, people) -> Village:
    """Thôn 1, whose head is people.village_head. Its declared household count is left unset so that the
    register the tests build is the village's whole count (test_short_register.py declares one)."""
    Village.objects.filter(commune=commune, name="Thôn 1").update(households=None)
    return Village.objects.get(commune=commune, name="Thôn 1")


# Households entered at the start of the year, before any test's frozen "now".
REGISTERED = datetime(2026, 1, 1, tzinfo=UTC)


def add_households(village, count: int, *, start: int = 1, **extra) -> list[Household]:
    extra.setdefault("created_at", REGISTERED)
    Household.objects.bulk_create(
        Household(village=village, code=f"H{n:03d}", head_name=f"Chủ hộ {n}", **extra)
        for n in range(start, start + count)
    )
    return list(Household.objects.filter(village=village).order_by("code"))


@pytest.fixture
def households(village) -> list[Household]:
    """100 households, so percentages read directly."""
    return add_households(village, 100)


def make_decision(village, by, *, matter=Matter.CONTRIBUTION_POLICY, method=Method.MEETING, **kw):
    kw.setdefault("counting_committee", ["Nguyễn Văn A", "Trần Thị B", "Lê Văn C"])
    # The households were told (and sent the documents) long enough before (NĐ 59/2023, Điều 3).
    kw.setdefault("noticed_on", timezone.localdate() - dt.timedelta(days=rules.NOTICE_DAYS))
    return services.decision_create(
        village=village, matter=matter, method=method, title="Làm đường bê tông liên xóm", by=by, **kw
    )


def state(decision: VillageDecision) -> dict:
    """Everything a refused attempt must leave as it was (audit rows aside)."""
    decision.refresh_from_db()
    return {
        "decision": {f.attname: getattr(decision, f.attname) for f in VillageDecision._meta.concrete_fields},
        "receipts": list(
            VoteReceipt.objects.filter(decision=decision).values_list("household_id", "channel")
        ),
        "open_votes": list(Vote.objects.filter(decision=decision).values_list("household_id", "choice")),
        "secret": BallotChoice.objects.filter(decision=decision).aggregate(n=Sum("count"))["n"],
        "attendance": MeetingAttendance.objects.filter(decision=decision).count(),
        "codes_used": OnlineVoteCode.objects.filter(decision=decision, used_at__isnull=False).count(),
        "households": Household.objects.count(),
    }


def refusals(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=f"democracy.{action}_refused"))


# --- a published disclosure and an open consultation, for the page tests --------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def item(people, commune):
    return services.disclosure_publish(
        by=people.coordinator,
        commune=commune,
        kind=DisclosureKind.objects.get(code="projects_land"),
        title="Kế hoạch sử dụng đất đai năm 2026",
        body="Danh mục công trình.",
        upload=SimpleUploadedFile("ke-hoach.pdf", PDF),
        forms=[F.OFFICE_POSTING, F.PORTAL],
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )


@pytest.fixture
def consultation(people, commune):
    today = timezone.localdate()
    c = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter="socioeconomic_plan",
        title="Dự thảo kế hoạch năm 2027",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=10),
        questions=["Ưu tiên công trình nào?"],
    )
    return services.consultation_publish(by=people.coordinator, consultation=c)
