"""Loudspeaker bulletins: reading time, scheduling per cluster, the aired log as proof, draft audio."""

from __future__ import annotations

import io
import wave
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.announcements import loudspeaker as loa
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from tests.announcements.conftest import write

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def wav_bytes() -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000), w.writeframes(b"\0\0" * 800)
    return buf.getvalue()


@pytest.fixture
def bulletin(commune, people):
    b = loa.bulletin_create(
        by=people.coordinator, commune=commune, title="Bản tin sáng thứ Hai", air_date=date(2026, 12, 7)
    )
    return b


def test_reading_time_is_words_at_a_readers_pace():
    assert loa.reading_minutes("") == 0
    assert loa.reading_minutes("từ " * 120) == 1
    assert loa.reading_minutes("từ " * 121) == 2


def test_items_keep_their_order_and_a_post_brings_its_text(bulletin, people, commune):
    post = write(people, commune)
    first = loa.bulletin_item_add(by=people.coordinator, bulletin=bulletin, post=post)
    second = loa.bulletin_item_add(
        by=people.coordinator, bulletin=bulletin, title="Nhắc phòng cháy", text="Mùa khô, bà con chú ý."
    )
    assert [i.pk for i in bulletin.items.all()] == [first.pk, second.pk]
    # The loudspeaker reads the post spelled out: "10/12" is "ngày 10 tháng 12".
    assert (
        first.text.startswith("Ngày 10 tháng 12 tiêm phòng")
        and first.source == f"announcements.post:{post.pk}"
    )


def test_a_reading_text_the_staff_wrote_is_what_the_loudspeaker_reads(bulletin, people, commune):
    post = write(people, commune, loudspeaker_text="Thưa bà con, sáng thứ Năm tiêm phòng cho trâu bò.")
    item = loa.bulletin_item_add(by=people.coordinator, bulletin=bulletin, post=post)
    assert item.text == "Thưa bà con, sáng thứ Năm tiêm phòng cho trâu bò."
    # Saved unchanged from the generated version, the post keeps following its body.
    generated = (
        "Ngày 10 tháng 12 tiêm phòng lở mồm long móng tại nhà văn hóa thôn.\n"
        "Đề nghị bà con đưa gia súc đến đúng giờ."
    )
    plain = write(people, commune, loudspeaker_text=generated)
    assert plain.loudspeaker_text == "" and plain.reading_text.startswith("Ngày 10 tháng 12")


def test_a_slot_shorter_than_the_reading_is_refused(bulletin, people, villages):
    loa.bulletin_item_add(by=people.coordinator, bulletin=bulletin, title="Thông báo dài", text="chữ " * 300)
    at = timezone.now() + timedelta(days=1)
    args = {
        "by": people.coordinator,
        "bulletin": bulletin,
        "cluster": "Cụm Thôn 1 – Thôn 2",
        "village_ids": [villages[0].pk],
        "at": at,
    }
    with pytest.raises(ServiceError) as err:
        loa.broadcast_schedule(duration_minutes=2, **args)
    assert "3 phút" in err.value.message
    assert loa.broadcast_schedule(duration_minutes=5, reader="Chị Hoa", **args).reader == "Chị Hoa"


def test_aired_broadcasts_are_the_log_with_consecutive_days(bulletin, people, commune, villages):
    post = write(people, commune)
    loa.bulletin_item_add(by=people.coordinator, bulletin=bulletin, post=post)
    days = [datetime(2026, 11, d, 6, 30, tzinfo=HCM) for d in (2, 3, 4, 6)]
    for at in days:
        b = loa.broadcast_schedule(
            by=people.coordinator,
            bulletin=bulletin,
            cluster="Cụm 1",
            village_ids=[],
            at=at,
            duration_minutes=5,
        )
        recording = SimpleUploadedFile("doc.wav", wav_bytes()) if at == days[0] else None
        loa.broadcast_aired(by=people.coordinator, broadcast=b, aired_at=at, recording=recording)
    loa.broadcast_schedule(
        by=people.coordinator,
        bulletin=bulletin,
        cluster="Cụm 2",
        village_ids=[],
        at=days[-1],
        duration_minutes=5,
    )
    log = loa.broadcasts_for(post)
    assert [b.aired_at for b in log] == days  # the one not aired is not proof
    assert log[0].recording.name.endswith(".wav")
    assert loa.consecutive_days_aired(post) == 3
    assert AuditEvent.objects.filter(action="announcements.broadcast_aired").count() == 4


def test_a_recording_that_is_not_audio_is_refused(bulletin, people):
    loa.bulletin_item_add(by=people.coordinator, bulletin=bulletin, title="Tin", text="Nội dung")
    b = loa.broadcast_schedule(
        by=people.coordinator,
        bulletin=bulletin,
        cluster="Cụm 1",
        village_ids=[],
        at=timezone.now(),
        duration_minutes=5,
    )
    with pytest.raises(ServiceError) as err:
        loa.broadcast_aired(
            by=people.coordinator, broadcast=b, recording=SimpleUploadedFile("a.mp3", b"%PDF-1.4 not audio")
        )
    assert "Chỉ nhận" in err.value.message
    b.refresh_from_db()
    assert b.aired_at is None


@pytest.mark.skipif(not loa.espeak_path(), reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_draft_audio_is_a_vietnamese_reading_in_wav(bulletin, people):
    loa.bulletin_item_add(
        by=people.coordinator,
        bulletin=bulletin,
        title="Lịch tiêm phòng",
        text="Sáng mai tiêm phòng cho gia súc.",
    )
    made = loa.bulletin_draft_audio(by=people.coordinator, bulletin=bulletin)
    data = made.draft_audio.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE" and len(data) > 10000


def test_without_espeak_the_draft_audio_is_refused_plainly(bulletin, people, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # a server without the program
    with pytest.raises(ServiceError) as err:
        loa.bulletin_draft_audio(by=people.coordinator, bulletin=bulletin)
    assert err.value.code == "no_espeak"
