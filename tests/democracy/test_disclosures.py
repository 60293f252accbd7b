"""The disclosure register: publish with a period at least the catalogue's minimum, withdraw, correct, and
the yearly compliance check (missing, taken down too early, fewer forms than required)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.models import Disclosure, DisclosureKind
from danvan.democracy.rules import DisclosureForm as F
from danvan.democracy.rules import DisclosureStatus
from danvan.democracy.services.disclosures import public_disclosure, public_disclosures

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 5)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def kind(code="budget") -> DisclosureKind:
    return DisclosureKind.objects.get(code=code)


def publish(people, commune, *, code="budget", forms=(F.OFFICE_POSTING, F.PORTAL), starts_on=JAN, **kw):
    kw.setdefault("title", "Dự toán ngân sách xã năm 2026")
    kw.setdefault("body", "Tổng thu, chi ngân sách; chi đầu tư phát triển đất đai.")
    return services.disclosure_publish(
        by=people.coordinator, commune=commune, kind=kind(code), forms=list(forms), starts_on=starts_on, **kw
    )


def test_catalogue_is_seeded_with_the_kinds_of_article_11():
    kinds = list(DisclosureKind.objects.all())
    assert len(kinds) == 14
    contributions = kind("contributions")
    assert F.LOUDSPEAKER in contributions.required_forms  # Điều 13: items 7–12 on the loudspeaker
    assert contributions.loudspeaker_days == 3
    assert all(k.min_days >= 30 for k in kinds)


def test_catalogue_seeding_keeps_the_administrators_edits_and_refills_an_emptied_table():
    from danvan.democracy.catalogue import ensure_catalogue

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
    publish(
        people, commune, code="land_use_planning", title="Kế hoạch sử dụng đất đai năm 2026", body="Bản đồ."
    )
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
        forms=[F.OFFICE_POSTING, F.PORTAL, F.LOUDSPEAKER, F.VILLAGE_HEAD],
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
    assert set(few.missing_forms) == {F.OFFICE_POSTING, F.LOUDSPEAKER}
    assert "Hệ thống truyền thanh cấp xã" in few.missing_form_labels
    assert rows["policies_laws"].ok  # only when arising: never missing
    assert result.too_short == 1 and result.few_forms == 1
    assert result.missing == result.required - result.done
    # Another year has nothing done.
    assert services.disclosure_compliance(commune, year=2025).done == 0


def test_compliance_in_constant_queries(people, commune, django_assert_max_num_queries):
    for n in range(10):
        publish(people, commune, title=f"Công khai {n}")
    with django_assert_max_num_queries(2):
        assert (
            services.disclosure_compliance(commune, year=2026).missing == 7
        )  # budget done; 7 yearly kinds left
