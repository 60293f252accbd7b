"""How a case is handled beyond its status: the complaint dialogue, the workflow chosen per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.petitions.models.core import Petition


class ComplaintDialogue(models.Model):
    """Đối thoại trong giải quyết khiếu nại (Luật Khiếu nại 2011, Điều 30, 39): the meeting the person
    resolving a complaint holds with the complainant, the person complained about and those concerned,
    announced in writing, and its minutes (biên bản) with each side's opinion and the result."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="complaint_dialogues", verbose_name="đơn"
    )
    complaint_round = models.PositiveSmallIntegerField("khiếu nại lần", default=1)
    at = models.DateTimeField("thời gian đối thoại")
    place = models.CharField("địa điểm", max_length=300)
    agenda = models.TextField("nội dung đối thoại")
    participants = models.TextField(
        "thành phần mời",
        help_text="Người khiếu nại, người bị khiếu nại, người có quyền và nghĩa vụ liên quan…",
    )
    held_on = models.DateField("ngày đã đối thoại", null=True, blank=True)
    complainant_present = models.BooleanField("người khiếu nại có mặt", null=True, blank=True)
    opinions = models.TextField("ý kiến của những người tham gia", blank=True)
    outcome = models.TextField("kết quả đối thoại", blank=True)
    signed = models.BooleanField("những người tham gia đã ký hoặc điểm chỉ", null=True, blank=True)
    unsigned_reason = models.CharField("lý do không ký", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đối thoại giải quyết khiếu nại"
        verbose_name_plural = "đối thoại giải quyết khiếu nại"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"đối thoại đơn #{self.petition_id} ngày {self.at:%d/%m/%Y}"

    @property
    def is_recorded(self) -> bool:
        return self.held_on is not None


class KindWorkflow(models.Model):
    """Quy trình xử lý theo loại đơn: a commune's choice to skip thụ lý and/or xác minh for phản ánh or
    kiến nghị (the law sets these steps only for khiếu nại and tố cáo: `law` rule `petition.required_steps`).
    No row: the legal default of that rule."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("loại đơn", max_length=20, choices=Petition.Kind.choices)
    skip_acceptance = models.BooleanField("bỏ bước thụ lý", default=False)
    skip_verification = models.BooleanField("bỏ bước xác minh", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "quy trình theo loại đơn"
        verbose_name_plural = "quy trình theo loại đơn"
        constraints = [
            models.UniqueConstraint(fields=["commune", "kind"], name="kind_workflow_once"),
            models.CheckConstraint(
                name="kind_workflow_only_feedback_recommendation",
                condition=Q(kind__in=["feedback", "recommendation"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} – {self.get_kind_display()}"
