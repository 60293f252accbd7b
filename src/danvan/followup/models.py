"""Follow-up of decisions on complaints and denunciations (theo dõi, đôn đốc việc thi hành quyết định
giải quyết khiếu nại có hiệu lực pháp luật, Luật Khiếu nại 2011 Điều 44–46; kết luận nội dung tố cáo,
Luật Tố cáo 2018 Điều 44–45): who must do what by when, with the result and its evidence.

Kept apart from `engagement.Commitment`: a commitment is a promise to the people and public on the
portal, while a denunciation's execution (sanctions against an official) must stay with those who may
see the case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ExecutionItem(models.Model):
    """Việc thi hành quyết định: one thing someone must do, by a date, to carry out a resolved case."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang thi hành"
        DONE = "done", "Đã thi hành xong"
        CANCELLED = "cancelled", "Không phải thi hành (có lý do)"

    commune = models.ForeignKey("geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(
        "petitions.Petition", verbose_name="đơn", on_delete=models.PROTECT, related_name="execution_items"
    )
    decision = models.ForeignKey(
        "outgoing.OutgoingDocument",
        verbose_name="quyết định / kết luận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.TextField("việc phải thi hành")
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị chịu trách nhiệm", on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.CharField("người, cơ quan phải thi hành", max_length=200)
    due_on = models.DateField("hạn thi hành")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField("ngày xong", null=True, blank=True)
    result = models.TextField("kết quả thi hành", blank=True)
    evidence = models.FileField("minh chứng", upload_to="followup/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "việc thi hành quyết định"
        verbose_name_plural = "việc thi hành quyết định"
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="execution_closed_has_date_and_result",
                condition=Q(status="open") | (Q(done_on__isnull=False) & ~Q(result="")),
            ),
        ]
        indexes = [models.Index(fields=["commune", "status", "due_on"], name="execution_commune_due")]

    def __str__(self) -> str:
        return f"Việc thi hành #{self.pk}"

    def is_late(self, today) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today
