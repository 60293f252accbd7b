"""The public-opinion log: what village heads, the commune police, the Mặt trận and mass organisations
hear from people, with a tension level; alerts when tension rises or a topic keeps coming back in one
village; the monthly or quarterly summary written from the entries. Nothing here is public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Level(models.TextChoices):
    """Mức độ tâm trạng, dư luận (ordered: rules.RANK)."""

    STABLE = "stable", "Ổn định"
    DIVIDED = "divided", "Có ý kiến trái chiều"
    FRUSTRATED = "frustrated", "Bức xúc"
    HOTSPOT_RISK = "hotspot_risk", "Nguy cơ điểm nóng"


class Source(models.TextChoices):
    """Nguồn nắm tình hình."""

    MEETING = "meeting", "Họp thôn, tổ dân phố"
    DIRECT = "direct", "Trực tiếp gặp gỡ, trao đổi"
    SOCIAL = "social", "Mạng xã hội"
    PHONE = "phone", "Điện thoại, tin nhắn, Zalo"
    ORGANISATION = "organisation", "Qua Mặt trận, đoàn thể"
    SECURITY = "security", "Nắm tình hình an ninh, trật tự (Công an)"
    OTHER = "other", "Nguồn khác"


class OpinionEntry(models.Model):
    """Phiếu nắm tình hình Nhân dân: một ý kiến, dư luận ghi nhận ở thôn (ngày, thôn, lĩnh vực, người dân
    nói gì, bao nhiêu người, mức độ, nguồn, đề xuất xử lý). `restricted`: only those with
    `opinion.view_restricted` and the author read it (entries from the police always are)."""

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="opinion_entries"
    )
    observed_on = models.DateField("ngày nắm được")
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey(
        "petitions.Field",
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField("người dân nói gì")
    people_count = models.PositiveIntegerField("số người", null=True, blank=True)
    level = models.CharField("mức độ", max_length=16, choices=Level.choices, default=Level.STABLE)
    source = models.CharField("nguồn", max_length=16, choices=Source.choices, default=Source.MEETING)
    proposed_handling = models.TextField("đề xuất xử lý", blank=True)
    restricted = models.BooleanField("chỉ lãnh đạo xem", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ghi", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    # The phone's idempotency key: a retry on a weak connection never makes a second entry.
    client_token = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        verbose_name = "phiếu nắm tình hình"
        verbose_name_plural = "phiếu nắm tình hình"
        ordering = ["-observed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "client_token"], name="opinion_client_token_once"),
        ]
        indexes = [models.Index(fields=["commune", "observed_on"], name="opinion_commune_day")]

    def __str__(self) -> str:
        return f"phiếu nắm tình hình #{self.pk}"


class OpinionAlert(models.Model):
    """Cảnh báo dư luận: tension rose, reached “bức xúc”/“nguy cơ điểm nóng”, or several entries on the
    same topic in the same village. One open alert per place (village + field): a DB constraint."""

    class Reason(models.TextChoices):
        TENSION = "tension", "Mức độ bức xúc trở lên"
        RISING = "rising", "Mức độ tăng so với lần trước"
        REPEATED = "repeated", "Nhiều phiếu cùng lĩnh vực, cùng thôn"

    class Status(models.TextChoices):
        OPEN = "open", "Mới phát hiện"
        ACKNOWLEDGED = "acknowledged", "Lãnh đạo đã nắm, chỉ đạo"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="opinion_alerts"
    )
    key = models.CharField(max_length=64)  # "place:<village or 0>:<field or 0>"
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey(
        "petitions.Field",
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField("lý do", max_length=10, choices=Reason.choices)
    level = models.CharField("mức độ cao nhất", max_length=16, choices=Level.choices)
    entries = models.ManyToManyField(OpinionEntry, verbose_name="các phiếu", related_name="alerts")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.OPEN)
    raised_at = models.DateTimeField("thời điểm cảnh báo", auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField("thời điểm nắm", null=True, blank=True)
    direction = models.TextField("chỉ đạo xử lý", blank=True)

    class Meta:
        verbose_name = "cảnh báo dư luận"
        verbose_name_plural = "cảnh báo dư luận"
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "key"], condition=Q(status="open"), name="opinion_alert_one_open_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"cảnh báo dư luận #{self.pk}"


class OpinionSummary(models.Model):
    """Báo cáo tình hình tư tưởng, dư luận Nhân dân tháng/quý: the text written from the entries, edited
    by the coordinator, issued as an ND 30 .docx."""

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="opinion_summaries"
    )
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    title = models.CharField("tên báo cáo", max_length=200)
    text = models.TextField("nội dung")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "báo cáo tình hình dư luận"
        verbose_name_plural = "báo cáo tình hình dư luận"
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "start", "end"], name="opinion_summary_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title
