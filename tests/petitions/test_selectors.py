"""Public tracking and the deadline lists: public-safe data, constant query counts, codes well formed."""

from datetime import date, timedelta

import pytest

from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.petitions.selectors import due_soon, overdue, public_status
from danvan.petitions.tracking import ALPHABET, PATTERN, new_tracking_code, normalize_tracking_code
from tests.petitions.conftest import accepted, classify, submit

pytestmark = pytest.mark.django_db


def test_tracking_codes_are_well_formed_unique_and_free_of_look_alikes():
    codes = {new_tracking_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(PATTERN.match(c) for c in codes)
    assert not set("".join(codes)) & set("01OIL")
    assert set("".join(codes)) - {"-"} <= set(ALPHABET)


def test_a_code_is_found_however_the_citizen_types_it():
    assert normalize_tracking_code(" k7m q9p-2xt4 ") == "K7M-Q9P-2XT4"
    assert normalize_tracking_code("K7M-Q9P-2XT") is None
    assert normalize_tracking_code("K7M-Q9P-2XT0") is None  # 0 is not in the alphabet


def test_a_thousand_petitions_get_distinct_well_formed_codes(commune):
    from danvan.petitions.services import create_with_code

    for i in range(1000):
        create_with_code(commune=commune, received_on=date(2026, 3, 2), content=f"Đơn {i}")
    codes = list(Petition.objects.values_list("tracking_code", flat=True))
    assert len(set(codes)) == 1000 and all(PATTERN.match(c) for c in codes)


def test_public_status_shows_progress_and_the_published_answer_only(
    commune, people, unit, django_assert_max_num_queries
):
    p = accepted(commune, people, unit, "feedback")
    with django_assert_max_num_queries(3):
        data = public_status(p.tracking_code.lower())
    assert data["status_label"] == "Đã thụ lý"
    assert data["unit"] == "Phòng Kinh tế" and data["deadline"] == p.resolve_due
    assert [s["status"] for s in data["steps"]] == ["received", "classified", "accepted"]
    assert data["answer"] is None
    assert "content" not in data and "identity" not in data
    assert public_status("ZZZ-ZZZ-ZZZZ") is None and public_status("rác") is None
    p = services.petition_start_verification(petition=p, by=people.officer)
    p = services.petition_resolve(petition=p, answer="Đã sửa đường.", on=date(2026, 3, 9), by=people.officer)
    assert public_status(p.tracking_code)["answer"] is None  # no consent to publish


def _make(commune, people, unit, n: int):
    """n petitions of each situation: late to process, late to resolve, due soon, not due."""
    for _ in range(n):
        submit(commune, "feedback", received_on=date(2026, 3, 2))  # process due 16/3
        accepted(commune, people, unit, "feedback")  # resolve due 25/3 (15 working days from 4/3)
        classify(submit(commune, "complaint", received_on=date(2026, 3, 2)), people, unit, "complaint")


def test_overdue_and_due_soon_lists(commune, people, unit):
    _make(commune, people, unit, 1)
    late = overdue(commune=commune, today=date(2026, 3, 17))
    # The complaint's acceptance deadline and the feedback's processing one: both 10 working days
    # from 2/3, so 16/3 (Luật Khiếu nại Điều 27 counted in working days; TT 05/2021).
    assert sorted((r.petition.kind_hint, r.due) for r in late) == [
        ("complaint", date(2026, 3, 16)),
        ("feedback", date(2026, 3, 16)),
    ]
    assert late[0].days_late == 1
    soon = due_soon(commune=commune, today=date(2026, 3, 23), working_days=3)
    assert [(r.petition.status, r.due, r.working_days_left) for r in soon] == [
        ("accepted", date(2026, 3, 25), 2)
    ]
    assert (
        overdue(commune=commune, today=date(2026, 3, 17), unit=unit)[0].petition.unit.name == "Phòng Kinh tế"
    )


@pytest.mark.parametrize("n", [1, 10])
def test_the_lists_take_the_same_number_of_queries_whatever_the_data_size(
    commune, people, unit, n, django_assert_max_num_queries
):
    _make(commune, people, unit, n)
    with django_assert_max_num_queries(1):
        rows = overdue(commune=commune, today=date(2026, 4, 30))
        for r in rows:
            _ = (r.petition.unit and r.petition.unit.name, r.petition.field, r.petition.village)
    assert len(rows) == 3 * n
    with django_assert_max_num_queries(2):
        rows = due_soon(commune=commune, today=date(2026, 3, 23) - timedelta(days=0))
        for r in rows:
            _ = (r.petition.unit and r.petition.unit.name, r.petition.village)
    assert len(rows) == n


def test_the_deadline_computed_in_sql_is_the_rules_deadline(commune, people, unit):
    from danvan.petitions import rules
    from danvan.petitions.selectors import overdue_count

    _make(commune, people, unit, 2)
    late = overdue(commune=commune, today=date(2026, 12, 31))
    assert len(late) == 6 == overdue_count(commune=commune, today=date(2026, 12, 31))
    assert all(r.due == rules.current_due(r.petition) for r in late)
    assert [r.due for r in late] == sorted(r.due for r in late)
    # Already late cases are not "due soon": the soon list starts today.
    assert due_soon(commune=commune, today=date(2026, 3, 17), working_days=3) == []


def test_the_deadlines_page_pages_a_long_overdue_list(client, commune, people):
    for _ in range(55):
        submit(commune, "feedback", received_on=date(2026, 3, 2))
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/don-thu/han-xu-ly/"
    page1 = client.get(url).content.decode()
    assert "Quá hạn (55)" in page1
    assert page1.count("quá hạn ") == 50 and "Trang 1/2" in page1
    page2 = client.get(url, {"trang": 2}).content.decode()
    assert page2.count("quá hạn ") == 5
