"""Demo content for the disclosure register, consultations and supervision (our own example text)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.democracy import services
from danvan.democracy.models import (
    Consultation,
    Disclosure,
    DisclosureKind,
    Recommendation,
    SupervisionBoard,
)
from danvan.democracy.rules import BoardKind, CommentSource, ConsultationMatter
from danvan.democracy.rules import DisclosureForm as F

CONSULTATION_TITLE = "Dự thảo Kế hoạch phát triển kinh tế – xã hội năm 2027 của xã"
BOARD_NAME = "Ban Thanh tra nhân dân xã"

DISCLOSURES = [
    (
        "budget",
        "Công khai dự toán ngân sách xã năm 2026",
        "Dự toán thu ngân sách trên địa bàn, chi thường xuyên và chi đầu tư phát triển năm 2026 "
        "đã được Hội đồng nhân dân xã quyết định. Chi tiết theo biểu kèm theo.",
        [F.OFFICE_POSTING, F.VILLAGE_POSTING, F.PORTAL],
    ),
    (
        "projects_land",
        "Kế hoạch sử dụng đất đai năm 2026 của xã",
        "Danh mục công trình, dự án sử dụng đất; diện tích chuyển mục đích sử dụng đất đai năm 2026.",
        [F.OFFICE_POSTING, F.VILLAGE_POSTING, F.PORTAL, F.VILLAGE_HEAD],
    ),
    (
        "contributions",
        "Thu, chi quỹ làm đường bê tông liên thôn 1 – thôn 2",
        "Các hộ đóng góp theo mức Nhân dân đã bàn và quyết định; tổng thu, chi và số dư của quỹ.",
        [F.OFFICE_POSTING, F.VILLAGE_POSTING, F.PORTAL, F.VILLAGE_HEAD],
    ),
]


def demo_democracy(commune) -> None:
    """Idempotent: each piece is looked up by its title first, so a second call changes nothing."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["dieuphoi", "mattran"])}
    coordinator, supervisor = users.get("dieuphoi"), users.get("mattran")
    if coordinator is None:
        return
    today = timezone.localdate()
    with transaction.atomic():
        for offset, (code, title, body, forms) in enumerate(DISCLOSURES):
            if Disclosure.objects.filter(commune=commune, title=title).exists():
                continue
            services.disclosure_publish(
                by=coordinator,
                commune=commune,
                kind=DisclosureKind.objects.get(code=code),
                title=title,
                body=body,
                forms=forms,
                # Started 2 working days or so after the decision (Điều 12(3): at most 5).
                decided_on=today - dt.timedelta(days=13 + offset * 5),
                starts_on=today - dt.timedelta(days=10 + offset * 5),
                ends_on=today + dt.timedelta(days=60),
            )

        if not Consultation.objects.filter(commune=commune, title=CONSULTATION_TITLE).exists():
            consultation = services.consultation_create(
                by=coordinator,
                commune=commune,
                matter=ConsultationMatter.SOCIOECONOMIC_PLAN,
                title=CONSULTATION_TITLE,
                description="Mục tiêu, chỉ tiêu và các công trình dự kiến đầu tư năm 2027. Mời bà con góp ý.",
                opens_on=today - dt.timedelta(days=7),
                closes_on=today + dt.timedelta(days=21),
                questions=[
                    "Bà con đề nghị ưu tiên đầu tư công trình nào trong năm 2027?",
                    "Ý kiến về chỉ tiêu giảm tỷ lệ hộ nghèo và chuyển đổi cây trồng?",
                ],
            )
            services.consultation_publish(by=coordinator, consultation=consultation)
            services.comment_record(
                by=coordinator,
                consultation=consultation,
                body="Đề nghị ưu tiên bê tông hóa đường vào khu sản xuất thôn 3 trước mùa mưa.",
                source=CommentSource.MEETING,
                people_count=28,
                collected_on=today - dt.timedelta(days=3),
                question=consultation.questions.first(),
            )

        if (
            supervisor is not None
            and not SupervisionBoard.objects.filter(commune=commune, name=BOARD_NAME).exists()
        ):
            board = services.board_create(
                by=coordinator,
                commune=commune,
                kind=BoardKind.PEOPLES_INSPECTION,
                name=BOARD_NAME,
                term="2024–2029",
            )
            services.board_member_add(by=coordinator, board=board, user=supervisor, position="Trưởng ban")
            if not Recommendation.objects.filter(board=board).exists():
                services.recommendation_send(
                    by=supervisor,
                    board=board,
                    subject="Niêm yết kết quả thu, chi quỹ làm đường",
                    content="Đề nghị UBND xã niêm yết tại nhà văn hóa thôn kết quả thu, chi quỹ làm đường "
                    "liên thôn để bà con theo dõi.",
                )
