"""The commune's periodic report (báo cáo 6 tháng, năm), its editable sections, and background report jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Report(models.Model):
    """Báo cáo định kỳ của UBND xã về công tác dân vận chính quyền và thực hiện dân chủ ở cơ sở."""

    class Kind(models.TextChoices):
        SIX_MONTHS = "six_months", "6 tháng"
        YEAR = "year", "Năm"
        OTHER = "other", "Theo khoảng thời gian"

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        SUBMITTED = "submitted", "Trình ký"
        ISSUED = "issued", "Đã ban hành"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="period_reports"
    )
    kind = models.CharField("loại báo cáo", max_length=12, choices=Kind.choices, default=Kind.OTHER)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    title = models.CharField("tiêu đề", max_length=300)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    # "Số: 12/BC-UBND": the number counts the commune's reports of one year (Nghị định 30/2020, Điều 15).
    number = models.PositiveIntegerField("số", null=True, blank=True)
    number_year = models.PositiveSmallIntegerField("năm của số", null=True, blank=True)
    symbol = models.CharField("ký hiệu", max_length=30, default="BC-UBND")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    # Signature block (Nghị định 30/2020, Phụ lục I): "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
    signer_authority = models.CharField("thẩm quyền ký", max_length=80, default="TM. ỦY BAN NHÂN DÂN")
    signer_on_behalf = models.CharField("ký thay", max_length=80, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=80, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "Trình ký": the coordinator submits the draft; the leader who signs issues it or returns it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("trình ký lúc", null=True, blank=True)
    return_comment = models.TextField("ý kiến khi trả lại", blank=True)

    class Meta:
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "báo cáo định kỳ"
        ordering = ["-end", "-id"]
        constraints = [
            models.CheckConstraint(name="report_period_not_reversed", condition=Q(end__gte=F("start"))),
            models.UniqueConstraint(
                fields=["commune", "number_year", "symbol", "number"],
                condition=Q(number__isnull=False),
                name="report_number_once_per_commune_year",
            ),
            models.CheckConstraint(
                name="issued_report_has_number_and_signer",
                condition=~Q(status="issued")
                | (Q(number__isnull=False, issued_on__isnull=False) & ~Q(signer_name="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}".strip() if self.number else self.title

    @property
    def number_label(self) -> str:
        """ "12/BC-UBND"; numbers under 10 are padded with 0 (Nghị định 30/2020, Phụ lục I)."""
        return f"{self.number:02d}/{self.symbol}" if self.number else ""

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ReportSection(models.Model):
    """Một mục của báo cáo: lời văn do công chức sửa, số liệu và bảng biểu lấy từ phân hệ nguồn.

    `key` names the provider (core/sections.py) that generated `generated`; free sections (opening,
    directions) have no provider. `text` is the prose the coordinator edits; refreshing a section
    renews `generated` and keeps `text` once it has been edited."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField("mã mục", max_length=40)
    title = models.CharField("tên mục", max_length=300)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.TextField("nội dung", blank=True)
    text_edited = models.BooleanField("đã sửa lời văn", default=False)
    # A required section must have text before the report is submitted or issued.
    required = models.BooleanField("bắt buộc", default=True)
    generated = models.JSONField("số liệu tự động", default=dict, blank=True)
    refreshed_at = models.DateTimeField("lấy số liệu lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mục báo cáo"
        verbose_name_plural = "mục báo cáo"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="report_section_key_once")]

    def __str__(self) -> str:
        return self.title


class ReportJob(models.Model):
    """Việc chạy nền: báo cáo tổng hợp của tỉnh, xuất danh sách lớn; có tiến độ và tệp kết quả."""

    class Kind(models.TextChoices):
        PROVINCE_ROLLUP = "rollup", "Báo cáo tổng hợp của tỉnh"
        PETITION_EXPORT = "petitions", "Xuất danh sách đơn thư"

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang thực hiện"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Lỗi"

    kind = models.CharField("loại việc", max_length=12, choices=Kind.choices)
    province = models.ForeignKey(
        "geo.Province", verbose_name="tỉnh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    params = models.JSONField("tham số", default=dict, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.CharField("thông báo", max_length=300, blank=True)
    file = models.FileField("tệp kết quả", upload_to="reports/jobs/%Y/%m/", blank=True)
    filename = models.CharField("tên tệp", max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="report_job_has_owner", condition=Q(province__isnull=False) | Q(commune__isnull=False)
            ),
            models.CheckConstraint(name="report_job_progress_0_100", condition=Q(progress__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
