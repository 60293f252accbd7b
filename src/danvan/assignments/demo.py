"""Demo of who is in charge in the demo commune: officials in charge of dân vận work, grassroots democracy
and two of the villages (the page then names the villages nobody is in charge of), and the steering
committee. Our own invented decisions; written through the services; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.assignments import services
from danvan.assignments.models import Assignment, CommitteeMember
from danvan.geo.models import Commune, Village

S, R = Assignment.Scope, CommitteeMember.Role


def demo_assignments(commune: Commune) -> None:
    if Assignment.objects.filter(commune=commune).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(memberships__commune=commune).distinct()}
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    by = users["chutich"]
    start = dt.date(timezone.localdate().year, 1, 10)
    for username, scope, village, position in [
        ("dieuphoi", S.MASS_MOBILISATION, None, "Công chức Phòng Văn hóa – Xã hội"),
        ("phochutich", S.DEMOCRACY, None, "Phó Chủ tịch UBND xã"),
        ("dieuphoi", S.ETHNIC_RELIGIOUS, None, "Công chức Phòng Văn hóa – Xã hội"),
        ("kinhte", S.VILLAGE, "Thôn 1", "Chuyên viên Phòng Kinh tế"),
        ("vanphong", S.VILLAGE, "Thôn 2", "Chuyên viên Văn phòng HĐND và UBND"),
    ]:
        if username in users and (village is None or village in villages):
            services.assignment_make(
                by=by,
                commune=commune,
                scope=scope,
                official=users[username],
                village=villages.get(village) if village else None,
                position=position,
                starts_on=start,
                decision="12/QĐ-UBND",
            )
    for username, role, office in [
        ("chutich", R.HEAD, "Chủ tịch UBND xã"),
        ("phochutich", R.DEPUTY, "Phó Chủ tịch UBND xã"),
        ("mattran", R.STANDING, "Ủy viên Ủy ban MTTQ Việt Nam xã"),
        ("dieuphoi", R.MEMBER, "Công chức Phòng Văn hóa – Xã hội"),
    ]:
        if username in users:
            services.member_add(
                by=by,
                commune=commune,
                user=users[username],
                full_name="",
                role=role,
                office=office,
                starts_on=start,
                decision="13/QĐ-UBND",
            )
    services.meeting_record(
        by=by,
        commune=commune,
        held_on=start + dt.timedelta(days=20),
        summary="Triển khai kế hoạch thực hiện dân chủ ở cơ sở năm "
        + str(start.year)
        + "; phân công thành viên.",
        conclusions=(
            "Các thôn rà soát, bổ sung hương ước, quy ước trước khi tổ chức hội nghị thôn.\n"
            "Tổ chức đối thoại của Chủ tịch UBND xã với đoàn viên thanh niên trong quý II."
        ),
    )
