"""Disclosure register pages: Vietnamese errors on publishing, the portal searchable without diacritics,
downloads, corrections that keep the old item."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.democracy.models import Disclosure, DisclosureKind
from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_publish_page_refuses_end_before_start_in_vietnamese(client, people, commune):
    login(client, people.coordinator)
    kind = DisclosureKind.objects.get(code="budget")
    resp = client.post(
        ws(commune) + "/cong-khai/dang/",
        {
            "kind": kind.pk,
            "title": "Dự toán",
            "body": "x",
            "channels": ["portal"],
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-01",
        },
    )
    assert resp.status_code == 200
    assert "không được trước ngày bắt đầu" in resp.content.decode()
    assert not Disclosure.objects.exists()
    ok = client.post(
        ws(commune) + "/cong-khai/dang/",
        {
            "kind": kind.pk,
            "title": "Dự toán",
            "body": "x",
            "channels": ["portal", "office_posting"],
            "starts_on": "2026-03-10",
        },
    )
    assert ok.status_code == 302 and Disclosure.objects.count() == 1


def test_portal_search_without_diacritics_and_download(client, commune, item):
    page = client.get(f"/xa/{commune.slug}/cong-khai/", {"q": "dat dai"}).content.decode()
    assert "Kế hoạch sử dụng đất đai năm 2026" in page
    assert (
        "Kế hoạch sử dụng đất đai"
        not in client.get(f"/xa/{commune.slug}/cong-khai/", {"q": "ngan sach"}).content.decode()
    )
    detail = client.get(f"/xa/{commune.slug}/cong-khai/{item.pk}/")
    assert detail.status_code == 200
    download = client.get(f"/xa/{commune.slug}/cong-khai/{item.pk}/tep/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(f"/xa/ba-dinh/cong-khai/{item.pk}/").status_code == 404


def test_a_correction_replaces_the_item_and_keeps_the_old_one(client, people, commune, item):
    url = f"{ws(commune)}/cong-khai/{item.pk}/dinh-chinh/"
    login(client, people.coordinator)
    detail = client.get(f"{ws(commune)}/cong-khai/{item.pk}/").content.decode()
    assert url in detail
    form = client.get(url).content.decode()
    assert "Kế hoạch sử dụng đất đai năm 2026" in form  # prefilled with the current version
    # No reason: refused, nothing changed.
    page = client.post(
        url, {"title": "Kế hoạch sử dụng đất đai năm 2026 (đính chính)", "channels": ["portal"]}
    )
    assert "Nội dung, lý do đính chính" in page.content.decode()
    assert Disclosure.objects.filter(commune=commune).count() == 1
    response = client.post(
        url,
        {
            "title": "Kế hoạch sử dụng đất đai năm 2026 (đính chính)",
            "body": "Danh mục công trình, sửa diện tích thửa số 12.",
            "channels": ["office_posting", "portal"],
            "reason": "Sửa diện tích thửa đất số 12",
        },
    )
    new = Disclosure.objects.get(corrects=item)
    assert response.status_code == 302 and response["Location"].endswith(f"/cong-khai/{new.pk}/")
    item.refresh_from_db()
    assert item.status == "superseded" and "Sửa diện tích" in item.withdraw_reason
    assert new.file_name == "ke-hoach.pdf"  # the file is kept when none is given
    assert AuditEvent.objects.filter(action="democracy.disclosure_corrected").count() == 1
    # A supervisor reads but may not correct.
    login(client, people.supervisor)
    assert client.get(url).status_code == 403
