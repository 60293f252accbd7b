"""Grassroots democracy: village decisions by household vote, the disclosure register, consultations and
the supervision boards."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.democracy.rules import (
    DEFAULT_MIN_DAYS,
    BoardKind,
    Channel,
    Choice,
    CommentSource,
    CommentStatus,
    ConsultationMatter,
    ConsultationStatus,
    DecisionStatus,
    DisclosureStatus,
    Matter,
    Method,
    RecommendationStatus,
)


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
    matter = models.CharField("loại nội dung", max_length=30, choices=Matter.choices)
    title = models.CharField("nội dung", max_length=300)
    description = models.TextField("mô tả", blank=True)
    method = models.CharField("hình thức", max_length=10, choices=Method.choices)
    is_secret = models.BooleanField("bỏ phiếu kín", default=True)
    by_cluster = models.BooleanField("họp theo cụm dân cư", default=False)
    status = models.CharField(
        "trạng thái", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
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
        from danvan.democracy.rules import decision_threshold

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


# --- disclosures (công khai), Luật THDCCS 2022, Điều 11–13 ------------------------------------------


class DisclosureKind(models.Model):
    """Loại nội dung phải công khai (một khoản của Điều 11 Luật THDCCS 2022): hình thức bắt buộc (Điều 12),
    thời hạn tối thiểu, thời điểm. One catalogue for the deployment, kept by the administrator."""

    code = models.SlugField("mã", max_length=40, unique=True)
    clause = models.PositiveSmallIntegerField("khoản (Điều 11)", null=True, blank=True)
    name = models.CharField("nội dung phải công khai", max_length=300)
    required_forms = models.JSONField(
        "hình thức bắt buộc (Điều 12)",
        default=list,
        blank=True,
        help_text="Danh sách mã hình thức công khai.",
    )
    min_days = models.PositiveSmallIntegerField(
        "thời hạn công khai tối thiểu (ngày)",
        default=DEFAULT_MIN_DAYS,
        help_text="Ít nhất 30 ngày nếu luật không quy định khác (Luật Tiếp cận thông tin 2016, Điều 21).",
    )
    loudspeaker_days = models.PositiveSmallIntegerField(
        "số ngày liên tục trên truyền thanh",
        null=True,
        blank=True,
        help_text="Điều 13: ít nhất 3 ngày liên tục.",
    )
    permanent = models.BooleanField(
        "niêm yết thường xuyên",
        default=False,
        help_text="Điều 13 khoản 2: khoản 4 và 13 Điều 11 niêm yết thường xuyên, cập nhật khi thay đổi "
        "(không đặt ngày kết thúc).",
    )
    timing = models.CharField("thời điểm công khai", max_length=200, blank=True)
    per_year = models.PositiveSmallIntegerField(
        "số lần công khai tối thiểu mỗi năm",
        default=0,
        help_text="0: chỉ công khai khi phát sinh, không tính là thiếu khi rà soát.",
    )
    note = models.TextField(
        "ghi chú căn cứ",
        blank=True,
        help_text="Nội dung chưa đối chiếu với văn bản gốc được ghi rõ ở đây; sửa khi quy định thay đổi.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "loại nội dung công khai"
        verbose_name_plural = "danh mục nội dung phải công khai"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Disclosure(models.Model):
    """Một nội dung đã công khai: văn bản hoặc tệp, loại, hình thức, thời gian công khai."""

    Status = DisclosureStatus

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="disclosures"
    )
    kind = models.ForeignKey(
        DisclosureKind, verbose_name="loại nội dung", on_delete=models.PROTECT, related_name="items"
    )
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    file = models.FileField("tệp văn bản", upload_to="democracy/disclosures/%Y/%m/", blank=True)
    file_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    file_kind = models.CharField("loại tệp", max_length=10, blank=True)
    file_mime = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField("kích thước (byte)", null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    forms = models.JSONField("hình thức công khai", default=list)
    # The day of the decision or document to publish: publishing starts at the latest 5 working days
    # after it (Luật THDCCS 2022, Điều 12(3)). Optional: older items and items without one.
    decided_on = models.DateField("ngày của quyết định, văn bản", null=True, blank=True)
    starts_on = models.DateField("ngày bắt đầu công khai")
    ends_on = models.DateField("ngày kết thúc công khai", null=True, blank=True)
    # The first version's start: a correction continues the item, so its period counts from there.
    first_started_on = models.DateField("công khai lần đầu từ ngày")
    status = models.CharField(
        "trạng thái", max_length=12, choices=DisclosureStatus.choices, default=DisclosureStatus.PUBLISHED
    )
    withdrawn_on = models.DateField("ngày gỡ", null=True, blank=True)
    withdraw_reason = models.CharField("lý do gỡ", max_length=500, blank=True)
    corrects = models.OneToOneField(
        "self",
        verbose_name="đính chính cho",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
    )
    # Folded title, body and kind ("dat dai" finds "đất đai"): search without diacritics in one LIKE.
    search_text = models.TextField(editable=False, default="")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đăng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "nội dung công khai"
        verbose_name_plural = "sổ công khai"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["commune", "status", "starts_on"], name="disclosure_commune_st")]
        constraints = [
            models.CheckConstraint(
                name="disclosure_ends_after_starts",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_public_on(self, day) -> bool:
        return (
            self.status == DisclosureStatus.PUBLISHED
            and self.starts_on <= day
            and (self.ends_on is None or self.ends_on >= day)
        )


# --- consultations (tham gia ý kiến), Luật THDCCS 2022, Điều 25–26 ----------------------------------


class Consultation(models.Model):
    """Lấy ý kiến Nhân dân về một dự thảo: thời gian, câu hỏi, tổng hợp và tiếp thu, giải trình."""

    Status = ConsultationStatus

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="consultations"
    )
    matter = models.CharField("nội dung lấy ý kiến", max_length=30, choices=ConsultationMatter.choices)
    title = models.CharField("tên dự thảo", max_length=300)
    description = models.TextField("tóm tắt dự thảo", blank=True)
    file = models.FileField("tệp dự thảo", upload_to="democracy/consultations/%Y/%m/", blank=True)
    file_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    file_kind = models.CharField("loại tệp", max_length=10, blank=True)
    file_mime = models.CharField(max_length=100, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    opens_on = models.DateField("ngày bắt đầu nhận ý kiến")
    closes_on = models.DateField("ngày kết thúc nhận ý kiến")
    status = models.CharField(
        "trạng thái", max_length=12, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    published_at = models.DateTimeField("ngày đăng", null=True, blank=True)
    summary = models.TextField("tổng hợp ý kiến", blank=True)
    concluded_at = models.DateTimeField("ngày công bố kết quả", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "lấy ý kiến Nhân dân"
        verbose_name_plural = "lấy ý kiến Nhân dân"
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="consultation_closes_after_opens", condition=Q(closes_on__gte=models.F("opens_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.status == ConsultationStatus.PUBLISHED and self.opens_on <= day <= self.closes_on


class ConsultationQuestion(models.Model):
    """Câu hỏi, vấn đề cần xin ý kiến trong dự thảo."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.CharField("câu hỏi", max_length=500)

    class Meta:
        verbose_name = "câu hỏi lấy ý kiến"
        verbose_name_plural = "câu hỏi lấy ý kiến"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class CommentGroup(models.Model):
    """Nhóm ý kiến cùng nội dung và ý kiến tiếp thu, giải trình của UBND xã cho nhóm đó."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("nhóm ý kiến", max_length=300)
    response = models.TextField("tiếp thu, giải trình của UBND xã", blank=True)

    class Meta:
        verbose_name = "nhóm ý kiến"
        verbose_name_plural = "nhóm ý kiến"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class ConsultationComment(models.Model):
    """Một ý kiến góp ý: gửi trên cổng (chờ duyệt) hoặc do cán bộ ghi lại từ hội nghị, phiếu lấy ý kiến.

    The author's name and contact are for staff only; the portal shows the text alone."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(
        ConsultationQuestion,
        verbose_name="câu hỏi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    group = models.ForeignKey(
        CommentGroup,
        verbose_name="nhóm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField("nội dung ý kiến")
    source = models.CharField("hình thức", max_length=12, choices=CommentSource.choices)
    people_count = models.PositiveIntegerField("số người có ý kiến", default=1)
    # For comments staff collected at a meeting or by ballot: the day they were given (within the period).
    collected_on = models.DateField("ngày thu thập", null=True, blank=True)
    author_name = models.CharField("người góp ý", max_length=120, blank=True)
    author_contact = models.CharField("liên hệ", max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    client_token = models.CharField(max_length=64, null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"], name="comment_consultation_st")]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "client_token"], name="comment_once_per_client_token"
            ),
            models.CheckConstraint(name="comment_people_positive", condition=Q(people_count__gte=1)),
        ]

    def __str__(self) -> str:
        return self.body[:60]


