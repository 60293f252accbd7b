"""Demo training register for the demo commune: a course that took place with its participants marked
present or absent, one coming up, and two required trainings so the page shows who is missing one. Our
own invented courses; written through the services; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.geo.models import Commune, Village
from danvan.org.models import Role
from danvan.training import services
from danvan.training.models import Course, Topic


def demo_training(commune: Commune) -> None:
    if Course.objects.filter(commune=commune).exists():
        return
    User = get_user_model()
    by = User.objects.get(username="dieuphoi")
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(memberships__commune=commune).distinct()}
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    past = services.course_save(
        by=by,
        commune=commune,
        title="Tập huấn kỹ năng dân vận khéo và tiếp xúc, đối thoại với Nhân dân",
        topic=Topic.MASS_MOBILISATION,
        organiser="UBND xã phối hợp Ủy ban MTTQ Việt Nam xã",
        starts_on=today - dt.timedelta(days=45),
        ends_on=today - dt.timedelta(days=44),
        place="Hội trường UBND xã",
        hours=12,
    )
    for username in ("chutich", "dieuphoi", "kinhte", "truongthon1"):
        if username in users:
            p = services.participant_add(by=by, course=past, user=users[username])
            services.attendance_set(by=by, participant=p, attended=username != "kinhte")
    if "Bon Đắk Mai" in villages:
        p = services.participant_add(
            by=by,
            course=past,
            full_name="K'Brêu",
            village=villages["Bon Đắk Mai"],
            position="Tổ trưởng tổ hòa giải",
        )
        services.attendance_set(by=by, participant=p, attended=True)
    digital = services.course_save(
        by=by,
        commune=commune,
        title="Bồi dưỡng kỹ năng truyền thông số cho trưởng thôn",
        topic=Topic.DIGITAL,
        organiser="Trung tâm Chuyển đổi số tỉnh",
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=10),
        place="Nhà văn hóa Thôn 2",
        hours="3,5",
    )
    if "truongthon1" in users:
        services.participant_add(by=by, course=digital, user=users["truongthon1"])
    services.requirement_save(
        by=by,
        commune=commune,
        role=Role.COMMUNE_LEADER,
        topic=Topic.MASS_MOBILISATION,
        within_years=2,
        basis="Kế hoạch dân vận chính quyền năm " + str(today.year),
    )
    services.requirement_save(
        by=by,
        commune=commune,
        role=Role.VILLAGE_HEAD,
        topic=Topic.DIGITAL,
        within_years=3,
        basis="Kế hoạch chuyển đổi số của xã",
    )
