"""The resident's side: one-time codes for "đơn của tôi", files held for a refused form."""

from __future__ import annotations

from django.db import models


class ResidentCode(models.Model):
    """Mã một lần để người dân xem "đơn của tôi": a one-time code sent to the phone or e-mail a sender
    left, so they see their own cases without an account. The contact and the code are kept only as
    keyed hashes; a code lasts a few minutes and allows a few tries."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    contact_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField("hết hạn lúc")
    attempts = models.PositiveSmallIntegerField("số lần nhập", default=0)
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mã xem đơn của tôi"
        verbose_name_plural = "mã xem đơn của tôi"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Mã xem đơn #{self.pk}"


class HeldUpload(models.Model):
    """Tệp giữ tạm: a file sent with a form the portal refused (a missing name, a bad date), kept under
    the form's client token so the resident without JavaScript need not choose it again. Never served to
    anyone; moved into the petition when the form goes through, deleted after a day otherwise."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    client_token = models.CharField(max_length=64, db_index=True)
    file = models.FileField("tệp", upload_to="petitions/giu-tam/%Y/%m/")
    name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    kind = models.CharField("loại tệp", max_length=10)
    size = models.PositiveIntegerField("kích thước (byte)")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "tệp giữ tạm"
        verbose_name_plural = "tệp giữ tạm"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or f"Tệp #{self.pk}"
