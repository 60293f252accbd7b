"""Organisational units of a commune and people's roles in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Unit(models.Model):
    """Phòng, ban, đơn vị, trung tâm của UBND xã (hoặc của tỉnh)."""

    class Kind(models.TextChoices):
        # The office the commune plans charge with citizen reception and dialogues: its officers keep
        # the reception register and organise dialogues (org/rules.py, OFFICE_DUTY).
        OFFICE = "office", "Văn phòng HĐND và UBND"
        OTHER = "other", "Đơn vị khác"

    commune = models.ForeignKey(
        "geo.Commune",
        verbose_name="xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    province = models.ForeignKey(
        "geo.Province",
        verbose_name="tỉnh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    name = models.CharField("tên đơn vị", max_length=150)
    short_name = models.CharField("tên viết tắt", max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang hoạt động", default=True)
    kind = models.CharField("loại đơn vị", max_length=10, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="unit_unique_name_per_commune"),
            models.CheckConstraint(
                condition=Q(commune__isnull=False) | Q(province__isnull=False), name="unit_has_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """Vai trò của một người trong một xã, một đơn vị, hoặc một tỉnh."""

    COMMUNE_LEADER = "commune_leader", "Lãnh đạo UBND xã"
    COORDINATOR = "coordinator", "Công chức đầu mối (Phòng Văn hóa – Xã hội)"
    UNIT_OFFICER = "unit_officer", "Cán bộ đơn vị"
    VILLAGE_HEAD = "village_head", "Trưởng thôn/tổ dân phố"
    SUPERVISOR = "supervisor", "Giám sát (Mặt trận, Ban Thanh tra nhân dân)"
    PROVINCE_VIEWER = "province_viewer", "Theo dõi cấp tỉnh"
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"


class Membership(models.Model):
    """Một vai trò của một người: ở xã nào, đơn vị nào, thôn nào, hoặc tỉnh nào."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    commune = models.ForeignKey(
        "geo.Commune",
        verbose_name="xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        "geo.Province", verbose_name="tỉnh", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("chức danh", max_length=120, blank=True)
    is_active = models.BooleanField("còn hiệu lực", default=True)
    created_at = models.DateTimeField("ngày cấp", auto_now_add=True)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            # The shape of each role is a database rule, so no code path can store a role without
            # the place it applies to.
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role="province_viewer", province__isnull=False, commune__isnull=True)
                    | Q(role="system_admin", commune__isnull=True, province__isnull=True)
                    | Q(role="unit_officer", commune__isnull=False, unit__isnull=False)
                    | Q(role="village_head", commune__isnull=False, village__isnull=False)
                    | Q(role__in=["commune_leader", "coordinator", "supervisor"], commune__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.village or self.commune or self.province or "toàn hệ thống"
        return f"{self.user} – {self.get_role_display()} – {where}"
