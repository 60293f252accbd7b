"""Scoring and ranking units' (and communes') dân vận work: frameworks of criteria per year, bands,
self-assessments and the commune's (or province's) review. Business rules live in `rules.py` and
`services/`; what is measured from the product's own data lives in `measures/`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Framework(models.Model):
    """Bộ tiêu chí chấm điểm, xếp loại của một năm: of a commune (scoring its units) or of a province
    (scoring its communes, or issued for its communes to adopt for their units)."""

    class Subject(models.TextChoices):
        UNITS = "units", "Đơn vị của xã"
        COMMUNES = "communes", "Các xã trong tỉnh"

    year = models.PositiveSmallIntegerField("năm")
    commune = models.ForeignKey(
        "geo.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="scoring_frameworks"
    )
    province = models.ForeignKey(
        "geo.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="scoring_frameworks"
    )
    subject = models.CharField("đối tượng chấm", max_length=10, choices=Subject.choices)
    title = models.CharField("tên bộ tiêu chí", max_length=300)
    adopted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="adoptions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bộ tiêu chí chấm điểm"
        verbose_name_plural = "bộ tiêu chí chấm điểm"
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(commune__isnull=False, province__isnull=True, subject="units"))
                | Q(commune__isnull=True, province__isnull=False),
                name="scoring_framework_one_owner",
            ),
            models.UniqueConstraint(
                fields=["commune", "year"],
                condition=Q(commune__isnull=False),
                name="scoring_one_framework_per_commune_year",
            ),
            models.UniqueConstraint(
                fields=["province", "year", "subject"],
                condition=Q(province__isnull=False),
                name="scoring_one_framework_per_province_year_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class CriterionGroup(models.Model):
    """Nhóm tiêu chí (I, II, III…)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("tên nhóm", max_length=300)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """Tiêu chí: its maximum points, and either a measure computed from the product's data (`measure`
    set) or self-assessed by the unit with evidence and reviewed."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("tiêu chí", max_length=300)
    guidance = models.CharField("cách chấm", max_length=500, blank=True)
    max_points = models.DecimalField("điểm tối đa", max_digits=5, decimal_places=2)
    measure = models.CharField("đo từ dữ liệu", max_length=40, blank=True)
    target = models.PositiveSmallIntegerField("chỉ tiêu (số lần)", null=True, blank=True)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["group__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="scoring_criterion_positive_points"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_computed(self) -> bool:
        return bool(self.measure)


class Band(models.Model):
    """Ngưỡng xếp loại: the lowest share of the maximum total (in %) for a band; below “đạt” is
    “không đạt”. Editable per framework."""

    class Level(models.TextChoices):
        EXCELLENT = "excellent", "Xuất sắc"
        GOOD = "good", "Tốt"
        PASS = "pass", "Đạt"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    level = models.CharField("mức", max_length=10, choices=Level.choices)
    min_percent = models.DecimalField("từ (% tổng điểm)", max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "level"], name="scoring_one_band_per_level"),
            models.CheckConstraint(
                condition=Q(min_percent__gte=0, min_percent__lte=100), name="scoring_band_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} từ {self.min_percent}%"


class Assessment(models.Model):
    """Phiếu chấm điểm of one unit (or one commune, for the province's framework): the self-assessed
    criteria with evidence, then the review."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang tự chấm"
        SUBMITTED = "submitted", "Đã gửi, chờ thẩm định"
        REVIEWED = "reviewed", "Đã thẩm định"

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="assessments")
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("ngày gửi", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("ngày thẩm định", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("lý do trả lại", blank=True)

    class Meta:
        verbose_name = "phiếu chấm điểm"
        verbose_name_plural = "phiếu chấm điểm"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "unit"], condition=Q(unit__isnull=False), name="scoring_one_per_unit"
            ),
            models.UniqueConstraint(
                fields=["framework", "commune"],
                condition=Q(unit__isnull=True),
                name="scoring_one_per_commune",
            ),
        ]

    def __str__(self) -> str:
        return f"Phiếu chấm {self.subject_name} ({self.framework.year})"

    @property
    def subject_name(self) -> str:
        return self.unit.name if self.unit_id else self.commune.name


class Score(models.Model):
    """Điểm một tiêu chí tự chấm: the unit's points, explanation and evidence file; the review's
    points (None: accepted as self-assessed) and reason."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    self_points = models.DecimalField("điểm tự chấm", max_digits=5, decimal_places=2)
    self_note = models.TextField("giải trình", blank=True)
    evidence = models.FileField("minh chứng", upload_to="scoring/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_kind = models.CharField(max_length=10, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    review_points = models.DecimalField(
        "điểm thẩm định", max_digits=5, decimal_places=2, null=True, blank=True
    )
    review_reason = models.TextField("lý do điều chỉnh", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="scoring_one_score_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    @property
    def points(self):
        return self.review_points if self.review_points is not None else self.self_points
