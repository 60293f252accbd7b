"""Demo entries of the public-opinion log, written through the services: what the head of Thôn 1, the
Mặt trận and the Phòng Kinh tế heard this month, one of them frustrated enough to alert the leaders, and
the coordinator's draft summary of last month. Our own invented text; idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from danvan.geo.models import Commune, Village
from danvan.opinion import rules, services
from danvan.opinion.models import OpinionEntry
from danvan.petitions.models import Field

ENTRIES = [
    # (user, village, field, days ago, level, source, people, what people say, proposed handling)
    (
        "truongthon1",
        "Thôn 1",
        "Giao thông",
        12,
        "divided",
        "meeting",
        35,
        "Họp thôn bàn việc đóng góp làm đường bê tông nhánh 3: đa số đồng ý mức 300.000 đồng/hộ, một số hộ "
        "khó khăn đề nghị được giảm.",
        "Đề nghị xã có cơ chế miễn, giảm cho hộ nghèo, cận nghèo.",
    ),
    (
        "truongthon1",
        "Thôn 1",
        "Giao thông",
        3,
        "frustrated",
        "direct",
        20,
        "Xe chở cát chạy đêm qua đoạn đường mới làm, bà con bức xúc vì đường nứt và bụi.",
        "Đề nghị Công an xã kiểm tra tải trọng, UBND xã làm việc với chủ bãi cát.",
    ),
    (
        "mattran",
        "Thôn 3",
        "Chính sách",
        6,
        "stable",
        "organisation",
        None,
        "Hội viên phụ nữ phấn khởi khi được vay vốn chăn nuôi bò; mong được tập huấn thêm kỹ thuật.",
        "",
    ),
    (
        "mattran",
        "Bon Đắk Mai",
        "Đất đai",
        2,
        "divided",
        "social",
        None,
        "Trên nhóm Zalo của bon có ý kiến trái chiều về việc đo đạc lại ranh giới rẫy giáp rừng.",
        "Đề nghị cán bộ địa chính xuống bon giải thích trước khi đo.",
    ),
    (
        "kinhte",
        None,
        "Môi trường",
        1,
        "stable",
        "phone",
        None,
        "Người dân gọi hỏi lịch thu gom rác mới sau khi đổi đơn vị thu gom.",
        "Thông báo lịch trên loa truyền thanh và Zalo các thôn.",
    ),
]


def _field(commune, name: str) -> Field | None:
    return (
        Field.objects.filter(Q(commune=None) | Q(commune=commune), name__icontains=name)
        .order_by("sort_order")
        .first()
    )


def demo_opinion(commune: Commune) -> None:
    """A second call adds nothing: the entries are written only when the commune has none."""
    if OpinionEntry.objects.filter(commune=commune).exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in={e[0] for e in ENTRIES})}
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    today = timezone.localdate()
    for i, (user, village, field, days, level, source, people, summary, handling) in enumerate(ENTRIES):
        services.entry_record(
            by=users[user],
            commune=commune,
            data=services.EntryInput(
                observed_on=today - dt.timedelta(days=days),
                village=villages.get(village) if village else None,
                field=_field(commune, field),
                summary=summary,
                level=level,
                source=source,
                people_count=people,
                proposed_handling=handling,
            ),
            client_token=f"demo-opinion-{i}",
        )
    first = today.replace(day=1) - dt.timedelta(days=1)
    start, end = rules.month_bounds(first.year, first.month)
    services.summary_save(
        by=get_user_model().objects.get(username="dieuphoi"),
        commune=commune,
        start=start,
        end=end,
        title=f"Tình hình tư tưởng, dư luận Nhân dân tháng {first.month} năm {first.year}",
        text=services.summary_draft_text(commune, start, end),
    )
