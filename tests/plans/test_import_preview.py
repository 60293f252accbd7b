"""The import preview as a coordinator uses it: suggestions with their source, duties, one-click save."""

from __future__ import annotations

import pytest

from danvan.plans.import_preview import highlight, issuer_warning
from danvan.plans.models import Plan, ReportingPeriod
from tests.plans.test_views import base, make_draft, preview_form

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
