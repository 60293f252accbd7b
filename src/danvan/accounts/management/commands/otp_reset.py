"""`danvan otp_reset <username>`: the server operator resets a person's second factor (lost phone and
no recovery code, or the only administrator locked out). Audited like the admin's reset."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.services.two_factor import second_factor_reset


class Command(BaseCommand):
    help = "Đặt lại xác thực hai bước của một tài khoản (xóa khóa ứng dụng và mã dự phòng, đăng xuất)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        removed = second_factor_reset(user, by=None)
        self.stdout.write(
            f"Đã đặt lại xác thực hai bước cho “{username}” ({removed} thiết bị). "
            "Lần đăng nhập tới, người dùng bật lại bằng ứng dụng xác thực."
        )
