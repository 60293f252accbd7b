"""Legal rules for village decisions (bàn và quyết định): matter kinds, methods, quorum, who may act."""

from __future__ import annotations

from django.db import models

from danvan.org.models import Membership, Role

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (10/2022/QH15)"


class Matter(models.TextChoices):
    """Nội dung Nhân dân bàn và quyết định — Luật THDCCS 2022, Điều 15."""

    # Điều 15(1): chủ trương và mức đóng góp xây dựng công trình công cộng, hạ tầng kỹ thuật.
    CONTRIBUTION_POLICY = "contribution_policy", "Chủ trương và mức đóng góp xây dựng công trình"
    # Điều 15(2): thu, chi, quản lý các khoản đóng góp của Nhân dân.
    CONTRIBUTION_SPENDING = "contribution_spending", "Thu, chi, quản lý các khoản đóng góp"
    # Điều 15(3): nội dung hương ước, quy ước của cộng đồng dân cư.
    CONVENTION = "convention", "Hương ước, quy ước"
    # Điều 15(4): bầu, cho thôi làm trưởng thôn, tổ trưởng tổ dân phố.
    VILLAGE_HEAD_ELECTION = "village_head_election", "Bầu, cho thôi làm trưởng thôn/tổ trưởng tổ dân phố"
    # Điều 15(5): bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư cộng đồng.
    BOARD_ELECTION = "board_election", "Bầu, cho thôi làm thành viên Ban TTND, Ban GSĐTCĐ"
    # Điều 15(6): các công việc tự quản khác trong nội bộ cộng đồng dân cư.
    OTHER_SELF_MANAGED = "other_self_managed", "Công việc tự quản khác của cộng đồng dân cư"


class Method(models.TextChoices):
    """Hình thức bàn và quyết định — Luật THDCCS 2022, Điều 17–21."""

    MEETING = "meeting", "Hội nghị đại diện hộ gia đình"
    BALLOT = "ballot", "Phát phiếu lấy ý kiến hộ gia đình"
    ONLINE = "online", "Biểu quyết trực tuyến"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    OPEN = "open", "Đang lấy biểu quyết"
    # A meeting that missed its quorum: the matter goes to a household ballot (Điều 17–21).
    NEEDS_BALLOT = "needs_ballot", "Cần phát phiếu lấy ý kiến hộ gia đình"
    # A meeting-only matter (hương ước, bầu/cho thôi) cannot fall back to a ballot: meet again.
    NEEDS_MEETING = "needs_meeting", "Cần tổ chức lại hội nghị"
    CLOSED = "closed", "Đã kết thúc biểu quyết"
    RECORDED = "recorded", "Đã lập biên bản, báo cáo UBND xã"
    PUBLISHED = "published", "Đã công bố kết quả"


# Allowed moves, as data; services.decision_move() is the only place that performs one.
DECISION_TRANSITIONS: dict[str, frozenset[str]] = {
    DecisionStatus.DRAFT: frozenset({DecisionStatus.OPEN}),
    DecisionStatus.OPEN: frozenset(
        {DecisionStatus.CLOSED, DecisionStatus.NEEDS_BALLOT, DecisionStatus.NEEDS_MEETING}
    ),
    DecisionStatus.NEEDS_BALLOT: frozenset({DecisionStatus.CLOSED}),
    DecisionStatus.NEEDS_MEETING: frozenset({DecisionStatus.OPEN}),
    DecisionStatus.CLOSED: frozenset({DecisionStatus.RECORDED}),
    DecisionStatus.RECORDED: frozenset({DecisionStatus.PUBLISHED}),
    DecisionStatus.PUBLISHED: frozenset(),
}


class Choice(models.TextChoices):
    APPROVE = "approve", "Tán thành"
    REJECT = "reject", "Không tán thành"
    ABSTAIN = "abstain", "Không có ý kiến"


class Channel(models.TextChoices):
    MEETING = "meeting", "Tại hội nghị"
    BALLOT = "ballot", "Phiếu lấy ý kiến"
    ONLINE = "online", "Trực tuyến"


