"""Inspections of units' and villages' dân vận work: the plan of an inspection, its findings, and the
remedial task each finding gives a unit, with a deadline in working days, tracked to done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Inspection(models.Model):
    """Cuộc kiểm tra, giám sát: who inspects which unit or village, when, on what; then its conclusion."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "Kiểm tra"
        SUPERVISION = "supervision", "Giám sát"

    class Status(models.TextChoices):
        PLANNED = "planned", "Theo kế hoạch"
        CONCLUDED = "concluded", "Đã kết luận"

    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField("hình thức", max_length=12, choices=Kind.choices, default=Kind.INSPECTION)
    title = models.CharField("tên cuộc kiểm tra", max_length=300)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đơn vị được kiểm tra",
    )
    village = models.ForeignKey(
        "geo.Village",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="thôn, tổ dân phố được kiểm tra",
    )
    scope = models.TextField("nội dung kiểm tra")
    inspectors = models.CharField("thành phần đoàn kiểm tra", max_length=500)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PLANNED)
    conclusion = models.TextField("kết luận", blank=True)
    concluded_on = models.DateField("ngày kết luận", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "cuộc kiểm tra, giám sát"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, village__isnull=True)
                | Q(unit__isnull=True, village__isnull=False),
                name="inspection_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="inspection_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_name(self) -> str:
        return self.unit.name if self.unit_id else self.village.name


class Finding(models.Model):
    """Tồn tại, hạn chế phát hiện qua kiểm tra, and what the inspection recommends."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField("tồn tại, hạn chế")
    recommendation = models.TextField("kiến nghị khắc phục", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class RemedialTask(models.Model):
    """Nhiệm vụ khắc phục: a unit's task from a finding, due a number of working days after it was set."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang khắc phục"
        DONE = "done", "Đã khắc phục"

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="task")
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị khắc phục"
    )
    content = models.TextField("nội dung khắc phục")
    working_days = models.PositiveSmallIntegerField("thời hạn (ngày làm việc)")
    set_on = models.DateField("ngày giao")
    due_on = models.DateField("hạn khắc phục")
    status = models.CharField("trạng thái", max_length=6, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField("ngày khắc phục xong", null=True, blank=True)
    result = models.TextField("kết quả khắc phục", blank=True)
    evidence = models.FileField("minh chứng", upload_to="inspections/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_kind = models.CharField(max_length=10, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "nhiệm vụ khắc phục"
        verbose_name_plural = "nhiệm vụ khắc phục"
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", done_on__isnull=True) | Q(status="done", done_on__isnull=False),
                name="remedial_done_has_day",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def is_late(self, today) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today
