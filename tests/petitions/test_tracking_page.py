"""The tracking page's own reads (petitions/tracking_page.py) show exactly what the shared selectors show,
on every kind of case, in fewer queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from danvan.petitions import selectors, services, tracking_page
from danvan.petitions.services import resident as resident_services
from danvan.petitions.views.resident import track_extras
from tests.petitions.conftest import DENOUNCER, classify, png, submit

pytestmark = pytest.mark.django_db


def resolved(commune, people, unit, **kw):
    p = classify(submit(commune, "feedback", publish_consent=True, **kw), people, unit, "feedback")
    p = services.petition_accept(petition=p, on=date(2026, 3, 4), by=people.leader)
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(
        petition=p, answer="Đã sửa đèn.", on=date(2026, 3, 10), publish=True, by=people.officer
    )
    if p.status == "in_review":
        p = services.petition_answer_approve(petition=p, by=people.leader)
    return p


def cases(commune, people, unit) -> list:
    fresh = submit(commune, "feedback", attachments=[png()], publish_consent=True)
    denunciation = classify(
        submit(commune, "denunciation", identity=dict(DENOUNCER), attachments=[png()]),
        people,
        unit,
        "denunciation",
    )
    whole = classify(submit(commune, "feedback"), people, unit, "feedback")
    services.petition_split(
        petition=whole,
        parts=[{"content": "Một.", "kind": "feedback"}, {"content": "Hai."}],
        by=people.coordinator,
    )
    unhappy = resolved(commune, people, unit)
    resident_services.petition_rate_with_reason(
        petition=unhappy, tracking_code=unhappy.tracking_code, rating=2, reason="Đèn vẫn hỏng."
    )
    return [fresh, denunciation, whole, unhappy, resolved(commune, people, unit)]


def test_the_tracking_reads_equal_the_shared_selectors_on_every_kind_of_case(commune, people, unit):
    for p in cases(commune, people, unit):
        found = tracking_page.tracking_case(commune, p.tracking_code.lower().replace("-", " "))
        assert tracking_page.tracking_info(found) == selectors.public_status(p.tracking_code)
        mine, theirs = tracking_page.tracking_extras(found), track_extras(p)
        assert mine["sent"]["content"] == theirs["sent"]["content"]
        assert [f.pk for f in mine["sent"]["files"]] == [f.pk for f in theirs["sent"]["files"]]
        assert mine["sent"]["image_kinds"] == theirs["sent"]["image_kinds"]
        assert mine["rated"] == theirs["rated"]
        assert mine["review_requested_at"] == theirs["review_requested_at"]
        assert mine["may_review"] == (theirs["review_form"] is not None)


def test_a_code_of_another_commune_is_not_found_here(commune, other_commune):
    p = submit(other_commune, "feedback")
    assert tracking_page.tracking_case(commune, p.tracking_code) is None
    assert Client().get(f"/xa/{commune.slug}/tra-cuu/", {"ma": p.tracking_code}).status_code == 404


def test_the_tracking_page_of_a_plain_case_takes_three_queries(
    commune, people, unit, django_assert_num_queries
):
    p = classify(submit(commune, "feedback"), people, unit, "feedback")
    url = f"/xa/{commune.slug}/tra-cuu/"
    Client().get(url, {"ma": p.tracking_code})
    # The commune, the case with its unit and field (and whether it has files or parts), its steps.
    with django_assert_num_queries(3):
        response = Client().get(url, {"ma": p.tracking_code})
    assert response.status_code == 200 and p.tracking_code in response.content.decode()
