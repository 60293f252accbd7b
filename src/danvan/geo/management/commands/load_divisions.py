"""`danvan load_divisions`: load or refresh the official provinces and communes (idempotent)."""

from django.core.management.base import BaseCommand

from danvan.geo.services import divisions_load


class Command(BaseCommand):
    help = (
        "Nạp/cập nhật 34 tỉnh và 3.321 xã/phường từ gói vietnam-provinces (chạy lại nhiều lần vẫn an toàn)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="đưa vào hàng đợi để tiến trình nền (db_worker) thực hiện",
        )

    def handle(self, *args, background=False, **options):
        if background:
            from danvan.geo.tasks import divisions_reload

            result = divisions_reload.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi, mã công việc {result.id}.")
            return
        result = divisions_load(by=None)
        self.stdout.write(
            f"Tỉnh: thêm {result.provinces_created}, cập nhật {result.provinces_updated}. "
            f"Xã/phường: thêm {result.communes_created}, cập nhật {result.communes_updated}."
        )
