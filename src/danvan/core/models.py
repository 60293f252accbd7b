"""The append-only audit log every service writes to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEventQuerySet(models.QuerySet):
    # Audit rows are evidence: nothing in the application may rewrite or remove them.
    def update(self, **kwargs):  # type: ignore[override]
        raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được sửa.")

    def delete(self):  # type: ignore[override]
        raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được xóa.")


class AuditEvent(models.Model):
    """Nhật ký: ai đã làm gì, lúc nào, với đối tượng nào, trước và sau thay đổi."""

    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the record still says who acted if the account is ever removed.
    actor_name = models.CharField("tên người thực hiện", max_length=150, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("hành động", max_length=80, db_index=True)
    object_type = models.CharField("loại đối tượng", max_length=80, blank=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=255, blank=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký hệ thống"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["commune", "-at"], name="audit_commune_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký hệ thống chỉ được ghi thêm, không được xóa.")


class ScheduledRun(models.Model):
    """Lần chạy công việc định kỳ: one row per job and day, so a job is enqueued once a day even
    when two schedulers run (the unique constraint decides)."""

    name = models.CharField(max_length=100)
    day = models.DateField()
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="scheduled_run_once_a_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.day}"
