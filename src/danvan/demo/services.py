"""Create the demo commune and its accounts; safe to run on every start."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from danvan.accounts.demo import demo_second_factor
from danvan.announcements.demo import demo_announcements
from danvan.assignments.demo import demo_assignments
from danvan.budget.demo import demo_budget
from danvan.democracy.decisions.demo import demo_decisions
from danvan.democracy.demo import demo_democracy
from danvan.engagement.demo import demo_engagement
from danvan.exemplars.demo import demo_exemplars
from danvan.followup.demo import demo_followup
from danvan.front.demo import demo_front
from danvan.geo.models import Commune, Village
from danvan.geo.services import divisions_load, village_create
from danvan.inspections.demo import demo_inspections
from danvan.mediation.demo import demo_mediation
from danvan.opinion.demo import demo_opinion
from danvan.org.models import Role, Unit
from danvan.org.services import commune_activate, membership_grant, staff_user_create
from danvan.petitions.demo import demo_petitions
from danvan.plans.demo import demo_province_plan
from danvan.plans.importer import import_plan
from danvan.plans.models import Plan
from danvan.plans.services import plan_import, plan_issue, unit_map_default, unit_names_in
from danvan.prestige.demo import demo_prestige
from danvan.reports.demo import demo_reports
from danvan.scoring.demo import demo_scoring
from danvan.surveys.demo import demo_surveys
from danvan.training.demo import demo_training

# Our own demo plan, written in the style of real commune plans (not a copy of any of them).
DEMO_PLAN = Path(__file__).with_name("ke-hoach-dan-van-2026.txt")

DEMO_COMMUNE_CODE = "24637"  # Xã Tà Đùng, tỉnh Lâm Đồng (QĐ 19/2025/QĐ-TTg)
DEMO_PASSWORD = os.environ.get("DANVAN_DEMO_PASSWORD", "DanVanSo@2026")

# Our own invented village list; real communes enter theirs in the workspace.
DEMO_VILLAGES = [
    ("Thôn 1", "thon", 212),
    ("Thôn 2", "thon", 185),
    ("Thôn 3", "thon", 240),
    ("Bon Đắk Mai", "buon", 96),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    title: str
    unit: str | None = None
    village: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("chutich", "Hoàng Văn Thành", Role.COMMUNE_LEADER, "Chủ tịch UBND xã"),
    DemoAccount("phochutich", "Lê Thị Hạnh", Role.COMMUNE_LEADER, "Phó Chủ tịch UBND xã"),
    DemoAccount("dieuphoi", "Trần Thị Mai", Role.COORDINATOR, "Công chức Phòng Văn hóa – Xã hội"),
    DemoAccount("vanphong", "Phạm Quốc Huy", Role.UNIT_OFFICER, "Chuyên viên", unit="Văn phòng HĐND và UBND"),
    DemoAccount("kinhte", "Đỗ Minh Tuấn", Role.UNIT_OFFICER, "Chuyên viên", unit="Phòng Kinh tế"),
    DemoAccount("truongthon1", "K'Brơi", Role.VILLAGE_HEAD, "Trưởng thôn", village="Thôn 1"),
    DemoAccount("mattran", "Vũ Thị Lan", Role.SUPERVISOR, "Ủy viên Ủy ban MTTQ Việt Nam xã"),
]


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    description: str
    totp_secret: str = ""  # the authenticator key of an account that needs a second factor


def demo_setup() -> tuple[Commune, list[Login]]:
    """Load the official lists, activate the demo commune, add its villages and accounts."""
    divisions_load(by=None)
    commune = Commune.objects.select_related("province").get(code=DEMO_COMMUNE_CODE)
    User = get_user_model()
    logins: list[Login] = []
    with transaction.atomic():
        commune_activate(commune=commune, by=None)
        commune.refresh_from_db()  # the services below check that the commune is active
        existing_villages = set(Village.objects.filter(commune=commune).values_list("name", flat=True))
        for name, kind, households in DEMO_VILLAGES:
            if name not in existing_villages:
                village_create(commune=commune, name=name, kind=kind, households=households, by=None)
        for acc in DEMO_ACCOUNTS:
            user = User.objects.filter(username=acc.username).first()
            if user is None:
                user = staff_user_create(
                    username=acc.username, full_name=acc.full_name, password=DEMO_PASSWORD, by=None
                )
            unit = Unit.objects.get(commune=commune, name=acc.unit) if acc.unit else None
            village = Village.objects.get(commune=commune, name=acc.village) if acc.village else None
            membership_grant(
                user=user,
                role=acc.role,
                commune=commune,
                unit=unit,
                village=village,
                title=acc.title,
                by=None,
            )
            if acc.role == Role.COORDINATOR:
                # The coordinator also works in the Phòng Văn hóa – Xã hội as a unit officer.
                vhxh = Unit.objects.get(commune=commune, name="Phòng Văn hóa – Xã hội")
                membership_grant(
                    user=user, role=Role.UNIT_OFFICER, commune=commune, unit=vhxh, title=acc.title, by=None
                )
            logins.append(
                Login(
                    acc.username,
                    DEMO_PASSWORD,
                    f"{acc.title} – {acc.full_name}",
                    demo_second_factor(user),
                )
            )

        viewer = User.objects.filter(username="tinh").first() or staff_user_create(
            username="tinh", full_name="Ngô Thanh Bình", password=DEMO_PASSWORD, by=None
        )
        membership_grant(
            user=viewer, role=Role.PROVINCE_VIEWER, province=commune.province, title="Sở Nội vụ", by=None
        )
        logins.append(
            Login(
                "tinh",
                DEMO_PASSWORD,
                f"Theo dõi cấp tỉnh – Sở Nội vụ {commune.province.in_sentence}",
                demo_second_factor(viewer),
            )
        )

        admin = User.objects.filter(username="quantri").first()
        if admin is None:
            admin = staff_user_create(
                username="quantri", full_name="Quản trị hệ thống", password=DEMO_PASSWORD, by=None
            )
            User.objects.filter(pk=admin.pk).update(is_staff=True, is_superuser=True)
        membership_grant(user=admin, role=Role.SYSTEM_ADMIN, title="Quản trị hệ thống", by=None)
        admin.refresh_from_db()
        logins.append(
            Login(
                "quantri",
                DEMO_PASSWORD,
                "Quản trị hệ thống (cả trang /quan-tri/)",
                demo_second_factor(admin),
            )
        )
        _demo_plan(commune)
        # Each module writes its own example content through its own services (idempotent).
        demo_petitions(commune)
        demo_engagement(commune)
        demo_democracy(commune)
        demo_decisions(commune)
        demo_exemplars(commune)
        demo_mediation(commune)
        demo_scoring(commune)
        demo_inspections(commune)
        demo_followup(commune)
        demo_front(commune)
        demo_training(commune)
        demo_prestige(commune)
        demo_budget(commune)
        demo_assignments(commune)
        demo_announcements(commune)
        demo_province_plan(commune, by=viewer)
        demo_reports(commune)
        demo_opinion(commune)
        demo_surveys(commune)
    return commune, logins


def _demo_plan(commune: Commune) -> Plan:
    """Import and issue the demo plan once, as the coordinator would through the preview."""
    raw = DEMO_PLAN.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    existing = Plan.objects.filter(commune=commune, source_sha256=digest).first()
    if existing:
        return existing
    data = import_plan(raw, DEMO_PLAN.name)
    coordinator = get_user_model().objects.get(username="dieuphoi")
    unit_map = unit_map_default(commune=commune, names=unit_names_in(data))
    plan = plan_import(
        commune=commune,
        data=data,
        unit_map=unit_map,
        by=coordinator,
        source_name=DEMO_PLAN.name,
        source_sha256=digest,
    )
    issued = date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None
    return plan_issue(plan=plan, number=data.get("number") or "18/KH-UBND", issued_on=issued, by=coordinator)
