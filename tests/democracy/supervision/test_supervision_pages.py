"""Supervision pages: a board member sends a recommendation and a leader answers; the link is shown only
to those who may open it."""

from __future__ import annotations

import pytest

from danvan.democracy import services
from danvan.democracy.models import Recommendation
from danvan.democracy.rules import BoardKind
from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def test_the_supervision_link_is_shown_only_to_those_who_may_open_it(client, people, commune):
    link = f'href="{ws(commune)}/giam-sat/"'
    for user, shown in ((people.coordinator, True), (people.village_head, False)):
        login(client, user)
        page = client.get(f"{ws(commune)}/cong-khai/").content.decode()
        assert (link in page) is shown, user
        assert (client.get(f"{ws(commune)}/giam-sat/").status_code == 200) is shown, user
