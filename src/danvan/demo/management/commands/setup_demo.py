"""`danvan setup_demo`: the demo commune, its villages and one account per role (idempotent)."""

from django.core.management.base import BaseCommand

from danvan.demo.services import demo_setup


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: Xã Tà Đùng (Lâm Đồng), đơn vị, thôn và tài khoản cán bộ mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="cổng để in địa chỉ đăng nhập")

    def handle(self, *args, port="8000", **options):
        commune, logins = demo_setup()
        base = f"http://127.0.0.1:{port}"
        where = f"{commune.name}, {commune.province.full_name}"
        self.stdout.write(f"Xã mẫu: {where} — cổng thông tin: {base}/xa/{commune.slug}/")
        self.stdout.write(f"Đăng nhập cán bộ tại {base}/dang-nhap/ với các tài khoản mẫu:")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} mật khẩu {login.password:<14} {login.description}")
        keyed = [login for login in logins if login.totp_secret]
        if keyed:
            self.stdout.write(
                "Các tài khoản sau cần xác thực hai bước: thêm khóa vào ứng dụng xác thực trên điện thoại "
                "(Google/Microsoft Authenticator: “nhập khóa thiết lập”), hoặc lấy mã hiện tại bằng "
                "`./dvs otp_code <tên đăng nhập>`:"
            )
            for login in keyed:
                self.stdout.write(f"  {login.username:<12} khóa {login.totp_secret}")
