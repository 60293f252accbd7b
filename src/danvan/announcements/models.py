"""Posts, their files, and residents who subscribe to their villages' news."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Post(models.Model):
    """Tin bài, thông báo của xã: viết một lần, đăng lên cổng thông tin, gửi người đăng ký nhận tin, in ra
    bảng tin thôn."""

    class Category(models.TextChoices):
        NOTICE = "thong-bao", "Thông báo"
        ACTIVITY = "tin-hoat-dong", "Tin hoạt động"
        LAW = "tuyen-truyen-phap-luat", "Tuyên truyền pháp luật"
        SCHEDULE = "lich", "Lịch công tác"
        MODEL = "dan-van-kheo", "Mô hình Dân vận khéo"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung")
    category = models.CharField(
        "chuyên mục", max_length=30, choices=Category.choices, default=Category.NOTICE
    )
    # No village chosen: the whole commune.
    villages = models.ManyToManyField("geo.Village", blank=True, related_name="+", verbose_name="thôn")
    publish_at = models.DateTimeField("đăng lúc")
    expires_at = models.DateTimeField("hết hạn", null=True, blank=True)
    to_portal = models.BooleanField("đăng trên cổng thông tin", default=True)
    # The short version for SMS/Zalo, edited by staff before sending.
    sms_text = models.CharField("nội dung tin nhắn", max_length=1000, blank=True)
    loudspeaker_text = models.TextField(
        "bản đọc trên loa", blank=True, help_text="Để trống: đọc nội dung đã viết rõ chữ viết tắt, ngày, giờ."
    )
    sent_to_subscribers_at = models.DateTimeField(null=True, blank=True)
    sent_to_subscribers = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["commune", "publish_at"], name="post_commune_published")]

    def __str__(self) -> str:
        return self.title

    @property
    def reading_text(self) -> str:
        """What the loudspeaker reads: the staff's own reading text, else the body spelled out."""
        from danvan.announcements.spoken import spoken_text

        return self.loudspeaker_text or spoken_text(self.body)


class PostFile(models.Model):
    """Ảnh, tệp đính kèm của tin bài (checked by content: core/files.check_upload)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="announcements/%Y/%m/")
    name = models.CharField(max_length=255)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "tệp đính kèm tin bài"
        verbose_name_plural = "tệp đính kèm tin bài"

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


class Subscriber(models.Model):
    """Người đăng ký nhận tin: a phone or e-mail that gets its villages' announcements, once confirmed
    with a one-time code. Consent (when, and the text agreed to) is kept as proof (Nghị định 13/2023,
    Điều 11: consent to process personal data must be recorded)."""

    class Channel(models.TextChoices):
        SMS = "sms", "Tin nhắn điện thoại"
        EMAIL = "email", "Thư điện tử"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=254)
    villages = models.ManyToManyField("geo.Village", blank=True, related_name="+")
    code_hash = models.CharField(max_length=64, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    consent_text = models.TextField(blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # In every message's "stop" link: knowing it is the only way to unsubscribe someone.
    token = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "người đăng ký nhận tin"
        verbose_name_plural = "người đăng ký nhận tin"
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "channel", "address"], name="subscriber_once_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}"

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Bulletin(models.Model):
    """Bản tin loa truyền thanh: items read in order on the village loudspeakers."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("tên bản tin", max_length=200)
    air_date = models.DateField("ngày phát")
    # Made offline with espeak-ng, so a village without a reader has something to play.
    draft_audio = models.FileField(upload_to="loa/ban-nhap/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bản tin loa truyền thanh"
        verbose_name_plural = "bản tin loa truyền thanh"
        ordering = ["-air_date", "-id"]

    def __str__(self) -> str:
        return self.title


class BulletinItem(models.Model):
    """Một mục của bản tin: the text read aloud, from a post or written for the loudspeaker."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField("tiêu đề", max_length=200)
    text = models.TextField("nội dung đọc")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # What the item reads out, as "app_label.model:pk" (a disclosure read for N days: its proof).
    source = models.CharField(max_length=80, blank=True, db_index=True)

    class Meta:
        verbose_name = "mục bản tin"
        verbose_name_plural = "mục bản tin"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Broadcast(models.Model):
    """Lượt phát: a bulletin aired on one cluster of villages' loudspeakers, at a time, by a reader."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="broadcasts")
    cluster = models.CharField("cụm loa", max_length=120)
    villages = models.ManyToManyField("geo.Village", blank=True, related_name="+")
    scheduled_at = models.DateTimeField("giờ phát")
    duration_minutes = models.PositiveSmallIntegerField("thời lượng (phút)")
    reader = models.CharField("người đọc", max_length=120, blank=True)
    aired_at = models.DateTimeField("đã phát lúc", null=True, blank=True)
    recording = models.FileField(upload_to="loa/ghi-am/%Y/", blank=True)

    class Meta:
        verbose_name = "lượt phát loa"
        verbose_name_plural = "lượt phát loa"
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.cluster} {self.scheduled_at:%d/%m/%Y %H:%M}"


class Language(models.Model):
    """Ngôn ngữ dân tộc xã dùng (tiếng K'Ho, Mạ, M'Nông…): the commune's own list, by ISO 639-3 code.
    Vietnamese is always the original and is not in the list."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    code = models.CharField("mã ISO 639-3", max_length=3)
    name = models.CharField("tên tiếng Việt", max_length=60)
    # Switched off rather than deleted: versions already written in it stay readable by staff.
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "ngôn ngữ dân tộc của xã"
        verbose_name_plural = "ngôn ngữ dân tộc của xã"
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["commune", "code"], name="language_once_per_commune")]

    def __str__(self) -> str:
        return self.name


class PostVersion(models.Model):
    """Bản tiếng dân tộc của tin bài: the text a translator of the commune wrote (who, when)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung")
    translator = models.CharField("người dịch", max_length=150)
    translated_on = models.DateField("ngày dịch")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bản tiếng dân tộc của tin bài"
        verbose_name_plural = "bản tiếng dân tộc của tin bài"
        ordering = ["language__name", "id"]
        constraints = [models.UniqueConstraint(fields=["post", "language"], name="post_version_once")]

    def __str__(self) -> str:
        return f"{self.post} ({self.language})"


class BulletinVersion(models.Model):
    """Bản tin loa bằng tiếng dân tộc: a recorded reading in the language, its written text where the
    commune has a translator, or both. The audio is what the village loudspeaker operator plays."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="versions")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("bản dịch", blank=True)
    translator = models.CharField("người dịch", max_length=150, blank=True)
    translated_on = models.DateField("ngày dịch", null=True, blank=True)
    audio = models.FileField(upload_to="loa/ngon-ngu/%Y/", blank=True)
    audio_mime = models.CharField(max_length=100, blank=True)
    audio_size = models.PositiveIntegerField(default=0)
    audio_sha256 = models.CharField(max_length=64, blank=True)
    reader = models.CharField("người đọc ghi âm", max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bản tin loa tiếng dân tộc"
        verbose_name_plural = "bản tin loa tiếng dân tộc"
        ordering = ["language__name", "id"]
        constraints = [models.UniqueConstraint(fields=["bulletin", "language"], name="bulletin_version_once")]

    def __str__(self) -> str:
        return f"{self.bulletin} ({self.language})"
