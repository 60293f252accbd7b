"""API keys: who may call the REST API (a staff user's key) or post Open311 requests (a client's key)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ApiKey(models.Model):
    """Khóa API. Only the SHA-256 of the key is kept: the key itself is shown once, at creation.

    A staff key acts as its owner (the same communes and permissions as on the pages); an Open311
    client key may only post citizens' feedback and recommendations. `commune` narrows either to one
    commune; empty means every commune the owner may see (staff) or every active commune (Open311)."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Cán bộ (REST API)"
        OPEN311 = "open311", "Ứng dụng Open311"

    name = models.CharField("tên gợi nhớ", max_length=120)
    kind = models.CharField("loại khóa", max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ sở hữu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
    )
    commune = models.ForeignKey(
        "geo.Commune",
        verbose_name="chỉ dùng cho xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The key's first characters, to find the row without scanning; not secret.
    prefix = models.CharField("tiền tố", max_length=16, unique=True)
    key_hash = models.CharField("mã băm SHA-256", max_length=64)
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True)
    revoked_at = models.DateTimeField("ngày thu hồi", null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="api_key_staff_has_owner",
                condition=Q(kind="staff", user__isnull=False) | Q(kind="open311", user__isnull=True),
            ),
            models.CheckConstraint(
                name="api_key_revoked_inactive",
                condition=Q(revoked_at__isnull=True) | Q(is_active=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
