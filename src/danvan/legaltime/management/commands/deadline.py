"""`danvan deadline 2026-02-12 --working-days 3`: print a computed deadline to check the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError

from danvan.legaltime.calendar import current_calendar


def _parse_date(text: str) -> date:
    for parse in (date.fromisoformat, _parse_vn):
        try:
            return parse(text)
        except ValueError:
            continue
    raise CommandError(
        f"Ngày “{text}” không hợp lệ. Hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-02-12, hoặc 12/02/2026. "
        "(Hint: give the date as YYYY-MM-DD.)"
    )


def _parse_vn(text: str) -> date:
    day, month, year = (int(x) for x in text.split("/"))
    return date(year, month, day)


class Command(BaseCommand):
    help = "Tính thời hạn theo lịch làm việc: từ một ngày cộng N ngày làm việc hoặc N ngày (lịch)."

    def add_arguments(self, parser):
        parser.add_argument("start", help="ngày bắt đầu tính, ví dụ 2026-02-12 (ngày này không được tính)")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--working-days", type=int, help="số ngày làm việc")
        group.add_argument(
            "--days",
            type=int,
            help="số ngày theo lịch (dồn sang ngày làm việc kế tiếp nếu rơi vào ngày nghỉ)",
        )
        parser.add_argument("--explain", action="store_true", help="liệt kê các ngày nghỉ đã bỏ qua")

    def handle(self, *args, start, working_days, days, explain, **options):
        begin = _parse_date(start)
        n = working_days if working_days is not None else days
        if n < 0:
            raise CommandError("Số ngày phải là số không âm. (Hint: N must be >= 0.)")
        cal = current_calendar()
        try:
            due = (
                cal.add_working_days(begin, n)
                if working_days is not None
                else cal.add_calendar_days(begin, n)
            )
        except ValueError as exc:
            raise CommandError("Thời hạn quá dài (tối đa 10 năm). (Hint: period too long.)") from exc
        self.stdout.write(due.isoformat())
        if explain:
            for info in cal.days_off(begin + timedelta(days=1), due):
                mark = "làm việc" if info.working else "nghỉ"
                self.stdout.write(f"  {info.day:%d/%m/%Y} ({mark}): {info.reason}")
