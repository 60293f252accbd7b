"""Demo mediation for the demo commune: two village teams (one short of a woman mediator, so the page
shows the warning) and cases at every stage. Our own invented people and matters; written through the
services; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.geo.models import Commune, Village
from danvan.mediation import services
from danvan.mediation.models import Case, Mediator, Team

F, M = Mediator.Gender.FEMALE, Mediator.Gender.MALE
TEAMS = [
    (
        "Thôn 1",
        "Tổ hòa giải Thôn 1",
        False,
        [
            ("Nguyễn Văn Bình", M, False, True),
            ("Lê Thị Thu", F, False, False),
            ("Phạm Văn Khánh", M, False, False),
        ],
    ),
    (
        "Bon Đắk Mai",
        "Tổ hòa giải Bon Đắk Mai",
        True,
        [
            ("K'Brêu", M, True, True),
            ("Ka Hòa", M, True, False),
            ("Trần Văn Sơn", M, False, False),
        ],
    ),
]


def demo_mediation(commune: Commune) -> None:
    if Team.objects.filter(commune=commune).exists():
        return
    by = get_user_model().objects.get(username="dieuphoi")
    today = timezone.localdate()
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    teams = {}
    for village_name, name, minority, people in TEAMS:
        village = villages.get(village_name)
        if village is None:
            continue
        team = services.team_save(
            by=by,
            commune=commune,
            village=village,
            name=name,
            established_on=dt.date(today.year, 1, 15),
            minority_area=minority,
        )
        for full_name, gender, ethnic, leader in people:
            services.mediator_add(
                by=by,
                team=team,
                full_name=full_name,
                gender=gender,
                ethnic_minority=ethnic,
                is_leader=leader,
                recognised_on=dt.date(today.year, 1, 20),
            )
        teams[village_name] = team
    if "Thôn 1" not in teams:
        return
    first = teams["Thôn 1"]
    mediators = [m.pk for m in first.mediators.all()[:2]]

    def case(days_ago: int, matter: str, parties: str, summary: str) -> Case:
        return services.case_open(
            by=by,
            team=first,
            received_on=today - dt.timedelta(days=days_ago),
            basis=Case.Basis.REQUESTED,
            matter=matter,
            parties=parties,
            summary=summary,
        )

    done = case(
        40,
        Case.Matter.LAND,
        "Hộ ông Đinh Văn A (Thôn 1)\nHộ bà Hoàng Thị B (Thôn 1)",
        "Hai hộ tranh chấp lối đi chung dẫn ra đường liên thôn sau khi một hộ dựng hàng rào.",
    )
    services.case_assign(by=by, case=done, mediator_ids=mediators, on=today - dt.timedelta(days=39))
    services.case_start(by=by, case=done, on=today - dt.timedelta(days=37))
    services.case_end(
        by=by,
        case=done,
        outcome=Case.Status.SUCCEEDED,
        on=today - dt.timedelta(days=30),
        agreement="Hộ bà B lùi hàng rào 1 m, hai hộ cùng giữ lối đi chung rộng 2 m.",
        written_agreement=True,
    )
    failed = case(
        25,
        Case.Matter.NEIGHBOURS,
        "Hộ ông C (Thôn 1)\nHộ ông D (Thôn 1)",
        "Nước thải chuồng heo của một hộ chảy sang vườn hộ bên cạnh.",
    )
    services.case_assign(by=by, case=failed, mediator_ids=mediators, on=today - dt.timedelta(days=24))
    services.case_start(by=by, case=failed, on=today - dt.timedelta(days=23))
    services.case_end(
        by=by,
        case=failed,
        outcome=Case.Status.FAILED,
        on=today - dt.timedelta(days=15),
        agreement="Hộ ông C chưa đồng ý làm hố lắng; hộ ông D đề nghị xã giải quyết.",
    )
    ongoing = case(
        6, Case.Matter.CIVIL, "Bà E (Thôn 1)\nÔng G (Thôn 1)", "Vay 20 triệu đồng từ năm trước, chưa trả."
    )
    services.case_assign(by=by, case=ongoing, mediator_ids=mediators[:1], on=today - dt.timedelta(days=5))
    services.case_start(by=by, case=ongoing, on=today - dt.timedelta(days=4))
    late = case(
        7, Case.Matter.FAMILY, "Anh H và chị K (Thôn 1)", "Vợ chồng mâu thuẫn về việc chăm sóc cha mẹ già."
    )
    services.case_assign(by=by, case=late, mediator_ids=mediators[1:], on=today - dt.timedelta(days=6))
