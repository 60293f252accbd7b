"""E-mail through Django's configured backend (SMTP, or a provider through django-anymail)."""

from __future__ import annotations

import smtplib

from django.core.mail import EmailMessage

from danvan.comms.senders.base import INVALID, RETRY, SENT, Delivery, SendResult


class EmailSender:
    def send(self, delivery: Delivery) -> SendResult:
        message = EmailMessage(
            f"[Dân Vận Số] {delivery.subject}".strip(), delivery.text, None, [delivery.recipient]
        )
        try:
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused:
            return SendResult(INVALID, "Máy chủ thư từ chối địa chỉ người nhận.")
        except (smtplib.SMTPException, OSError) as err:
            return SendResult(RETRY, f"Máy chủ thư lỗi: {err}"[:300])
        return SendResult(SENT, provider_id=message.extra_headers.get("Message-ID", "") or "email")
