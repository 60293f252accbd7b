"""The training register (sổ theo dõi tập huấn, bồi dưỡng): the courses the commune's officials, village
heads and mediators attend, who took part and was present, their certificates, and the trainings each role
must have."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from danvan.org.models import Role


class Topic(models.TextChoices):
    """Lĩnh vực tập huấn: those the commune plans ask for."""

    MASS_MOBILISATION = "mass_mobilisation", "Công tác dân vận, dân vận chính quyền"
    GRASSROOTS_DEMOCRACY = "grassroots_democracy", "Thực hiện dân chủ ở cơ sở"
    RECEPTION = "reception", "Tiếp công dân, giải quyết khiếu nại, tố cáo"
    MEDIATION = "mediation", "Hòa giải ở cơ sở"
    DIGITAL = "digital", "Kỹ năng truyền thông số, chuyển đổi số"
    ETHNIC_RELIGIOUS = "ethnic_religious", "Công tác dân tộc, tôn giáo"
    OTHER = "other", "Khác"


class Course(models.Model):
    """Lớp tập huấn, bồi dưỡng: topic, organiser, dates, place and hours."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("tên lớp", max_length=300)
    topic = models.CharField("lĩnh vực", max_length=24, choices=Topic.choices)
    organiser = models.CharField("đơn vị tổ chức", max_length=200)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    place = models.CharField("địa điểm", max_length=300)
    hours = models.DecimalField("số giờ", max_digits=5, decimal_places=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lớp tập huấn"
        verbose_name_plural = "lớp tập huấn"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["commune", "ends_on"], name="training_course_ends")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="training_dates"
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """Học viên: a staff account of the commune, or a named person (a village head without an account, a
    mediator, a member of a mass organisation), from a unit or a village."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField("họ và tên", max_length=150)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    village = models.ForeignKey(
        "geo.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.CharField("chức vụ", max_length=150, blank=True)
    attended = models.BooleanField("có mặt", null=True, blank=True)
    certificate = models.FileField("giấy chứng nhận", upload_to="training/certificates/%Y/", blank=True)
    certificate_name = models.CharField(max_length=255, blank=True)
    certificate_kind = models.CharField(max_length=10, blank=True)
    certificate_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "học viên"
        verbose_name_plural = "học viên"
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"], condition=models.Q(user__isnull=False), name="training_user_once"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Requirement(models.Model):
    """Yêu cầu tập huấn theo vai trò: everyone holding `role` in the commune must have attended a course of
    `topic` within the last `within_years` years (the commune's own rule, e.g. from its plan)."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    topic = models.CharField("lĩnh vực", max_length=24, choices=Topic.choices)
    within_years = models.PositiveSmallIntegerField("trong vòng (năm)", default=2)
    basis = models.CharField("căn cứ", max_length=300, blank=True)

    class Meta:
        verbose_name = "yêu cầu tập huấn"
        verbose_name_plural = "yêu cầu tập huấn"
        ordering = ["role", "topic"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "role", "topic"], name="training_requirement_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_topic_display()}"
