"""Content in the commune's minority languages: its list of languages, a post's translation, a bulletin's
recorded reading per language; who may write them; the resident's switch on the portal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.announcements import languages as langs
from danvan.announcements import loudspeaker as loa
from danvan.announcements.models import BulletinVersion, Language, PostVersion
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from tests.announcements.conftest import write
from tests.announcements.test_loudspeaker import wav_bytes

pytestmark = pytest.mark.django_db
KHO_TITLE = "Bản dịch tiếng K'Ho của người dịch"
KHO_BODY = "Nội dung bản dịch (văn bản thử của bộ kiểm thử)."


@pytest.fixture
def kho(commune, people) -> Language:
    return langs.language_add(by=people.coordinator, commune=commune, code="kpm")


@pytest.fixture
def bulletin(commune, people):
    b = loa.bulletin_create(
        by=people.coordinator, commune=commune, title="Bản tin sáng", air_date=date(2026, 1, 5)
    )
    loa.bulletin_item_add(
        by=people.coordinator, bulletin=b, title="Tiêm phòng", text="Sáng mai tiêm phòng gia súc."
    )
    return b


def audio(name="kho.wav", data=None):
    return SimpleUploadedFile(name, data if data is not None else wav_bytes())


# --- services -------------------------------------------------------------------------------------


def test_the_commune_lists_its_languages_by_iso_639_3_code(commune, people, kho):
    assert (kho.code, kho.name) == ("kpm", "Tiếng K'Ho")
    ma = langs.language_add(by=people.leader, commune=commune, code=" CMA ")
    assert (ma.code, ma.name) == ("cma", "Tiếng Mạ")
    own = langs.language_add(by=people.leader, commune=commune, code="cmo", name="Tiếng M'Nông (Bu Nông)")
    assert own.name == "Tiếng M'Nông (Bu Nông)"
    assert AuditEvent.objects.filter(action="announcements.language_added").count() == 3


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("kh", "", "đúng 3 chữ cái"),
        ("k1o", "", "đúng 3 chữ cái"),
        ("vie", "", "Tiếng Việt là bản gốc"),
        ("abc", "", "Vui lòng nhập tên ngôn ngữ"),
        ("kpm", "", "đã có trong danh sách"),
    ],
)
def test_a_bad_language_is_refused_in_vietnamese(commune, people, kho, code, name, message):
    with pytest.raises(ServiceError, match=message):
        langs.language_add(by=people.coordinator, commune=commune, code=code, name=name)


def test_only_leaders_and_the_coordinator_change_the_list(commune, people):
    for who in (people.officer, people.village_head, people.supervisor, people.outsider):
        with pytest.raises(ServiceError) as err:
            langs.language_add(by=who, commune=commune, code="kpm")
        assert err.value.code == "forbidden"
    assert not Language.objects.exists()


def test_a_stopped_language_takes_no_new_version_and_can_come_back(commune, people, kho):
    post = write(people, commune)
    langs.language_stop(by=people.coordinator, language=kho)
    with pytest.raises(ServiceError, match="thôi dùng"):
        langs.post_version_save(
            by=people.coordinator,
            post=post,
            language=kho,
            title="a",
            body="b",
            translator="c",
            translated_on=date(2026, 1, 1),
        )
    again = langs.language_add(by=people.coordinator, commune=commune, code="kpm")
    assert again.pk == kho.pk and again.is_active


def test_a_post_translation_records_who_translated_it_and_when(commune, people, kho):
    post = write(people, commune)
    version = langs.post_version_save(
        by=people.officer,
        post=post,
        language=kho,
        title=KHO_TITLE,
        body=KHO_BODY,
        translator="K' Điểu",
        translated_on=date(2026, 1, 2),
    )
    assert (version.translator, version.translated_on, version.recorded_by) == (
        "K' Điểu",
        date(2026, 1, 2),
        people.officer,
    )
    again = langs.post_version_save(
        by=people.officer,
        post=post,
        language=kho,
        title=KHO_TITLE,
        body="Sửa lại.",
        translator="K' Điểu",
        translated_on=date(2026, 1, 3),
    )
    assert again.pk == version.pk and PostVersion.objects.count() == 1
    post.refresh_from_db()
    assert post.title == "Lịch tiêm phòng cho gia súc"  # Vietnamese stays the original
    events = AuditEvent.objects.filter(action="announcements.post_version_saved").order_by("id")
    assert events.count() == 2 and events.last().before["body"] == KHO_BODY


def test_a_translation_needs_its_translator_and_a_past_date(commune, people, kho):
    post = write(people, commune)
    args = {"by": people.coordinator, "post": post, "language": kho, "title": "t", "body": "b"}
    with pytest.raises(ServiceError, match="tên người dịch"):
        langs.post_version_save(**args, translator=" ", translated_on=date(2026, 1, 1))
    with pytest.raises(ServiceError, match="sau hôm nay"):
        langs.post_version_save(
            **args, translator="A", translated_on=timezone.localdate() + timedelta(days=1)
        )


def test_another_communes_language_is_refused(commune, other_commune, people, kho):
    theirs = Language.objects.create(commune=other_commune, code="kpm", name="Tiếng K'Ho")
    post = write(people, commune)
    with pytest.raises(ServiceError, match="không có trong danh sách"):
        langs.post_version_save(
            by=people.coordinator,
            post=post,
            language=theirs,
            title="t",
            body="b",
            translator="a",
            translated_on=date(2026, 1, 1),
        )


def test_a_bulletin_takes_a_recorded_reading_per_language(commune, people, kho, bulletin):
    version = langs.bulletin_version_save(
        by=people.coordinator, bulletin=bulletin, language=kho, audio=audio(), reader="Ka Hòa"
    )
    assert version.audio and version.audio_mime == "audio/x-wav" and version.audio_size == len(wav_bytes())
    assert version.text == "" and version.translator == ""
    # Later the commune's translator adds the text: the recording stays.
    version = langs.bulletin_version_save(
        by=people.coordinator,
        bulletin=bulletin,
        language=kho,
        text=KHO_BODY,
        translator="K' Điểu",
        translated_on=date(2026, 1, 4),
        reader="Ka Hòa",
    )
    assert version.audio and version.text == KHO_BODY
    assert BulletinVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action="announcements.bulletin_version_saved").count() == 2


def test_a_recording_must_be_real_audio_within_the_limit(commune, people, kho, bulletin, monkeypatch):
    with pytest.raises(ServiceError, match="không phải loại được nhận") as err:
        langs.bulletin_version_save(
            by=people.coordinator,
            bulletin=bulletin,
            language=kho,
            audio=audio("doc.mp3", b"%PDF-1.4 not audio"),
        )
    assert err.value.field == "audio"
    monkeypatch.setattr(langs, "MAX_AUDIO_BYTES", 100)
    with pytest.raises(ServiceError, match="lớn hơn"):
        langs.bulletin_version_save(by=people.coordinator, bulletin=bulletin, language=kho, audio=audio())
    with pytest.raises(ServiceError, match="bản ghi âm hoặc nhập bản dịch"):
        langs.bulletin_version_save(by=people.coordinator, bulletin=bulletin, language=kho)
    assert not BulletinVersion.objects.exists()


def test_a_supervisor_cannot_add_a_version(commune, people, kho, bulletin):
    with pytest.raises(ServiceError) as err:
        langs.bulletin_version_save(by=people.supervisor, bulletin=bulletin, language=kho, audio=audio())
    assert err.value.code == "forbidden"


# --- pages ----------------------------------------------------------------------------------------


def test_coordinator_adds_a_language_and_a_post_translation_through_the_pages(client, commune, people):
    client.force_login(people.coordinator)
    base = f"/lam-viec/{commune.code}/"
    bad = client.post(base + "ngon-ngu/", {"code": "k"})
    assert bad.status_code == 400 and "đúng 3 chữ cái" in bad.content.decode()
    assert client.post(base + "ngon-ngu/", {"code": "kpm"}).status_code == 302
    kho = Language.objects.get()
    post = write(people, commune)
    page = f"{base}tin-tuc/{post.pk}/ban-dich/"
    missing = client.post(
        page, {"language": kho.pk, "title": "t", "body": "b", "translated_on": "02/01/2026"}
    )
    assert missing.status_code == 400 and "Vui lòng nhập tên người dịch" in missing.content.decode()
    form = {
        "language": kho.pk,
        "title": KHO_TITLE,
        "body": KHO_BODY,
        "translator": "K' Điểu",
        "translated_on": "02/01/2026",
    }
    assert client.post(page, form).status_code == 302
    assert "Tiếng K&#x27;Ho" in client.get(f"{base}tin-tuc/{post.pk}/").content.decode()


def test_pages_are_scoped_and_role_checked(client, commune, people, kho, bulletin):
    post = write(people, commune)
    base = f"/lam-viec/{commune.code}/"
    client.force_login(people.outsider)
    assert client.get(f"{base}tin-tuc/{post.pk}/ban-dich/").status_code == 404
    assert client.get(f"{base}loa/{bulletin.pk}/ngon-ngu/").status_code == 404
    client.force_login(people.supervisor)
    assert client.get(f"{base}loa/{bulletin.pk}/ngon-ngu/").status_code == 200
    assert client.post(f"{base}loa/{bulletin.pk}/ngon-ngu/", {"language": kho.pk}).status_code == 403
    assert client.post(base + "ngon-ngu/", {"code": "cma"}).status_code == 403
    client.force_login(people.officer)
    assert client.post(base + "ngon-ngu/", {"code": "cma"}).status_code == 403
    assert client.post(f"{base}ngon-ngu/{kho.pk}/thoi-dung/").status_code == 403


def test_bulletin_version_page_refuses_a_fake_recording_with_a_400(client, commune, people, kho, bulletin):
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/loa/{bulletin.pk}/ngon-ngu/"
    bad = client.post(url, {"language": kho.pk, "audio": audio("a.mp3", b"not audio at all")})
    assert bad.status_code == 400 and "không phải loại được nhận" in bad.content.decode()
    ok = client.post(url, {"language": kho.pk, "audio": audio(), "reader": "Ka Hòa"})
    assert ok.status_code == 302
    page = client.get(f"/lam-viec/{commune.code}/loa/{bulletin.pk}/").content.decode()
    assert "Tải bản ghi âm về máy phát loa" in page and "<audio" in page


def test_removing_a_language_version_asks_first_then_removes_it_audited(
    client, commune, people, kho, bulletin
):
    client.force_login(people.coordinator)
    staff = f"/lam-viec/{commune.code}/loa/{bulletin.pk}/"
    client.post(staff + "ngon-ngu/", {"language": kho.pk, "audio": audio(), "reader": "Ka Hòa"})
    version = BulletinVersion.objects.get(bulletin=bulletin, language=kho)
    page = client.get(staff).content.decode()
    # The remove button sits behind a disclosure that says what is lost.
    assert "<summary>Xóa bản Tiếng K&#x27;Ho</summary>" in page
    assert "không lấy lại được" in page and "Xác nhận xóa bản Tiếng K&#x27;Ho" in page
    remove = f"{staff}ngon-ngu/{version.pk}/xoa/"
    client.force_login(people.supervisor)
    assert client.post(remove).status_code == 403
    assert BulletinVersion.objects.filter(pk=version.pk).exists()
    client.force_login(people.coordinator)
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not BulletinVersion.objects.filter(pk=version.pk).exists()
    event = AuditEvent.objects.get(action="announcements.bulletin_version_removed")
    assert event.before["language"] == "kpm"
    assert "Chưa có bản nào." in client.get(staff).content.decode()


def test_the_resident_switches_a_post_and_a_bulletin_to_kho(client, commune, people, kho, bulletin):
    post = write(people, commune)
    langs.post_version_save(
        by=people.coordinator,
        post=post,
        language=kho,
        title=KHO_TITLE,
        body=KHO_BODY,
        translator="K' Điểu",
        translated_on=date(2026, 1, 2),
    )
    url = f"/xa/{commune.slug}/tin-tuc/{post.pk}/"
    original = client.get(url).content.decode()
    assert "Lịch tiêm phòng cho gia súc</h1>" in original and "?ngon-ngu=kpm" in original
    kho_page = client.get(url + "?ngon-ngu=kpm").content.decode()
    assert 'lang="kpm"' in kho_page and KHO_BODY in kho_page and "K&#x27; Điểu" in kho_page
    assert client.get(url + "?ngon-ngu=cma").status_code == 404

    langs.bulletin_version_save(by=people.coordinator, bulletin=bulletin, language=kho, audio=audio())
    listing = client.get(f"/xa/{commune.slug}/loa/").content.decode()
    assert "Bản tin sáng" in listing and "Nghe, đọc bản Tiếng K&#x27;Ho" in listing
    # The listing takes a K'Ho reader straight to the K'Ho version.
    assert f"/xa/{commune.slug}/loa/{bulletin.pk}/?ngon-ngu=kpm" in listing
    page = client.get(f"/xa/{commune.slug}/loa/{bulletin.pk}/?ngon-ngu=kpm").content.decode()
    assert "<audio" in page and "Sáng mai tiêm phòng" not in page
    # A stopped language disappears from the portal.
    langs.language_stop(by=people.coordinator, language=kho)
    assert client.get(f"/xa/{commune.slug}/loa/{bulletin.pk}/?ngon-ngu=kpm").status_code == 404


def test_a_bulletin_before_its_air_date_is_not_public(client, commune, people):
    later = loa.bulletin_create(
        by=people.coordinator,
        commune=commune,
        title="Bản tin tuần sau",
        air_date=timezone.localdate() + timedelta(days=7),
    )
    assert client.get(f"/xa/{commune.slug}/loa/{later.pk}/").status_code == 404


def test_the_recording_is_served_to_residents_and_the_loudspeaker_operator(
    client, commune, people, kho, bulletin
):
    version = langs.bulletin_version_save(
        by=people.coordinator, bulletin=bulletin, language=kho, audio=audio()
    )
    public = f"/xa/{commune.slug}/loa/{bulletin.pk}/ghi-am/kpm/"
    played = client.get(public)
    assert played.status_code == 200 and played["Content-Type"] == "audio/x-wav"
    assert b"".join(played.streaming_content) == wav_bytes()
    downloaded = client.get(public + "?tai=1")
    assert downloaded["Content-Disposition"] == 'attachment; filename="ban-tin-loa-2026-01-05-kpm.wav"'
    assert client.get(f"/xa/{commune.slug}/loa/{bulletin.pk}/ghi-am/cma/").status_code == 404
    staff = f"/lam-viec/{commune.code}/loa/{bulletin.pk}/ngon-ngu/{version.pk}/ghi-am/"
    client.force_login(people.village_head)
    assert client.get(staff).status_code == 200
    client.force_login(people.outsider)
    assert client.get(staff).status_code == 404
