"""The disclosure register (công khai thông tin), Luật THDCCS 2022, Điều 11–13."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.democracy.disclosures.rules import DEFAULT_MIN_DAYS, DisclosureStatus


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
