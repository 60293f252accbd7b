"""Consultations (Nhân dân tham gia ý kiến), Luật THDCCS 2022, Điều 25–26: the consultation, its
questions, residents' comments (moderated) and the groups they are answered in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.democracy.consultations.rules import (
    CommentSource,
    CommentStatus,
    ConsultationMatter,
    ConsultationStatus,
)


class Consultation(models.Model):
    """Lấy ý kiến Nhân dân về một dự thảo: thời gian, câu hỏi, tổng hợp và tiếp thu, giải trình."""

    Status = ConsultationStatus

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="consultations"
    )
    matter = models.CharField("nội dung lấy ý kiến", max_length=30, choices=ConsultationMatter.choices)
    title = models.CharField("tên dự thảo", max_length=300)
    description = models.TextField("tóm tắt dự thảo", blank=True)
    file = models.FileField("tệp dự thảo", upload_to="democracy/consultations/%Y/%m/", blank=True)
    file_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    file_kind = models.CharField("loại tệp", max_length=10, blank=True)
    file_mime = models.CharField(max_length=100, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    opens_on = models.DateField("ngày bắt đầu nhận ý kiến")
    closes_on = models.DateField("ngày kết thúc nhận ý kiến")
    status = models.CharField(
        "trạng thái", max_length=12, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    published_at = models.DateTimeField("ngày đăng", null=True, blank=True)
    summary = models.TextField("tổng hợp ý kiến", blank=True)
    concluded_at = models.DateTimeField("ngày công bố kết quả", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "lấy ý kiến Nhân dân"
        verbose_name_plural = "lấy ý kiến Nhân dân"
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="consultation_closes_after_opens", condition=Q(closes_on__gte=models.F("opens_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.status == ConsultationStatus.PUBLISHED and self.opens_on <= day <= self.closes_on


class ConsultationQuestion(models.Model):
    """Câu hỏi, vấn đề cần xin ý kiến trong dự thảo."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.CharField("câu hỏi", max_length=500)

    class Meta:
        verbose_name = "câu hỏi lấy ý kiến"
        verbose_name_plural = "câu hỏi lấy ý kiến"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class CommentGroup(models.Model):
    """Nhóm ý kiến cùng nội dung và ý kiến tiếp thu, giải trình của UBND xã cho nhóm đó."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("nhóm ý kiến", max_length=300)
    response = models.TextField("tiếp thu, giải trình của UBND xã", blank=True)

    class Meta:
        verbose_name = "nhóm ý kiến"
        verbose_name_plural = "nhóm ý kiến"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class ConsultationComment(models.Model):
    """Một ý kiến góp ý: gửi trên cổng (chờ duyệt) hoặc do cán bộ ghi lại từ hội nghị, phiếu lấy ý kiến.

    The author's name and contact are for staff only; the portal shows the text alone."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(
        ConsultationQuestion,
        verbose_name="câu hỏi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    group = models.ForeignKey(
        CommentGroup,
        verbose_name="nhóm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField("nội dung ý kiến")
    source = models.CharField("hình thức", max_length=12, choices=CommentSource.choices)
    people_count = models.PositiveIntegerField("số người có ý kiến", default=1)
    # For comments staff collected at a meeting or by ballot: the day they were given (within the period).
    collected_on = models.DateField("ngày thu thập", null=True, blank=True)
    author_name = models.CharField("người góp ý", max_length=120, blank=True)
    author_contact = models.CharField("liên hệ", max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    client_token = models.CharField(max_length=64, null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"], name="comment_consultation_st")]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "client_token"], name="comment_once_per_client_token"
            ),
            models.CheckConstraint(name="comment_people_positive", condition=Q(people_count__gte=1)),
        ]

    def __str__(self) -> str:
        return self.body[:60]
