"""Plans (kế hoạch), their tasks, progress, reporting periods and units' periodic reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class LegalDocument(models.Model):
    """Văn bản được trích dẫn (luật, nghị định, kế hoạch cấp trên...): một bản ghi cho cả hệ thống."""

    doc_type = models.CharField("loại văn bản", max_length=40)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    title = models.CharField("trích yếu", max_length=300, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    # "nghi dinh|59/2023/nd-cp": the same decree cited by fifty plans is one row.
    key = models.CharField(max_length=400, unique=True)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["doc_type", "number"]

    def __str__(self) -> str:
        if self.number:
            return f"{self.doc_type} số {self.number}"
        return self.title or self.doc_type


class Plan(models.Model):
    """Kế hoạch của UBND xã (hoặc của một đơn vị, thôn thực hiện kế hoạch của xã)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"
        CLOSED = "closed", "Đã kết thúc"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="plans"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    village = models.ForeignKey(
        "geo.Village",
        verbose_name="thôn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thực hiện kế hoạch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The province's plan this one implements, when it is not itself in the system.
    parent_document = models.ForeignKey(
        LegalDocument,
        verbose_name="kế hoạch cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    title = models.CharField("tên kế hoạch", max_length=500)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    issuer = models.CharField("cơ quan ban hành", max_length=200, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    source_name = models.CharField("tệp gốc", max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    citations = models.ManyToManyField(LegalDocument, through="PlanCitation", related_name="plans")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}" if self.number else self.title


class PlanCitation(models.Model):
    """Văn bản mà kế hoạch trích dẫn; `is_basis` cho văn bản ở phần căn cứ."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_citations")
    document = models.ForeignKey(LegalDocument, on_delete=models.PROTECT, related_name="+")
    is_basis = models.BooleanField("là căn cứ", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["plan", "document"], name="citation_once_per_plan")]

    def __str__(self) -> str:
        return str(self.document)


class Timeframe(models.TextChoices):
    ONGOING = "ongoing", "Thường xuyên"
    BY_DATE = "by_date", "Trước ngày"
    WITHIN_QUARTER = "within_quarter", "Trong quý"
    WITHIN_YEAR = "within_year", "Trong năm"
    UNSPECIFIED = "unspecified", "Không ghi thời hạn"


class Task(models.Model):
    """Nhiệm vụ: nội dung, đơn vị chủ trì, đơn vị phối hợp, thời gian thực hiện."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Hoàn thành"
        # Dropped by an adjustment of the plan (điều chỉnh kế hoạch): kept with its history, never late.
        CANCELLED = "cancelled", "Đã hủy"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    ref = models.CharField("mục", max_length=30, blank=True)
    order = models.PositiveIntegerField(default=0)
    content = models.TextField("nội dung")
    # The paragraphs the plan writes under the heading (how, with whom, what output), as written.
    details = models.TextField("nội dung chi tiết", blank=True)
    lead_units = models.ManyToManyField(
        "org.Unit", verbose_name="chủ trì", related_name="led_tasks", blank=True
    )
    coordinating_units = models.ManyToManyField(
        "org.Unit", verbose_name="phối hợp", related_name="coordinated_tasks", blank=True
    )
    # The unit names as the document wrote them, kept even when mapped to units: nothing is lost.
    lead_text = models.CharField("chủ trì (như văn bản ghi)", max_length=500, blank=True)
    coordinating_text = models.CharField("phối hợp (như văn bản ghi)", max_length=500, blank=True)
    timeframe = models.CharField(
        "thời gian", max_length=20, choices=Timeframe.choices, default=Timeframe.UNSPECIFIED
    )
    due_date = models.DateField("hạn", null=True, blank=True)
    timeframe_text = models.CharField("thời gian (như văn bản ghi)", max_length=200, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    percent = models.PositiveSmallIntegerField("tiến độ (%)", null=True, blank=True)
    source_task = models.ForeignKey(
        "self",
        verbose_name="nhiệm vụ gốc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan_id", "order"]
        constraints = [
            # An ongoing task (thường xuyên) is reported on every period and never "done".
            models.CheckConstraint(
                name="ongoing_task_never_done", condition=~Q(timeframe="ongoing", status="done")
            ),
            models.CheckConstraint(
                name="task_percent_0_100", condition=Q(percent__isnull=True) | Q(percent__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.content[:80]}".strip()

    @property
    def due_label(self) -> str:
        """The time frame as officials write it: "Thường xuyên", "Trước ngày 30/5/2026", "Quý III/2026"."""
        if self.timeframe == Timeframe.ONGOING:
            return "Thường xuyên"
        if self.due_date is None:
            return self.timeframe_text or "Không ghi thời hạn"
        if self.timeframe == Timeframe.WITHIN_QUARTER:
            quarter = ("I", "II", "III", "IV")[(self.due_date.month - 1) // 3]
            return f"Quý {quarter}/{self.due_date.year}"
        if self.timeframe == Timeframe.WITHIN_YEAR:
            return f"Năm {self.due_date.year}"
        return f"Trước ngày {self.due_date:%d/%m/%Y}"


class TaskProgress(models.Model):
    """Một lần cập nhật tiến độ nhiệm vụ: nội dung, tỷ lệ, tệp minh chứng, ai, khi nào."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("kết quả thực hiện")
    percent = models.PositiveSmallIntegerField("tiến độ (%)", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=Task.Status.choices)
    attachment = models.FileField("tệp minh chứng", upload_to="plans/progress/%Y/%m/", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.task.ref}: {self.text[:60]}"


class ReportingPeriod(models.Model):
    """Kỳ báo cáo do kế hoạch quy định (6 tháng, năm...), với hạn nộp."""

    class Kind(models.TextChoices):
        SIX_MONTHS = "six_months", "6 tháng"
        YEAR = "year", "Năm"
        OTHER = "other", "Khác"

    class Direction(models.TextChoices):
        UNITS_TO_COMMUNE = "units", "Đơn vị báo cáo UBND xã"
        COMMUNE_TO_PROVINCE = "province", "UBND xã báo cáo cấp tỉnh"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField("tên kỳ báo cáo", max_length=200)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.OTHER)
    direction = models.CharField("chiều báo cáo", max_length=10, choices=Direction.choices)
    due_date = models.DateField("hạn nộp")
    recipient = models.CharField("nơi nhận báo cáo", max_length=300, blank=True)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.name} (hạn {self.due_date:%d/%m/%Y})"


class UnitReport(models.Model):
    """Báo cáo của một đơn vị cho một kỳ: kết quả từng nhiệm vụ được giao, số liệu, tệp kèm."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã nộp"
        RETURNED = "returned", "Trả lại để bổ sung"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="unit_reports")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    figures = models.TextField("số liệu, kết quả chung", blank=True)
    attachment = models.FileField("tệp kèm", upload_to="plans/reports/%Y/%m/", blank=True)
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField("ý kiến khi trả lại", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_report_per_unit_period")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"


class UnitReportEntry(models.Model):
    """Kết quả thực hiện một nhiệm vụ trong báo cáo của đơn vị."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="entries")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    text = models.TextField("kết quả", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="one_entry_per_task")]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.task_id}"


class PlanImportDraft(models.Model):
    """Kết quả đọc tệp kế hoạch, chờ công chức xem lại và sửa trước khi lưu."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    parsed = models.JSONField()
    source_name = models.CharField(max_length=255)
    source_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return self.source_name


class TaskChange(models.Model):
    """Điều chỉnh, bổ sung kế hoạch: một lần thêm, sửa, tách, giao lại, đổi hạn hoặc hủy nhiệm vụ,
    ai làm, khi nào, thay đổi gì (trước → sau) và vì sao."""

    class Kind(models.TextChoices):
        ADD = "add", "Bổ sung nhiệm vụ"
        EDIT = "edit", "Sửa nội dung"
        SPLIT = "split", "Tách nhiệm vụ"
        REASSIGN = "reassign", "Giao lại đơn vị"
        REDATE = "redate", "Đổi thời hạn"
        CANCEL = "cancel", "Hủy nhiệm vụ"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("loại điều chỉnh", max_length=10, choices=Kind.choices)
    # [{"field": "Chủ trì", "before": "...", "after": "..."}]: what the history page shows, as words.
    changes = models.JSONField("thay đổi", default=list)
    reason = models.TextField("lý do")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "điều chỉnh nhiệm vụ"
        verbose_name_plural = "điều chỉnh nhiệm vụ"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.task}"


class ProvinceSubmission(models.Model):
    """Báo cáo UBND xã đã gửi cấp tỉnh cho một kỳ báo cáo (chiều xã → tỉnh): ngày gửi, số văn bản."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="submission")
    sent_on = models.DateField("ngày gửi")
    reference = models.CharField("số, ký hiệu báo cáo", max_length=60, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "báo cáo đã gửi tỉnh"
        verbose_name_plural = "báo cáo đã gửi tỉnh"

    def __str__(self) -> str:
        return f"{self.period.name}: gửi {self.sent_on:%d/%m/%Y}"


class ProvincePlan(models.Model):
    """Kế hoạch của UBND tỉnh công bố trên hệ thống; xã, phường, cơ quan cấp tỉnh lập kế hoạch thực hiện."""

    province = models.ForeignKey(
        "geo.Province", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="published_plans"
    )
    document = models.ForeignKey(
        LegalDocument, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="publications"
    )
    # Hạn các xã, cơ quan ban hành kế hoạch thực hiện, when the province's plan sets one.
    due_on = models.DateField("hạn ban hành kế hoạch thực hiện", null=True, blank=True)
    published_at = models.DateTimeField("ngày công bố", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "kế hoạch của tỉnh"
        verbose_name_plural = "kế hoạch của tỉnh"
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["province", "document"], name="province_plan_published_once")
        ]

    def __str__(self) -> str:
        return str(self.document)
