"""`danvan otp_code <username>`: the code a demo account's authenticator app would show now.

For trying the demo (`./dvs serve`) without a phone: it answers only for the demo's own accounts
(danvan.demo), and never on a deployment served over HTTPS (DANVAN_HTTPS).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.services.two_factor import current_code

DEMO_USERNAMES = {"chutich", "phochutich", "dieuphoi", "tinh", "quantri"}


class Command(BaseCommand):
    help = "In mã xác thực hiện tại của một tài khoản mẫu (chỉ dữ liệu mẫu, không dùng khi chạy HTTPS)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.SECURE_SSL_REDIRECT:
            raise CommandError("Lệnh này chỉ dùng cho bản chạy thử (không dùng khi DANVAN_HTTPS bật).")
        if username not in DEMO_USERNAMES:
            raise CommandError(f"“{username}” không phải tài khoản mẫu có xác thực hai bước.")
        user = get_user_model().objects.filter(username=username).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
        if device is None:
            raise CommandError(f"Tài khoản “{username}” chưa bật xác thực hai bước (chạy setup_demo trước).")
        self.stdout.write(current_code(device, unused=True))
