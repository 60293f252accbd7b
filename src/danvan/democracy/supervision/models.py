"""Supervision (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng): boards, members, investment
projects, recommendations and their answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.democracy.supervision.rules import BoardKind, RecommendationStatus


class SupervisionBoard(models.Model):
    """Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng của xã."""

    Kind = BoardKind

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="supervision_boards"
    )
    kind = models.CharField("loại ban", max_length=24, choices=BoardKind.choices)
    name = models.CharField("tên ban", max_length=200)
    term = models.CharField("nhiệm kỳ", max_length=60, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "ban giám sát"
        verbose_name_plural = "ban giám sát"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    """Thành viên một ban: tài khoản có vai trò giám sát ở xã."""

    board = models.ForeignKey(SupervisionBoard, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_seats")
    position = models.CharField("chức danh trong ban", max_length=60, default="Thành viên")
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField("đang là thành viên", default=True)

    class Meta:
        verbose_name = "thành viên ban"
        verbose_name_plural = "thành viên ban"
        constraints = [models.UniqueConstraint(fields=["board", "user"], name="board_member_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.position}"


class InvestmentProject(models.Model):
    """Dự án, công trình đầu tư trên địa bàn xã do một Ban Giám sát đầu tư của cộng đồng giám sát."""

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="investment_projects"
    )
    board = models.ForeignKey(
        SupervisionBoard,
        verbose_name="ban giám sát",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    name = models.CharField("tên dự án, công trình", max_length=300)
    investor = models.CharField("chủ đầu tư", max_length=200, blank=True)
    location = models.CharField("địa điểm", max_length=300, blank=True)
    total_investment = models.CharField("tổng mức đầu tư", max_length=100, blank=True)
    starts_on = models.DateField("khởi công", null=True, blank=True)
    ends_on = models.DateField("hoàn thành dự kiến", null=True, blank=True)
    description = models.TextField("mô tả", blank=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "dự án đầu tư"
        verbose_name_plural = "dự án đầu tư"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """Kiến nghị giám sát của một ban gửi UBND xã, theo dõi tới khi được trả lời."""

    Status = RecommendationStatus

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="supervision_recommendations"
    )
    board = models.ForeignKey(
        SupervisionBoard, verbose_name="ban", on_delete=models.PROTECT, related_name="recommendations"
    )
    project = models.ForeignKey(
        InvestmentProject,
        verbose_name="dự án",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    subject = models.CharField("vấn đề kiến nghị", max_length=300)
    content = models.TextField("nội dung kiến nghị")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người gửi", on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField("ngày gửi")
    due_on = models.DateField("hạn trả lời")
    status = models.CharField(
        "trạng thái", max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    answer = models.TextField("trả lời của UBND xã", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kiến nghị giám sát"
        verbose_name_plural = "kiến nghị giám sát"
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["commune", "status", "due_on"], name="recommendation_commune_st")]
        constraints = [
            models.CheckConstraint(
                name="recommendation_due_after_sent", condition=Q(due_on__gte=models.F("sent_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def is_overdue(self, today) -> bool:
        return self.status == RecommendationStatus.OPEN and self.due_on < today
