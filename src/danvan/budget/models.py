"""The plan's budget (kinh phí thực hiện): the amounts planned per plan and task with their source, and what
was spent with its evidence. It references `plans.Plan` and `plans.Task` without changing them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Source(models.TextChoices):
    """Nguồn kinh phí."""

    COMMUNE = "commune", "Ngân sách xã"
    PROVINCE = "province", "Ngân sách cấp trên hỗ trợ"
    NATIONAL_PROGRAMME = "programme", "Lồng ghép chương trình mục tiêu quốc gia"
    SOCIALISED = "socialised", "Xã hội hóa (đóng góp tự nguyện)"
    OTHER = "other", "Nguồn khác"


class Allocation(models.Model):
    """Dự toán: an amount planned for a plan (a task of it, or the plan as a whole) from one source."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.CharField("nguồn kinh phí", max_length=12, choices=Source.choices)
    amount = models.PositiveBigIntegerField("số tiền dự toán (đồng)")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dự toán kinh phí"
        verbose_name_plural = "dự toán kinh phí"
        ordering = ["plan_id", "task__order", "id"]
        # One line per task and source, and one per source for the whole plan (task empty). Two partial
        # constraints instead of NULLS NOT DISTINCT, which SQLite does not enforce.
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "task", "source"],
                condition=Q(task__isnull=False),
                name="budget_line_once",
            ),
            models.UniqueConstraint(
                fields=["plan", "source"], condition=Q(task__isnull=True), name="budget_plan_line_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount:,} đồng".replace(",", ".")


class Expense(models.Model):
    """Khoản chi: what was spent from an allocation, when, for what, with its evidence (chứng từ)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="expenses")
    on = models.DateField("ngày chi")
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    description = models.CharField("nội dung chi", max_length=300)
    evidence = models.FileField("chứng từ", upload_to="budget/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_kind = models.CharField(max_length=10, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khoản chi"
        verbose_name_plural = "khoản chi"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["on"], name="budget_expense_on")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="budget_expense_positive")
        ]

    def __str__(self) -> str:
        return self.description
