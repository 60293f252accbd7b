"""`danvan restore ARCHIVE`: check an archive from `danvan backup`, then switch to it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.backup import restore_archive
from danvan.core.errors import ServiceError


class Command(BaseCommand):
    help = "Khôi phục từ tệp sao lưu: kiểm tra mã băm từng tệp và số dòng trước khi thay dữ liệu hiện có."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do `danvan backup` tạo.")

    def handle(self, *args, **options):
        try:
            manifest = restore_archive(archive=Path(options["archive"]))
        except ServiceError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {manifest['created_at']}: {sum(manifest['rows'].values())} dòng, "
            f"{len(manifest['files']) - 2} tệp, khóa bí mật. Hãy khởi động lại máy chủ web và tiến trình nền."
        )
