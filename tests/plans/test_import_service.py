"""plan_import: a plan read from a file becomes a draft with its tasks, units, citations and periods."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Unit
from danvan.plans.importer import import_plan
from danvan.plans.models import LegalDocument, Plan, PlanCitation, ReportingPeriod, Task
from danvan.plans.services import (
    ALL_UNITS,
    CREATE_UNIT,
    KEEP_AS_TEXT,
    plan_import,
    unit_map_default,
    unit_names_in,
)
from tests.plans.conftest import SAMPLE_PLANS, demo_data, import_demo

pytestmark = pytest.mark.django_db


def unit(commune, name: str) -> Unit:
    return Unit.objects.get(commune=commune, name=name)


def names(units) -> set[str]:
    return {u.name for u in units}


def counts() -> dict[str, int]:
    return {
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "units": Unit.objects.count(),
        "documents": LegalDocument.objects.count(),
        "citations": PlanCitation.objects.count(),
        "periods": ReportingPeriod.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


# --- the demo plan --------------------------------------------------------------------------------


def test_demo_plan_becomes_a_draft_with_its_header(commune, people):
    plan = import_demo(commune, people.coordinator)
    assert plan.status == Plan.Status.DRAFT
    assert plan.commune == commune
    assert plan.title == "Thực hiện công tác dân vận chính quyền và dân chủ ở cơ sở năm 2026"
    assert plan.number == "18/KH-UBND"
    assert plan.issued_on == date(2026, 1, 20)
    assert plan.year == 2026
    assert plan.signer_name == "Lê Thị Hạnh"
    assert plan.created_by == people.coordinator
    assert plan.source_name == "ke-hoach-dan-van-2026.txt"
    assert len(plan.source_sha256) == 64
    assert "Ủy ban MTTQ Việt Nam xã" in plan.recipients


def test_demo_plan_has_its_tasks_in_document_order(commune, people):
    plan = import_demo(commune, people.coordinator)
    tasks = list(plan.tasks.order_by("order"))
    assert len(tasks) == 22
    assert [t.ref for t in tasks[:4]] == ["II.1", "II.2", "II.3", "II.3.1"]
    assert [t.ref for t in tasks[-3:]] == ["II.12", "III.1-1", "III.1-2"]  # then section III's own duties
    assert [t.order for t in tasks] == list(range(1, 23))


def test_leads_and_partners_are_mapped_to_the_communes_units(commune, people):
    plan = import_demo(commune, people.coordinator)
    first = plan.tasks.get(ref="II.1")
    assert names(first.lead_units.all()) == {"Phòng Văn hóa – Xã hội"}
    assert names(first.coordinating_units.all()) == {"Văn phòng HĐND và UBND", "Trung tâm Dịch vụ công"}
    # The document's wording is kept as written, next to the mapped units.
    assert first.lead_text == "Phòng Văn hóa – Xã hội"
    assert first.coordinating_text == "Văn phòng HĐND và UBND xã; Trung tâm Dịch vụ công"
    # "Ban Chỉ huy Quân sự xã" in the text is the commune's "Ban Chỉ huy Quân sự".
    ten = plan.tasks.get(ref="II.10")
    assert "Ban Chỉ huy Quân sự" in names(ten.coordinating_units.all())
    # Every unit a task names is one of this commune's own units, and nothing new was created.
    used = Unit.objects.filter(led_tasks__plan=plan) | Unit.objects.filter(coordinated_tasks__plan=plan)
    assert {u.commune_id for u in used.distinct()} == {commune.code}
    assert Unit.objects.filter(commune=commune).count() == 8
    assert names(used.distinct()) == names(Unit.objects.filter(commune=commune))


def test_time_frames_are_kept(commune, people):
    plan = import_demo(commune, people.coordinator)
    ongoing = plan.tasks.get(ref="II.1")
    assert (ongoing.timeframe, ongoing.due_date) == ("ongoing", None)
    by_date = plan.tasks.get(ref="II.2")
    assert (by_date.timeframe, by_date.due_date, by_date.timeframe_text) == (
        "by_date",
        date(2026, 3, 31),
        "trước ngày 31/3/2026",
    )
    quarter = plan.tasks.get(ref="II.3.2")
    assert (quarter.timeframe, quarter.due_date) == ("within_quarter", date(2026, 9, 30))
    assert all(t.status == Task.Status.NOT_STARTED for t in plan.tasks.all())


def test_citations_are_linked_and_basis_flagged(commune, people):
    plan = import_demo(commune, people.coordinator)
    cited = list(plan.plan_citations.select_related("document").order_by("order"))
    assert [c.document.number for c in cited] == [
        "10/2022/QH15",
        "59/2023/NĐ-CP",
        "61/2023/NĐ-CP",
        "120-KL/TW",
        "33/CT-TTg",
        "95/KH-UBND",
    ]
    assert all(c.is_basis for c in cited)
    decree = LegalDocument.objects.get(number="59/2023/NĐ-CP")
    assert decree.doc_type == "Nghị định"
    assert decree.issued_on == date(2023, 8, 14)
    assert decree.issuer == "Chính phủ"


def test_parent_document_is_the_province_plan(commune, people):
    plan = import_demo(commune, people.coordinator)
    assert plan.parent_document is not None
    assert plan.parent_document.doc_type == "Kế hoạch"
    assert plan.parent_document.number == "95/KH-UBND"
    assert plan.parent_document.issuer == "UBND tỉnh Lâm Đồng"


def test_a_citation_outside_the_basis_is_not_flagged(commune, people):
    data = demo_data()
    data["basis"] = [0, 1]  # the others are only mentioned in the body
    plan = import_demo(commune, people.coordinator, data=data)
    flags = {c.document.number: c.is_basis for c in plan.plan_citations.select_related("document")}
    assert flags["10/2022/QH15"] and flags["59/2023/NĐ-CP"]
    assert not flags["61/2023/NĐ-CP"] and not flags["95/KH-UBND"]
    # The province plan is only the parent when the plan says it builds on it.
    assert plan.parent_document is None


def test_the_same_decree_cited_by_two_plans_is_one_document(commune, neighbour, people):
    first = import_demo(commune, people.coordinator)
    assert LegalDocument.objects.count() == 6
    second = import_demo(neighbour, None)
    assert LegalDocument.objects.count() == 6
    assert set(first.citations.values_list("pk", flat=True)) == set(
        second.citations.values_list("pk", flat=True)
    )
    assert LegalDocument.objects.filter(number="59/2023/NĐ-CP").count() == 1
    assert second.parent_document == first.parent_document
    assert PlanCitation.objects.filter(plan=second).count() == 6


def test_a_decree_cited_twice_in_one_plan_is_linked_once(commune, people):
    data = demo_data()
    data["citations"].append(dict(data["citations"][1]))  # 59/2023/NĐ-CP mentioned again in the body
    plan = import_demo(commune, people.coordinator, data=data)
    assert plan.plan_citations.count() == 6
    assert LegalDocument.objects.filter(number="59/2023/NĐ-CP").count() == 1


def test_reporting_periods_and_their_directions(commune, people):
    plan = import_demo(commune, people.coordinator)
    periods = [(p.name, p.kind, p.direction, p.due_date) for p in plan.periods.order_by("due_date")]
    units, province = (
        ReportingPeriod.Direction.UNITS_TO_COMMUNE,
        ReportingPeriod.Direction.COMMUNE_TO_PROVINCE,
    )
    six, year = ReportingPeriod.Kind.SIX_MONTHS, ReportingPeriod.Kind.YEAR
    assert periods == [
        ("Báo cáo 6 tháng", six, units, date(2026, 6, 10)),
        ("Báo cáo 6 tháng", six, province, date(2026, 6, 15)),
        ("Báo cáo năm", year, units, date(2026, 11, 10)),
        ("Báo cáo năm", year, province, date(2026, 11, 20)),
    ]
    to_province = plan.periods.filter(direction=province).first()
    assert "Sở Nội vụ" in to_province.recipient


def test_import_is_audited(commune, people):
    plan = import_demo(commune, people.coordinator)
    event = AuditEvent.objects.get(action="plans.plan_import")
    assert event.actor == people.coordinator
    assert event.commune == commune
    assert event.object_id == str(plan.pk)
    assert event.after["tasks"] == 22
    assert event.after["citations"] == 6
    assert event.after["periods"] == 4
    assert event.after["units_created"] == []
    assert event.after["source"] == "ke-hoach-dan-van-2026.txt"


# --- the unit map ---------------------------------------------------------------------------------


def test_proposed_map_matches_existing_units(commune):
    data = demo_data()
    proposal = unit_map_default(commune=commune, names=unit_names_in(data))
    assert proposal["Phòng Kinh tế"] == str(unit(commune, "Phòng Kinh tế").pk)
    assert proposal["Ban Chỉ huy Quân sự xã"] == str(unit(commune, "Ban Chỉ huy Quân sự").pk)
    assert CREATE_UNIT not in proposal.values()


def test_proposed_map_for_groups_bodies_outside_and_unknown_units(commune):
    proposal = unit_map_default(
        commune=commune, names=["Các phòng, ban, đơn vị", "UBND tỉnh Lâm Đồng", "Hội Nông dân xã"]
    )
    assert proposal == {
        "Các phòng, ban, đơn vị": ALL_UNITS,
        "UBND tỉnh Lâm Đồng": KEEP_AS_TEXT,
        "Hội Nông dân xã": CREATE_UNIT,
    }


def test_a_time_or_a_heading_read_as_the_owner_is_proposed_as_text_not_as_a_new_unit(commune):
    """An appendix table's time column or a task heading read as the owner ("Quý IV/2025", "Hằng năm",
    "2026 - 2030", "Theo kế hoạch") must not become a unit of the commune when the preview is saved."""
    read = ["Quý IV/2025", "Hằng năm", "2026 - 2030", "Theo kế hoạch", "Hoàn thiện quy chế làm việc", "Ban"]
    proposal = unit_map_default(commune=commune, names=[*read, "Hội Nông dân xã", "Các phòng, ban, đơn vị"])
    assert {name: proposal[name] for name in read} == dict.fromkeys(read, KEEP_AS_TEXT)
    assert proposal["Hội Nông dân xã"] == CREATE_UNIT
    assert proposal["Các phòng, ban, đơn vị"] == ALL_UNITS


def test_a_name_too_long_for_a_unit_stays_text_and_the_plan_imports(commune, people):
    """A list of bodies read as one name (a provincial plan's "Bộ …, Bộ …, Đài …") is longer than any unit
    may be: proposed as text, so the plan is saved instead of refused over one name."""
    bodies = ", ".join(
        f"Sở Quản lý chuyên ngành số {n} của tỉnh và các đơn vị trực thuộc" for n in range(1, 4)
    )
    assert len(bodies) > 150
    data = _one_task(["Phòng Kinh tế"], [bodies])
    proposal = unit_map_default(commune=commune, names=unit_names_in(data))
    assert proposal[bodies] == KEEP_AS_TEXT
    plan = import_demo(commune, people.coordinator, data=data, unit_map=proposal)
    task = plan.tasks.get()
    assert names(task.lead_units.all()) == {"Phòng Kinh tế"}
    assert task.coordinating_units.count() == 0
    assert task.coordinating_text == bodies


def _one_task(lead: list[str], coordinating: list[str] | None = None) -> dict:
    data = demo_data()
    data["tasks"] = [
        {
            "ref": "1",
            "content": "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở.",
            "lead": lead,
            "coordinating": coordinating or [],
            "timeframe": {"kind": "ongoing", "date": None, "text": "Thường xuyên"},
        }
    ]
    return data


def test_all_units_assigns_every_active_unit(commune, people):
    retired = unit(commune, "Trung tâm Dịch vụ công")
    Unit.objects.filter(pk=retired.pk).update(is_active=False)
    data = _one_task(["Các phòng, ban, đơn vị"])
    plan = import_demo(commune, people.coordinator, data=data, unit_map={"Các phòng, ban, đơn vị": ALL_UNITS})
    task = plan.tasks.get()
    assert names(task.lead_units.all()) == names(Unit.objects.filter(commune=commune, is_active=True))
    assert task.lead_units.count() == 7
    assert task.lead_text == "Các phòng, ban, đơn vị"


def test_create_unit_adds_the_unit_to_the_commune_and_audits_it(commune, people):
    data = _one_task(["Hội Nông dân xã"], ["Phòng Kinh tế"])
    unit_map = {"Hội Nông dân xã": CREATE_UNIT, "Phòng Kinh tế": str(unit(commune, "Phòng Kinh tế").pk)}
    plan = import_demo(commune, people.coordinator, data=data, unit_map=unit_map)
    created = unit(commune, "Hội Nông dân xã")
    task = plan.tasks.get()
    assert list(task.lead_units.all()) == [created]
    assert names(task.coordinating_units.all()) == {"Phòng Kinh tế"}
    event = AuditEvent.objects.get(action="org.unit_create")
    assert event.actor == people.coordinator
    assert event.object_id == str(created.pk)
    assert event.after["name"] == "Hội Nông dân xã"
    assert AuditEvent.objects.get(action="plans.plan_import").after["units_created"] == ["Hội Nông dân xã"]


def test_create_unit_twice_in_one_plan_creates_one_unit(commune, people):
    data = _one_task(["Hội Nông dân xã"])
    data["tasks"].append({**data["tasks"][0], "ref": "2", "coordinating": ["Hội Nông dân xã"], "lead": []})
    plan = import_demo(commune, people.coordinator, data=data, unit_map={"Hội Nông dân xã": CREATE_UNIT})
    assert Unit.objects.filter(commune=commune, name="Hội Nông dân xã").count() == 1
    assert plan.tasks.get(ref="2").coordinating_units.get().name == "Hội Nông dân xã"


def test_keep_as_text_keeps_the_name_without_a_unit(commune, people):
    data = _one_task(["Sở Nội vụ tỉnh Lâm Đồng"])
    before = Unit.objects.count()
    plan = import_demo(
        commune, people.coordinator, data=data, unit_map={"Sở Nội vụ tỉnh Lâm Đồng": KEEP_AS_TEXT}
    )
    task = plan.tasks.get()
    assert task.lead_units.count() == 0
    assert task.lead_text == "Sở Nội vụ tỉnh Lâm Đồng"
    assert Unit.objects.count() == before


def test_a_unit_both_leading_and_joining_is_only_the_lead(commune, people):
    kinh_te = str(unit(commune, "Phòng Kinh tế").pk)
    data = _one_task(["Phòng Kinh tế"], ["Phòng KT", "Công an xã"])
    unit_map = {
        "Phòng Kinh tế": kinh_te,
        "Phòng KT": kinh_te,
        "Công an xã": str(unit(commune, "Công an xã").pk),
    }
    task = import_demo(commune, people.coordinator, data=data, unit_map=unit_map).tasks.get()
    assert names(task.lead_units.all()) == {"Phòng Kinh tế"}
    assert names(task.coordinating_units.all()) == {"Công an xã"}


# --- bad input: a Vietnamese message and nothing saved ---------------------------------------------


def _refused(commune, people, data, unit_map) -> ServiceError:
    before = counts()
    with pytest.raises(ServiceError) as err:
        plan_import(commune=commune, data=data, unit_map=unit_map, by=people.coordinator)
    assert counts() == before
    assert not Unit.objects.filter(name="Hội Nông dân xã").exists()
    return err.value


def _with_a_new_unit(data: dict) -> tuple[dict, dict]:
    """Add a task led by a unit to be created, so a refusal is seen to create no unit either."""
    data["tasks"].append(
        {
            "ref": "II.13",
            "content": "Vận động hội viên tham gia xây dựng nông thôn mới.",
            "lead": ["Hội Nông dân xã"],
            "coordinating": [],
            "timeframe": {"kind": "ongoing", "date": None, "text": ""},
        }
    )
    return data, {"Hội Nông dân xã": CREATE_UNIT}


@pytest.mark.parametrize("title", ["", "   ", None])
def test_a_plan_without_a_title_is_refused(commune, people, title):
    data, unit_map = _with_a_new_unit(demo_data())
    data["title"] = title
    error = _refused(commune, people, data, unit_map)
    assert error.message == "Kế hoạch chưa có tên. Vui lòng nhập tên kế hoạch."
    assert error.field == "title"


def test_a_plan_without_tasks_is_refused(commune, people):
    data = demo_data()
    data["tasks"] = [{"ref": "1", "content": "   ", "lead": [], "coordinating": []}]
    error = _refused(commune, people, data, {"Hội Nông dân xã": CREATE_UNIT})
    assert error.message.startswith("Không tìm thấy nhiệm vụ nào trong kế hoạch.")
    assert error.field == "tasks"


def test_a_dated_task_without_a_date_is_refused(commune, people):
    data, unit_map = _with_a_new_unit(demo_data())
    data["tasks"][1]["timeframe"] = {"kind": "by_date", "date": None, "text": "trước ngày"}
    error = _refused(commune, people, data, unit_map)
    assert error.message == "Nhiệm vụ II.2 có thời hạn nhưng chưa có ngày. Vui lòng nhập ngày."


def test_a_unit_of_another_commune_is_refused(commune, other_commune, people):
    data, unit_map = _with_a_new_unit(demo_data())
    foreign = Unit.objects.get(commune=other_commune, name="Phòng Kinh tế")
    unit_map = {**unit_map_default(commune=commune, names=unit_names_in(data)), **unit_map}
    unit_map["Phòng Kinh tế"] = str(foreign.pk)
    # The new unit and the cited documents are written before the bad choice is found: all rolled back.
    error = _refused(commune, people, data, unit_map)
    assert error.message == "Đơn vị đã chọn cho “Phòng Kinh tế” không thuộc xã này."
    assert LegalDocument.objects.count() == 0


def test_a_bad_date_is_refused(commune, people):
    data, unit_map = _with_a_new_unit(demo_data())
    data["issued_on"] = "2026-02-30"
    error = _refused(commune, people, data, unit_map)
    assert error.message == "Ngày “2026-02-30” không hợp lệ."


# --- the shared sample plans ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ta-dung-2026.txt", "hong-phong-2026.txt", "binh-chuong-2026.txt"])
def test_sample_plans_import_with_the_parsers_counts(commune, people, name):
    path = SAMPLE_PLANS / name
    if not path.exists():
        pytest.skip(f"sample plans not found at {SAMPLE_PLANS} (../shared/samples is not in this checkout)")
    data = import_plan(path)
    plan = plan_import(
        commune=commune,
        data=data,
        unit_map=unit_map_default(commune=commune, names=unit_names_in(data)),
        by=people.coordinator,
        source_name=name,
    )
    assert Plan.objects.get() == plan
    assert plan.title == " ".join(data["title"].split())
    assert plan.tasks.count() == len(data["tasks"])
    assert [t.ref for t in plan.tasks.order_by("order")] == [t["ref"] for t in data["tasks"]]
    assert plan.periods.count() == len([r for r in data["reporting"] if r.get("due")])
    assert plan.plan_citations.filter(is_basis=True).count() <= len(data["basis"])
