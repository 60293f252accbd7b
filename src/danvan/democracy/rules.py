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


# --- disclosures (công khai thông tin), Luật THDCCS 2022, Điều 11–13 ----------------------------------


class DisclosureForm(models.TextChoices):
    """Hình thức công khai — Luật THDCCS 2022, Điều 12 (ten forms, as LEGAL.md lists them)."""

    OFFICE_POSTING = "office_posting", "Niêm yết tại trụ sở UBND xã"
    PORTAL = "portal", "Cổng/Trang thông tin điện tử"
    LOUDSPEAKER = "loudspeaker", "Hệ thống truyền thanh cấp xã"
    VILLAGE_HEAD = "village_head", "Thông qua trưởng thôn, tổ trưởng tổ dân phố"
    WRITTEN_NOTICE = "written_notice", "Gửi văn bản, thông báo"
    DIALOGUE = "dialogue", "Tổ chức hội nghị, đối thoại"
    CITIZEN_RECEPTION = "citizen_reception", "Thông qua tiếp công dân"
    MASS_ORGANISATION = "mass_organisation", "Thông qua Mặt trận, đoàn thể"
    TELECOM_SOCIAL = "telecom_social", "Viễn thông, mạng xã hội"
    OTHER = "other", "Hình thức khác"


class DisclosureStatus(models.TextChoices):
    PUBLISHED = "published", "Đang công khai"
    WITHDRAWN = "withdrawn", "Đã gỡ"
    # Replaced by a corrected version: the correction carries the item on (services.disclosure_correct).
    SUPERSEDED = "superseded", "Đã được đính chính, thay thế"


# Niêm yết at least 30 days where no other law sets a period (Luật Tiếp cận thông tin 2016, Điều 21(2));
# the default for a catalogue kind the administrator has not set otherwise.
DEFAULT_MIN_DAYS = 30
# Items 7–12 of Điều 11 go on the loudspeaker system for at least 3 consecutive days (Điều 13).
# Article numbers of Điều 11–13 follow LEGAL.md; the official text could not be reached from here to
# confirm each khoản (search found no copy) — the catalogue is editable in the admin for that reason.
LOUDSPEAKER_MIN_DAYS = 3

# The catalogue of Điều 11 kinds itself is data (DisclosureKind), seeded by migration 0003 and editable
# in the admin when rules change.


# --- consultations (Nhân dân tham gia ý kiến), Luật THDCCS 2022, Điều 25–26 -------------------------------


class ConsultationMatter(models.TextChoices):
    """Nội dung Nhân dân tham gia ý kiến — Luật THDCCS 2022, Điều 25 (the main kinds)."""

    SOCIOECONOMIC_PLAN = "socioeconomic_plan", "Dự thảo kế hoạch phát triển kinh tế – xã hội"
    LAND_USE = "land_use", "Dự thảo quy hoạch, kế hoạch sử dụng đất"
    PROJECT = "project", "Dự án, công trình; phương án bồi thường, tái định cư"
    ADMIN_BOUNDARY = "admin_boundary", "Đề án thành lập, sáp nhập, điều chỉnh địa giới đơn vị hành chính"
    OTHER = "other", "Nội dung khác"


class CommentSource(models.TextChoices):
    """Hình thức tổ chức lấy ý kiến — Luật THDCCS 2022, Điều 26."""

    PORTAL = "portal", "Cổng thông tin điện tử"
    MEETING = "meeting", "Hội nghị, đối thoại"
    BALLOT = "ballot", "Phiếu lấy ý kiến hộ gia đình"
    BOX_HOTLINE = "box_hotline", "Hòm thư góp ý, đường dây nóng"
    SOCIAL = "social", "Mạng xã hội, hình thức khác"


STAFF_SOURCES = frozenset(
    {CommentSource.MEETING, CommentSource.BALLOT, CommentSource.BOX_HOTLINE, CommentSource.SOCIAL}
)


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt, công khai"
    REJECTED = "rejected", "Không đăng"


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", "Chưa đăng"
    PUBLISHED = "published", "Đã đăng lấy ý kiến"
    CONCLUDED = "concluded", "Đã tổng hợp, công bố kết quả"


COMMENT_MAX_CHARS = 5000


# --- supervision (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng) ----------------------------


class BoardKind(models.TextChoices):
    PEOPLES_INSPECTION = "peoples_inspection", "Ban Thanh tra nhân dân"
    COMMUNITY_INVESTMENT = "community_investment", "Ban Giám sát đầu tư của cộng đồng"


# Ban TTND: at least 5 members, about one per village (Luật THDCCS 2022, Điều 36; ND 59/2023, Điều 13).
PEOPLES_INSPECTION_MIN_MEMBERS = 5
# Ban GSĐTCĐ: one per project, at most 5 resident members (ND 59/2023, Điều 17).
COMMUNITY_INVESTMENT_MAX_MEMBERS = 5


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Chờ trả lời"
    ANSWERED = "answered", "Đã trả lời"


# Days the commune has to answer a supervision recommendation when the board sets no date.
# *Unconfirmed*: LEGAL.md gives no number; 15 days is our default, a setting overrides it
# (DANVAN_RECOMMENDATION_ANSWER_DAYS).
RECOMMENDATION_ANSWER_DAYS = 15
