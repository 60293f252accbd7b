"""A contribution matter for the whole commune (Luật THDCCS 2022, Điều 21 khoản 1, second paragraph):
each village decides by its own households; the commune's decision passes with at least two thirds of
ALL its villages approving: 4 of 6 pass, 3 of 6 do not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.democracy import services
from danvan.democracy.decisions.rules import DecisionStatus, Matter, Method, commune_wide_threshold
from danvan.democracy.models import CommuneDecision, Household, VillageDecision
from danvan.geo.models import Village
from tests.democracy.conftest import add_households
from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db


@pytest.fixture
def six_villages(commune):
    for n in range(2, 7):
        Village.objects.get_or_create(commune=commune, name=f"Thôn {n}", defaults={"households": 10})
    # Each village declares the 10 households its register holds (a shorter register needs the
    # leader's confirmation before a vote opens: another test's matter).
    Village.objects.filter(commune=commune).update(households=10)
    villages = list(Village.objects.filter(commune=commune).order_by("name"))
    for i, village in enumerate(villages):
        add_households(village, 10, start=100 * (i + 1))
    return villages


def create(people, commune, **kw):
    kw.setdefault("matter", Matter.CONTRIBUTION_POLICY)
    return services.commune_decision_create(
        commune=commune,
        title="Góp tiền làm đường liên thôn",
        method=Method.MEETING,
        noticed_on=timezone.localdate() - dt.timedelta(days=3),
        by=people.coordinator,
        **kw,
    )


def decide(village_decision, by, *, approve: bool):
    """Run one village's meeting to its recorded result: 9 of its 10 households for or against."""
    services.decision_set_counting_committee(decision=village_decision, names=["An", "Bình", "Cúc"], by=by)
    services.decision_open(decision=village_decision, by=by)
    present = list(Household.objects.filter(village=village_decision.village))
    services.meeting_record_attendance(decision=village_decision, present_households=present, by=by)
    services.meeting_record_result(
        decision=village_decision, approve=9 if approve else 1, reject=1 if approve else 9, abstain=0, by=by
    )
    services.decision_close(decision=village_decision, by=by)
    services.decision_record_outcome(decision=village_decision, by=by, minutes="Biên bản.")


def test_only_contribution_matters_are_decided_by_villages(people, commune, six_villages):
    with pytest.raises(ServiceError, match="Điều 21 khoản 1"):
        create(people, commune, matter=Matter.CONVENTION)
    with pytest.raises(ServiceError, match="Chỉ lãnh đạo UBND xã"):
        services.commune_decision_create(
            commune=commune,
            matter=Matter.CONTRIBUTION_POLICY,
            title="X",
            method=Method.MEETING,
            by=people.village_head,
        )
    assert not CommuneDecision.objects.exists() and not VillageDecision.objects.exists()


def test_each_village_gets_its_own_draft_under_the_two_thirds_share(people, commune, six_villages):
    cd = create(people, commune)
    parts = list(cd.village_decisions.order_by("village__name"))
    assert [p.village for p in parts] == six_villages
    assert all(p.status == DecisionStatus.DRAFT and p.pass_share == "2/3" for p in parts)
    assert (cd.pass_share, cd.pass_inclusive) == ("2/3", True) and "Điều 21 khoản 1" in cd.pass_citation
    tally = services.commune_decision_tally(cd)
    assert (tally.villages, tally.decided, tally.approving, tally.needed) == (6, 0, 0, 4)


@pytest.mark.parametrize(("approving", "passed"), [(4, True), (3, False)])
def test_four_of_six_villages_pass_three_do_not(people, commune, six_villages, approving, passed):
    cd = create(people, commune)
    parts = list(cd.village_decisions.order_by("village__name"))
    with pytest.raises(ServiceError, match="chưa lập biên bản kết quả: Thôn 1"):
        services.commune_decision_conclude(decision=cd, by=people.coordinator)
    for i, part in enumerate(parts):
        decide(part, people.coordinator, approve=i < approving)
    done = services.commune_decision_conclude(decision=cd, by=people.coordinator)
    assert (done.villages_total, done.villages_approving, done.passed) == (6, approving, passed)
    with pytest.raises(ServiceError, match="đã được tổng hợp"):
        services.commune_decision_conclude(decision=cd, by=people.coordinator)


def test_the_share_is_the_rule_in_force():
    share = commune_wide_threshold(on=dt.date(2026, 7, 1))
    assert share.needed(6) == 4 and share.needed(3) == 2 and not share.reached(3, 6) and share.reached(4, 6)


def test_leaders_create_it_on_the_page_and_villages_link_back(client, people, commune, six_villages):
    login(client, people.coordinator)
    url = f"{ws(commune)}/ban-quyet-dinh/toan-xa/"
    page = client.get(url).content.decode()
    assert "Tạo nội dung toàn xã" in page and "hai phần ba tổng số thôn" in page
    response = client.post(
        url,
        {"matter": Matter.CONTRIBUTION_SPENDING, "title": "Thu chi quỹ làm đường", "method": Method.MEETING},
    )
    cd = CommuneDecision.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/toan-xa/{cd.pk}/")
    detail = client.get(response["Location"]).content.decode()
    assert "0/6 thôn đã lập biên bản" in detail and "4/6 thôn" in detail
    part = cd.village_decisions.first()
    assert "Nội dung toàn xã" in client.get(f"{ws(commune)}/ban-quyet-dinh/{part.pk}/").content.decode()
    login(client, people.village_head)
    assert "Tạo nội dung toàn xã" not in client.get(url).content.decode()
    login(client, people.outsider)
    assert client.get(f"{url}{cd.pk}/").status_code == 404
