"""In-app notifications for staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """Thông báo trong hệ thống gửi tới một cán bộ (nhắc hạn, trả lại báo cáo...)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    commune = models.ForeignKey(
        "geo.Commune", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField("nội dung", max_length=500)
    url = models.CharField("liên kết", max_length=300, blank=True)
    # The same reminder is never sent twice: (user, key) is unique, e.g. "task:42:due-soon".
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.text
