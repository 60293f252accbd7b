"""Petitions (đơn thư): intake, classification, handling, the public history and protected identities."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

# Five or more people sending or bringing the same petition together are received through
# representatives (Luật Tiếp công dân 2013, Điều 29: 5–10 people send 1–2); no article defines
# "đông người", so this is the smallest such group. Used to flag such petitions for the leader, not to
# change deadlines. The registry holds it as `reception.group_representatives` (docs/LEGAL.md).
MASS_PETITION_MIN_SIGNERS = 5


class Field(models.Model):
    """Lĩnh vực của đơn (đất đai, môi trường, chính sách xã hội...). Commune null: the national default
    list every commune sees; a commune may add its own."""

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("tên lĩnh vực", max_length=120)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="petition_field_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Petition(models.Model):
    """Đơn thư: phản ánh, kiến nghị, khiếu nại, tố cáo (gửi qua cổng, trực tiếp, điện thoại, bưu điện...).

    The sender's identity is NOT here: it lives in `PetitionIdentity`, read only through
    `services.identity_for`. Content is the citizen's text and may itself name people: never put it
    into public pages without the sender's consent."""

    class Kind(models.TextChoices):
        UNCLASSIFIED = "unclassified", "Chưa phân loại"
        FEEDBACK = "feedback", "Phản ánh"
        RECOMMENDATION = "recommendation", "Kiến nghị"
        COMPLAINT = "complaint", "Khiếu nại"
        DENUNCIATION = "denunciation", "Tố cáo"

    class Status(models.TextChoices):
        RECEIVED = "received", "Đã tiếp nhận"
        CLASSIFIED = "classified", "Đã phân loại"
        SPLIT = "split", "Đã tách thành nhiều đơn"
        FORWARDED = "forwarded", "Đã chuyển cơ quan có thẩm quyền"
        GUIDED = "guided", "Đã hướng dẫn người gửi"
        RETURNED = "returned", "Đã trả lại đơn"
        ACCEPTED = "accepted", "Đã thụ lý"
        VERIFYING = "verifying", "Đang xác minh"
        RESOLVED = "resolved", "Đã giải quyết"
        CLOSED = "closed", "Đã kết thúc"
        REOPENED = "reopened", "Xem xét lại"
        # A complaint whose resolution is suspended (from 1/7/2026, Luật Khiếu nại as amended by
        # Luật 136/2025/QH15): its clock is paused until it is resumed.
        SUSPENDED = "suspended", "Tạm đình chỉ giải quyết"
        # An answer to be published waits for a leader's approval (trình lãnh đạo duyệt).
        IN_REVIEW = "in_review", "Chờ lãnh đạo duyệt trả lời"

    class Channel(models.TextChoices):
        PORTAL = "portal", "Cổng thông tin"
        IN_PERSON = "in_person", "Trực tiếp"
        PHONE = "phone", "Điện thoại"
        POST = "post", "Bưu điện"
        RECEPTION = "reception", "Tiếp công dân"
        EMAIL = "email", "Thư điện tử"
        API = "api", "Kết nối hệ thống khác"
        # Brought to the commune by someone else, or by the commune's Zalo group: the officer records it.
        ZALO = "zalo", "Nhóm Zalo, trang mạng của xã"
        FRONT = "front", "Mặt trận, đoàn thể chuyển đến"
        VILLAGE_HEAD = "village_head", "Trưởng thôn chuyển đến"
        COUNCIL = "council", "Đại biểu HĐND chuyển đến"

    class Complexity(models.TextChoices):
        NORMAL = "normal", "Bình thường"
        COMPLEX = "complex", "Phức tạp"
        ESPECIALLY_COMPLEX = "especially_complex", "Đặc biệt phức tạp"

    # No index of its own (nor its LIKE twin): every index below starts with the commune, and each index
    # costs every submission a B-tree insert (and the 10M loader a rebuild).
    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="petitions", db_index=False
    )
    tracking_code = models.CharField("mã tra cứu", max_length=12, unique=True)
    # The submitting device's idempotency key: a retry with the same token returns the same petition.
    client_token = models.CharField(max_length=64, null=True, blank=True)
    channel = models.CharField(
        "kênh tiếp nhận", max_length=12, choices=Channel.choices, default=Channel.PORTAL
    )
    received_on = models.DateField("ngày nhận")
    kind_hint = models.CharField(
        "loại đơn người gửi chọn", max_length=16, choices=Kind.choices, default=Kind.UNCLASSIFIED
    )
    # Classification is by content, not by the title the citizen wrote (TT 05/2021/TT-TTCP, Điều 6).
    kind = models.CharField("loại đơn", max_length=16, choices=Kind.choices, default=Kind.UNCLASSIFIED)
    complaint_round = models.PositiveSmallIntegerField("khiếu nại lần", null=True, blank=True)
    # No index of its own: every query by status is one commune's (`petition_commune_status_recv` and the
    # partial indexes below); alone it only made the planner read the whole country's rows of a status
    # (docs/BENCHMARKS.md, "Indexes on open and rated petitions…").
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.RECEIVED)
    content = models.TextField("nội dung")
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField("địa điểm sự việc", max_length=300, blank=True)
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    eligible = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    ineligible_reason = models.TextField("lý do không đủ điều kiện", blank=True)
    complexity = models.CharField(
        "mức độ phức tạp", max_length=20, choices=Complexity.choices, default=Complexity.NORMAL
    )
    # Luật Tố cáo 2018, Điều 24(1): up to 10 working days when checks are needed in several places.
    checks_in_several_places = models.BooleanField("cần kiểm tra ở nhiều địa điểm", default=False)
    signers_count = models.PositiveIntegerField("số người đứng đơn", default=1)
    publish_consent = models.BooleanField("đồng ý công khai", default=False)
    # Set at intake when the sender left an e-mail or a phone: each status change is sent to them.
    notify_citizen = models.BooleanField("báo tin cho người gửi khi đổi trạng thái", default=False)
    # When the complainant received the decision or learned of the act (Luật Khiếu nại 2011, Điều 9).
    decision_known_on = models.DateField("ngày nhận quyết định/biết hành vi", null=True, blank=True)
    process_due = models.DateField("hạn xử lý đơn", null=True, blank=True)
    accept_due = models.DateField("hạn thụ lý", null=True, blank=True)
    notify_due = models.DateField("hạn thông báo thụ lý", null=True, blank=True)
    resolve_due = models.DateField("hạn giải quyết", null=True, blank=True, db_index=True)
    extensions = models.PositiveSmallIntegerField("số lần gia hạn", default=0)
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thụ lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The letter sent when the đơn is forwarded, the sender guided, or the đơn returned.
    outcome_letter = models.TextField("văn bản trả lời, hướng dẫn, chuyển đơn", blank=True)
    answer = models.TextField("kết quả giải quyết", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    answer_published = models.BooleanField("công khai kết quả", default=False)
    # The published answer folded (no accents, lower case) for the public search of results.
    answer_folded = models.TextField(blank=True, editable=False)
    # The leader's comment when a draft answer is returned for more work (trả lại dự thảo trả lời).
    review_comment = models.TextField("ý kiến của lãnh đạo khi trả lại dự thảo", blank=True)
    rating = models.PositiveSmallIntegerField("đánh giá", null=True, blank=True)
    # Suspension of a complaint's resolution: the day it began, the status it resumes to, and the days
    # the clock stood still in all (added to the resolution deadline on resumption).
    suspended_on = models.DateField("ngày tạm đình chỉ", null=True, blank=True)
    suspended_from = models.CharField("trạng thái trước khi tạm đình chỉ", max_length=16, blank=True)
    paused_days = models.PositiveIntegerField("số ngày tạm đình chỉ", default=0)
    # What the complainant withdrew of the complaint (rút một phần khiếu nại); the rest goes on.
    withdrawn_part = models.TextField("nội dung đã rút", blank=True)
    rated_at = models.DateTimeField("thời điểm đánh giá", null=True, blank=True)
    # Why the sender is not satisfied, and their request to look at the case again (đề nghị xem xét lại).
    rating_reason = models.TextField("lý do chưa hài lòng", blank=True)
    review_requested_at = models.DateTimeField("thời điểm đề nghị xem xét lại", null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="tách từ / khiếu nại lần đầu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    duplicate_of = models.ForeignKey(
        "self", verbose_name="trùng với", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đơn thư"
        verbose_name_plural = "đơn thư"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "client_token"], name="petition_client_token_once"),
            models.CheckConstraint(
                name="petition_rating_1_5", condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5)
            ),
            models.CheckConstraint(
                name="petition_round_only_for_complaints",
                condition=Q(complaint_round__isnull=True) | Q(kind="complaint", complaint_round__in=[1, 2]),
            ),
            models.CheckConstraint(name="petition_signers_positive", condition=Q(signers_count__gte=1)),
        ]
        # Staff pages read one commune's cases in a bounded slice, never its whole history
        # (bench/bench_staff_pages.py): its list newest first; its cases by status oldest first (the home's
        # "chờ tôi", counts by status); its open cases by the deadline that runs (partial: open cases only,
        # a small share of a commune's history).
        indexes = [
            # A period's petitions of a commune (report figures for the days outside whole months).
            models.Index(fields=["commune", "received_on"], name="petition_commune_received"),
            # The petitions being resolved, by deadline: "open past the deadline" depends on today, so it
            # is counted, not kept in a tally; this index holds only the few open ones.
            models.Index(
                fields=["commune", "resolve_due", "received_on", "status"],  # status: index-only counts
                name="petition_open_due",
                condition=Q(status__in=["accepted", "verifying", "reopened", "in_review"]),
            ),
            models.Index(fields=["commune", "-received_on", "-id"], name="petition_commune_newest"),
            models.Index(
                fields=["commune", "status", "received_on", "id"], name="petition_commune_status_recv"
            ),
            # The cases waiting for thụ lý, by acceptance deadline. The overdue queries' other deadline,
            # `process_due`, is read from the same few rows (the condition is the same): an index on it
            # only cost every intake a write (docs/BENCHMARKS.md).
            models.Index(
                fields=["commune", "accept_due"],
                name="petition_pending_accept_due",
                condition=Q(status__in=["received", "classified"]),
            ),
            # (The open cases by resolve deadline are `petition_open_due` above: the staff lists use
            # its first two columns; a second index on them only cost every write, docs/BENCHMARKS.md.)
            # The ratings of a period, by the day answered (the province's satisfaction figure) and by
            # the moment rated (the surveys' rating figures): rated petitions only, the rating in the
            # index, so a period costs its own ratings, never the history; a petition enters them once,
            # when rated, never on intake.
            models.Index(
                fields=["commune", "answered_on", "rating"],
                name="petition_rated_answered",
                condition=Q(rating__isnull=False),
            ),
            models.Index(
                fields=["commune", "rated_at", "rating"],
                name="petition_rated_at",
                condition=Q(rating__isnull=False),
            ),
            # The public results page (`views.public.public_results`): a commune's published answers,
            # newest first, counted and filtered by field and village from the index alone. Without it
            # each visit read every resolved case's row (~2,400 random heap pages a commune at 10M
            # petitions, 240 ms cold). Partial: only what a resident may see is in it.
            models.Index(
                fields=["commune", "-answered_on", "-id"],
                name="petition_published_results",
                include=["kind", "kind_hint", "field", "village"],
                condition=Q(status__in=["resolved", "closed"], publish_consent=True, answer_published=True),
            ),
        ]

    def __str__(self) -> str:
        # Only the code: object_repr in the audit log must never carry content or names.
        return self.tracking_code

    @property
    def is_mass(self) -> bool:
        return self.signers_count >= MASS_PETITION_MIN_SIGNERS


