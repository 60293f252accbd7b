"""Demo content for meeting citizens: the Chairman's weekly reception days for the coming weeks, one past
dialogue with its minutes and two commitments, one voter meeting. Our own invented text; idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.engagement import services
from danvan.engagement.models import Dialogue, ReceptionEntry, ReceptionSession, VoterMeeting
from danvan.geo.models import Commune, Village
from danvan.org.models import Unit

DEMO_WEEKS = 8
RECEPTION_PLACE = "Phòng tiếp công dân, trụ sở UBND xã"
DIALOGUE_TOPIC = "Đối thoại về sửa chữa đường liên thôn và nước sinh hoạt mùa khô"
VOTER_PLACE = "Hội trường UBND xã (tiếp xúc cử tri trước kỳ họp HĐND xã)"


def _user(username: str):
    return get_user_model().objects.get(username=username)


def demo_engagement(commune: Commune) -> None:
    """Write the demo content through the services; a second call adds nothing."""
    today = timezone.localdate()
    coordinator = _user("dieuphoi")
    chairman = _user("chutich")
    economy = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    office = Unit.objects.get(commune=commune, name="Văn phòng HĐND và UBND")
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}

    # The Chairman receives citizens every Thursday morning; the Vice-Chairman every other Tuesday.
    taken = set(
        ReceptionSession.objects.filter(commune=commune, on__gte=today).values_list("on", "host_role")
    )
    for week in range(DEMO_WEEKS):
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=week)
        thursday = monday + dt.timedelta(days=3)
        if thursday >= today and (thursday, "chairman") not in taken:
            services.reception_session_schedule(
                by=coordinator,
                commune=commune,
                on=thursday,
                start_time=dt.time(7, 30),
                end_time=dt.time(11, 0),
                place=RECEPTION_PLACE,
                host_role=ReceptionSession.HostRole.CHAIRMAN,
                host_name="Hoàng Văn Thành",
                unit=office,
            )
        tuesday = monday + dt.timedelta(days=1)
        if week % 2 == 0 and tuesday >= today and (tuesday, "vice_chairman") not in taken:
            services.reception_session_schedule(
                by=coordinator,
                commune=commune,
                on=tuesday,
                start_time=dt.time(14, 0),
                end_time=dt.time(16, 30),
                place=RECEPTION_PLACE,
                host_role=ReceptionSession.HostRole.VICE_CHAIRMAN,
                host_name="Lê Thị Hạnh",
            )

    if not Dialogue.objects.filter(commune=commune, topic=DIALOGUE_TOPIC).exists():
        held = today - dt.timedelta(days=21)
        dialogue = services.dialogue_create(
            by=coordinator,
            commune=commune,
            on=held,
            start_time=dt.time(8, 0),
            place="Nhà văn hóa Thôn 3",
            chair_name="Hoàng Văn Thành, Chủ tịch UBND xã",
            topic=DIALOGUE_TOPIC,
            description="Lắng nghe ý kiến bà con về tuyến đường Thôn 2 – Thôn 3 và việc cấp nước sinh hoạt.",
            villages=[v for name, v in villages.items() if name in ("Thôn 2", "Thôn 3")],
            invited_groups="Ban công tác Mặt trận, Chi hội Nông dân, Chi hội Phụ nữ hai thôn",
            already_held=True,
        )
        road = services.dialogue_question_add(
            by=coordinator,
            dialogue=dialogue,
            village=villages.get("Thôn 3"),
            content="Đoạn đường từ cầu tràn lên Thôn 3 lầy lội mỗi mùa mưa, khi nào xã sửa?",
            answer="Xã đưa đoạn đường vào kế hoạch sửa chữa; trước mắt sẽ san gạt, đổ cấp phối các điểm lầy.",
        )
        water = services.dialogue_question_add(
            by=coordinator,
            dialogue=dialogue,
            village=villages.get("Thôn 2"),
            content="Mùa khô nhiều hộ Thôn 2 thiếu nước sinh hoạt, xã có hỗ trợ gì không?",
            answer="Xã sẽ khảo sát số hộ thiếu nước và đề nghị cấp bồn chứa cho hộ khó khăn.",
        )
        services.dialogue_record_minutes(
            by=coordinator,
            dialogue=dialogue,
            held_on=held,
            summary=(
                "Hội nghị có 86 đại biểu dự, 9 ý kiến phát biểu. Chủ tịch UBND xã kết luận: "
                "giao Phòng Kinh tế san gạt các điểm lầy trên đường lên Thôn 3 và khảo sát hộ thiếu nước "
                "tại Thôn 2; kết quả báo cáo UBND xã và thông báo lại cho bà con qua trưởng thôn."
            ),
        )
        late = services.commitment_create(
            by=chairman,
            question=road,
            content="San gạt, đổ cấp phối các điểm lầy trên đường từ cầu tràn lên Thôn 3.",
            unit=economy,
            due_on=today - dt.timedelta(days=7),
        )
        services.commitment_progress_add(
            by=chairman,
            commitment=late,
            note="Đã khảo sát, xác định 3 điểm lầy; đang chờ xe vận chuyển cấp phối.",
        )
        services.commitment_create(
            by=chairman,
            question=water,
            content="Khảo sát hộ thiếu nước sinh hoạt tại Thôn 2, đề xuất hỗ trợ bồn chứa cho hộ khó khăn.",
            unit=economy,
            due_on=today + dt.timedelta(days=30),
        )

    if not VoterMeeting.objects.filter(commune=commune, place=VOTER_PLACE).exists():
        meeting = services.voter_meeting_record(
            by=coordinator,
            commune=commune,
            on=today - dt.timedelta(days=40),
            place=VOTER_PLACE,
            delegates="Đại biểu HĐND xã đơn vị bầu cử số 1",
            villages=list(villages.values()),
            voters_count=120,
        )
        lights = services.voter_petition_add(
            by=coordinator,
            meeting=meeting,
            topic="Giao thông, chiếu sáng",
            content="Đề nghị lắp đèn chiếu sáng đoạn đường qua trường tiểu học.",
            voters_raising=4,
            unit=economy,
        )
        services.voter_petition_add(
            by=coordinator,
            meeting=meeting,
            topic="Giao thông, chiếu sáng",
            content="Đề nghị cắm biển báo giảm tốc độ trước cổng chợ.",
            unit=economy,
        )
        services.voter_petition_add(
            by=coordinator,
            meeting=meeting,
            topic="Đất đai",
            content="Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ Bon Đắk Mai.",
            voters_raising=6,
        )
        answered = services.voter_petition_answer(
            by=chairman,
            petition=lights,
            answer="UBND xã bố trí kinh phí lắp 6 bộ đèn chiếu sáng đoạn qua trường tiểu học trong quý tới.",
            on=today - dt.timedelta(days=10),
            publish=True,
        )
        services.commitment_create(
            by=chairman,
            voter_petition=answered,
            content="Lắp 6 bộ đèn chiếu sáng đoạn đường qua trường tiểu học.",
            unit=economy,
            due_on=today + dt.timedelta(days=75),
        )

    # An unscheduled reception last week: two lines in the register, one taken in as a petition.
    if not ReceptionEntry.objects.filter(commune=commune).exists():
        last_thursday = today - dt.timedelta(days=(today.weekday() - 3) % 7 or 7)
        session = services.reception_session_schedule(
            by=coordinator,
            commune=commune,
            on=last_thursday,
            start_time=dt.time(7, 30),
            end_time=dt.time(11, 0),
            place=RECEPTION_PLACE,
            host_role=ReceptionSession.HostRole.CHAIRMAN,
            host_name="Hoàng Văn Thành",
            unit=office,
            kind=ReceptionSession.Kind.UNSCHEDULED,
            note="Bà con đến trụ sở ngoài lịch; Chủ tịch tiếp đột xuất.",
        )
        services.reception_entry_record(
            by=coordinator,
            commune=commune,
            session=session,
            visitor_name="Y Khăm",
            visitor_address="Bon Đắk Mai, xã Tà Đùng",
            content="Đề nghị xã xem xét hỗ trợ sửa chữa nhà cho hộ nghèo bị sập mái sau mưa bão.",
            case_type=ReceptionEntry.CaseType.RECOMMENDATION,
            handling=ReceptionEntry.Handling.ACCEPT,
        )
        services.reception_entry_record(
            by=coordinator,
            commune=commune,
            session=session,
            visitor_name="Đinh Văn Tám",
            visitor_address="Thôn 3, xã Tà Đùng",
            content="Hỏi thủ tục tách thửa đất để chia cho con; đã hướng dẫn nộp hồ sơ tại bộ phận một cửa.",
            case_type=ReceptionEntry.CaseType.FEEDBACK,
            handling=ReceptionEntry.Handling.GUIDE,
        )
