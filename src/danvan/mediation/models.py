"""Grassroots mediation (hòa giải ở cơ sở, Luật Hòa giải ở cơ sở 2013): the village mediation teams, their
mediators, and the cases they mediate."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Team(models.Model):
    """Tổ hòa giải: one per village or residential group, with a leader and at least three mediators
    (Điều 12)."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(
        "geo.Village", on_delete=models.PROTECT, related_name="+", verbose_name="thôn"
    )
    name = models.CharField("tên tổ", max_length=200)
    established_on = models.DateField("ngày thành lập, kiện toàn", null=True, blank=True)
    minority_area = models.BooleanField(
        "vùng có nhiều đồng bào dân tộc thiểu số",
        default=False,
        help_text="Khi đánh dấu, tổ phải có hòa giải viên là người dân tộc thiểu số (Điều 12 khoản 1).",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "tổ hòa giải"
        verbose_name_plural = "tổ hòa giải"
        ordering = ["village__name", "name"]
        constraints = [models.UniqueConstraint(fields=["village", "name"], name="mediation_team_once")]

    def __str__(self) -> str:
        return self.name


class Mediator(models.Model):
    """Hòa giải viên: elected in the village and recognised by the Chairman (Điều 8)."""

    class Gender(models.TextChoices):
        FEMALE = "female", "Nữ"
        MALE = "male", "Nam"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="mediators")
    full_name = models.CharField("họ và tên", max_length=150)
    gender = models.CharField("giới tính", max_length=6, choices=Gender.choices)
    ethnic_minority = models.BooleanField("người dân tộc thiểu số", default=False)
    is_leader = models.BooleanField("tổ trưởng", default=False)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)
    left_on = models.DateField("ngày thôi làm hòa giải viên", null=True, blank=True)

    class Meta:
        verbose_name = "hòa giải viên"
        verbose_name_plural = "hòa giải viên"
        ordering = ["-is_leader", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class Case(models.Model):
    """Vụ, việc hòa giải: what was brought, by whom, who mediates, and how it ended (Điều 16–27)."""

    class Basis(models.TextChoices):
        REQUESTED = "requested", "Một bên hoặc các bên yêu cầu"
        WITNESSED = "witnessed", "Hòa giải viên chứng kiến hoặc biết vụ, việc"
        ASSIGNED = "assigned", "Phân công của tổ trưởng hoặc đề nghị của cơ quan, tổ chức, cá nhân"

    class Matter(models.TextChoices):
        LAND = "land", "Đất đai, ranh giới"
        FAMILY = "family", "Hôn nhân và gia đình"
        CIVIL = "civil", "Dân sự (vay mượn, tài sản, hợp đồng)"
        NEIGHBOURS = "neighbours", "Mâu thuẫn hàng xóm, sinh hoạt"
        MINOR_OFFENCE = "minor_offence", "Vi phạm pháp luật nhỏ chưa đến mức xử lý"
        OTHER = "other", "Khác"

    class Status(models.TextChoices):
        RECEIVED = "received", "Đã tiếp nhận"
        MEDIATING = "mediating", "Đang hòa giải"
        SUCCEEDED = "succeeded", "Hòa giải thành"
        FAILED = "failed", "Hòa giải không thành"
        STOPPED = "stopped", "Các bên yêu cầu chấm dứt"
        OUT_OF_SCOPE = "out_of_scope", "Không thuộc phạm vi hòa giải ở cơ sở"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases", verbose_name="tổ hòa giải")
    received_on = models.DateField("ngày tiếp nhận")
    basis = models.CharField("căn cứ hòa giải", max_length=12, choices=Basis.choices)
    matter = models.CharField("loại vụ, việc", max_length=16, choices=Matter.choices)
    parties = models.TextField("các bên", help_text="Họ tên, nơi ở của từng bên; mỗi bên một dòng.")
    summary = models.TextField("nội dung chủ yếu của vụ, việc")
    mediators = models.ManyToManyField(
        Mediator, blank=True, related_name="cases", verbose_name="hòa giải viên"
    )
    assigned_on = models.DateField("ngày phân công", null=True, blank=True)
    started_on = models.DateField("ngày bắt đầu hòa giải", null=True, blank=True)
    status = models.CharField("kết quả", max_length=14, choices=Status.choices, default=Status.RECEIVED)
    ended_on = models.DateField("ngày kết thúc", null=True, blank=True)
    agreement = models.TextField("thỏa thuận đạt được, hoặc lý do", blank=True)
    written_agreement = models.BooleanField("đã lập văn bản hòa giải thành", default=False)
    petition = models.ForeignKey(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="đơn chuyển sang hòa giải",
    )
    follow_up_petition = models.ForeignKey(
        "petitions.Petition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="đơn sau khi hòa giải không thành",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vụ, việc hòa giải"
        verbose_name_plural = "vụ, việc hòa giải"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["commune", "received_on"], name="mediation_case_received")]

    def __str__(self) -> str:
        return f"vụ việc #{self.pk} ({self.get_matter_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.MEDIATING)