# --- supervision (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng) -------------------------


class SupervisionBoard(models.Model):
    """Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng của xã."""

    Kind = BoardKind

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="supervision_boards"
    )
    kind = models.CharField("loại ban", max_length=24, choices=BoardKind.choices)
    name = models.CharField("tên ban", max_length=200)
    term = models.CharField("nhiệm kỳ", max_length=60, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "ban giám sát"
        verbose_name_plural = "ban giám sát"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    """Thành viên một ban: tài khoản có vai trò giám sát ở xã."""

    board = models.ForeignKey(SupervisionBoard, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_seats")
    position = models.CharField("chức danh trong ban", max_length=60, default="Thành viên")
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField("đang là thành viên", default=True)

    class Meta:
        verbose_name = "thành viên ban"
        verbose_name_plural = "thành viên ban"
        constraints = [models.UniqueConstraint(fields=["board", "user"], name="board_member_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.position}"


class InvestmentProject(models.Model):
    """Dự án, công trình đầu tư trên địa bàn xã do một Ban Giám sát đầu tư của cộng đồng giám sát."""

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="investment_projects"
    )
    board = models.ForeignKey(
        SupervisionBoard,
        verbose_name="ban giám sát",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    name = models.CharField("tên dự án, công trình", max_length=300)
    investor = models.CharField("chủ đầu tư", max_length=200, blank=True)
    location = models.CharField("địa điểm", max_length=300, blank=True)
    total_investment = models.CharField("tổng mức đầu tư", max_length=100, blank=True)
    starts_on = models.DateField("khởi công", null=True, blank=True)
    ends_on = models.DateField("hoàn thành dự kiến", null=True, blank=True)
    description = models.TextField("mô tả", blank=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "dự án đầu tư"
        verbose_name_plural = "dự án đầu tư"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """Kiến nghị giám sát của một ban gửi UBND xã, theo dõi tới khi được trả lời."""

    Status = RecommendationStatus

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="supervision_recommendations"
    )
    board = models.ForeignKey(
        SupervisionBoard, verbose_name="ban", on_delete=models.PROTECT, related_name="recommendations"
    )
    project = models.ForeignKey(
        InvestmentProject,
        verbose_name="dự án",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    subject = models.CharField("vấn đề kiến nghị", max_length=300)
    content = models.TextField("nội dung kiến nghị")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người gửi", on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField("ngày gửi")
    due_on = models.DateField("hạn trả lời")
    status = models.CharField(
        "trạng thái", max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    answer = models.TextField("trả lời của UBND xã", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kiến nghị giám sát"
        verbose_name_plural = "kiến nghị giám sát"
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["commune", "status", "due_on"], name="recommendation_commune_st")]
        constraints = [
            models.CheckConstraint(
                name="recommendation_due_after_sent", condition=Q(due_on__gte=models.F("sent_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def is_overdue(self, today) -> bool:
        return self.status == RecommendationStatus.OPEN and self.due_on < today