class PetitionIdentity(models.Model):
    """Thông tin người gửi đơn, stored apart from the petition so that no query of petitions can carry
    it by accident. For a denunciation it is secret ("Mật"; Luật Tố cáo 2018, Điều 9(1)(b), Điều 56).
    `related_name="+"`: there is no `petition.identity` shortcut; read it through
    `services.identity_for`, which checks who asks and logs the read."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="+", primary_key=True)
    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    id_number = models.CharField("số định danh / CCCD", max_length=20, blank=True)
    phone = models.CharField("số điện thoại", max_length=20, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)

    class Meta:
        verbose_name = "thông tin người gửi"
        verbose_name_plural = "thông tin người gửi"

    def __str__(self) -> str:
        return f"người gửi đơn #{self.petition_id}"


class IdentityAccessLog(models.Model):
    """Nhật ký xem thông tin người gửi đơn: ai xem, lúc nào, để làm gì, có được phép hay không."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="identity_reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    purpose = models.CharField("mục đích", max_length=300)
    granted = models.BooleanField("được phép", default=True)

    class Meta:
        verbose_name = "lượt xem thông tin người gửi"
        verbose_name_plural = "nhật ký xem thông tin người gửi"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.petition_id}"


class Attachment(models.Model):
    """Tệp đính kèm đơn: kiểu tệp xác định theo nội dung, kích thước, mã băm SHA-256."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to="petitions/%Y/%m/")
    name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    kind = models.CharField("loại tệp", max_length=10)
    mime = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField("kích thước (byte)")
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or self.file.name


class PetitionStep(models.Model):
    """Một bước xử lý đơn, như người dân thấy khi tra cứu: trạng thái, ghi chú công khai, thời điểm.
    Never personal data: `public_note` is shown on the public page as is."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    status = models.CharField("trạng thái", max_length=12, choices=Petition.Status.choices)
    public_note = models.CharField("ghi chú công khai", max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "các bước xử lý"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.status}"


