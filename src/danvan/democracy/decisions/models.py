"""Village decisions (bàn và quyết định, Luật THDCCS 2022 Điều 15–23): the household register, the
decision, the meeting's attendance, secret ballots (receipt and choice never linked), open votes and
online vote codes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.democracy.decisions.rules import Channel, Choice, DecisionStatus, Matter, Method


class Household(models.Model):
    """Hộ gia đình trong sổ hộ của thôn: chủ hộ, người đại diện, liên lạc. Do trưởng thôn quản lý."""

    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", on_delete=models.PROTECT, related_name="household_register"
    )
    code = models.CharField("mã hộ", max_length=30)
    head_name = models.CharField("chủ hộ", max_length=120)
    representative_name = models.CharField("người đại diện", max_length=120, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    email = models.EmailField("email", blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    is_active = models.BooleanField("còn trong sổ", default=True)
    created_at = models.DateTimeField("ngày thêm", default=timezone.now)
    updated_at = models.DateTimeField("ngày sửa", auto_now=True)

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "sổ hộ gia đình"
        ordering = ["village_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["village", "code"], name="household_unique_code_per_village"),
        ]

    def __str__(self) -> str:
        return f"Hộ {self.code} – {self.head_name}"

    @property
    def representative(self) -> str:
        return self.representative_name or self.head_name


class CommuneDecision(models.Model):
    """Nội dung đóng góp thực hiện trên địa bàn cả xã (Luật THDCCS 2022, Điều 15 khoản 1–2, Điều 21 khoản 1
    đoạn 2): each village decides it by its own vote; it passes when at least two thirds of all the
    commune's villages approve. The share is stored when it is created, like a village decision's."""

    class Status(models.TextChoices):
        OPEN = "open", "Các thôn đang biểu quyết"
        CONCLUDED = "concluded", "Đã tổng hợp kết quả"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="commune_decisions"
    )
    matter = models.CharField("loại nội dung", max_length=30, choices=Matter.choices)
    title = models.CharField("nội dung", max_length=300)
    description = models.TextField("mô tả", blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.OPEN)
    pass_share = models.CharField("tỷ lệ số thôn tán thành cần đạt", max_length=5)
    pass_inclusive = models.BooleanField("tính cả khi đạt đúng tỷ lệ", default=True)
    pass_citation = models.CharField("căn cứ của tỷ lệ", max_length=200)
    villages_total = models.PositiveIntegerField("tổng số thôn", null=True, blank=True)
    villages_approving = models.PositiveIntegerField("số thôn tán thành", null=True, blank=True)
    passed = models.BooleanField("được thông qua", null=True, blank=True)
    concluded_at = models.DateTimeField("ngày tổng hợp", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "nội dung quyết định toàn xã"
        verbose_name_plural = "nội dung quyết định toàn xã"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class VillageDecision(models.Model):
    """Nội dung Nhân dân ở thôn bàn và quyết định (Luật THDCCS 2022, Điều 15–21)."""

    Status = DecisionStatus

    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", on_delete=models.PROTECT, related_name="decisions"
    )
    # Denormalised from the village: every commune-owned row carries its tenant (DESIGN.md §3).
    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="village_decisions"
    )
    # A village's part of a commune-wide contribution matter (Điều 21(1), second paragraph).
    commune_decision = models.ForeignKey(
        CommuneDecision,
        verbose_name="nội dung toàn xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_decisions",
    )
    matter = models.CharField("loại nội dung", max_length=30, choices=Matter.choices)
    title = models.CharField("nội dung", max_length=300)
    description = models.TextField("mô tả", blank=True)
    method = models.CharField("hình thức", max_length=10, choices=Method.choices)
    is_secret = models.BooleanField("bỏ phiếu kín", default=True)
    by_cluster = models.BooleanField("họp theo cụm dân cư", default=False)
    status = models.CharField(
        "trạng thái", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    # The day the households were told of the meeting or ballot and sent its documents: at least 2 days
    # before it (NĐ 59/2023/NĐ-CP, Điều 3 khoản 3–4; Luật THDCCS 2022, Điều 19 khoản 2).
    noticed_on = models.DateField("ngày thông báo tới các hộ", null=True, blank=True)
    opens_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    closes_at = models.DateTimeField("kết thúc", null=True, blank=True)
    opened_at = models.DateTimeField("đã mở lúc", null=True, blank=True)
    closed_at = models.DateTimeField("đã kết thúc lúc", null=True, blank=True)
    # The denominator of the pass rule, fixed when voting opens, so a later register change cannot
    # move the threshold after households have voted.
    total_households = models.PositiveIntegerField("tổng số hộ của thôn", null=True, blank=True)
    # When the register holds fewer households than the village declared, the leader confirmed why.
    register_note = models.CharField("xác nhận sổ hộ chưa đủ", max_length=600, blank=True)

    online_agreed_by_head = models.BooleanField("trưởng thôn đồng ý biểu quyết trực tuyến", default=False)
    online_head_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    online_head_agreed_at = models.DateTimeField(null=True, blank=True)
    online_agreed_by_front = models.BooleanField("Ban công tác Mặt trận đồng ý", default=False)
    online_front_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    online_front_agreed_at = models.DateTimeField(null=True, blank=True)

    counting_committee = models.JSONField("ban kiểm phiếu", default=list, blank=True)

    # The meeting: quorum is None until attendance is recorded.
    present_count = models.PositiveIntegerField("số hộ tham dự", null=True, blank=True)
    quorum_met = models.BooleanField("đủ số hộ tham dự", null=True, blank=True)
    fell_back_to_ballot = models.BooleanField("chuyển sang phát phiếu", default=False)
    meeting_approve = models.PositiveIntegerField("tán thành tại hội nghị", null=True, blank=True)
    meeting_reject = models.PositiveIntegerField("không tán thành tại hội nghị", null=True, blank=True)
    meeting_abstain = models.PositiveIntegerField("không ý kiến tại hội nghị", null=True, blank=True)

    outcome = models.TextField("biên bản / nghị quyết", blank=True)
    passed = models.BooleanField("được thông qua", null=True, blank=True)
    # The threshold the decision is put to the vote under (Luật THDCCS 2022, Điều 21(1)), stored when it
    # is created so a later change of the law, or of this code, never changes what was decided.
    pass_share = models.CharField("tỷ lệ tán thành cần đạt", max_length=5, blank=True)
    pass_inclusive = models.BooleanField("tính cả khi đạt đúng tỷ lệ", default=False)
    pass_citation = models.CharField("căn cứ của tỷ lệ", max_length=200, blank=True)
    recorded_at = models.DateTimeField("ngày lập biên bản", null=True, blank=True)
    published_at = models.DateTimeField("ngày công bố", null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "nội dung bàn và quyết định"
        verbose_name_plural = "nội dung bàn và quyết định"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["commune", "status"], name="village_decision_commune_st")]
        constraints = [
            models.CheckConstraint(
                name="village_decision_closes_after_opens",
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def threshold(self):
        """The share of all households that must approve, with its article (rules.decision_threshold)."""
        from danvan.democracy.decisions.rules import decision_threshold

        return decision_threshold(self)


class MeetingAttendance(models.Model):
    """Điểm danh hộ gia đình tại hội nghị."""

    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="attendance")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("có mặt", default=False)

    class Meta:
        verbose_name = "điểm danh hội nghị"
        verbose_name_plural = "điểm danh hội nghị"
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="attendance_once_per_household"),
        ]

    def __str__(self) -> str:
        return f"{self.household} – {'có mặt' if self.present else 'vắng'}"


class VoteReceipt(models.Model):
    """Xác nhận hộ đã biểu quyết: says THAT a household voted, never HOW.

    Every vote, open or secret, leaves one receipt; its unique constraint is what makes "one vote per
    household" hold even when two requests race."""

    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="receipts")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    cast_at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "xác nhận đã biểu quyết"
        verbose_name_plural = "xác nhận đã biểu quyết"
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="receipt_once_per_household"),
        ]

    def __str__(self) -> str:
        return f"{self.household} đã biểu quyết"


