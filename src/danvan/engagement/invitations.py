"""A dialogue's invitation relayed to the channels the commune has.

The portal shows the invitation as soon as the dialogue is called. Villages are reached through their
heads and the Mặt trận: they read the announcement on the village loudspeaker and post it in the
village's Zalo group, so the same text is written once here, suited to be read aloud, and sent to them
(in the workspace, and by e-mail through the outbox of comms where they gave an address).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.engagement.models import Dialogue
from danvan.org.access import can
from danvan.org.models import Membership, Role


def invitation_text(dialogue: Dialogue, *, portal_url: str = "") -> str:
    """The announcement as a village head reads it on the loudspeaker or posts it in a Zalo group."""
    villages = [v.name for v in dialogue.villages.all()]
    invited = "; ".join(x for x in (", ".join(villages), dialogue.invited_groups) if x)
    commune = dialogue.commune.in_sentence
    lines = [
        "THÔNG BÁO",
        f"Ủy ban nhân dân {commune} tổ chức hội nghị đối thoại với Nhân dân về: {dialogue.topic}.",
        f"Thời gian: {dialogue.start_time:%H} giờ {dialogue.start_time:%M}, ngày {dialogue.on:%d/%m/%Y}.",
        f"Địa điểm: {dialogue.place}.",
        f"Chủ trì: {dialogue.chair_name}.",
        f"Thành phần mời: {invited or 'toàn thể Nhân dân trong xã'}.",
    ]
    if dialogue.description:
        lines.append(dialogue.description.strip())
    if portal_url:
        lines.append(f"Người dân có thể gửi câu hỏi trước tại: {portal_url}")
    lines.append("Kính mời bà con đến dự đông đủ, đúng giờ.")
    return "\n".join(lines)


def _recipients(dialogue: Dialogue) -> list:
    """Heads of the invited villages (every village when none was chosen) and the Mặt trận."""
    village_ids = [v.pk for v in dialogue.villages.all()]
    heads = Membership.objects.filter(commune=dialogue.commune, role=Role.VILLAGE_HEAD, is_active=True)
    if village_ids:
        heads = heads.filter(village_id__in=village_ids)
    front = Membership.objects.filter(commune=dialogue.commune, role=Role.SUPERVISOR, is_active=True)
    return [m.user for m in (heads | front).select_related("user").distinct()]


def dialogue_invitation_send(*, by, dialogue: Dialogue, portal_url: str = "") -> int:
    """Send the invitation to the village heads and the Mặt trận; returns how many people it reached.
    Sending again after a change reaches everyone again (each sending is its own notification)."""
    commune = dialogue.commune
    if not can(by, "engagement.manage", commune):
        raise ServiceError("Bạn không có quyền gửi giấy mời đối thoại.", code="forbidden")
    if dialogue.status != Dialogue.Status.OPEN:
        raise ServiceError("Hội nghị đã tổ chức hoặc đã hủy: không gửi giấy mời nữa.", code="not_open")
    if dialogue.on < timezone.localdate():
        raise ServiceError("Ngày đối thoại đã qua: không gửi giấy mời nữa.", code="past_date")
    users = _recipients(dialogue)
    if not users:
        raise ServiceError(
            "Chưa có tài khoản trưởng thôn hoặc Mặt trận nào để nhận giấy mời. "
            "Thêm tài khoản ở trang Đơn vị, Thôn trước khi gửi.",
            code="no_recipients",
        )
    with transaction.atomic():
        dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
        sending = dialogue.invitation_sent_at.isoformat() if dialogue.invitation_sent_at else "1"
        url = portal_url or reverse(
            "engagement_public:dialogue", kwargs={"slug": commune.slug, "pk": dialogue.pk}
        )
        notify(
            users=users,
            text=(
                f"Giấy mời đối thoại {dialogue.on:%d/%m/%Y}: {dialogue.topic}. "
                "Đề nghị thông báo trên loa truyền thanh và nhóm Zalo của thôn."
            ),
            key=f"engagement:dialogue_invitation:{dialogue.pk}:{sending}",
            url=url,
            commune=commune,
            # The e-mail carries the announcement itself, ready to read on the loudspeaker or post.
            email_text=invitation_text(dialogue, portal_url=portal_url),
        )
        dialogue.invitation_sent_at = timezone.now()
        dialogue.invitation_sent_to = len(users)
        dialogue.save(update_fields=["invitation_sent_at", "invitation_sent_to"])
        audit_record(
            actor=by,
            action="engagement.dialogue_invitation_sent",
            obj=dialogue,
            after={"recipients": len(users), "villages": [v.pk for v in dialogue.villages.all()]},
        )
    return len(users)
