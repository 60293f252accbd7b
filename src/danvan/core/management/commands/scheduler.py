"""`danvan scheduler`: enqueue the daily jobs (reminders...) at their hour; `--once` for cron."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand

from danvan.core.schedule import run_due_jobs


class Command(BaseCommand):
    help = "Đưa các công việc định kỳ hằng ngày (nhắc hạn...) vào hàng đợi đúng giờ."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="kiểm tra một lần rồi thoát (dùng với cron)")
        parser.add_argument("--interval", type=int, default=60, help="số giây giữa hai lần kiểm tra")

    def handle(self, *args, once=False, interval=60, **options):
        self._stop = False
        signal.signal(signal.SIGTERM, self._request_stop)
        signal.signal(signal.SIGINT, self._request_stop)
        while True:
            for name in run_due_jobs():
                self.stdout.write(f"Đã đưa vào hàng đợi: {name}")
            if once or self._stop:
                return
            for _ in range(max(1, interval)):
                if self._stop:
                    return
                time.sleep(1)

    def _request_stop(self, signum, frame):
        self._stop = True
