"""Demo content for announcements: a week of posts in every category, two demo subscribers (one per
channel) and one post sent to them, this week's loudspeaker bulletin with its broadcast log, the commune's
minority languages with a K'Ho version (placeholder text, machine-voice recording) of the bulletin and of
one post. Our own invented text; idempotent (posts and the bulletin are found by title)."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from danvan.announcements import languages, loudspeaker, services
from danvan.announcements.models import Bulletin, Language, Post, Subscriber
from danvan.geo.models import Commune, Village

# (days ago, hour, category, title, villages ("" = whole commune), text)
DEMO_POSTS = [
    (
        6,
        8,
        "lich",
        "Lịch tiếp công dân của Chủ tịch UBND xã tháng này",
        "",
        "Chủ tịch UBND xã tiếp công dân vào sáng thứ Năm hằng tuần tại Phòng tiếp công dân, trụ sở UBND xã.\n"
        "Bà con có phản ánh, kiến nghị có thể đến trực tiếp hoặc gửi trên cổng thông tin của xã.",
    ),
    (
        5,
        9,
        "thong-bao",
        "Tiêm phòng lở mồm long móng cho gia súc đợt 2",
        "Thôn 1,Thôn 2",
        "Trạm thú y phối hợp UBND xã tổ chức tiêm phòng lở mồm long móng cho trâu, bò, dê.\n"
        "Thời gian: từ 7 giờ đến 11 giờ, tại nhà văn hóa thôn. Đề nghị bà con đưa gia súc đến đúng giờ.",
    ),
    (
        4,
        15,
        "tin-hoat-dong",
        "Ra quân làm đường giao thông nông thôn ở Thôn 3",
        "Thôn 3",
        "Hơn 80 đoàn viên, hội viên và bà con Thôn 3 đã cùng sửa 600 mét đường đất vào khu sản xuất.\n"
        "Nhân dân hiến 120 ngày công; UBND xã hỗ trợ xi măng và máy trộn.",
    ),
    (
        3,
        10,
        "tuyen-truyen-phap-luat",
        "Tìm hiểu Luật Thực hiện dân chủ ở cơ sở: những việc Nhân dân bàn và quyết định",
        "",
        "Luật Thực hiện dân chủ ở cơ sở năm 2022 quy định những nội dung Nhân dân trong thôn bàn và "
        "quyết định trực tiếp, "
        "như chủ trương và mức đóng góp xây dựng công trình công cộng của thôn.\n"
        "Bà con có thể xem kết quả các lần bàn và quyết định trên cổng thông tin của xã.",
    ),
    (
        2,
        14,
        "dan-van-kheo",
        "Mô hình “Dân vận khéo”: tổ tự quản nước sạch Thôn 2",
        "Thôn 2",
        "Tổ tự quản do Chi hội Phụ nữ Thôn 2 phụ trách đã vận động 45 hộ góp công sửa bể chứa "
        "và đường ống nước.\n"
        "Mùa khô năm nay, các hộ cuối nguồn đã có nước sinh hoạt ổn định.",
    ),
    (
        1,
        8,
        "thong-bao",
        "Cắt điện để bảo dưỡng đường dây ngày thứ Bảy",
        "Thôn 1",
        "Điện lực thông báo tạm ngừng cung cấp điện từ 7 giờ đến 12 giờ để bảo dưỡng đường dây trung thế.\n"
        "Đề nghị bà con chủ động sắp xếp công việc.",
    ),
    (
        0,
        7,
        "thong-bao",
        "Mời họp dân bàn phương án sửa chữa nhà văn hóa Thôn 2",
        "Thôn 1,Thôn 2",
        "Ban công tác Mặt trận và Trưởng thôn mời đại diện các hộ dự họp lúc 19 giờ tối nay "
        "tại nhà văn hóa Thôn 2 "
        "để bàn phương án và mức đóng góp sửa chữa nhà văn hóa.",
    ),
]
DEMO_SUBSCRIBERS = [("sms", "0912000111", "Thôn 1"), ("email", "nguoidan@example.vn", "Thôn 2")]


def demo_announcements(commune: Commune) -> None:
    """Write the demo posts and subscribers through the services; a second call adds nothing."""
    coordinator = get_user_model().objects.get(username="dieuphoi")
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    now = timezone.localtime()
    have = set(Post.objects.filter(commune=commune).values_list("title", flat=True))
    for days, hour, category, title, where, body in DEMO_POSTS:
        if title in have:
            continue
        day = now.date() - dt.timedelta(days=days)
        at = timezone.make_aware(
            dt.datetime.combine(day, dt.time(min(hour, now.hour) if days == 0 else hour))
        )
        services.post_save(
            by=coordinator,
            commune=commune,
            title=title,
            body=body,
            category=category,
            publish_at=at,
            village_ids=[villages[n].pk for n in where.split(",") if n in villages],
        )
    for channel, address, village in DEMO_SUBSCRIBERS:
        if Subscriber.objects.filter(commune=commune, address=address, confirmed_at__isnull=False).exists():
            continue
        _subscribe(commune, channel, address, villages[village])
    latest = Post.objects.filter(commune=commune, title=DEMO_POSTS[-1][3]).first()
    if latest is not None and latest.sent_to_subscribers_at is None:
        services.post_send(by=coordinator, post=latest)
    _demo_bulletin(commune, coordinator, villages)
    _demo_languages(commune, coordinator)


BULLETIN_TITLE = "Bản tin loa truyền thanh trong tuần"
CLUSTERS = [
    ("Cụm loa Thôn 1 – Thôn 2", ("Thôn 1", "Thôn 2"), "Chị Ka Hoa"),
    ("Cụm loa Thôn 3", ("Thôn 3",), ""),
]


def _demo_bulletin(commune, coordinator, villages) -> None:
    """One bulletin of this week's notices, read every morning at 6:00 on each cluster: aired (with the
    reader's name) on the days past, scheduled for the days to come."""
    if Bulletin.objects.filter(commune=commune, title=BULLETIN_TITLE).exists():
        return
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    bulletin = loudspeaker.bulletin_create(
        by=coordinator, commune=commune, title=BULLETIN_TITLE, air_date=monday
    )
    for title in (DEMO_POSTS[1][3], DEMO_POSTS[3][3], DEMO_POSTS[6][3]):
        post = Post.objects.get(commune=commune, title=title)
        loudspeaker.bulletin_item_add(by=coordinator, bulletin=bulletin, post=post)
    loudspeaker.bulletin_item_add(
        by=coordinator,
        bulletin=bulletin,
        title="Nhắc nhở phòng chống cháy rừng mùa khô",
        text="Mùa khô đã đến. Đề nghị bà con không đốt nương rẫy khi trời nắng gió, "
        "thấy cháy rừng báo ngay cho trưởng thôn hoặc UBND xã.",
    )
    minutes = max(loudspeaker.bulletin_minutes(bulletin), 5)
    now = timezone.now()
    for offset in range(5):
        day = monday + dt.timedelta(days=offset)
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(6, 0)))
        for cluster, names, reader in CLUSTERS:
            broadcast = loudspeaker.broadcast_schedule(
                by=coordinator,
                bulletin=bulletin,
                cluster=cluster,
                village_ids=[villages[n].pk for n in names if n in villages],
                at=at,
                duration_minutes=minutes,
                reader=reader,
            )
            if at <= now:
                loudspeaker.broadcast_aired(by=coordinator, broadcast=broadcast, aired_at=at)
    if loudspeaker.espeak_path():  # the machine voice for a village without a reader, when installed
        loudspeaker.bulletin_draft_audio(by=coordinator, bulletin=bulletin)


