"""`danvan backup [--output FILE]`: database, media files and secret key in one checked archive."""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from danvan.core.backup import backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, tệp (media) và khóa bí mật vào một tệp .tar.gz có bản kê kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Tệp sao lưu (mặc định: <thư mục dữ liệu>/sao-luu/…tar.gz).")

    def handle(self, *args, **options):
        default = Path(settings.DATA_DIR) / "sao-luu" / f"danvan-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        output = Path(options["output"] or default)
        manifest = backup_create(output=output)
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Đã sao lưu vào {output}: {rows} dòng dữ liệu ({manifest['database']['method']}), "
            f"{len(manifest['files']) - 2} tệp, khóa bí mật."
        )
        if elsewhere := manifest.get("media_elsewhere"):
            self.stdout.write(
                self.style.WARNING(
                    f"Tệp (media) nằm ở kho dùng chung {elsewhere}, KHÔNG có trong bản sao lưu này: "
                    "hãy sao lưu kho đó riêng (bật versioning hoặc sao chép sang nơi thứ hai)."
                )
            )
