"""Who is in charge: the officials the commune assigns to dân vận work, to grassroots democracy and to each
village (phân công phụ trách), and the members of the steering committee for grassroots democracy (Ban Chỉ
đạo thực hiện dân chủ ở cơ sở). Each row keeps the decision it came from and when it ended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Assignment(models.Model):
    """Phân công phụ trách: an official of the commune put in charge of a line of work or of a village."""

    class Scope(models.TextChoices):
        MASS_MOBILISATION = "mass_mobilisation", "Phụ trách công tác dân vận chính quyền"
        DEMOCRACY = "democracy", "Phụ trách thực hiện dân chủ ở cơ sở"
        ETHNIC_RELIGIOUS = "ethnic_religious", "Phụ trách công tác dân tộc, tôn giáo"
        VILLAGE = "village", "Phụ trách thôn, tổ dân phố"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField("phụ trách", max_length=20, choices=Scope.choices)
    village = models.ForeignKey(
        "geo.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.CharField("chức vụ", max_length=150)
    starts_on = models.DateField("từ ngày")
    ended_on = models.DateField("thôi phụ trách từ ngày", null=True, blank=True)
    decision = models.CharField("theo quyết định số", max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phân công phụ trách"
        verbose_name_plural = "phân công phụ trách"
        ordering = ["scope", "village__name", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="village", village__isnull=False)
                | (~Q(scope="village") & Q(village__isnull=True)),
                name="assignment_village_iff_village_scope",
            ),
            # One current assignment per official and scope (and village): two partial constraints
            # instead of NULLS NOT DISTINCT, which SQLite does not enforce.
            models.UniqueConstraint(
                fields=["commune", "scope", "village", "official"],
                condition=Q(ended_on__isnull=True, village__isnull=False),
                name="assignment_current_once",
            ),
            models.UniqueConstraint(
                fields=["commune", "scope", "official"],
                condition=Q(ended_on__isnull=True, village__isnull=True),
                name="assignment_current_once_no_village",
            ),
        ]

    def __str__(self) -> str:
        return self.get_scope_display()


class CommitteeMember(models.Model):
    """Thành viên Ban Chỉ đạo thực hiện dân chủ ở cơ sở of the commune."""

    class Role(models.TextChoices):
        HEAD = "head", "Trưởng ban"
        DEPUTY = "deputy", "Phó Trưởng ban"
        STANDING = "standing", "Thành viên thường trực"
        MEMBER = "member", "Thành viên"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    full_name = models.CharField("họ và tên", max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField("nhiệm vụ trong Ban", max_length=10, choices=Role.choices)
    office = models.CharField("chức vụ, đơn vị công tác", max_length=200)
    starts_on = models.DateField("từ ngày")
    ended_on = models.DateField("thôi tham gia từ ngày", null=True, blank=True)
    decision = models.CharField("theo quyết định số", max_length=60, blank=True)

    class Meta:
        verbose_name = "thành viên Ban Chỉ đạo"
        verbose_name_plural = "thành viên Ban Chỉ đạo"
        ordering = ["role", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(role="head", ended_on__isnull=True),
                name="committee_one_head",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class CommitteeMeeting(models.Model):
    """Cuộc họp Ban Chỉ đạo thực hiện dân chủ ở cơ sở: when, what was discussed, and its conclusions."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField("ngày họp")
    summary = models.TextField("nội dung họp")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cuộc họp Ban Chỉ đạo"
        verbose_name_plural = "cuộc họp Ban Chỉ đạo"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Họp Ban Chỉ đạo ngày {self.held_on:%d/%m/%Y}"


class Conclusion(models.Model):
    """Kết luận: one conclusion of a meeting; it may become a task of a plan (`task`)."""

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="conclusions")
    text = models.TextField("kết luận")
    task = models.ForeignKey("plans.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "kết luận"
        verbose_name_plural = "kết luận"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]
