"""The mediation pages: the year's overview, a case through its steps, refusals, scope."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from danvan.mediation.models import Case
from tests.mediation.conftest import TODAY, mediators_of, open_case

pytestmark = pytest.mark.django_db


def ws(commune) -> str:
    return f"/lam-viec/{commune.code}/hoa-giai/"


def test_the_overview_shows_figures_teams_and_cases(client, commune, people, team):
    open_case(team, people)
    client.force_login(people.leader)
    page = client.get(ws(commune)).content.decode()
    assert "Hòa giải ở cơ sở năm" in page and "Tổ hòa giải Thôn 1" in page and "Đất đai, ranh giới" in page
    book = load_workbook(io.BytesIO(client.get(ws(commune) + "thong-ke.xlsx").content))
    rows = {r[0]: r[1] for r in book.active.iter_rows(values_only=True)}
    assert rows["Vụ, việc tiếp nhận"] == 1 and rows["  trong đó nữ"] == 1


def test_a_case_is_recorded_assigned_and_ended_through_the_pages(client, commune, people, team):
    client.force_login(people.village_head)
    today = TODAY().strftime("%d/%m/%Y")
    data = {
        "team": team.pk,
        "received_on": today,
        "basis": "requested",
        "matter": "neighbours",
        "parties": "Ông A\nÔng B",
        "summary": "Cây nhà A đổ sang mái nhà B.",
    }
    response = client.post(ws(commune) + "vu-viec/moi/", data)
    case = Case.objects.get()
    assert response.status_code == 302
    base = ws(commune) + f"vu-viec/{case.pk}/"
    client.post(base + "assign/", {"assign-mediators": mediators_of(team)[:1], "assign-on": today})
    client.post(base + "start/", {"start-on": today})
    bad = client.post(base + "end/", {"end-outcome": "succeeded", "end-on": today, "end-agreement": ""})
    assert bad.status_code == 400 and "Vui lòng" in bad.content.decode()
    client.post(
        base + "end/",
        {"end-outcome": "succeeded", "end-on": today, "end-agreement": "Chặt cành, chia tiền sửa mái."},
    )
    case.refresh_from_db()
    assert case.status == "succeeded" and "Chặt cành" in client.get(base).content.decode()


def test_a_bad_date_is_a_vietnamese_400_and_nothing_is_written(client, commune, people, team):
    client.force_login(people.coordinator)
    data = {
        "team": team.pk,
        "received_on": "31/02/2026",
        "basis": "requested",
        "matter": "land",
        "parties": "A",
        "summary": "B",
    }
    response = client.post(ws(commune) + "vu-viec/moi/", data)
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()
    assert not Case.objects.exists()


def test_other_communes_and_roles_are_kept_out(client, commune, people, team):
    case = open_case(team, people)
    client.force_login(people.outsider)
    assert client.get(ws(commune)).status_code == 404
    client.force_login(people.officer)
    assert client.get(ws(commune) + f"vu-viec/{case.pk}/").status_code == 200  # reads
    assert client.get(ws(commune) + "vu-viec/moi/").status_code == 403  # does not record


def test_a_petition_is_sent_to_mediation_but_never_a_denunciation(client, commune, people, team):
    from tests.petitions.conftest import submit

    client.force_login(people.coordinator)
    feedback = submit(commune, "feedback", content="Hai nhà tranh chấp lối đi chung.")
    page = client.get(ws(commune) + f"vu-viec/moi/?don={feedback.pk}").content.decode()
    assert "Hai nhà tranh chấp lối đi chung." in page and feedback.tracking_code in page
    denunciation = submit(commune, "denunciation")
    assert client.get(ws(commune) + f"vu-viec/moi/?don={denunciation.pk}").status_code == 404
