"""Online voting on the portal with a household's code, codes sent by staff, and the demo decisions."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from danvan.democracy import services
from danvan.democracy.models import BallotChoice, Household, VillageDecision, Vote
from danvan.democracy.rules import DecisionStatus, Matter, Method
from danvan.geo.models import Village
from tests.democracy.conftest import make_decision
from tests.democracy.pages import follow_messages, login, ws

pytestmark = pytest.mark.django_db
S = DecisionStatus

# --- online voting on the portal ------------------------------------------------------------------


@pytest.fixture
def online(village, people, households):
    Household.objects.filter(pk=households[0].pk).update(email="ho1@example.vn")
    Household.objects.filter(pk=households[1].pk).update(phone="0912345678")
    decision = make_decision(
        village, people.village_head, matter=Matter.OTHER_SELF_MANAGED, method=Method.ONLINE
    )
    services.decision_agree_online(decision=decision, by=people.village_head, as_role="village_head")
    services.decision_agree_online(decision=decision, by=people.supervisor, as_role="front")
    services.decision_open(decision=decision, by=people.village_head)
    return decision


def _code_from_mail() -> str:
    return re.search(r": (\d{6})\.", mail.outbox[-1].body).group(1)


def test_resident_requests_a_code_and_votes_once(
    client, commune, online, households, django_capture_on_commit_callbacks
):
    url = f"/xa/{commune.slug}/bieu-quyet/{online.pk}/"
    page = client.get(url + "?ho=H001").content.decode()
    assert 'value="H001"' in page and "Bước 1" in page
    missing = client.post(url, {"step": "ma", "household_code": "X999"})
    assert "Không tìm thấy mã hộ này" in missing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"step": "ma", "household_code": "h001"})
    assert "Đã gửi mã xác thực tới h***@example.vn" in sent.content.decode()
    code = _code_from_mail()
    assert f"/xa/{commune.slug}/bieu-quyet/{online.pk}/?ho=H001" in mail.outbox[-1].body
    wrong = client.post(
        url, {"step": "phieu", "household_code": "H001", "code": "000000", "choice": "approve"}
    )
    if code != "000000":
        assert "Mã xác thực không đúng." in wrong.content.decode()
    voted = client.post(url, {"step": "phieu", "household_code": "H001", "code": code, "choice": "approve"})
    assert "Đã ghi nhận biểu quyết" in voted.content.decode()
    again = client.post(url, {"step": "phieu", "household_code": "H001", "code": code, "choice": "reject"})
    assert "đã được sử dụng" in again.content.decode()
    assert sum(BallotChoice.objects.filter(decision=online).values_list("count", flat=True)) == 1
    assert not Vote.objects.exists()


def test_vote_page_refuses_when_closed_and_rate_limits(client, commune, online, people, settings):
    url = f"/xa/{commune.slug}/bieu-quyet/{online.pk}/"
    from danvan.democracy.decisions.views import public as decision_views

    for _ in range(decision_views.VOTE_LIMIT):
        client.post(url, {"step": "ma", "household_code": "X999"})
    limited = client.post(url, {"step": "ma", "household_code": "H001"})
    assert limited.status_code == 429 and "quá nhiều lần" in limited.content.decode()
    services.decision_close(decision=online, by=people.village_head)
    cache.clear()
    closed = client.get(url).content.decode()
    assert "Đã hết thời gian biểu quyết" in closed and "Gửi biểu quyết" not in closed


def test_meeting_decisions_have_no_vote_page(client, commune, village, people, households):
    decision = make_decision(village, people.village_head)
    assert client.get(f"/xa/{commune.slug}/bieu-quyet/{decision.pk}/").status_code == 404


def test_staff_send_codes_to_households_with_a_contact(
    client, commune, online, people, django_capture_on_commit_callbacks
):
    login(client, people.village_head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ws(commune)}/ban-quyet-dinh/{online.pk}/gui-ma/")
    message = follow_messages(client, response)
    assert "Đã gửi mã biểu quyết tới 2 hộ." in message and "98 hộ chưa có số điện thoại hoặc email" in message
    assert len(mail.outbox) == 1  # the other household gets it by the phone sender
    listing = client.get(f"/xa/{commune.slug}/bieu-quyet/").content.decode()
    assert "Làm đường bê tông liên xóm" in listing


# --- demo data ---------------------------------------------------------------------------------


def test_demo_decisions_are_idempotent_and_show_on_the_portal(client, commune, village, people):
    from danvan.core.models import AuditEvent as Audit
    from danvan.democracy.decisions.demo import COMMUNE_TITLE, OPEN_TITLE, PUBLISHED_TITLE, demo_decisions
    from danvan.democracy.models import CommuneDecision

    Village.objects.create(commune=commune, name="Bon Đắk Mai")
    demo_decisions(commune)
    assert Household.objects.filter(village=village).count() == 12
    assert Household.objects.filter(village__commune=commune).count() == 24
    published = VillageDecision.objects.get(title=PUBLISHED_TITLE)
    assert published.status == S.PUBLISHED and published.passed and published.village == village
    opened = VillageDecision.objects.get(title=OPEN_TITLE)
    assert opened.status == S.OPEN and opened.method == Method.ONLINE
    events = Audit.objects.count()
    demo_decisions(commune)
    villages = Village.objects.filter(commune=commune, is_active=True).count()
    # The two village votes, and the commune-wide matter's draft in each village.
    assert Audit.objects.count() == events and VillageDecision.objects.count() == 2 + villages
    assert CommuneDecision.objects.get(title=COMMUNE_TITLE).village_decisions.count() == villages
    assert PUBLISHED_TITLE in client.get(f"/xa/{commune.slug}/ban-quyet-dinh/").content.decode()
    assert OPEN_TITLE in client.get(f"/xa/{commune.slug}/bieu-quyet/").content.decode()
