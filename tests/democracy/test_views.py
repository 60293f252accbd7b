"""Democracy pages: staff pages scoped to the commune (404 elsewhere, 403 for a role without the
permission), the portal's register searchable without diacritics, and moderation: a comment is on the
portal only once approved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.models import ConsultationComment, Disclosure, DisclosureKind, Recommendation
from danvan.democracy.rules import BoardKind, CommentStatus
from danvan.democracy.rules import DisclosureForm as F

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(client, user):
    client.force_login(user)


def ws(commune):
    return f"/lam-viec/{commune.code}"


@pytest.fixture
def item(people, commune):
    return services.disclosure_publish(
        by=people.coordinator,
        commune=commune,
        kind=DisclosureKind.objects.get(code="projects_land"),
        title="Kế hoạch sử dụng đất đai năm 2026",
        body="Danh mục công trình.",
        upload=SimpleUploadedFile("ke-hoach.pdf", PDF),
        forms=[F.OFFICE_POSTING, F.PORTAL],
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )


@pytest.fixture
def consultation(people, commune):
    today = timezone.localdate()
    c = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter="socioeconomic_plan",
        title="Dự thảo kế hoạch năm 2027",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=10),
        questions=["Ưu tiên công trình nào?"],
    )
    return services.consultation_publish(by=people.coordinator, consultation=c)


def test_staff_pages_open_for_the_commune_and_404_elsewhere(client, people, commune, item, consultation):
    login(client, people.coordinator)
    for path in (
        "/cong-khai/",
        f"/cong-khai/{item.pk}/",
        "/cong-khai/ra-soat/",
        "/lay-y-kien/",
        f"/lay-y-kien/{consultation.pk}/",
        "/giam-sat/",
        "/cong-khai/dang/",
        "/lay-y-kien/moi/",
    ):
        assert client.get(ws(commune) + path).status_code == 200, path
    client.logout()
    login(client, people.outsider)
    assert client.get(ws(commune) + "/cong-khai/").status_code == 404
    assert (
        client.get(
            f"/lam-viec/{people.outsider.memberships.get().commune_id}/cong-khai/{item.pk}/"
        ).status_code
        == 404
    )


def test_roles_without_permission_get_403(client, people, commune, consultation):
    login(client, people.supervisor)
    assert client.get(ws(commune) + "/cong-khai/dang/").status_code == 403
    assert client.get(ws(commune) + "/lay-y-kien/moi/").status_code == 403
    # A supervisor in no board may not open the supervision pages.
    assert client.get(ws(commune) + "/giam-sat/").status_code == 403
    client.logout()
    login(client, people.village_head)
    assert client.get(ws(commune) + "/giam-sat/").status_code == 403
    assert client.post(ws(commune) + f"/lay-y-kien/{consultation.pk}/dang/").status_code == 403


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


def test_unapproved_comment_never_on_portal(client, people, commune, consultation):
    cache.clear()
    url = f"/xa/{commune.slug}/lay-y-kien/{consultation.pk}/"
    form = client.get(url).content.decode()
    token = re.search(r'name="client_token" value="([0-9a-f]+)"', form).group(1)
    body = "Đề nghị làm đường vào khu sản xuất thôn 3."
    data = {
        "client_token": token,
        "body": body,
        "author_name": "Nguyễn Thị Hoa",
        "author_contact": "0912000111",
    }
    sent = client.post(url, data)
    assert "Cảm ơn bạn đã góp ý" in sent.content.decode()
    again = client.post(url, data)  # a retry after a lost connection
    assert again.status_code == 200 and ConsultationComment.objects.count() == 1
    assert body not in client.get(url).content.decode()
    comment = ConsultationComment.objects.get()
    login(client, people.coordinator)
    staff = client.get(ws(commune) + f"/lay-y-kien/{consultation.pk}/").content.decode()
    assert body in staff
    client.post(
        ws(commune) + f"/lay-y-kien/{consultation.pk}/y-kien/{comment.pk}/duyet/", {"action": "approve"}
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    client.logout()
    public = client.get(url).content.decode()
    assert body in public
    assert "Nguyễn Thị Hoa" not in public and "0912000111" not in public


def test_comment_rate_limited_like_the_petitions_form(client, commune, consultation):
    cache.clear()
    url = f"/xa/{commune.slug}/lay-y-kien/{consultation.pk}/"
    codes = [client.post(url, {"client_token": f"t{n}", "body": f"Ý kiến {n}"}).status_code for n in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429
    assert ConsultationComment.objects.count() == 5


def test_comment_after_close_is_refused_on_portal(client, people, commune):
    today = timezone.localdate()
    c = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter="other",
        title="Đã đóng",
        opens_on=today - dt.timedelta(days=20),
        closes_on=today - dt.timedelta(days=1),
    )
    services.consultation_publish(by=people.coordinator, consultation=c)
    page = client.get(f"/xa/{commune.slug}/lay-y-kien/{c.pk}/").content.decode()
    assert "Đã hết thời gian nhận ý kiến" in page and "Gửi ý kiến" not in page
    client.post(f"/xa/{commune.slug}/lay-y-kien/{c.pk}/", {"client_token": "x", "body": "Muộn"})
    assert not ConsultationComment.objects.exists()


def test_supervisor_member_sends_and_leader_answers(client, people, commune):
    board = services.board_create(
        by=people.coordinator, commune=commune, kind=BoardKind.PEOPLES_INSPECTION, name="Ban TTND"
    )
    services.board_member_add(by=people.coordinator, board=board, user=people.supervisor)
    login(client, people.supervisor)
    assert client.get(ws(commune) + "/giam-sat/").status_code == 200
    resp = client.post(
        ws(commune) + "/giam-sat/kien-nghi/gui/",
        {"board": board.pk, "subject": "Công khai quỹ", "content": "Đề nghị niêm yết."},
    )
    rec = Recommendation.objects.get()
    assert resp.status_code == 302
    assert client.post(ws(commune) + f"/giam-sat/kien-nghi/{rec.pk}/", {"answer": "x"}).status_code == 403
    client.logout()
    login(client, people.leader)
    client.post(ws(commune) + f"/giam-sat/kien-nghi/{rec.pk}/", {"answer": "Đã niêm yết."})
    rec.refresh_from_db()
    assert rec.answer == "Đã niêm yết."
    client.logout()
    login(client, people.outsider)
    assert client.get(ws(commune) + f"/giam-sat/kien-nghi/{rec.pk}/").status_code == 404


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


def test_the_supervision_link_is_shown_only_to_those_who_may_open_it(client, people, commune):
    link = f'href="{ws(commune)}/giam-sat/"'
    for user, shown in ((people.coordinator, True), (people.village_head, False)):
        login(client, user)
        page = client.get(f"{ws(commune)}/cong-khai/").content.decode()
        assert (link in page) is shown, user
        assert (client.get(f"{ws(commune)}/giam-sat/").status_code == 200) is shown, user
