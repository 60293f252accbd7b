"""Demo inspections, written through the services: a concluded inspection of Phòng Kinh tế with two
findings (one remedied, one remedial task late), and a supervision of Thôn 1 planned next month.
Our own invented text; idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.geo.models import Commune, Village
from danvan.inspections import services
from danvan.inspections.models import Inspection
from danvan.org.models import Unit

DONE = "Kiểm tra công tác dân vận chính quyền tại Phòng Kinh tế"
PLANNED = "Giám sát thực hiện quy chế dân chủ ở Thôn 1"


def _user(username: str):
    return get_user_model().objects.get(username=username)


def demo_inspections(commune: Commune) -> None:
    today = timezone.localdate()
    coordinator, leader, officer = _user("dieuphoi"), _user("chutich"), _user("kinhte")
    existing = set(Inspection.objects.filter(commune=commune).values_list("title", flat=True))
    economy = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    if DONE not in existing:
        start = today - dt.timedelta(days=45)
        inspection = services.inspection_plan(
            by=coordinator,
            commune=commune,
            title=DONE,
            kind="inspection",
            unit=economy,
            scope="Việc tiếp công dân, giải quyết phản ánh về đất đai, công khai hỗ trợ sản xuất.",
            inspectors="Phó Chủ tịch UBND xã (trưởng đoàn), công chức Văn phòng, đại diện Mặt trận",
            starts_on=start,
            ends_on=start + dt.timedelta(days=2),
        )
        remedied = services.finding_add(
            by=coordinator,
            inspection=inspection,
            text="Sổ theo dõi phản ánh ghi thiếu ngày trả lời.",
            recommendation="Ghi đủ các cột theo mẫu.",
            unit=economy,
            task="Bổ sung ngày trả lời vào sổ theo dõi",
            working_days=5,
            on=start + dt.timedelta(days=3),
        )
        services.finding_add(
            by=coordinator,
            inspection=inspection,
            text="Chưa niêm yết danh sách hộ được hỗ trợ giống cây trồng.",
            recommendation="Niêm yết tại nhà văn hóa các thôn.",
            unit=economy,
            task="Niêm yết danh sách hộ được hỗ trợ tại nhà văn hóa 6 thôn",
            working_days=10,
            on=start + dt.timedelta(days=3),
        )
        services.inspection_conclude(
            by=leader,
            inspection=inspection,
            on=start + dt.timedelta(days=3),
            conclusion="Phòng Kinh tế cơ bản thực hiện tốt; khắc phục 2 tồn tại trong thời hạn được giao.",
        )
        services.remedial_done(
            by=officer, task=remedied.task, result="Đã bổ sung đủ ngày trả lời cho 14 phản ánh."
        )
    village = Village.objects.filter(commune=commune, name="Thôn 1").first()
    if PLANNED not in existing and village is not None:
        services.inspection_plan(
            by=coordinator,
            commune=commune,
            title=PLANNED,
            kind="supervision",
            village=village,
            scope="Họp thôn bàn và quyết định việc làm đường bê tông; công khai các khoản đóng góp.",
            inspectors="Ban Thanh tra nhân dân xã, công chức phụ trách dân vận",
            starts_on=today + dt.timedelta(days=20),
            ends_on=today + dt.timedelta(days=21),
        )
