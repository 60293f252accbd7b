"""A village decision on a register with fewer households than the village declared: a warning with both
numbers, and opening only with a leader's confirmation and reason."""

from __future__ import annotations

import pytest

from danvan.core.errors import ServiceError
from danvan.democracy.models import VillageDecision
from danvan.geo.models import Village
from tests.democracy.conftest import add_households, make_decision


@pytest.fixture
def short_village(village):
    Village.objects.filter(pk=village.pk).update(households=212)
    add_households(village, 12)
    village.refresh_from_db()
    return village


def test_opening_on_a_short_register_needs_the_leaders_reason(short_village, people):
    from danvan.democracy import services

    decision = make_decision(short_village, people.village_head)
    with pytest.raises(ServiceError, match=r"mới có 12 hộ, ít hơn số hộ thôn đã khai báo \(212 hộ\)"):
        services.decision_open(decision=decision, by=people.village_head, short_register_reason="Đang nhập")
    with pytest.raises(ServiceError, match="lãnh đạo UBND xã xác nhận kèm lý do"):
        services.decision_open(decision=decision, by=people.leader, short_register_reason="  ")
    decision.refresh_from_db()
    assert decision.status == VillageDecision.Status.DRAFT
    decision = services.decision_open(
        decision=decision, by=people.leader, short_register_reason="Sổ hộ giấy đã đối chiếu."
    )
    assert decision.status == VillageDecision.Status.OPEN and decision.total_households == 12
    assert decision.register_note == (
        "Sổ hộ có 12 hộ, thôn khai báo 212 hộ; lãnh đạo xác nhận: Sổ hộ giấy đã đối chiếu."
    )


def test_the_decision_page_prints_both_numbers(client, short_village, people):
    decision = make_decision(short_village, people.village_head)
    url = f"/lam-viec/{short_village.commune_id}/ban-quyet-dinh/{decision.pk}/"
    client.force_login(people.village_head)
    html = client.get(url).content.decode()
    assert "sổ hộ của thôn có <strong>12</strong> hộ, thôn khai báo <strong>212</strong> hộ" in html
    assert "ly_do_so_ho" not in html  # only a leader confirms
    client.force_login(people.leader)
    html = client.get(url).content.decode()
    assert 'name="ly_do_so_ho"' in html
    response = client.post(f"{url}mo/", {"ly_do_so_ho": "Sổ hộ giấy đã đối chiếu."})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == VillageDecision.Status.OPEN
    html = client.get(url).content.decode()
    assert "thôn khai báo 212 hộ" in html and "lãnh đạo xác nhận: Sổ hộ giấy đã đối chiếu." in html
