"""The commune's register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020/NĐ-CP, Điều 15–16
and Phụ lục IV): every document the People's Committee issues from the product takes the next number of
its sequence here, once, when it is issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OutgoingDocument(models.Model):
    """Văn bản đi: one numbered document in the commune's register.

    The number is unique per commune, year and symbol (the head of the commune decides how
    administrative documents are numbered, ND 30 Điều 15 khoản 1 điểm c; we keep one sequence per
    symbol, so "Số và ký hiệu" is unique in the year, khoản 1). `content` is the document as issued
    (title, paragraphs, recipients, signature) so every later download is the same text; a
    placeholder such as the sender's name is filled per reader by the source app (`sources.py`)."""

    commune = models.ForeignKey("geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("ký hiệu", max_length=30)  # "TB-UBND", "QĐ-UBND", "UBND"
    type_name = models.CharField("tên loại văn bản", max_length=60)  # "Thông báo", "Quyết định"
    summary = models.CharField("trích yếu nội dung", max_length=300)
    issued_on = models.DateField("ngày văn bản")
    signer = models.CharField("người ký", max_length=150)
    recipients = models.TextField("nơi nhận", blank=True)
    form = models.CharField("mẫu văn bản", max_length=200, blank=True)
    source = models.CharField("nguồn", max_length=40, blank=True)  # "petitions.letter"
    source_id = models.PositiveIntegerField("mã đối tượng nguồn", null=True, blank=True)
    letter = models.CharField("loại thư", max_length=40, blank=True)  # the source's own key
    content = models.JSONField("nội dung văn bản", default=dict)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "văn bản đi"
        verbose_name_plural = "sổ đăng ký văn bản đi"
        ordering = ["-year", "-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "symbol", "number"], name="outgoing_unique_number_in_year"
            ),
        ]
        indexes = [models.Index(fields=["source", "source_id"], name="outgoing_source_idx")]

    def __str__(self) -> str:
        return self.number_symbol

    @property
    def number_symbol(self) -> str:
        """ "05/TB-UBND" (numbers under 10 padded with 0, ND 30 Phụ lục I)."""
        return f"{self.number:02d}/{self.symbol}"
