"""The demo plan shipped with the package parses into a complete, well-formed plan (no database needed)."""

from datetime import date
from pathlib import Path

import pytest

import danvan.demo
from danvan.plans.importer import import_plan, parse_plan_text
from danvan.plans.importer.units import STANDARD_UNITS, match_unit

DEMO_PLAN = Path(danvan.demo.__file__).parent / "ke-hoach-dan-van-2026.txt"
# The day the demo is pictured on: some deadlines have passed by then, some are still ahead.
DEMO_TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def plan() -> dict:
    return parse_plan_text(DEMO_PLAN.read_text(encoding="utf-8"))


def test_demo_plan_file_ships_with_the_package():
    assert DEMO_PLAN.is_file()
    # The same result whether read by the importer (as an upload would be) or parsed from text.
    assert import_plan(DEMO_PLAN)["number"] == "18/KH-UBND"


def test_header_fields(plan):
    assert plan["number"] == "18/KH-UBND"
    assert plan["issued_on"] == "2026-01-20"
    assert plan["year"] == 2026
    assert "TÀ ĐÙNG" in plan["issuer"]
    assert plan["place"] == "Tà Đùng"
    assert plan["title"] == "Thực hiện công tác dân vận chính quyền và dân chủ ở cơ sở năm 2026"


def test_signer(plan):
    assert plan["signer"] == {
        "name": "Lê Thị Hạnh",
        "title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "on_behalf": "TM. ỦY BAN NHÂN DÂN",
    }


def test_basis_cites_the_documents_it_builds_on(plan):
    numbers = {plan["citations"][i]["number"] for i in plan["basis"]}
    assert {
        "10/2022/QH15",
        "59/2023/NĐ-CP",
        "61/2023/NĐ-CP",
        "120-KL/TW",
        "95/KH-UBND",
    } <= numbers


def test_tasks_all_have_a_lead_and_use_the_communes_units(plan):
    tasks = plan["tasks"]
    # Section II's items, and the two duties of section III that match none of them.
    assert 16 <= len([t for t in tasks if t["origin"] == "content"]) <= 20
    assert [t["ref"] for t in tasks if t["origin"] == "assignment"] == ["III.1-1", "III.1-2"]
    units = list(STANDARD_UNITS)
    for task in tasks:
        assert task["lead"], task["ref"]
        for name in task["lead"] + task["coordinating"]:
            assert match_unit(name, units), (task["ref"], name)
    # Every one of the commune's standard units takes part, as lead or partner.
    used = {match_unit(n, units) for t in tasks for n in t["lead"] + t["coordinating"]}
    assert used == set(units)


def test_timeframes_mix_kinds_and_straddle_the_demo_day(plan):
    frames = [t["timeframe"] for t in plan["tasks"]]
    kinds = {f["kind"] for f in frames}
    assert {"ongoing", "by_date", "within_quarter", "within_year"} <= kinds
    dated = [date.fromisoformat(f["date"]) for f in frames if f["kind"] == "by_date"]
    assert all(d.year == 2026 for d in dated)
    assert sum(d < DEMO_TODAY for d in dated) >= 2
    assert sum(d.month == 12 for d in dated) >= 2


def test_reporting_deadlines(plan):
    due = {(r["what"], r["due"]) for r in plan["reporting"]}
    assert len(plan["reporting"]) >= 4
    assert {
        ("Báo cáo 6 tháng", "2026-06-10"),
        ("Báo cáo năm", "2026-11-10"),
        ("Báo cáo 6 tháng", "2026-06-15"),
        ("Báo cáo năm", "2026-11-20"),
    } <= due
    to = {r["due"]: r["to"] for r in plan["reporting"]}
    assert any("Phòng Văn hóa – Xã hội" in t for t in to["2026-06-10"])
    assert any("Sở Nội vụ" in t for t in to["2026-11-20"])


def test_assignments_and_recipients(plan):
    units = list(STANDARD_UNITS)
    assigned = {match_unit(a["unit"], units) for a in plan["assignments"]}
    assert assigned == set(units)
    assert all(a["duties"] for a in plan["assignments"])
    assert plan["recipients"][-1].startswith("Lưu")
