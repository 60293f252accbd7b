"""The voice of the Mặt trận Tổ quốc and the mass organisations at the commune: their recommendations and
social criticism (phản biện xã hội) of the commune's drafts, each with an answer deadline and an answer
that may be published; and the register of the commune's regulations (quy chế phối hợp, quy chế dân chủ,
quy chế tiếp công dân…) with their review dates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

ORGANISATIONS = [
    ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ("nong_dan", "Hội Nông dân"),
    ("phu_nu", "Hội Liên hiệp Phụ nữ"),
    ("doan_tn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("cuu_chien_binh", "Hội Cựu chiến binh"),
    ("cong_doan", "Công đoàn"),
    ("khac", "Tổ chức thành viên khác"),
]


class FrontRecommendation(models.Model):
    """Kiến nghị hoặc phản biện xã hội của Mặt trận / đoàn thể gửi UBND xã, and the commune's answer."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Kiến nghị"
        CRITICISM = "criticism", "Phản biện xã hội (góp ý dự thảo)"

    commune = models.ForeignKey("geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField("tổ chức gửi", max_length=20, choices=ORGANISATIONS)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    subject = models.CharField("về việc / dự thảo được phản biện", max_length=300)
    content = models.TextField("nội dung")
    their_reference = models.CharField("số, ký hiệu văn bản gửi (nếu có)", max_length=60, blank=True)
    received_on = models.DateField("ngày nhận")
    answer_due = models.DateField("hạn trả lời")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị tham mưu trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.TextField("nội dung trả lời, tiếp thu, giải trình", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public = models.BooleanField("công khai trên cổng thông tin", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiến nghị, phản biện của Mặt trận"
        verbose_name_plural = "kiến nghị, phản biện của Mặt trận"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="front_answer_has_date", condition=Q(answer="") | Q(answered_on__isnull=False)
            ),
            models.CheckConstraint(
                name="front_public_only_answered", condition=Q(public=False) | ~Q(answer="")
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def is_late(self, today) -> bool:
        return not self.answer and self.answer_due < today


class Regulation(models.Model):
    """Quy chế của xã (phối hợp với Mặt trận, dân chủ, tiếp công dân, làm việc…): when issued, with whom,
    and when it is to be reviewed."""

    class Kind(models.TextChoices):
        COORDINATION = "coordination", "Quy chế phối hợp (UBND – Ủy ban MTTQ xã)"
        DEMOCRACY = "democracy", "Quy chế thực hiện dân chủ ở cơ sở"
        RECEPTION = "reception", "Nội quy, quy chế tiếp công dân"
        WORK = "work", "Quy chế làm việc của UBND xã"
        OTHER = "other", "Quy chế khác"

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "Đang hiệu lực"
        REPLACED = "replaced", "Đã thay thế / hết hiệu lực"

    commune = models.ForeignKey("geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("loại quy chế", max_length=20, choices=Kind.choices)
    title = models.CharField("tên quy chế", max_length=300)
    reference = models.CharField("số, ký hiệu văn bản ban hành", max_length=60)
    issued_on = models.DateField("ngày ban hành")
    partners = models.CharField("cơ quan, tổ chức cùng ký (nếu có)", max_length=300, blank=True)
    review_months = models.PositiveSmallIntegerField("chu kỳ rà soát (tháng)", default=12)
    next_review_on = models.DateField("hạn rà soát tiếp theo")
    last_reviewed_on = models.DateField("ngày rà soát gần nhất", null=True, blank=True)
    review_note = models.TextField("kết quả rà soát gần nhất", blank=True)
    status = models.CharField("hiệu lực", max_length=12, choices=Status.choices, default=Status.IN_FORCE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quy chế"
        verbose_name_plural = "sổ quy chế"
        ordering = ["next_review_on", "id"]

    def __str__(self) -> str:
        return self.title

    def review_due(self, today) -> bool:
        return self.status == self.Status.IN_FORCE and self.next_review_on <= today


class JointActivity(models.Model):
    """Lịch hoạt động phối hợp: an activity the commune's government and the Front (or a mass
    organisation) run together — a campaign, a dialogue, a joint supervision, a "Ngày hội Đại đoàn kết"."""

    commune = models.ForeignKey("geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("hoạt động", max_length=300)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    organisers = models.CharField("cơ quan, tổ chức phối hợp", max_length=300)
    public = models.BooleanField("công khai trên cổng thông tin", default=True)
    cancelled = models.BooleanField("đã hủy", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hoạt động phối hợp"
        verbose_name_plural = "lịch hoạt động phối hợp"
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="joint_activity_dates_in_order", condition=Q(ends_on__gte=models.F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.title
