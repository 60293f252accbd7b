"""Demo petitions for the demo commune: every stage a commune meets, written through the services.

Feedback resolved and published, a recommendation being verified, a first complaint accepted, a
denunciation whose sender is protected, a case left unhandled past its deadline, three reports on the
same stream in one village that make a hotspot, one from the reception day. Our own invented text.
Idempotent: each petition has a client token, and a step is taken only if the case is not past it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.geo.models import Commune, Village
from danvan.org.models import Unit
from danvan.petitions import services
from danvan.petitions.models import Field, Petition
from danvan.petitions.services.hotspots import hotspots_scan

Status = Petition.Status


@dataclass(frozen=True)
class DemoPetition:
    token: str
    days_ago: int  # received this many days before the demo is set up
    kind: str
    content: str
    village: str
    field: str
    unit: str
    stage: str  # received | classified | accepted | verifying | resolved
    identity: dict = field(default_factory=dict)
    channel: str = Petition.Channel.PORTAL
    consent: bool = False
    answer: str = ""


PETITIONS = [
    DemoPetition(
        "demo-1", 40, "feedback",
        "Mặt đường bê tông đoạn trước nhà văn hóa Thôn 1 bị vỡ thành hố sâu, xe máy đi ban đêm dễ ngã.",
        "Thôn 1", "Giao thông, hạ tầng", "Phòng Kinh tế", "resolved", consent=True,
        answer="UBND xã đã giao Phòng Kinh tế vá mặt đường bằng bê tông trong tháng; đã đặt biển cảnh báo "
        "trong thời gian thi công.",
    ),
    DemoPetition(
        "demo-2", 25, "recommendation",
        "Đề nghị xã lắp thêm đèn chiếu sáng trên đường từ Thôn 2 ra trường tiểu học, học sinh đi học sớm "
        "trời còn tối.",
        "Thôn 2", "Giao thông, hạ tầng", "Phòng Kinh tế", "verifying", consent=True,
        identity={"full_name": "Nguyễn Thị Hoa", "phone": "0905123456", "address": "Thôn 2"},
    ),
    DemoPetition(
        "demo-3", 20, "complaint",
        "Khiếu nại việc xác định diện tích đất bị ảnh hưởng khi mở rộng đường liên thôn: diện tích đo đạc "
        "ít hơn thực tế khoảng 30 m².",
        "Thôn 3", "Đất đai", "Phòng Kinh tế", "accepted",
        identity={"full_name": "Trần Văn Lực", "id_number": "068090001234", "address": "Thôn 3"},
    ),
    DemoPetition(
        "demo-4", 12, "denunciation",
        "Tố cáo việc thu tiền đóng góp xây nhà văn hóa thôn cao hơn mức Nhân dân đã bàn và quyết định, "
        "không công khai khoản chi.",
        "Bon Đắk Mai", "Thái độ, trách nhiệm của cán bộ", "Văn phòng HĐND và UBND", "classified",
        identity={"full_name": "Người tố cáo (dữ liệu mẫu)", "phone": "0912000111", "address": "Bon Đắk Mai"},
    ),
    DemoPetition(
        "demo-5", 35, "feedback",
        "Hộ chăn nuôi heo cuối Thôn 3 xả nước thải ra mương thoát nước chung, mùi hôi ảnh hưởng nhiều hộ.",
        "Thôn 3", "Môi trường", "Phòng Kinh tế", "received",
    ),
    DemoPetition(
        "demo-6", 9, "feedback",
        "Suối đầu Thôn 2 có nước đục và cá chết, nghi do cơ sở chế biến cà phê xả thải.",
        "Thôn 2", "Môi trường", "Phòng Kinh tế", "classified",
    ),
    DemoPetition(
        "demo-7", 7, "feedback",
        "Nước suối Thôn 2 đổi màu và có mùi, bà con không dám cho gia súc uống.",
        "Thôn 2", "Môi trường", "Phòng Kinh tế", "classified",
    ),
    DemoPetition(
        "demo-8", 4, "feedback",
        "Đề nghị kiểm tra việc xả nước thải xuống suối Thôn 2, tình trạng kéo dài hơn một tuần.",
        "Thôn 2", "Môi trường", "Phòng Kinh tế", "classified", consent=True,
        identity={"full_name": "Lê Văn Bình", "email": "levanbinh@example.vn", "address": "Thôn 2"},
    ),
    DemoPetition(
        "demo-9", 6, "recommendation",
        "Đề nghị hướng dẫn thủ tục đăng ký hộ kinh doanh cho các hộ bán hàng ở chợ xã.",
        "Thôn 1", "Thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "accepted",
        channel=Petition.Channel.RECEPTION,
        identity={"full_name": "Phạm Thị Thu", "address": "Thôn 1"},
    ),
]  # fmt: skip

# The stages in order, and the service step that leads into each.
ORDER = ["received", "classified", "accepted", "verifying", "resolved"]
REACHED = {
    Status.RECEIVED: "received",
    Status.CLASSIFIED: "classified",
    Status.ACCEPTED: "accepted",
    Status.VERIFYING: "verifying",
    Status.RESOLVED: "resolved",
    Status.CLOSED: "resolved",
}


def _user(username: str):
    return get_user_model().objects.get(username=username)


def demo_petitions(commune: Commune) -> None:
    """Write the demo petitions; a second call adds and moves nothing."""
    today = timezone.localdate()
    coordinator, leader = _user("dieuphoi"), _user("chutich")
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    fields = {f.name: f for f in Field.objects.filter(commune__isnull=True)}
    for d in PETITIONS:
        received = today - dt.timedelta(days=d.days_ago)
        extra = {"identity": d.identity} if d.identity else {}
        if d.channel == Petition.Channel.PORTAL:
            p = services.petition_submit(
                commune=commune,
                content=d.content,
                kind_hint=d.kind,
                village=villages[d.village],
                client_token=d.token,
                publish_consent=d.consent,
                received_on=received,
                **extra,
            )
        else:
            p = services.petition_record(
                by=coordinator,
                commune=commune,
                channel=d.channel,
                received_on=received,
                content=d.content,
                kind_hint=d.kind,
                village=villages[d.village],
                client_token=d.token,
                publish_consent=d.consent,
                **extra,
            )
        _advance(p, d, received, coordinator, leader, units, fields)
    with transaction.atomic():
        hotspots_scan(today=today)
    _demo_dialogue(commune, leader)


def _advance(p: Petition, d: DemoPetition, received, coordinator, leader, units, fields) -> None:
    target = ORDER.index(d.stage)
    done = ORDER.index(REACHED.get(p.status, "resolved"))
    if done < 1 <= target:
        p = services.petition_classify(
            petition=p,
            kind=d.kind,
            complaint_round=1 if d.kind == "complaint" else None,
            eligible=True,
            field=fields[d.field],
            unit=units[d.unit],
            by=coordinator,
        )
    accepted_on = received + dt.timedelta(days=2)
    if done < 2 <= target:
        p = services.petition_accept(petition=p, on=accepted_on, by=leader)
    if done < 3 <= target:
        p = services.petition_start_verification(petition=p, by=coordinator)
    if done < 4 <= target:
        p = services.petition_resolve(
            petition=p,
            answer=d.answer,
            on=accepted_on + dt.timedelta(days=7),
            publish=d.consent,
            by=coordinator,
        )
        if p.status == Status.IN_REVIEW:  # a published answer is approved by the leader first
            p = services.petition_answer_approve(petition=p, by=leader)


def _demo_dialogue(commune: Commune, leader) -> None:
    """The demo complaint's dialogue, invited for three days after the demo is set up (once)."""
    from danvan.petitions.services.dialogue import DIALOGUE_STATUSES, complaint_dialogue_schedule

    token = next(d.token for d in PETITIONS if d.kind == "complaint")
    complaint = Petition.objects.filter(commune=commune, client_token=token).first()
    if (
        complaint is None
        or complaint.status not in DIALOGUE_STATUSES
        or complaint.complaint_dialogues.exists()
    ):
        return
    day = timezone.localdate() + dt.timedelta(days=3)
    complaint_dialogue_schedule(
        petition=complaint,
        by=leader,
        at=timezone.make_aware(dt.datetime.combine(day, dt.time(8, 30))),
        place=f"Trụ sở UBND {commune.name}",
        agenda="Diện tích đất bị ảnh hưởng khi mở rộng đường liên thôn: số đo trong đơn và kết quả đo đạc "
        "của xã còn khác nhau khoảng 30 m².",
        participants="Người khiếu nại\nCông chức địa chính – xây dựng xã\nTrưởng Thôn 3\n"
        "Đại diện Ủy ban Mặt trận Tổ quốc xã",
    )
