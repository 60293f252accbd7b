"""Legal rules for village decisions (bàn và quyết định): matter kinds, methods, the threshold each matter
needs, who may act. Legal numbers come from the registry (`danvan.law`, docs/LEGAL.md), asked for the
day that matters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from danvan.law.registry import count_needed, history, rule, share_reached
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
    # A meeting without enough households present to reach the threshold: a household ballot follows
    # (Điều 19(1)(b)), for every matter, those otherwise decided at a meeting included (Điều 17(2)).
    NEEDS_BALLOT = "needs_ballot", "Cần phát phiếu lấy ý kiến hộ gia đình"
    # Only on decisions recorded before the correction of December 2026, when a meeting-only matter was
    # (wrongly) sent to a new meeting; such a decision may still meet again or go to a ballot.
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
    DecisionStatus.NEEDS_MEETING: frozenset({DecisionStatus.OPEN, DecisionStatus.NEEDS_BALLOT}),
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


# Conventions and elections/removals are decided at a meeting (Điều 17(2)), unless the meeting cannot
# reach the threshold: then a household ballot follows (Điều 19(1)(b)), so that fallback is allowed for
# them through the NEEDS_BALLOT status, not as a method chosen up front. Online voting only for the
# "other self-managed matters" of Điều 15 khoản 6 (Điều 17(2)).
MEETING_ONLY = frozenset({Matter.CONVENTION, Matter.VILLAGE_HEAD_ELECTION, Matter.BOARD_ELECTION})
METHODS_ALLOWED: dict[str, frozenset[str]] = {
    Matter.CONTRIBUTION_POLICY: frozenset({Method.MEETING, Method.BALLOT}),
    Matter.CONTRIBUTION_SPENDING: frozenset({Method.MEETING, Method.BALLOT}),
    Matter.CONVENTION: frozenset({Method.MEETING}),
    Matter.VILLAGE_HEAD_ELECTION: frozenset({Method.MEETING}),
    Matter.BOARD_ELECTION: frozenset({Method.MEETING}),
    Matter.OTHER_SELF_MANAGED: frozenset({Method.MEETING, Method.BALLOT, Method.ONLINE}),
}
# The khoản of Điều 15 each matter is.
KHOAN: dict[str, int] = {
    Matter.CONTRIBUTION_POLICY: 1,
    Matter.CONTRIBUTION_SPENDING: 2,
    Matter.CONVENTION: 3,
    Matter.VILLAGE_HEAD_ELECTION: 4,
    Matter.BOARD_ELECTION: 5,
    Matter.OTHER_SELF_MANAGED: 6,
}

# The article each refusal cites, so the message tells the village head where the rule comes from.
METHOD_CITATION: dict[str, str] = {
    Method.MEETING: f"Điều 17, Điều 18 {LAW}",
    Method.BALLOT: f"Điều 17, Điều 19 {LAW}",
    Method.ONLINE: f"Điều 17 khoản 2 {LAW}",
}
MEETING_ONLY_CITATION = f"Điều 17 khoản 2 {LAW}"
BALLOT_FALLBACK_CITATION = f"Điều 19 khoản 1 điểm b {LAW}"

# A village of at least this many households may hold the meeting by residential cluster (Điều 18(3)).
CLUSTER_MEETING_MIN_HOUSEHOLDS = history("decision.cluster_meeting")[-1].value["households"]
# Tổ kiểm phiếu / tổ phát phiếu: 3 to 5 people (Điều 19(2); NĐ 59/2023, Điều 3(5)(c), Điều 5(2)(b)).
COUNTING_COMMITTEE_MIN = history("decision.counting_team")[-1].value["min"]
COUNTING_COMMITTEE_MAX = history("decision.counting_team")[-1].value["max"]
# Documents and notice of a meeting or a ballot at least 2 days ahead (NĐ 59/2023, Điều 3(3)–(4)).
NOTICE_DAYS = history("decision.notice_days")[-1].value["days"]
# The methods the notice rule speaks of: a meeting (Điều 3(3)) and a household ballot (Điều 19(2)).
NOTICE_METHODS = frozenset({Method.MEETING, Method.BALLOT})


def notice_rule(noticed_on: dt.date):
    """The notice rule in force on the day the households were told."""
    return rule("decision.notice_days", on=noticed_on)


def earliest_start(noticed_on: dt.date) -> dt.date:
    """The first day the meeting or the ballot may be held after the households were told: at least
    the rule's days later, counted in calendar days (the text says "ngày", not "ngày làm việc")."""
    return noticed_on + dt.timedelta(days=notice_rule(noticed_on).value["days"])


