"""“Dân vận khéo” models: registered by a unit, a village, a mass organisation or a person, built during
the year with progress and evidence, scored by the evaluation council, recognised (commended) by the
commune's leaders and replicated by others."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ExemplarField(models.Model):
    """Lĩnh vực của mô hình (kinh tế, văn hóa – xã hội, quốc phòng – an ninh…): an editable list.
    A row without a commune is offered to every commune; a commune may add its own."""

    commune = models.ForeignKey(
        "geo.Commune",
        verbose_name="xã (để trống: dùng chung)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField("tên lĩnh vực", max_length=120)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "lĩnh vực mô hình"
        verbose_name_plural = "lĩnh vực mô hình"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="exemplar_field_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class RegistrationCall(models.Model):
    """Đợt đăng ký mô hình “Dân vận khéo” của một năm: the deadline the commune's plan sets
    (e.g. “trước ngày 28/02”), against which late and missing registrations are shown."""

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="exemplar_calls"
    )
    year = models.PositiveSmallIntegerField("năm")
    deadline = models.DateField("hạn đăng ký")
    task = models.ForeignKey(
        "plans.Task",
        verbose_name="nhiệm vụ trong kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "đợt đăng ký mô hình"
        verbose_name_plural = "đợt đăng ký mô hình"
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="exemplar_call_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"Đăng ký mô hình năm {self.year}"


class Exemplar(models.Model):
    """Mô hình, điển hình “Dân vận khéo”."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "Đã đăng ký"
        BUILDING = "building", "Đang xây dựng"
        EVALUATED = "evaluated", "Đã đánh giá"
        RECOGNISED = "recognised", "Đã công nhận"
        REPLICATED = "replicated", "Đã nhân rộng"

    class RegistrantKind(models.TextChoices):
        UNIT = "unit", "Đơn vị"
        VILLAGE = "village", "Thôn, tổ dân phố"
        ORGANISATION = "organisation", "Mặt trận, đoàn thể, tổ chức"
        PERSON = "person", "Cá nhân"

    class Level(models.TextChoices):
        NOT_PASSED = "not_passed", "Chưa đạt"
        COMMUNE = "commune", "Mô hình cấp xã"
        PROVINCE = "province", "Đề nghị cấp tỉnh công nhận"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="exemplars"
    )
    year = models.PositiveSmallIntegerField("năm đăng ký")
    name = models.CharField("tên mô hình", max_length=300)
    field = models.ForeignKey(
        ExemplarField, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="exemplars"
    )
    registrant_kind = models.CharField("đăng ký bởi", max_length=20, choices=RegistrantKind.choices)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị đăng ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        "geo.Village",
        verbose_name="thôn đăng ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registrant_name = models.CharField("tên tổ chức, cá nhân đăng ký", max_length=200, blank=True)
    builders = models.CharField("chủ thể xây dựng", max_length=500)
    partners = models.CharField("phối hợp cùng", max_length=500, blank=True)
    villages = models.ManyToManyField(
        "geo.Village", verbose_name="địa bàn thực hiện", blank=True, related_name="+"
    )
    content = models.TextField("nội dung, cách làm")
    start_on = models.DateField("ngày bắt đầu")
    review_on = models.DateField("ngày sơ kết, đánh giá")
    task = models.ForeignKey(
        "plans.Task",
        verbose_name="nhiệm vụ trong kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origin = models.ForeignKey(
        "self",
        verbose_name="nhân rộng từ mô hình",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replicas",
    )
    public_consent = models.BooleanField("đồng ý công khai trên cổng thông tin", default=False)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.REGISTERED)
    registered_on = models.DateField("ngày đăng ký")
    score = models.DecimalField("điểm đánh giá", max_digits=5, decimal_places=1, null=True, blank=True)
    proposed_level = models.CharField("mức đề xuất", max_length=20, choices=Level.choices, blank=True)
    evaluated_on = models.DateField("ngày đánh giá", null=True, blank=True)
    conclusion = models.TextField("kết luận đánh giá", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mô hình “Dân vận khéo”"
        verbose_name_plural = "mô hình “Dân vận khéo”"
        ordering = ["-year", "name"]
        constraints = [
            # Each kind of registrant names who it is: no model belongs to nobody.
            models.CheckConstraint(
                name="exemplar_registrant_matches_kind",
                condition=Q(registrant_kind="unit", unit__isnull=False)
                | Q(registrant_kind="village", village__isnull=False)
                | (Q(registrant_kind__in=["organisation", "person"]) & ~Q(registrant_name="")),
            ),
            models.CheckConstraint(
                name="exemplar_review_after_start", condition=Q(review_on__gte=F("start_on"))
            ),
            models.CheckConstraint(
                name="exemplar_evaluated_has_score",
                condition=Q(status__in=["registered", "building"]) | Q(score__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["commune", "year", "status"], name="exemplar_commune_year")]

    def __str__(self) -> str:
        return self.name

    @property
    def registrant(self) -> str:
        """Who registered it, in words (the unit's or village's name, or the one typed)."""
        if self.registrant_kind == self.RegistrantKind.UNIT and self.unit_id:
            return self.unit.name
        if self.registrant_kind == self.RegistrantKind.VILLAGE and self.village_id:
            return self.village.name
        return self.registrant_name


class Target(models.Model):
    """Chỉ tiêu kết quả dự kiến: a measurable target (e.g. 40 hộ tham gia) and what has been achieved."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(default=0)
    description = models.CharField("chỉ tiêu", max_length=300)
    measure = models.CharField("đơn vị tính", max_length=40)
    planned = models.DecimalField("mức phấn đấu", max_digits=12, decimal_places=2)
    achieved = models.DecimalField("đã đạt", max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu của mô hình"
        verbose_name_plural = "chỉ tiêu của mô hình"
        ordering = ["exemplar_id", "order", "id"]
        constraints = [
            models.CheckConstraint(name="exemplar_target_positive", condition=Q(planned__gt=0)),
            models.CheckConstraint(
                name="exemplar_target_achieved_not_negative",
                condition=Q(achieved__isnull=True) | Q(achieved__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Progress(models.Model):
    """Tiến độ xây dựng mô hình: a dated note, figures against the targets, and an evidence file."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField("ngày")
    note = models.TextField("nội dung")
    figures = models.JSONField("số liệu theo chỉ tiêu", default=dict, blank=True)
    evidence = models.FileField("minh chứng", upload_to="exemplars/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_kind = models.CharField(max_length=10, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    evidence_public = models.BooleanField("ảnh được đăng trên cổng thông tin", default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tiến độ mô hình"
        verbose_name_plural = "tiến độ mô hình"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Tiến độ mô hình #{self.exemplar_id}"


class CouncilScore(models.Model):
    """Phiếu chấm điểm của một thành viên hội đồng đánh giá: points per criterion and their total."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="council_scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.JSONField("điểm theo tiêu chí")
    total = models.DecimalField("tổng điểm", max_digits=5, decimal_places=1)
    comment = models.TextField("nhận xét", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiếu chấm điểm mô hình"
        verbose_name_plural = "phiếu chấm điểm mô hình"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "member"], name="exemplar_score_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"Phiếu chấm mô hình #{self.exemplar_id}"


class Commendation(models.Model):
    """Quyết định công nhận (và khen thưởng) mô hình, điển hình “Dân vận khéo”."""

    class Kind(models.TextChoices):
        RECOGNITION = "recognition", "Công nhận mô hình"
        AWARD = "award", "Công nhận và khen thưởng"

    exemplar = models.OneToOneField(Exemplar, on_delete=models.CASCADE, related_name="commendation")
    kind = models.CharField("hình thức", max_length=20, choices=Kind.choices)
    level = models.CharField("cấp công nhận", max_length=20, choices=Exemplar.Level.choices)
    decision_number = models.CharField("số quyết định", max_length=60)
    decision_on = models.DateField("ngày quyết định")
    issuer = models.CharField("cơ quan ban hành", max_length=200)
    reward = models.CharField("hình thức khen thưởng", max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết định công nhận mô hình"
        verbose_name_plural = "quyết định công nhận mô hình"
        constraints = [
            models.CheckConstraint(name="commendation_level_passed", condition=~Q(level="not_passed")),
        ]

    def __str__(self) -> str:
        return f"Quyết định {self.decision_number}"
