"""The import preview as a coordinator uses it: suggestions with their source, duties, one-click save."""

from __future__ import annotations

import pytest

from danvan.plans.import_preview import highlight, issuer_warning
from danvan.plans.models import Plan, ReportingPeriod
from tests.plans.test_import_views import preview_form
from tests.plans.test_views import base, make_draft

pytestmark = pytest.mark.django_db


def test_the_preview_shows_each_suggestion_with_the_text_it_came_from(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    client.force_login(people.coordinator)
    page = client.get(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/").content.decode()
    # Collapsed cards, one per task, and the section III duties beside them.
    assert page.count('<details class="task-card') == len(draft.parsed["tasks"]) + 2  # + 2 blank rows
    assert "Phần Tổ chức thực hiện" in page
    assert "Phòng Văn hóa – Xã hội (" in page  # a unit with its number of duties
    assert "Nhận tất cả gợi ý và lưu kế hoạch" in page
    assert 'id="only-attention"' in page
    # A task of section III's own duties says where it came from, with its lead's source.
    assert "Nhiệm vụ riêng của đơn vị, lấy từ phần Tổ chức thực hiện." in page
    assert "(từ phần Tổ chức thực hiện)" in page
    assert "(ghi trong nhiệm vụ)" in page


def test_accepting_all_suggestions_saves_units_details_and_directions(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    form = preview_form(draft.parsed)
    form["accept"] = "all"
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form)
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert plan.tasks.count() == len(draft.parsed["tasks"])
    assert all(t.lead_units.exists() for t in plan.tasks.all())
    with_details = [t for t in draft.parsed["tasks"] if t["details"]]
    for parsed_task in with_details:
        assert plan.tasks.get(ref=parsed_task["ref"]).details == "\n".join(parsed_task["details"])
    directions = dict(plan.periods.values_list("due_date", "direction"))
    assert sorted(directions.values()) == [
        ReportingPeriod.Direction.COMMUNE_TO_PROVINCE,
        ReportingPeriod.Direction.COMMUNE_TO_PROVINCE,
        ReportingPeriod.Direction.UNITS_TO_COMMUNE,
        ReportingPeriod.Direction.UNITS_TO_COMMUNE,
    ]


def test_a_plan_issued_by_another_commune_is_warned_about(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    draft.parsed["issuer"] = "ỦY BAN NHÂN DÂN XÃ HỒNG PHONG"
    draft.save()
    client.force_login(people.coordinator)
    page = client.get(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/").content.decode()
    assert "Văn bản này do “ỦY BAN NHÂN DÂN XÃ HỒNG PHONG” ban hành, không phải Xã Tà Đùng." in page


def test_the_communes_own_plan_gets_no_warning(commune):
    assert issuer_warning({"issuer": "ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG"}, commune) is None
    assert issuer_warning({"issuer": None}, commune) is None


def test_highlighting_marks_the_phrase_and_escapes_the_rest():
    marked = highlight(
        "<b>Phòng Kinh tế</b> chủ trì, hoàn thành trước ngày 30/5/2026", "trước ngày 30/5/2026"
    )
    assert marked == "&lt;b&gt;Phòng Kinh tế&lt;/b&gt; chủ trì, hoàn thành <mark>trước ngày 30/5/2026</mark>"
    assert highlight("<i>x</i>", None) == "&lt;i&gt;x&lt;/i&gt;"


# --- per-task unit pickers ------------------------------------------------------------------------


def test_each_task_has_a_lead_picker_naming_its_suggestion(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    client.force_login(people.coordinator)
    page = client.get(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/").content.decode()
    assert page.count('name="tasks-0-lead_pick"') == 1
    first_lead = draft.parsed["tasks"][0]["lead"][0]
    assert f"Theo gợi ý: {first_lead}" in page or "Theo gợi ý: " in page
    assert 'name="tasks-0-partners_pick"' in page
    assert "Chỉ ghi tên, không giao cho đơn vị" in page


def test_a_tasks_pickers_override_the_names_for_that_task_only(client, people, commune):
    from danvan.org.models import Unit

    draft = make_draft(commune, people.coordinator)
    police = Unit.objects.get(commune=commune, name="Công an xã")
    economy = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    form = preview_form(draft.parsed)
    form["tasks-0-lead_pick"] = str(police.pk)
    form["tasks-0-partners_pick"] = [str(economy.pk)]
    form["tasks-1-lead_pick"] = "__text__"
    client.force_login(people.coordinator)
    assert client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form).status_code == 302
    plan = Plan.objects.get()
    first, second, third = plan.tasks.order_by("order")[:3]
    assert list(first.lead_units.all()) == [police]
    assert economy in first.coordinating_units.all()
    assert not second.lead_units.exists() and second.lead_text  # the name kept as written
    assert third.lead_units.exists()  # no pick: the suggestion stands


def test_a_picker_with_another_communes_unit_saves_nothing(client, people, commune, other_commune):
    from danvan.org.models import Unit

    draft = make_draft(commune, people.coordinator)
    foreign = Unit.objects.filter(commune=other_commune).first()
    form = preview_form(draft.parsed)
    form["tasks-0-lead_pick"] = str(foreign.pk)
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form)
    assert response.status_code == 400
    assert "Đơn vị chủ trì đã chọn không có trong danh sách." in response.content.decode()
    assert not Plan.objects.exists()


def test_create_unit_picked_for_one_task_creates_it_once(client, people, commune):
    from danvan.org.models import Unit

    draft = make_draft(commune, people.coordinator)
    form = preview_form(draft.parsed)
    form["tasks-0-lead"] = "Tổ công nghệ số cộng đồng"
    form["tasks-0-lead_pick"] = "__new__"
    client.force_login(people.coordinator)
    assert client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form).status_code == 302
    unit = Unit.objects.get(commune=commune, name="Tổ công nghệ số cộng đồng")
    assert list(Plan.objects.get().tasks.order_by("order").first().lead_units.all()) == [unit]


def test_create_unit_picked_without_a_name_says_so(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    form = preview_form(draft.parsed)
    form["tasks-0-lead"] = ""
    form["tasks-0-lead_pick"] = "__new__"
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form)
    assert response.status_code == 400
    assert "Ghi tên đơn vị ở ô Chủ trì để tạo đơn vị mới." in response.content.decode()
    assert not Plan.objects.exists()
