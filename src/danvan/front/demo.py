"""Demo: what the commune's Front sent and how the commune answered, and its regulations register. Our
own example text. Idempotent: nothing is added when the commune already has any."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.front.models import FrontRecommendation, JointActivity, Regulation
from danvan.front.services import activity_add, recommendation_answer, recommendation_record, regulation_add
from danvan.geo.models import Commune


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def demo_front(commune: Commune) -> None:
    leader, coordinator, front = _user("chutich"), _user("dieuphoi"), _user("mattran")
    if leader is None or coordinator is None or front is None:
        return
    today = timezone.localdate()
    if not FrontRecommendation.objects.filter(commune=commune).exists():
        answered = recommendation_record(
            commune=commune,
            by=front,
            organisation="mttq",
            kind="recommendation",
            subject="Sửa chữa cầu tràn đầu Thôn 2 trước mùa mưa",
            content="Qua giám sát, Ủy ban MTTQ xã đề nghị UBND xã sớm gia cố cầu tràn, cắm biển cảnh báo khi "
            "nước lên.",
            their_reference="12/KN-MTTQ",
            received_on=today - timedelta(days=20),
        )
        recommendation_answer(
            item=answered,
            by=leader,
            answer="UBND xã tiếp thu: đã cắm biển cảnh báo; việc gia cố cầu tràn đưa vào kế hoạch "
            "đầu tư công năm tới, giao Phòng Kinh tế lập hồ sơ.",
            answered_on=today - timedelta(days=8),
            public=True,
        )
        recommendation_record(
            commune=commune,
            by=front,
            organisation="phu_nu",
            kind="criticism",
            subject="Dự thảo quy định về giữ gìn vệ sinh môi trường khu dân cư",
            content="Hội Phụ nữ góp ý: bổ sung trách nhiệm phân loại rác tại hộ và lịch thu gom cố định.",
            received_on=today - timedelta(days=3),
        )
    if not Regulation.objects.filter(commune=commune).exists():
        regulation_add(
            commune=commune,
            by=coordinator,
            kind="coordination",
            title="Quy chế phối hợp giữa UBND xã và Ủy ban MTTQ Việt Nam xã",
            reference="01/QCPH",
            issued_on=today - timedelta(days=350),
            partners="Ủy ban MTTQ Việt Nam xã",
            review_months=12,
        )
    if not JointActivity.objects.filter(commune=commune).exists():
        activity_add(
            commune=commune,
            by=front,
            title="Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư Thôn 1",
            starts_on=today + timedelta(days=10),
            place="Nhà văn hóa Thôn 1",
            organisers="Ban công tác Mặt trận Thôn 1, UBND xã, Hội Nông dân xã",
        )
