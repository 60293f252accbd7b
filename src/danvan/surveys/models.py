"""Satisfaction surveys (khảo sát sự hài lòng, SIPAS-style) answered on a phone without an account or
typed in from paper forms, and residents' follow-up of a low petition rating."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Survey(models.Model):
    """Phiếu khảo sát: sections of questions, published by QR code and short link."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        OPEN = "open", "Đang nhận trả lời"
        CLOSED = "closed", "Đã đóng"

    class OneAnswer(models.TextChoices):
        RATE_LIMIT = "rate_limit", "Không cần mã (giới hạn số lần gửi mỗi máy)"
        CODE = "code", "Mỗi người một mã phiếu (in trên vé hoặc gửi tin nhắn)"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField("tên phiếu khảo sát", max_length=200)
    intro = models.TextField("lời giới thiệu", blank=True)
    is_sipas = models.BooleanField("theo mẫu chỉ số hài lòng (SIPAS)", default=False)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.DRAFT)
    one_answer = models.CharField(
        "mỗi người trả lời một lần", max_length=10, choices=OneAnswer.choices, default=OneAnswer.RATE_LIMIT
    )
    # The short link and QR code: /k/<short_code>/ (no letters people confuse).
    short_code = models.CharField("mã ngắn", max_length=12, unique=True)
    opened_at = models.DateTimeField("mở lúc", null=True, blank=True)
    closed_at = models.DateTimeField("đóng lúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiếu khảo sát"
        verbose_name_plural = "phiếu khảo sát"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """Phần của phiếu (e.g. one SIPAS aspect)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField("tên phần", max_length=200)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """Câu hỏi: one choice, several choices, a 1–5 scale, or free text. `dimension`: the SIPAS aspect
    whose index this 1–5 satisfaction question feeds (empty: not part of the index)."""

    class Kind(models.TextChoices):
        SINGLE = "single", "Chọn một"
        MULTIPLE = "multiple", "Chọn nhiều"
        SCALE = "scale", "Thang điểm 1–5"
        TEXT = "text", "Trả lời tự do"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField("câu hỏi", max_length=500)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices)
    required = models.BooleanField("bắt buộc", default=True)
    choices = models.JSONField("các lựa chọn", default=list, blank=True)
    dimension = models.CharField("khía cạnh SIPAS", max_length=16, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class AnswerCode(models.Model):
    """Mã phiếu: one answer per person, printed on a ticket at the counter or sent by SMS. Only the
    SHA-256 of the code is kept."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "code_hash"], name="survey_code_once")]

    def __str__(self) -> str:
        return f"mã phiếu #{self.pk}"


class Invitation(models.Model):
    """Một lời mời trả lời qua tin nhắn: only a hash of the phone, kept so one number is never invited
    twice to the same survey; deliberately not linked to the code it received (nor to the answer)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    phone_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "phone_hash"], name="survey_invite_once")]

    def __str__(self) -> str:
        return f"lời mời #{self.pk}"


class Response(models.Model):
    """Một phiếu trả lời: no name, no phone; the village when the person gives it."""

    class Channel(models.TextChoices):
        WEB = "web", "Trực tuyến"
        PAPER = "paper", "Phiếu giấy"

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("hình thức", max_length=6, choices=Channel.choices, default=Channel.WEB)
    submitted_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    client_token = models.CharField(max_length=64, null=True, blank=True)
    code = models.OneToOneField(
        AnswerCode, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "client_token"], name="survey_response_token_once"),
        ]

    def __str__(self) -> str:
        return f"phiếu trả lời #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    picks = models.JSONField(default=list, blank=True)  # indices into question.choices
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                name="survey_answer_scale_1_5",
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"câu trả lời #{self.pk}"


class RatingReview(models.Model):
    """Ý kiến khi chưa hài lòng với kết quả giải quyết đơn: why (vì sao chưa hài lòng?) and whether the
    resident asks the commune to look again (đề nghị xem xét lại). One per petition."""

    class Status(models.TextChoices):
        OPEN = "open", "Chờ xem xét"
        ANSWERED = "answered", "Đã trả lời"

    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.PROTECT, related_name="rating_review"
    )
    commune = models.ForeignKey("geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("vì sao chưa hài lòng")
    review_requested = models.BooleanField("đề nghị xem xét lại", default=False)
    status = models.CharField("trạng thái", max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("trả lời của xã", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ý kiến chưa hài lòng"
        verbose_name_plural = "ý kiến chưa hài lòng"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"ý kiến chưa hài lòng #{self.pk}"
