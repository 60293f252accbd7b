"""Vietnamese date phrases: full dates, quarters, half-years, and what is not a date."""

from datetime import date

from danvan.text.dates import (
    find_dates,
    make_date,
    parse_date,
    parse_half_year_end,
    parse_month_end,
    parse_quarter,
    parse_quarter_end,
    quarter_end,
)


def test_numeric_dates_with_slash_dash_and_dot():
    assert parse_date("ngày 14/8/2023") == date(2023, 8, 14)
    assert parse_date("14-8-2023") == date(2023, 8, 14)
    assert parse_date("ngày 01.11.2026") == date(2026, 11, 1)


def test_spelled_out_date():
    assert parse_date("ngày 14 tháng 8 năm 2023 của Chính phủ") == date(2023, 8, 14)


def test_impossible_dates_are_not_dates():
    assert parse_date("ngày 31/2/2026") is None
    assert parse_date("ngày 30 tháng 13 năm 2026") is None
    assert make_date(29, 2, 2025) is None
    assert make_date(29, 2, 2024) == date(2024, 2, 29)


def test_year_ranges_and_document_numbers_are_not_dates():
    assert find_dates("giai đoạn 2021-2025") == []
    assert find_dates("Nghị định số 59/2023/NĐ-CP") == []


def test_blank_day_in_a_draft_is_not_a_date():
    assert parse_date("ngày        tháng  5  năm 2026") is None


def test_find_dates_keeps_order_and_positions():
    text = "6 tháng (trước ngày 15/5/2026) và năm (trước ngày 30/10/2026)"
    found = find_dates(text)
    assert [d.value for d in found] == [date(2026, 5, 15), date(2026, 10, 30)]
    assert text[found[0].start : found[0].end] == "15/5/2026"


def test_quarters():
    assert parse_quarter("Quý II/2026") == (2, 2026)
    assert parse_quarter("trong Quý IV năm 2025") == (4, 2025)
    assert parse_quarter("quý 3/2026") == (3, 2026)
    assert parse_quarter_end("Quý II/2026") == date(2026, 6, 30)
    assert parse_quarter_end("Quý IV năm 2025") == date(2025, 12, 31)
    assert quarter_end(5, 2026) is None
    assert parse_quarter("Quý V/2026") is None


def test_half_year_and_month():
    assert parse_half_year_end("6 tháng đầu năm 2026") == date(2026, 6, 30)
    assert parse_half_year_end("6 tháng cuối năm", default_year=2026) == date(2026, 12, 31)
    assert parse_half_year_end("6 tháng cuối năm") is None
    assert parse_month_end("trong tháng 2/2026") == date(2026, 2, 28)
    assert parse_month_end("tháng 6 năm 2026") == date(2026, 6, 30)


def test_the_reporting_period_in_progress_is_the_half_year_then_the_year():
    from datetime import date

    from danvan.text.dates import reporting_period

    assert reporting_period(date(2026, 3, 1)) == (date(2026, 1, 1), date(2026, 6, 30))
    assert reporting_period(date(2026, 6, 30)) == (date(2026, 1, 1), date(2026, 6, 30))
    assert reporting_period(date(2026, 12, 3)) == (date(2026, 1, 1), date(2026, 12, 31))
