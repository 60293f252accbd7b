"""The demo set-up that `./dvs serve` runs on every start."""

from io import StringIO

import pytest
from django.core.management import call_command

from danvan.demo.services import DEMO_PASSWORD, demo_setup
from danvan.geo.models import Commune, Village
from danvan.org.models import Membership, Unit
from tests.conftest import client_sign_in

pytestmark = pytest.mark.django_db


def test_setup_demo_is_idempotent_and_prints_working_logins(client):
    out = StringIO()
    call_command("setup_demo", stdout=out)
    counts = (Unit.objects.count(), Village.objects.count(), Membership.objects.count())
    call_command("setup_demo", stdout=StringIO())
    assert (Unit.objects.count(), Village.objects.count(), Membership.objects.count()) == counts
    text = out.getvalue()
    assert "Xã Tà Đùng" in text and "/xa/ta-dung/" in text and "dieuphoi" in text
    assert Commune.objects.filter(is_active=True).count() == 1
    client_sign_in(client, "dieuphoi", DEMO_PASSWORD)
    response = client.get("/lam-viec/", follow=True)
    assert "Công chức đầu mối" in response.content.decode()
    # The accounts that need a second factor come with the key to add to an authenticator app.
    assert "dieuphoi     khóa " in text


def test_the_demo_shows_petitions_at_every_stage(client):
    """A visitor trying the demo finds published answers on the portal, a hotspot and late cases for
    the leader, and a protected denouncer: what the petitions module is for."""
    from danvan.petitions.models import HotspotAlert, Petition

    call_command("setup_demo", stdout=StringIO())
    call_command("setup_demo", stdout=StringIO())  # a second start adds and moves nothing
    statuses = sorted(Petition.objects.values_list("status", flat=True))
    assert len(statuses) == 10  # nine of its own, one taken in at the reception desk
    assert {"received", "classified", "accepted", "verifying", "resolved"} <= set(statuses)
    assert HotspotAlert.objects.count() == 1
    commune = Commune.objects.get(is_active=True)
    results = client.get(f"/xa/{commune.slug}/ket-qua/").content.decode()
    assert "đã giao Phòng Kinh tế vá mặt đường" in results  # the published answer, not the text
    client_sign_in(client, "chutich", DEMO_PASSWORD)
    home = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "điểm nóng" in home.lower()
    client_sign_in(client, "mattran", DEMO_PASSWORD)
    secret = Petition.objects.get(kind="denunciation")
    page = client.get(f"/lam-viec/{commune.code}/don-thu/{secret.pk}/").content.decode()
    assert "Người tố cáo (dữ liệu mẫu)" not in page


def test_the_demo_shows_no_warning_the_law_does_not_support(client):
    """The Chairman's days are checked as the law in force asks (per month since 1/7/2026), a village
    decision states its threshold and article, and the report judges no week the demo never kept."""
    import datetime as dt

    from django.utils import timezone

    from danvan.democracy.models import VillageDecision
    from danvan.engagement.report_sections import EngagementSection

    call_command("setup_demo", stdout=StringIO())
    commune = Commune.objects.get(is_active=True)
    client_sign_in(client, "dieuphoi", DEMO_PASSWORD)
    home = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "Chưa đủ lịch Chủ tịch" not in home and "tuần chưa" not in home
    schedule = client.get(f"/lam-viec/{commune.code}/tiep-dan/").content.decode()
    assert "Chưa đủ ngày Chủ tịch" not in schedule
    today = timezone.localdate()
    section = EngagementSection().build(commune, dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    assert not any("chưa bảo đảm" in p for p in section.paragraphs)
    decided = VillageDecision.objects.filter(commune=commune, passed=True).first()
    page = client.get(f"/lam-viec/{commune.code}/ban-quyet-dinh/{decided.pk}/").content.decode()
    assert "Điều 21 khoản 1" in page
    rules_page = client.get(f"/lam-viec/{commune.code}/can-cu-phap-ly/").content.decode()
    assert "reception.chairman_days" in rules_page


def test_the_demo_has_a_week_of_news_and_subscribers_who_got_the_latest(client):
    from danvan.announcements.models import Post, Subscriber
    from danvan.comms.models import OutboundMessage

    call_command("setup_demo", stdout=StringIO())
    call_command("setup_demo", stdout=StringIO())
    assert Post.objects.count() == 7 and Subscriber.objects.filter(confirmed_at__isnull=False).count() == 2
    assert OutboundMessage.objects.filter(purpose="announcement").count() == 2
    commune = Commune.objects.get(is_active=True)
    news = client.get(f"/xa/{commune.slug}/tin-tuc/").content.decode()
    assert "tự quản nước sạch Thôn 2" in news
    assert "Mời họp dân bàn phương án" in client.get(f"/xa/{commune.slug}/").content.decode()
    from danvan.announcements.models import Broadcast, Bulletin

    assert Bulletin.objects.count() == 1 and Broadcast.objects.count() == 10
    assert Bulletin.objects.get().items.count() == 4


def test_the_demo_reports_are_dated_as_they_happened(client):
    """The last finished period's report was issued days after its end; the one in progress waits for
    the Chairman's signature. A second setup adds none."""
    from django.utils import timezone

    from danvan.reports.models import Report

    commune, _ = demo_setup()
    demo_setup()
    today = timezone.localdate()
    reports = list(Report.objects.filter(commune=commune).order_by("end"))
    assert [r.status for r in reports] == ["issued", "submitted"]
    issued, running = reports
    assert issued.end < issued.issued_on <= today and issued.number
    assert running.start <= today <= running.end
    assert running.sections.get(key="outlook").text
    client.force_login(issued.issued_by)
    page = client.get(f"/lam-viec/{commune.code}/bao-cao/{running.pk}/").content.decode()
    assert "Ký ban hành báo cáo" in page and "Trả lại để sửa" in page
