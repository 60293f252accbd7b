"""Issue 22, content in minority languages, in a real browser: the coordinator adds a K'Ho version to
today's loudspeaker bulletin (a recording and the translator's text); a resident on a phone opens the
bulletin on the commune portal, switches it to K'Ho, reads the translation and plays the recording."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.announcements import languages, loudspeaker
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Bản tin sáng nay"
KHO_TEXT = "Văn bản thử của bộ kiểm thử, ở chỗ bản dịch tiếng K'Ho."


def tone(seconds: float = 1.5) -> bytes:
    """A real, audible recording: a 440 Hz tone, 8 kHz mono WAV."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(8000)
        w.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000)))
                for i in range(int(8000 * seconds))
            )
        )
    return buf.getvalue()


def test_a_kho_recording_added_by_the_coordinator_is_played_on_a_phone(
    desktop, phone, live_server, people, commune
):
    languages.language_add(by=people.coordinator, commune=commune, code="kpm")
    bulletin = loudspeaker.bulletin_create(
        by=people.coordinator, commune=commune, title=TITLE, air_date=timezone.localdate()
    )
    loudspeaker.bulletin_item_add(
        by=people.coordinator,
        bulletin=bulletin,
        title="Phòng chống cháy rừng",
        text="Mùa khô, bà con không đốt nương rẫy khi trời nắng gió.",
    )

    # The coordinator adds the K'Ho recording and the translator's text.
    office = desktop
    sign_in(office, live_server, "dieuphoi")
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/loa/{bulletin.pk}/")
    office.get_by_role("link", name="Thêm bản ghi âm, bản dịch bằng tiếng dân tộc").click()
    office.get_by_role("combobox", name="Ngôn ngữ").select_option(label="Tiếng K'Ho")
    office.get_by_label("Bản ghi âm đọc bằng ngôn ngữ này").set_input_files(
        files=[{"name": "doc-tieng-kho.wav", "mimeType": "audio/wav", "buffer": tone()}]
    )
    office.get_by_label("Người đọc").fill("Ka Hòa")
    office.get_by_label("Bản dịch (nếu xã có người dịch)").fill(KHO_TEXT)
    office.locator("#id_translator").fill("K' Điểu")
    office.get_by_label("Ngày dịch").fill(timezone.localdate().strftime("%d/%m/%Y"))
    office.get_by_role("button", name="Lưu bản tiếng dân tộc").click()
    expect(office.get_by_text("Đã lưu bản tin tiếng dân tộc.")).to_be_visible()
    expect(office.get_by_role("link", name="Tải bản ghi âm về máy phát loa")).to_be_visible()

    # A resident on a phone finds the bulletin on the portal and switches it to K'Ho.
    phone.goto(f"{live_server.url}/xa/{commune.slug}/")
    phone.get_by_role("link", name="Bản tin loa truyền thanh").click()
    phone.get_by_role("link", name=TITLE).click()
    expect(phone.get_by_text("Mùa khô, bà con không đốt nương rẫy")).to_be_visible()
    phone.get_by_role("link", name="Tiếng K'Ho").click()
    expect(phone.locator('[lang="kpm"]')).to_contain_text(KHO_TEXT)
    expect(phone.get_by_text("Người dịch: K' Điểu")).to_be_visible()
    audio = phone.locator("audio")
    expect(audio).to_be_visible()
    duration = audio.evaluate(
        """a => new Promise(done => {
            if (a.readyState >= 1) return done(a.duration);
            a.addEventListener('loadedmetadata', () => done(a.duration));
            a.addEventListener('error', () => done(-1));
            a.load();
        })"""
    )
    assert 1.4 < duration < 1.6  # the file the coordinator uploaded, served and decoded
    phone.get_by_role("heading", level=1).tap()  # the resident's own tap lets the page play sound
    assert audio.evaluate("a => a.play().then(() => !a.paused, e => e.name)") is True
    # It really plays: the clock of the recording moves on (a promise, as the page's CSP forbids eval).
    moved = audio.evaluate(
        """a => new Promise(done => {
            const check = () => a.currentTime > 0.2 && done(a.currentTime);
            a.addEventListener('timeupdate', check);
            setTimeout(() => done(a.currentTime), 10000);
        })"""
    )
    assert moved > 0.2
    assert phone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
