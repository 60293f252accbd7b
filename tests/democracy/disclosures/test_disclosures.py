"""The disclosure register: publish with a period at least the catalogue's minimum, withdraw, correct, and
the yearly compliance check (missing, taken down too early, fewer forms than required)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.disclosures.services import public_disclosure, public_disclosures
from danvan.democracy.models import Disclosure, DisclosureKind
from danvan.democracy.rules import DisclosureForm as F
from danvan.democracy.rules import DisclosureStatus

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 5)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def kind(code="budget") -> DisclosureKind:
    return DisclosureKind.objects.get(code=code)


def publish(
    people,
    commune,
    *,
    code="budget",
    forms=(F.OFFICE_POSTING, F.VILLAGE_POSTING, F.PORTAL),
    starts_on=JAN,
    **kw,
):
    kw.setdefault("title", "Dự toán ngân sách xã năm 2026")
    kw.setdefault("body", "Tổng thu, chi ngân sách; chi đầu tư phát triển đất đai.")
    return services.disclosure_publish(
        by=people.coordinator, commune=commune, kind=kind(code), forms=list(forms), starts_on=starts_on, **kw
    )


def test_catalogue_is_seeded_with_the_14_khoan_of_article_11_and_the_places_of_article_13():
    kinds = list(DisclosureKind.objects.order_by("clause"))
    assert [k.clause for k in kinds] == list(range(1, 15))
    # Điều 13(3): khoản 7–12 also on the loudspeaker, at least 3 consecutive days.
    assert [k.clause for k in kinds if F.LOUDSPEAKER in k.required_forms] == [7, 8, 9, 10, 11, 12]
    assert all(k.loudspeaker_days == 3 for k in kinds if 7 <= k.clause <= 12)
    # Điều 13(2): khoản 1–3 and 5–12 at the office and the village cultural houses for 30 days.
    posted = [k.clause for k in kinds if F.VILLAGE_POSTING in k.required_forms]
    assert posted == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]
    assert all(k.min_days == 30 for k in kinds)
    # Khoản 4 and 13 permanently at the office; the portal (Điều 13(1)) for every kind.
    assert [k.clause for k in kinds if k.permanent] == [4, 13]
    assert all(F.PORTAL in k.required_forms and F.OFFICE_POSTING in k.required_forms for k in kinds)
    assert kind("admin_procedures").clause == 13 and kind("military_service").clause == 9


def test_catalogue_seeding_keeps_the_administrators_edits_and_refills_an_emptied_table():
    from danvan.democracy.disclosures.catalogue import ensure_catalogue

    DisclosureKind.objects.filter(code="budget").update(min_days=45)
    ensure_catalogue(sender=None)
    assert kind("budget").min_days == 45  # an edit made in the admin survives the next migrate
    assert DisclosureKind.objects.count() == 14

    DisclosureKind.objects.all().delete()  # what `flush` does
    ensure_catalogue(sender=None)
    assert DisclosureKind.objects.count() == 14


def test_publish_stores_item_with_file_and_audit(people, commune):
    upload = SimpleUploadedFile("du-toan.pdf", PDF, content_type="application/pdf")
    item = publish(people, commune, upload=upload, ends_on=JAN + dt.timedelta(days=40))
    assert item.status == DisclosureStatus.PUBLISHED
    assert item.file_kind == "pdf" and len(item.file_sha256) == 64
    assert "dat dai" in item.search_text
    assert AuditEvent.objects.filter(action="democracy.disclosure_published", object_id=str(item.pk)).exists()


def test_end_before_start_is_refused_nothing_saved_attempt_audited(people, commune):
    with pytest.raises(ServiceError) as exc:
        publish(people, commune, ends_on=JAN - dt.timedelta(days=1))
    assert "không được trước ngày bắt đầu" in exc.value.message
    assert exc.value.field == "ends_on"
    assert not Disclosure.objects.exists()
    refusal = AuditEvent.objects.get(action="democracy.disclosure_publish_refused")
    assert refusal.actor == people.coordinator and refusal.commune_id == commune.pk


def test_period_shorter_than_the_minimum_is_refused(people, commune):
    with pytest.raises(ServiceError) as exc:
        publish(people, commune, ends_on=JAN + dt.timedelta(days=10))
    assert "ít nhất 30 ngày" in exc.value.message
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize(
    ("kw", "text"),
    [
        ({"title": "  "}, "tiêu đề"),
        ({"body": ""}, "nội dung hoặc đính kèm"),
        ({"forms": []}, "hình thức công khai"),
        ({"upload": SimpleUploadedFile("x.pdf", b"not a pdf at all")}, "không phải loại được nhận"),
    ],
)
def test_bad_input_refused_in_vietnamese(people, commune, kw, text):
    with pytest.raises(ServiceError) as exc:
        publish(people, commune, **kw)
    assert text in exc.value.message
    assert not Disclosure.objects.exists()


def test_role_without_publish_permission_is_refused(people, commune):
    with pytest.raises(ServiceError) as exc:
        services.disclosure_publish(
            by=people.supervisor,
            commune=commune,
            kind=kind(),
            title="X",
            body="Y",
            forms=[F.PORTAL],
            starts_on=JAN,
        )
    assert exc.value.code == "forbidden"
    with pytest.raises(ServiceError):
        services.disclosure_publish(
            by=people.outsider,
            commune=commune,
            kind=kind(),
            title="X",
            body="Y",
            forms=[F.PORTAL],
            starts_on=JAN,
        )
    assert not Disclosure.objects.exists()


def test_withdraw_and_correct(people, commune):
    item = publish(people, commune)
    with pytest.raises(ServiceError):
        services.disclosure_withdraw(by=people.coordinator, disclosure=item, reason=" ")
    new = services.disclosure_correct(
        by=people.coordinator,
        disclosure=item,
        title="Dự toán ngân sách xã năm 2026 (đính chính)",
        body="Số liệu đã sửa.",
        forms=[F.OFFICE_POSTING, F.PORTAL],
        ends_on=None,
        reason="Sai số liệu chi thường xuyên",
        starts_on=JAN + dt.timedelta(days=3),
    )
    item.refresh_from_db()
    assert item.status == DisclosureStatus.SUPERSEDED
    assert new.corrects == item and new.first_started_on == JAN
    today = dt.date(2026, 3, 1)
    assert list(public_disclosures(commune, today=today)) == [new]
    assert public_disclosure(commune, item.pk, today=today) is None
    services.disclosure_withdraw(
        by=people.coordinator, disclosure=new, reason="Hết hiệu lực", on=dt.date(2026, 2, 20)
    )
    new.refresh_from_db()
    assert new.status == DisclosureStatus.WITHDRAWN
    with pytest.raises(ServiceError) as exc:
        services.disclosure_withdraw(by=people.coordinator, disclosure=new, reason="lần hai")
    assert "không còn đang công khai" in exc.value.message


def test_search_folds_diacritics(people, commune):
    publish(people, commune, code="projects_land", title="Kế hoạch sử dụng đất đai năm 2026", body="Bản đồ.")
    publish(people, commune, title="Dự toán ngân sách", body="Thu chi.")
    today = dt.date(2026, 2, 1)
    found = list(public_disclosures(commune, today=today, query="dat dai"))
    assert [d.title for d in found] == ["Kế hoạch sử dụng đất đai năm 2026"]
    assert len(public_disclosures(commune, today=today, query="ĐẤT ĐAI")) == 1
    assert len(public_disclosures(commune, today=today, query="ke hoach dat")) == 1
    # Not yet started: not on the portal.
    assert not public_disclosures(commune, today=dt.date(2026, 1, 1)).exists()


def test_compliance_finds_missing_short_and_few_forms(people, commune):
    publish(people, commune)  # budget 1 of 4, forms OK
    short = publish(
        people,
        commune,
        code="contributions",
        title="Thu quỹ làm đường",
        forms=[F.OFFICE_POSTING, F.VILLAGE_POSTING, F.PORTAL, F.VILLAGE_HEAD],
    )
    services.disclosure_withdraw(
        by=people.coordinator, disclosure=short, reason="Gỡ nhầm", on=JAN + dt.timedelta(days=10)
    )
    publish(people, commune, code="social_support", title="Danh sách hộ nghèo", forms=[F.PORTAL])
    result = services.disclosure_compliance(commune, year=2026)
    rows = {r.kind.code: r for r in result.rows}
    assert rows["budget"].required == 4 and rows["budget"].done == 1 and rows["budget"].missing == 3
    assert [i.item for i in rows["contributions"].too_short] == [short]
    assert rows["contributions"].too_short[0].days_public == 10
    few = rows["social_support"].few_forms[0]
    assert set(few.missing_forms) == {F.OFFICE_POSTING, F.VILLAGE_POSTING, F.LOUDSPEAKER}
    assert "Hệ thống truyền thanh cấp xã" in few.missing_form_labels
    assert rows["projects_land"].ok  # only when arising: never missing
    assert result.too_short == 1 and result.few_forms == 1
    assert result.missing == result.required - result.done
    # Another year has nothing done.
    assert services.disclosure_compliance(commune, year=2025).done == 0


def test_compliance_in_constant_queries(people, commune, django_assert_max_num_queries):
    for n in range(10):
        publish(people, commune, title=f"Công khai {n}")
    with django_assert_max_num_queries(3):  # kinds, items, the calendar's overrides
        # Budget done; socio-economic plan, contributions, public assets, social support and military
        # service are yearly and still missing.
        assert services.disclosure_compliance(commune, year=2026).missing == 5


def test_a_permanent_kind_takes_no_end_date(people, commune):
    # Khoản 13 (administrative procedures) is posted permanently and updated (Điều 13(2)).
    with pytest.raises(ServiceError) as exc:
        publish(
            people, commune, code="admin_procedures", title="Thủ tục", ends_on=JAN + dt.timedelta(days=40)
        )
    assert exc.value.code == "permanent" and "thường xuyên" in exc.value.message
    assert publish(people, commune, code="admin_procedures", title="Thủ tục").ends_on is None


def test_compliance_finds_a_start_later_than_5_working_days_after_the_decision(people, commune):
    # Decided Friday 6/2/2026; 5 working days skip the weekend and Tết (16–20/2): Mon 9 .. Fri 13 is 5.
    on_time = publish(
        people, commune, title="Đúng hạn", decided_on=dt.date(2026, 2, 6), starts_on=dt.date(2026, 2, 13)
    )
    late = publish(
        people, commune, title="Muộn", decided_on=dt.date(2026, 2, 6), starts_on=dt.date(2026, 2, 23)
    )
    rows = {r.kind.code: r for r in services.disclosure_compliance(commune, year=2026).rows}
    assert [i.item for i in rows["budget"].late] == [late]
    assert rows["budget"].late[0].start_due == dt.date(2026, 2, 13)
    assert on_time not in [i.item for i in rows["budget"].late]
    with pytest.raises(ServiceError) as exc:
        publish(
            people, commune, title="Sai ngày", decided_on=dt.date(2026, 3, 1), starts_on=dt.date(2026, 2, 23)
        )
    assert exc.value.code == "decided_after_start"
