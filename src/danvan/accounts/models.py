"""Staff accounts: the sessions a person has open (the second factor's devices are django-otp's)."""

from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """Phiên đăng nhập: one browser signed in to one account, listed on the account page so its owner
    can see where they are signed in and end the others. The session itself lives in Django's store;
    this row only describes it (browser, address, last seen)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField("khóa phiên", max_length=40, unique=True)
    user_agent = models.CharField("trình duyệt", max_length=300, blank=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    created_at = models.DateTimeField("đăng nhập lúc", auto_now_add=True)
    last_seen = models.DateTimeField("hoạt động gần nhất")

    class Meta:
        verbose_name = "phiên đăng nhập"
        verbose_name_plural = "phiên đăng nhập"
        indexes = [models.Index(fields=["user", "-last_seen"], name="usersession_user_seen")]

    def __str__(self) -> str:
        return f"{self.user} – {self.ip or '?'}"