# Tà Đùng's people are about 40 % K'Ho, Mạ and M'Nông. We cannot write K'Ho, and a made-up translation
# would mislead: the demo's K'Ho version says plainly that it stands where the commune's translator's
# text goes, and its recording is espeak-ng's machine voice reading that sentence.
DEMO_LANGUAGES = ("kpm", "cma", "cmo")
PLACEHOLDER_TRANSLATOR = "Người dịch của xã (bản mẫu)"
PLACEHOLDER = (
    "[Bản mẫu của bản trình diễn] Đây là chỗ bản dịch tiếng K'Ho của người dịch của xã. "
    "Dân Vận Số không tự dịch: người dịch viết bản dịch, cán bộ nhập vào đây "
    "cùng tên người dịch và ngày dịch."
)


def _demo_languages(commune, coordinator) -> None:
    """The commune's languages; a K'Ho version of the week's bulletin (placeholder text, machine-voice
    recording where espeak-ng is installed) and of the vaccination notice."""
    for code in DEMO_LANGUAGES:
        if not Language.objects.filter(commune=commune, code=code).exists():
            languages.language_add(by=coordinator, commune=commune, code=code)
    kho = Language.objects.get(commune=commune, code="kpm")
    today = timezone.localdate()
    post = Post.objects.filter(commune=commune, title=DEMO_POSTS[1][3]).first()
    if post is not None and not post.versions.filter(language=kho).exists():
        languages.post_version_save(
            by=coordinator,
            post=post,
            language=kho,
            title="[Bản mẫu] Tiêm phòng lở mồm long móng – bản tiếng K'Ho",
            body=PLACEHOLDER,
            translator=PLACEHOLDER_TRANSLATOR,
            translated_on=today,
        )
    bulletin = Bulletin.objects.filter(commune=commune, title=BULLETIN_TITLE).first()
    if bulletin is None or bulletin.versions.filter(language=kho).exists():
        return
    languages.bulletin_version_save(
        by=coordinator,
        bulletin=bulletin,
        language=kho,
        text=PLACEHOLDER,
        translator=PLACEHOLDER_TRANSLATOR,
        translated_on=today,
        reader="Giọng máy espeak-ng (bản mẫu)",
        audio=_machine_reading(
            "Bản ghi âm mẫu. Người đọc của thôn ghi âm bản tin bằng tiếng K'Ho và tải lên đây."
        ),
    )


def _machine_reading(text: str):
    """A short WAV read by espeak-ng's Vietnamese voice, or None without the program."""
    program = loudspeaker.espeak_path()
    if not program:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "mau.wav"
        subprocess.run(  # noqa: S603 (a fixed program, our own text on stdin)
            [program, "-v", "vi", "-s", "140", "-w", str(out), "--stdin"],
            input=text.encode(),
            check=True,
            timeout=60,
            capture_output=True,
        )
        return ContentFile(out.read_bytes(), name="ban-ghi-mau-kpm.wav")


def _subscribe(commune, channel, address, village) -> None:
    """A resident's subscription, confirmed as they would with the code they received."""
    from danvan.comms.models import OutboundMessage

    sub = services.subscription_request(
        commune=commune, channel=channel, address=address, village_ids=[village.pk], consent=True
    )
    text = OutboundMessage.objects.filter(key=f"sub-code:{sub.pk}:{sub.codes_sent}").values_list(
        "text", flat=True
    )
    code = text.first().split(": ")[1][:6] if text.first() and ": " in text.first() else ""
    services.subscription_confirm(commune=commune, channel=channel, address=address, code=code)
