"""Time frames written inside sentences, and reporting clauses with their direction (our own wording)."""

from __future__ import annotations

import pytest

from danvan.plans.importer.reporting import reporting_in
from danvan.plans.importer.timeframe import classify, states_time, timeframe_in


@pytest.mark.parametrize(
    ("text", "kind", "date", "phrase"),
    [
        ("Vận động hộ gia đình ký cam kết, hoàn thành trước ngày 30/5/2026.", "by_date", "2026-05-30", None),
        ("Gửi danh sách chậm nhất ngày 15/5 để tổng hợp.", "by_date", "2026-05-15", "chậm nhất ngày 15/5"),
        ("Tổ chức hội nghị đối thoại trong quý III.", "within_quarter", "2026-09-30", "trong quý III"),
        ("Rà soát quy chế dân chủ trong tháng 6/2026.", "by_date", "2026-06-30", "trong tháng 6/2026"),
        ("Sơ kết việc thực hiện trong 6 tháng đầu năm.", "by_date", "2026-06-30", None),
        ("Thường xuyên nắm tình hình dư luận ở thôn.", "ongoing", None, "Thường xuyên"),
        ("Kiểm tra định kỳ 6 tháng việc thực hiện quy chế.", "ongoing", None, "định kỳ 6 tháng"),
        ("Hằng năm biểu dương mô hình dân vận khéo.", "within_year", "2026-12-31", "Hằng năm"),
    ],
)
def test_time_frames_written_in_a_sentence(text, kind, date, phrase):
    found = timeframe_in(text, 2026)
    assert (found["kind"], found["date"]) == (kind, date)
    assert found["text"] in text  # the phrase as written, for highlighting
    if phrase:
        assert found["text"] == phrase
    assert states_time(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Kế hoạch số 06/KH-UBND ngày 13/01/2026 của UBND xã.",  # a citation's date is no deadline
        "Công tác dân vận chính quyền năm 2026.",  # the plan's own year is no time frame
        "Tuyên truyền pháp luật về bảo vệ rừng.",
        "Bám sát nhiệm vụ thường xuyên của cơ quan.",  # a kind of work, not when
    ],
)
def test_sentences_without_a_time_frame(text):
    assert timeframe_in(text, 2026) is None


def test_a_day_and_month_without_a_year_needs_the_plans_year():
    assert timeframe_in("Nộp báo cáo trước ngày 10/11.", None) is None
    assert timeframe_in("Nộp báo cáo trước ngày 10/11.", 2026)["date"] == "2026-11-10"


def test_yearly_work_without_a_year_is_standing_work():
    assert classify("Hằng năm", None)["kind"] == "ongoing"
    assert classify("Hằng năm", 2026) == {"kind": "within_year", "date": "2026-12-31", "text": "Hằng năm"}


def test_units_report_to_the_commune():
    text = (
        "Các phòng, ban, đơn vị gửi báo cáo 6 tháng (trước ngày 10/6) và năm (trước ngày 10/11) "
        "về UBND xã (qua Phòng Văn hóa - Xã hội)."
    )
    entries = reporting_in(text, None, 2026, "xa")
    assert [(e["what"], e["due"], e["direction"]) for e in entries] == [
        ("Báo cáo 6 tháng", "2026-06-10", "units"),
        ("Báo cáo năm", "2026-11-10", "units"),
    ]
    assert entries[0]["from"] == ["Các phòng, ban, đơn vị"]
    assert entries[0]["text"].startswith("Các phòng, ban, đơn vị gửi báo cáo")


def test_the_commune_reports_to_the_province():
    text = (
        "Phòng Văn hóa - Xã hội tham mưu UBND xã tổng hợp, gửi báo cáo năm về UBND tỉnh (qua Sở Nội vụ) "
        "trước ngày 20/11/2026."
    )
    (entry,) = reporting_in(text, None, 2026, "xa")
    assert (entry["due"], entry["direction"]) == ("2026-11-20", "province")
    assert entry["to"] == ["UBND tỉnh (qua Sở Nội vụ)"]


def test_in_a_province_plan_the_departments_report_to_the_province():
    text = "Các sở, ngành gửi báo cáo năm về Sở Nội vụ trước ngày 15/11/2026 để tổng hợp."
    (entry,) = reporting_in(text, None, 2026, "tinh")
    assert entry["direction"] == "units"
    (upward,) = reporting_in(
        "Sở Nội vụ tổng hợp, báo cáo Bộ Nội vụ trước ngày 30/11/2026.", None, 2026, "tinh"
    )
    assert upward["direction"] == "province"