class Vote(models.Model):
    """Phiếu biểu quyết công khai (phiếu có ghi tên hộ): the household's choice, linked to it.

    Only for a ballot the village chose to hold openly; secret votes never create this row."""

    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="open_votes")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("ý kiến", max_length=10, choices=Choice.choices)
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    cast_at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "phiếu công khai"
        verbose_name_plural = "phiếu công khai"
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="open_vote_once_per_household"),
        ]

    def __str__(self) -> str:
        return f"{self.household}: {self.get_choice_display()}"


class BallotChoice(models.Model):
    """Kết quả phiếu kín: a counter per (decision, channel, choice), with no household, no time.

    Why a counter and not one row per ballot: a row per ballot, even without a household column,
    keeps its insertion order (an auto-increment id, SQLite's rowid, PostgreSQL's physical order),
    which lines up with the receipts' times and would let someone with database access re-link
    households to choices. Adding one to a counter leaves nothing to line up."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="secret_tally")
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    choice = models.CharField("ý kiến", max_length=10, choices=Choice.choices)
    count = models.PositiveIntegerField("số phiếu", default=0)

    class Meta:
        verbose_name = "kết quả phiếu kín"
        verbose_name_plural = "kết quả phiếu kín"
        constraints = [
            models.UniqueConstraint(fields=["decision", "channel", "choice"], name="ballot_choice_counter"),
        ]

    def __str__(self) -> str:
        return f"{self.get_choice_display()}: {self.count}"


class OnlineVoteCode(models.Model):
    """Mã xác thực gửi tới người đại diện hộ để biểu quyết trực tuyến. Only a hash is kept."""

    decision = models.ForeignKey(VillageDecision, on_delete=models.CASCADE, related_name="online_codes")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    code_hash = models.CharField(max_length=64)
    sent_to = models.CharField("gửi tới", max_length=20)  # "email" or "phone": never the address itself
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField("hết hạn")
    used_at = models.DateTimeField("đã dùng", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần nhập sai", default=0)

    class Meta:
        verbose_name = "mã biểu quyết trực tuyến"
        verbose_name_plural = "mã biểu quyết trực tuyến"
        indexes = [models.Index(fields=["decision", "household"], name="online_code_lookup")]

    def __str__(self) -> str:
        return f"Mã cho {self.household}"