# A household's online code: short enough to type on a phone, so it expires fast and allows only a few
# wrong tries (brute force of 10^6 codes is then hopeless).
ONLINE_CODE_DIGITS = 6
ONLINE_CODE_MINUTES = 10
ONLINE_CODE_MAX_ATTEMPTS = 5
ONLINE_CODE_MAX_SENDS = 5

# --- the threshold (Điều 21(1)) ---------------------------------------------------------------------------

CONTRIBUTION_MATTERS = frozenset({Matter.CONTRIBUTION_POLICY, Matter.CONTRIBUTION_SPENDING})
_SHARE_WORDS = {("2/3", True): "từ hai phần ba (2/3) trở lên", ("1/2", False): "trên 50%"}


@dataclass(frozen=True)
class Threshold:
    """The share of ALL the village's households that must approve (not of those present or voting)."""

    share: str  # "2/3", "1/2"
    inclusive: bool  # at least the share (2/3) or more than it (1/2)
    citation: str

    def reached(self, approve: int, total: int) -> bool:
        return share_reached(approve, total, share=self.share, inclusive=self.inclusive)

    def needed(self, total: int) -> int:
        return count_needed(total, share=self.share, inclusive=self.inclusive)

    @property
    def words(self) -> str:
        words = _SHARE_WORDS.get((self.share, self.inclusive))
        if words is None:
            words = ("từ " if self.inclusive else "trên ") + self.share
        return f"{words} tổng số hộ gia đình của thôn tán thành"

    @property
    def statement(self) -> str:
        """What the resolution and the vote pages say: the threshold and its article."""
        return f"cần {self.words} ({self.citation})"


def threshold_for(matter: str, on: dt.date | None = None) -> Threshold:
    """Khoản 1–2 of Điều 15 need at least two thirds of all households; khoản 3–6 more than half
    (Luật THDCCS 2022, Điều 21(1)), as in force on `on` (the day the decision was put to the village)."""
    key = "decision.pass.contributions" if matter in CONTRIBUTION_MATTERS else "decision.pass.other"
    r = rule(key, on=on)
    return Threshold(share=r.value["share"], inclusive=bool(r.value["inclusive"]), citation=r.citation)


@dataclass(frozen=True)
class VillageShare:
    """The share of ALL the commune's villages that must approve a commune-wide contribution matter."""

    share: str
    inclusive: bool
    citation: str

    def reached(self, approving: int, total: int) -> bool:
        return share_reached(approving, total, share=self.share, inclusive=self.inclusive)

    def needed(self, total: int) -> int:
        return count_needed(total, share=self.share, inclusive=self.inclusive)


def commune_wide_threshold(on: dt.date | None = None) -> VillageShare:
    """Khoản 1–2 of Điều 15 carried out across the commune pass with at least two thirds of all its
    villages approving (Luật THDCCS 2022, Điều 21(1), second paragraph), as in force on `on`."""
    r = rule("decision.pass.commune_wide", on=on)
    return VillageShare(share=r.value["share"], inclusive=bool(r.value["inclusive"]), citation=r.citation)


def decision_threshold(decision) -> Threshold:
    """The threshold stored on a decision when it was created (so a decision keeps the rule it was put to
    the vote under), or the one in force on its creation day for a row without one."""
    if decision.pass_share:
        return Threshold(decision.pass_share, decision.pass_inclusive, decision.pass_citation)
    created = decision.created_at.date() if decision.created_at else None
    return threshold_for(decision.matter, on=created)


def has_quorum(present: int, total: int, matter: str = Matter.OTHER_SELF_MANAGED, *, threshold=None) -> bool:
    """There is NO fixed quorum: a meeting can decide when enough households are present to reach the
    matter's threshold; when they are not, a household ballot follows (Điều 19(1)(b))."""
    t = threshold or threshold_for(matter)
    return total > 0 and present >= t.needed(total)


def passes(approve: int, total: int, matter: str = Matter.OTHER_SELF_MANAGED, *, threshold=None) -> bool:
    """Whether the approvals reach the matter's threshold, counted over ALL the village's households
    (Điều 21(1)): 2/3 inclusive for contributions (khoản 1–2), more than half otherwise."""
    t = threshold or threshold_for(matter)
    return t.reached(approve, total)


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
