"""Demo village decisions: household registers for the demo villages, one published result, one open vote.

Everything goes through the services, as the village head and the commune's staff would do it. All
names, phone numbers and matters are our own inventions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from danvan.democracy.decisions import services
from danvan.democracy.decisions.models import CommuneDecision, Household, VillageDecision
from danvan.democracy.decisions.rules import Matter, Method
from danvan.geo.models import Village
from danvan.org.models import Membership, Role
from danvan.text.normalize import slugify_vi

# Invented names in the mix of a Lâm Đồng commune (Kinh, Cơ Ho, Mạ, Tày families).
FAMILY_HEADS = [
    "Nguyễn Văn Bình",
    "K'Brăm",
    "Ka Hoa",
    "Trần Thị Lựu",
    "Hoàng Văn Sìn",
    "Lê Quang Vinh",
    "K'Dũng",
    "Ka Nhung",
    "Phạm Thị Thu",
    "Nông Văn Páo",
    "Đặng Minh Khôi",
    "Ka Thị Hương",
]
REPRESENTATIVES = {2: "K'Tiếp", 5: "Lê Thị Mến", 9: "Nông Thị Dịu"}

PUBLISHED_TITLE = "Mức đóng góp làm đường bê tông nội thôn năm 2026"
COMMUNE_TITLE = "Góp kinh phí nâng cấp đường liên thôn toàn xã giai đoạn 2027–2028"
OPEN_TITLE = "Giờ phát loa truyền thanh buổi sáng của thôn"
# The demo register holds 12 households of a village that declared many more: the leader confirms why.
REGISTER_REASON = "Sổ hộ điện tử đang nhập dần; danh sách hộ đối chiếu với sổ hộ giấy của thôn."


def _code_prefix(village: Village) -> str:
    # "Thôn 1" -> "T1", "Bon Đắk Mai" -> "BDM": plain letters, usable in a code and an address.
    words = slugify_vi(village.name).split("-")
    return "".join(w[0].upper() if not w.isdigit() else w for w in words if w)


def _member(commune, role, **where):
    m = (
        Membership.objects.filter(commune=commune, role=role, is_active=True, **where)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return m.user if m else None


def _registers(commune, manager) -> None:
    for vi, village in enumerate(Village.objects.filter(commune=commune, is_active=True).order_by("name")):
        prefix = _code_prefix(village)
        existing = set(Household.objects.filter(village=village).values_list("code", flat=True))
        for i, head in enumerate(FAMILY_HEADS, start=1):
            code = f"{prefix}-{i:02d}"
            if code in existing:
                continue
            services.household_create(
                village=village,
                code=code,
                head_name=head,
                representative_name=REPRESENTATIVES.get(i, ""),
                # Every household but a few has a phone, so the online vote can reach them.
                phone="" if i % 5 == 0 else f"090{vi + 1}{i:06d}",
                email=f"ho.{prefix.lower()}{i:02d}@example.vn" if i % 4 == 0 else "",
                address=f"Tổ {1 + (i - 1) // 4}, {village.name}",
                by=manager,
            )


def _published(village, head, leader) -> None:
    decision = services.decision_create(
        village=village,
        matter=Matter.CONTRIBUTION_POLICY,
        method=Method.MEETING,
        title=PUBLISHED_TITLE,
        description="Mỗi hộ góp 500.000 đồng và 3 ngày công; hộ nghèo, hộ cận nghèo được miễn.",
        counting_committee=["Nguyễn Văn Bình", "Ka Hoa", "Lê Quang Vinh"],
        noticed_on=timezone.localdate() - timedelta(days=7),
        by=head,
    )
    services.decision_open(decision=decision, by=leader, short_register_reason=REGISTER_REASON)
    present = list(Household.objects.filter(village=village, is_active=True).order_by("code"))[:9]
    services.meeting_record_attendance(decision=decision, present_households=present, by=head)
    services.meeting_record_result(decision=decision, approve=8, reject=1, abstain=0, by=head)
    services.decision_close(decision=decision, by=head)
    services.decision_record_outcome(
        decision=decision,
        by=head,
        minutes="Hội nghị thống nhất khởi công sau mùa thu hoạch cà phê; "
        "Ban giám sát đầu tư của cộng đồng theo dõi.",
    )
    services.decision_publish(decision=decision, by=head)


def _open(village, head, front, leader) -> None:
    online = (
        front is not None
        and head is not None
        and Membership.objects.filter(
            user=head, role=Role.VILLAGE_HEAD, village=village, is_active=True
        ).exists()
    )
    decision = services.decision_create(
        village=village,
        matter=Matter.OTHER_SELF_MANAGED,
        method=Method.ONLINE if online else Method.BALLOT,
        title=OPEN_TITLE,
        description="Phương án: phát từ 6 giờ đến 6 giờ 30 thay cho 5 giờ 30 đến 6 giờ như hiện nay.",
        closes_at=timezone.now() + timedelta(days=30),
        counting_committee=["Trần Thị Lựu", "K'Dũng", "Phạm Thị Thu"],
        noticed_on=timezone.localdate() - timedelta(days=3),
        by=head,
    )
    if online:
        services.decision_agree_online(decision=decision, by=head, as_role="village_head")
        services.decision_agree_online(decision=decision, by=front, as_role="front")
    services.decision_open(decision=decision, by=leader, short_register_reason=REGISTER_REASON)


def _commune_wide(commune, manager) -> None:
    """A contribution matter for the whole commune, put to every village (drafts for the village heads)."""
    services.commune_decision_create(
        commune=commune,
        matter=Matter.CONTRIBUTION_POLICY,
        title=COMMUNE_TITLE,
        description="Mỗi hộ góp 300.000 đồng/năm trong 2 năm để nâng cấp đường liên thôn; hộ nghèo được "
        "miễn. Thông qua khi từ hai phần ba số thôn của xã tán thành.",
        method=Method.MEETING,
        noticed_on=timezone.localdate() - timedelta(days=1),
        by=manager,
    )


def demo_decisions(commune) -> None:
    """Idempotent: a second call changes nothing."""
    manager = _member(commune, Role.COMMUNE_LEADER) or _member(commune, Role.COORDINATOR)
    if manager is None:
        return
    _registers(commune, manager)
    # The demo votes happen in the village that has a head (Thôn 1 in the demo), else in the first one.
    head_of = (
        Membership.objects.filter(
            commune=commune, role=Role.VILLAGE_HEAD, is_active=True, village__is_active=True
        )
        .select_related("user", "village")
        .order_by("village__name")
        .first()
    )
    first = (
        head_of.village
        if head_of
        else Village.objects.filter(commune=commune, is_active=True).order_by("name").first()
    )
    if first is None:
        return
    head = head_of.user if head_of else manager
    decisions = VillageDecision.objects.filter(commune=commune)
    if not decisions.filter(title=PUBLISHED_TITLE).exists():
        _published(first, head, manager)
    if not decisions.filter(title=OPEN_TITLE).exists():
        _open(first, head, _member(commune, Role.SUPERVISOR), manager)
    if not CommuneDecision.objects.filter(commune=commune, title=COMMUNE_TITLE).exists():
        _commune_wide(commune, manager)
