"""The resident's side (issue 16): photos stored without metadata and their place used when asked, the
rating with its reason and the request to look again, "đơn của tôi" after a one-time code, and the
pages that show them."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.comms.models import Notification, OutboundMessage
from danvan.core.errors import ServiceError
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionStep, ResidentCode
from danvan.petitions.services import resident
from tests.petitions.conftest import accepted, counts, submit

pytestmark = pytest.mark.django_db


def gps_photo(name="IMG_2001.jpg"):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (11.0, 51.0, 0.0), 3: "E", 4: (108.0, 6.0, 0.0)}
    exif[0x0110] = "Điện thoại của tôi"
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buf, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def resolved(commune, people, unit, **kwargs):
    p = accepted(commune, people, unit, "feedback", **kwargs)
    p = services.petition_start_verification(petition=p, by=people.officer)
    return services.petition_resolve(petition=p, answer="Đã sửa.", on=date(2026, 3, 10), by=people.officer)


# --- photos -----------------------------------------------------------------------------------------


def test_a_submitted_photo_is_stored_without_exif_and_its_place_is_used_only_when_asked(commune):
    asked = submit(commune, "feedback", attachments=[gps_photo()], place_from_photo=True, client_token="a")
    assert (asked.latitude, asked.longitude) == (Decimal("11.850000"), Decimal("108.100000"))
    with asked.attachments.get().file.open("rb") as f, Image.open(f) as image:
        assert not image.getexif()
    not_asked = submit(commune, "feedback", attachments=[gps_photo()], client_token="b")
    assert not_asked.latitude is None and not_asked.longitude is None
    typed = submit(
        commune, "feedback", attachments=[gps_photo()], place_from_photo=True, lat="11.9", lng="108.2"
    )
    assert typed.latitude == Decimal("11.900000")  # what the resident typed wins


def test_a_file_added_by_staff_loses_its_exif_too(commune, people, unit):
    p = accepted(commune, people, unit, "feedback")
    [added] = services.petition_add_attachments(petition=p, files=[gps_photo()], by=people.officer)
    with added.file.open("rb") as f, Image.open(f) as image:
        assert not image.getexif()


# --- rating and review ---------------------------------------------------------------------------


def test_an_unhappy_rating_needs_a_reason_and_changes_nothing_without_it(commune, people, unit):
    p = resolved(commune, people, unit)
    before = counts(p)
    with pytest.raises(ServiceError) as err:
        resident.petition_rate_with_reason(petition=p, tracking_code=p.tracking_code, rating=2)
    assert err.value.field == "reason"
    p.refresh_from_db()
    assert p.rating is None and counts(p) == before


def test_an_unhappy_resident_asks_to_look_again_once_and_the_commune_hears_of_it(commune, people, unit):
    p = resolved(commune, people, unit)
    p = resident.petition_rate_with_reason(
        petition=p, tracking_code=p.tracking_code, rating=1, reason="Chưa sửa xong.", review=True
    )
    assert p.rating == 1 and p.rating_reason == "Chưa sửa xong." and p.review_requested_at is not None
    assert PetitionStep.objects.filter(petition=p, public_note__contains="đề nghị xem xét lại").count() == 1
    assert Notification.objects.filter(
        user=people.coordinator, key=f"petition:{p.pk}:review_request"
    ).exists()
    with pytest.raises(ServiceError, match="đã đề nghị xem xét lại"):
        resident.review_request(petition=p, tracking_code=p.tracking_code, reason="Lần nữa")
    with pytest.raises(ServiceError, match="một lần"):
        resident.petition_rate_with_reason(petition=p, tracking_code=p.tracking_code, rating=5)


def test_a_satisfied_resident_cannot_ask_to_look_again_and_a_wrong_code_is_refused(commune, people, unit):
    p = resolved(commune, people, unit)
    p = resident.petition_rate_with_reason(petition=p, tracking_code=p.tracking_code, rating=4)
    with pytest.raises(ServiceError, match="chưa hài lòng"):
        resident.review_request(petition=p, tracking_code=p.tracking_code, reason="x")
    with pytest.raises(ServiceError, match="Mã tra cứu không đúng"):
        resident.review_request(petition=p, tracking_code="ABC-DEF-2345", reason="x")


def test_the_tracking_page_locks_the_rating_and_offers_a_review_after_chua_hai_long(
    client, commune, people, unit
):
    p = resolved(commune, people, unit)
    url = f"/xa/{commune.slug}/tra-cuu/"
    response = client.post(f"{url}danh-gia/", {"ma": p.tracking_code, "rating": "2", "reason": "Còn tắc."})
    assert response.status_code == 302
    page = client.get(url, {"ma": p.tracking_code}).content.decode()
    assert "Đánh giá của bạn" in page and "Gửi đánh giá" not in page and "Gửi đề nghị xem xét lại" in page
    client.post(f"{url}xem-xet-lai/", {"ma": p.tracking_code, "reason": ""})
    page = client.get(url, {"ma": p.tracking_code}).content.decode()
    assert "Bạn đã đề nghị xem xét lại" in page and "Gửi đề nghị xem xét lại" not in page
    assert client.post(f"{url}xem-xet-lai/", {"ma": "ABC-DEF-2345"}).status_code == 404


# --- đơn của tôi ------------------------------------------------------------------------------------


def test_cases_are_found_by_a_phone_typed_any_way_or_an_email_in_any_case(commune, other_commune):
    mine = submit(commune, "feedback", identity={"full_name": "A", "phone": "0912 345.678"})
    mail = submit(commune, "feedback", identity={"email": "Mai.Lo@Example.vn"})
    submit(commune, "feedback", identity={"phone": "0912345679"})
    submit(other_commune, "feedback", identity={"phone": "0912345678"})
    assert list(resident.cases_of_contact(commune, resident.contact_normalize("+84 912 345 678"))) == [mine]
    assert list(resident.cases_of_contact(commune, resident.contact_normalize("mai.lo@example.VN"))) == [mail]
    with pytest.raises(ServiceError):
        resident.contact_normalize("12345")


def _code_sent() -> str:
    message = OutboundMessage.objects.filter(purpose="resident_code").latest("id")
    assert message.secret
    return re.search(r": (\d{6})\.", message.text).group(1)


def test_a_code_goes_only_to_a_contact_that_wrote_and_opens_once(commune):
    submit(commune, "feedback", identity={"phone": "0912345678"})
    assert resident.my_cases_code_send(commune=commune, contact="0987654321") is False
    assert not OutboundMessage.objects.filter(purpose="resident_code").exists()
    assert resident.my_cases_code_send(commune=commune, contact="0912 345 678") is True
    code = _code_sent()
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(ServiceError, match="Mã không đúng"):
        resident.my_cases_code_check(commune=commune, contact="0912345678", code=wrong)
    assert ResidentCode.objects.get().attempts == 1  # a wrong try counts
    assert resident.my_cases_code_check(commune=commune, contact="0912345678", code=code) == "0912345678"
    with pytest.raises(ServiceError):
        resident.my_cases_code_check(commune=commune, contact="0912345678", code=code)  # used


def test_too_many_wrong_codes_or_requests_are_refused(commune):
    submit(commune, "feedback", identity={"email": "mai@example.vn"})
    resident.my_cases_code_send(commune=commune, contact="mai@example.vn")
    code = _code_sent()
    for _ in range(resident.CODE_TRIES):
        with pytest.raises(ServiceError):
            resident.my_cases_code_check(commune=commune, contact="mai@example.vn", code="99999x")
    with pytest.raises(ServiceError, match="quá số lần"):
        resident.my_cases_code_check(commune=commune, contact="mai@example.vn", code=code)
    for _ in range(resident.CODES_PER_HOUR - 1):
        resident.my_cases_code_send(commune=commune, contact="mai@example.vn")
    with pytest.raises(ServiceError, match="trong một giờ"):
        resident.my_cases_code_send(commune=commune, contact="mai@example.vn")


def test_my_cases_page_lists_the_senders_cases_after_the_code_and_says_the_same_to_strangers(client, commune):
    from django.core.cache import cache

    cache.clear()
    p = submit(
        commune, "denunciation", identity={"full_name": "B", "address": "Thôn 1", "phone": "0912345678"}
    )
    url = f"/xa/{commune.slug}/don-cua-toi/"
    stranger = client.post(url, {"buoc": "gui-ma", "contact": "0987654321"}, follow=True).content.decode()
    assert "Nếu số điện thoại hoặc email bạn nhập" in stranger  # no hint whether anyone wrote
    client.post(url, {"buoc": "gui-ma", "contact": "0912345678"})
    page = client.post(url, {"buoc": "nhap-ma", "code": _code_sent()}, follow=True).content.decode()
    assert p.tracking_code in page and "Đã nhận đơn" in page
    assert Petition.objects.count() == 1


# --- public pages -----------------------------------------------------------------------------------


def test_the_public_map_lists_only_published_cases_by_village(client, commune, people, unit):
    shown = resolved(commune, people, unit)
    Petition.objects.filter(pk=shown.pk).update(
        publish_consent=True, answer_published=True, latitude=Decimal("11.85"), longitude=Decimal("108.1")
    )
    hidden = resolved(commune, people, unit)
    page = client.get(f"/xa/{commune.slug}/ban-do-phan-anh/").content.decode()
    assert page.count("Đã sửa.") == 1 and "ghim-ban-do" in page and "108.1" in page
    assert hidden.tracking_code not in page and shown.tracking_code not in page


def test_the_form_page_ships_no_htmx_and_phone_keyboards_fit_each_field(client, commune):
    page = client.get(f"/xa/{commune.slug}/phan-anh/").content.decode()
    assert "htmx" not in page and "petitions/report.js" in page
    assert 'type="tel"' in page and 'inputmode="tel"' in page and 'inputmode="decimal"' in page
    assert 'inputmode="numeric"' in page and 'type="email"' in page
    assert page.index('name="attachments"') < page.index('name="full_name"')  # photo before optional fields


# --- files held after a refusal, without the form's script ----------------------------------------------


def _post(client, commune, **extra):
    data = {
        "content": "Tôi khiếu nại việc thu tiền làm đường không họp dân.",
        "kind_hint": "complaint",
        "address": "Thôn 1",
        "client_token": "tok-giu",
        **extra,
    }
    return client.post(f"/xa/{commune.slug}/phan-anh/", data)


def test_without_script_a_refused_forms_photo_is_held_and_goes_with_the_next_try(client, commune):
    from django.core.cache import cache

    from danvan.petitions.models import HeldUpload

    cache.clear()
    refused = _post(client, commune, attachments=[gps_photo("duong.jpg")])
    page = refused.content.decode()
    assert "phải ghi rõ họ tên" in page and "được giữ lại" in page and "duong.jpg" in page
    held = HeldUpload.objects.get()
    assert not Petition.objects.exists()
    done = _post(
        client,
        commune,
        full_name="Nguyễn Văn Bình",
        phone="0912345678",
        giu_tep=[str(held.pk)],
        place_from_photo="on",
    )
    assert "Đã gửi thành công" in done.content.decode()
    p = Petition.objects.get()
    assert p.attachments.get().name == "duong.jpg" and p.latitude == Decimal("11.850000")
    assert not HeldUpload.objects.exists()


def test_an_unticked_held_file_is_let_go_and_old_ones_are_purged(client, commune):
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from danvan.petitions.models import HeldUpload
    from danvan.petitions.services.held import held_files_purge

    cache.clear()
    _post(client, commune, attachments=[gps_photo("a.jpg")])
    _post(client, commune, attachments=[gps_photo("b.jpg")])  # a.jpg not ticked this time
    assert [h.name for h in HeldUpload.objects.all()] == ["b.jpg"]
    HeldUpload.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert held_files_purge() == 1 and not HeldUpload.objects.exists()


def test_a_scripted_refusal_holds_nothing_the_page_keeps_the_files(client, commune):
    from danvan.petitions.models import HeldUpload

    response = client.post(
        f"/xa/{commune.slug}/phan-anh/",
        {"content": "x", "kind_hint": "complaint", "client_token": "t", "attachments": [gps_photo()]},
        headers={"X-Danvan-Upload": "1"},
    )
    assert response.status_code == 400 and not HeldUpload.objects.exists()