# Conventions and elections/removals must be decided at a meeting; online voting only for "other
# self-managed matters" (Điều 15 khoản 6) — Luật THDCCS 2022, Điều 17–21 as summarised in LEGAL.md.
MEETING_ONLY = frozenset({Matter.CONVENTION, Matter.VILLAGE_HEAD_ELECTION, Matter.BOARD_ELECTION})
METHODS_ALLOWED: dict[str, frozenset[str]] = {
    Matter.CONTRIBUTION_POLICY: frozenset({Method.MEETING, Method.BALLOT}),
    Matter.CONTRIBUTION_SPENDING: frozenset({Method.MEETING, Method.BALLOT}),
    Matter.CONVENTION: frozenset({Method.MEETING}),
    Matter.VILLAGE_HEAD_ELECTION: frozenset({Method.MEETING}),
    Matter.BOARD_ELECTION: frozenset({Method.MEETING}),
    Matter.OTHER_SELF_MANAGED: frozenset({Method.MEETING, Method.BALLOT, Method.ONLINE}),
}

# The article each refusal cites, so the message tells the village head where the rule comes from.
# LEGAL.md gives the methods as Điều 17–21 together; the article numbers below follow it.
METHOD_CITATION: dict[str, str] = {
    Method.MEETING: f"Điều 17–21 {LAW}",
    Method.BALLOT: f"Điều 17–21 {LAW}",
    Method.ONLINE: f"Điều 15 khoản 6 và Điều 17–21 {LAW}",
}
MEETING_ONLY_CITATION = f"Điều 17–21 {LAW}"

# A village of at least this many households may hold the meeting by residential cluster (Điều 17–21).
CLUSTER_MEETING_MIN_HOUSEHOLDS = 200
# Ban kiểm phiếu: 3 to 5 people (Điều 17–21).
COUNTING_COMMITTEE_MIN = 3
COUNTING_COMMITTEE_MAX = 5

# A household's online code: short enough to type on a phone, so it expires fast and allows only a few
# wrong tries (brute force of 10^6 codes is then hopeless).
ONLINE_CODE_DIGITS = 6
ONLINE_CODE_MINUTES = 10
ONLINE_CODE_MAX_ATTEMPTS = 5
ONLINE_CODE_MAX_SENDS = 5


def has_quorum(present: int, total: int) -> bool:
    """Hội nghị hợp lệ khi có trên 50% số hộ gia đình của thôn tham dự (Luật THDCCS 2022, Điều 17–21)."""
    return total > 0 and present * 2 > total


def passes(approve: int, total: int) -> bool:
    """Thông qua khi trên 50% tổng số đại diện hộ gia đình của thôn tán thành (Điều 17–21): counted over
    ALL households of the village, not over those present or those who voted."""
    return total > 0 and approve * 2 > total


def method_allowed(matter: str, method: str) -> bool:
    return method in METHODS_ALLOWED.get(matter, frozenset())


def is_secret(method: str, requested: bool | None) -> bool:
    """Whether individual choices must not be linked to households. Online votes are always secret:
    nobody running the system may learn how a household voted. A paper ballot is secret unless the
    village chose signed ballots; a meeting records only totals, so the flag does not matter there."""
    if method == Method.ONLINE:
        return True
    return True if requested is None else bool(requested)


# --- who may act -----------------------------------------------------------------------------------

MANAGERS = frozenset({Role.COMMUNE_LEADER, Role.COORDINATOR})


def _active(user) -> list[Membership]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(Membership.objects.filter(user=user, is_active=True))


def can_manage_village(user, village) -> bool:
    """The village head keeps the register and runs the votes; the commune's leaders and coordinator
    may do the same (e.g. when the village has no head yet)."""
    if getattr(user, "is_superuser", False):
        return True
    for m in _active(user):
        if m.role == Role.SYSTEM_ADMIN:
            return True
        if m.role == Role.VILLAGE_HEAD and m.village_id == village.pk:
            return True
        if m.role in MANAGERS and m.commune_id == village.commune_id:
            return True
    return False


AGREE_ROLES = {
    # Điều 17–21: online voting needs the village head and the Ban công tác Mặt trận to agree.
    "village_head": "trưởng thôn",
    "front": "Ban công tác Mặt trận",
}


def can_agree_as(user, village, as_role: str) -> bool:
    for m in _active(user):
        if as_role == "village_head" and m.role == Role.VILLAGE_HEAD and m.village_id == village.pk:
            return True
        if as_role == "front" and m.role == Role.SUPERVISOR and m.commune_id == village.commune_id:
            return True
    return False
