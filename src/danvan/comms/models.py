"""In-app notifications for staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """Thông báo trong hệ thống gửi tới một cán bộ (nhắc hạn, trả lại báo cáo...)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    commune = models.ForeignKey(
        "geo.Commune", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField("nội dung", max_length=500)
    url = models.CharField("liên kết", max_length=300, blank=True)
    # The same reminder is never sent twice: (user, key) is unique, e.g. "task:42:due-soon".
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.text


class OutboundMessage(models.Model):
    """Tin gửi đi: một tin nhắn SMS, Zalo hoặc thư điện tử gửi tới một người, với trạng thái gửi.

    Every part of the product that writes to a person queues one of these (comms.outbox); a background
    task delivers it through the channel's sender, retrying with back-off. The row is the log staff
    search, so nothing sent is ever lost, a failed message included."""

    class Channel(models.TextChoices):
        SMS = "sms", "SMS"
        ZALO = "zalo", "Zalo"
        EMAIL = "email", "Thư điện tử"
        LOG = "log", "Chỉ ghi nhật ký"

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không được"

    commune = models.ForeignKey(
        "geo.Commune", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    recipient = models.CharField("người nhận", max_length=254)
    subject = models.CharField("tiêu đề", max_length=200, blank=True)
    text = models.TextField("nội dung")
    # What the message is about, e.g. "petition_status", "vote_code", and the object it came from
    # ("petitions.petition:42"), so a page can decide who may see the recipient.
    purpose = models.CharField("loại tin", max_length=40)
    source = models.CharField(max_length=80, blank=True)
    # The caller's idempotency key: sending the same thing twice finds this row and makes no new one.
    key = models.CharField(max_length=200, unique=True)
    # A denouncer's message: its recipient is never shown to anyone (Luật Tố cáo 2018, Điều 9).
    protected = models.BooleanField(default=False)
    # A secret (a voting or confirmation code): the text is wiped once delivery ends.
    secret = models.BooleanField(default=False)
    # Urgent messages (codes someone is waiting for) ignore quiet hours and the daily cap.
    urgent = models.BooleanField(default=False)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    not_before = models.DateTimeField("gửi từ")
    last_error = models.CharField("lỗi gần nhất", max_length=300, blank=True)
    provider_id = models.CharField("mã tin của nhà mạng", max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tin gửi đi"
        verbose_name_plural = "tin gửi đi"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "not_before"], name="outbound_due"),
            models.Index(fields=["recipient", "created_at"], name="outbound_recipient_day"),
            models.Index(fields=["commune", "created_at"], name="outbound_commune_log"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}"


class ProviderToken(models.Model):
    """Mã truy cập của nhà cung cấp (Zalo OA): the access token and the rotating refresh token."""

    provider = models.CharField(max_length=40, unique=True)
    access_token = models.TextField(blank=True)
    refresh_token = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập nhà cung cấp"
        verbose_name_plural = "mã truy cập nhà cung cấp"

    def __str__(self) -> str:
        return self.provider
