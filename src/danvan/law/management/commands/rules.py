"""`danvan rules [--on YYYY-MM-DD] [--json]`: every legal rule in force on a day, with its citation."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.law.registry import rules_in_force


class Command(BaseCommand):
    help = "Liệt kê các quy định pháp luật mà phần mềm áp dụng, có hiệu lực vào một ngày (mặc định hôm nay)."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="ngày cần xem, dạng NĂM-THÁNG-NGÀY, ví dụ 2026-07-01")
        parser.add_argument("--json", action="store_true", help="in danh sách dạng JSON")

    def handle(self, *args, **options):
        day = timezone.localdate()
        if options["on"]:
            try:
                day = date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError(
                    f"Ngày “{options['on']}” không hợp lệ. Hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ "
                    "2026-07-01. (Hint: give the date as YYYY-MM-DD.)"
                ) from exc
        found = rules_in_force(day)
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in found], ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Quy định có hiệu lực ngày {day:%d/%m/%Y}:")
        for r in found:
            mark = "" if r.confirmed else " [chưa xác nhận]"
            until = f" đến {r.in_force_until:%d/%m/%Y}" if r.in_force_until else ""
            self.stdout.write(
                f"- {r.key} = {json.dumps(dict(r.value), ensure_ascii=False)}{mark}\n"
                f"    {r.title}\n    {r.citation}; hiệu lực từ {r.in_force_from:%d/%m/%Y}{until}"
            )