class DuplicateDismissal(models.Model):
    """Staff looked at a possible duplicate (đơn trùng) and decided it is a different case: it is not
    offered again for this pair."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "đơn không trùng"
        verbose_name_plural = "đơn không trùng"
        constraints = [
            models.UniqueConstraint(fields=["petition", "other"], name="petition_dismissal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} ≠ {self.other_id}"


class HotspotAlert(models.Model):
    """Cảnh báo điểm nóng: several petitions on the same field in one village within a short window, or
    a petition signed by many people (đông người). One alert per cluster while it is not resolved."""

    class Reason(models.TextChoices):
        CLUSTER = "cluster", "Nhiều đơn cùng lĩnh vực tại một thôn"
        MASS = "mass", "Đơn đông người"

    class Status(models.TextChoices):
        OPEN = "open", "Mới phát hiện"
        ACKNOWLEDGED = "acknowledged", "Đã nắm tình hình"
        RESOLVED = "resolved", "Đã xử lý xong"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="hotspot_alerts"
    )
    reason = models.CharField("lý do", max_length=10, choices=Reason.choices)
    # What makes two petitions one cluster: "cluster:<village>:<field>" or "mass:<petition>".
    key = models.CharField(max_length=64)
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    petitions = models.ManyToManyField(Petition, verbose_name="các đơn", related_name="hotspots")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.OPEN)
    raised_at = models.DateTimeField("thời điểm phát hiện", auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField("thời điểm nắm tình hình", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField("thời điểm xử lý xong", null=True, blank=True)
    note = models.TextField("ghi chú xử lý", blank=True)

    class Meta:
        verbose_name = "cảnh báo điểm nóng"
        verbose_name_plural = "cảnh báo điểm nóng"
        ordering = ["-raised_at", "-id"]
        constraints = [
            # Never two unresolved alerts for the same cluster.
            models.UniqueConstraint(
                fields=["commune", "key"], condition=~Q(status="resolved"), name="hotspot_one_open_per_key"
            ),
        ]

    def __str__(self) -> str:
        return f"điểm nóng #{self.pk}"
