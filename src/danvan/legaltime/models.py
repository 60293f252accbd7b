"""Per-date corrections to the national calendar that an administrator enters."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarOverride(models.Model):
    """Điều chỉnh lịch làm việc một ngày (thêm ngày nghỉ hoặc ngày làm bù) theo văn bản của Chính phủ."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        WORKING_DAY = "working_day", "Ngày làm việc"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    reason = models.CharField("lý do", max_length=255)
    decision_number = models.CharField("số văn bản", max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "điều chỉnh lịch làm việc"
        verbose_name_plural = "điều chỉnh lịch làm việc"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.get_kind_display()} ({self.reason})"
