"""The plan import pages: upload a file (refusals in Vietnamese, nothing saved), then the preview saves
the plan with the coordinator's edits, or says why not."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import AuditEvent
from danvan.org.models import Unit
from danvan.plans.importer.extract import MSG_LEGACY_DOC
from danvan.plans.importer.parse import NOT_A_PLAN_MESSAGE
from danvan.plans.models import Plan, PlanImportDraft
from danvan.plans.services import CREATE_UNIT, unit_names_in
from tests.plans.conftest import DEMO_PLAN
from tests.plans.test_views import base, make_draft

pytestmark = pytest.mark.django_db

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97–2003 file starts so

# --- upload and preview -------------------------------------------------------------------------


def upload(client, commune, name: str, content: bytes):
    return client.post(f"{base(commune)}/ke-hoach/nhap/", {"file": SimpleUploadedFile(name, content)})


def test_uploading_the_demo_plan_goes_to_the_preview(client, people, commune):
    client.force_login(people.coordinator)
    response = upload(client, commune, DEMO_PLAN.name, DEMO_PLAN.read_bytes())
    draft = PlanImportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{base(commune)}/ke-hoach/nhap/{draft.pk}/"
    assert draft.commune == commune
    assert draft.created_by == people.coordinator
    assert draft.parsed["number"] == "18/KH-UBND"
    assert len(draft.parsed["tasks"]) == 22
    assert draft.source_sha256 == hashlib.sha256(DEMO_PLAN.read_bytes()).hexdigest()
    # Reading a file saves no plan yet.
    assert not Plan.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Thực hiện công tác dân vận chính quyền và dân chủ ở cơ sở năm 2026" in page
    assert "Nhiệm vụ (22)" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.txt", b"", "Tệp đã chọn rỗng."),
        ("ke-hoach.doc", OLE2 + b"\x00" * 600, MSG_LEGACY_DOC),
        ("ghi-chu.txt", "Danh sách mua sắm: gạo, muối, nước mắm.\n".encode(), NOT_A_PLAN_MESSAGE),
        ("ke-hoach.txt", b"   \n\n  ", None),
    ],
    ids=["empty", "legacy-doc", "not-a-plan", "blank"],
)
def test_a_file_that_is_not_a_plan_shows_the_message_and_saves_nothing(
    client, people, commune, name, content, message
):
    client.force_login(people.coordinator)
    response = upload(client, commune, name, content)
    assert response.status_code == 200
    page = response.content.decode()
    if message is None:  # blank text: the importer says the file has nothing in it
        assert "Tệp rỗng" in page or "Tệp không có nội dung." in page
    else:
        assert message in page
    assert not PlanImportDraft.objects.exists()
    assert not Plan.objects.exists()


def test_upload_without_a_file(client, people, commune):
    client.force_login(people.coordinator)
    # A browser posts the empty file input with the form's other fields.
    response = client.post(f"{base(commune)}/ke-hoach/nhap/", {"file": ""})
    assert "Vui lòng chọn tệp kế hoạch." in response.content.decode()
    assert not PlanImportDraft.objects.exists()


def preview_form(parsed: dict, **header) -> dict:
    """The preview form as the page fills it from what was read."""
    data = {
        "plan-title": parsed["title"],
        "plan-number": parsed.get("number") or "",
        "plan-issued_on": parsed.get("issued_on") or "",
        "plan-year": parsed.get("year") or "",
        "tasks-TOTAL_FORMS": str(len(parsed["tasks"])),
        "tasks-INITIAL_FORMS": str(len(parsed["tasks"])),
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "rep-TOTAL_FORMS": str(len(parsed["reporting"])),
        "rep-INITIAL_FORMS": str(len(parsed["reporting"])),
        "rep-MIN_NUM_FORMS": "0",
        "rep-MAX_NUM_FORMS": "50",
    }
    data.update({f"plan-{k}": v for k, v in header.items()})
    for i, t in enumerate(parsed["tasks"]):
        frame = t.get("timeframe") or {}
        data.update(
            {
                f"tasks-{i}-ref": t.get("ref") or "",
                f"tasks-{i}-content": t["content"],
                f"tasks-{i}-lead": "; ".join(t.get("lead") or []),
                f"tasks-{i}-coordinating": "; ".join(t.get("coordinating") or []),
                f"tasks-{i}-kind": frame.get("kind") or "unspecified",
                f"tasks-{i}-date": frame.get("date") or "",
            }
        )
    for i, r in enumerate(parsed["reporting"]):
        data.update({f"rep-{i}-what": r["what"], f"rep-{i}-due": r["due"], f"rep-{i}-to": "; ".join(r["to"])})
    return data


def add_task(form: dict, **fields) -> None:
    i = int(form["tasks-TOTAL_FORMS"])
    form["tasks-TOTAL_FORMS"] = str(i + 1)
    form.update({f"tasks-{i}-{k}": v for k, v in fields.items()})


def test_preview_saves_the_plan_with_the_coordinators_edits(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    parsed = draft.parsed
    form = preview_form(parsed, title="Kế hoạch dân vận chính quyền năm 2026 (bản sửa)")
    form["tasks-0-DELETE"] = "on"  # II.1 removed
    add_task(
        form,
        ref="II.13",
        content="Vận động hội viên nông dân tham gia xây dựng nông thôn mới.",
        lead="Hội Nông dân xã",
        coordinating="Phòng Kinh tế",
        kind="by_date",
        date="15/10/2026",
    )
    form[f"unit-{len(unit_names_in(parsed))}"] = CREATE_UNIT  # the new name comes after those read
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form, follow=True)

    plan = Plan.objects.get()
    assert response.redirect_chain[-1][0] == f"{base(commune)}/ke-hoach/{plan.pk}/"
    assert "Đã lưu dự thảo kế hoạch với 22 nhiệm vụ." in response.content.decode()
    assert plan.title == "Kế hoạch dân vận chính quyền năm 2026 (bản sửa)"
    assert (plan.status, plan.number, plan.issued_on) == (Plan.Status.DRAFT, "18/KH-UBND", date(2026, 1, 20))
    refs = list(plan.tasks.order_by("order").values_list("ref", flat=True))
    assert "II.1" not in refs
    assert refs[0] == "II.2" and refs[-1] == "II.13"
    new = plan.tasks.get(ref="II.13")
    farmers = Unit.objects.get(commune=commune, name="Hội Nông dân xã")
    assert list(new.lead_units.all()) == [farmers]
    assert [u.name for u in new.coordinating_units.all()] == ["Phòng Kinh tế"]
    assert (new.timeframe, new.due_date) == ("by_date", date(2026, 10, 15))
    assert AuditEvent.objects.filter(action="org.unit_create", object_id=str(farmers.pk)).exists()
    # Unchanged rows keep the document's wording of their time frame.
    assert plan.tasks.get(ref="II.2").timeframe_text == "trước ngày 31/3/2026"
    assert plan.periods.count() == 4
    draft.refresh_from_db()
    assert draft.plan == plan
    # Opening the preview again leads to the saved plan, not a second copy.
    again = client.get(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", follow=True)
    assert again.redirect_chain[-1][0] == f"{base(commune)}/ke-hoach/{plan.pk}/"
    assert Plan.objects.count() == 1


def test_preview_with_a_dated_task_lacking_a_date_saves_nothing(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    form = preview_form(draft.parsed)
    form["tasks-1-date"] = ""  # II.2 "trước ngày ..."
    add_task(form, ref="II.13", content="Việc mới.", lead="Hội Nông dân xã", kind="ongoing", date="")
    units_before = Unit.objects.count()
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form)
    assert response.status_code == 400  # refused: the page says why
    page = response.content.decode()
    assert "Nhiệm vụ có thời hạn cần ghi ngày." in page
    assert "Một số ô chưa hợp lệ. Vui lòng xem các thông báo màu đỏ bên dưới." in page
    # What was typed is still there.
    assert "Việc mới." in page
    assert not Plan.objects.exists()
    assert Unit.objects.count() == units_before
    draft.refresh_from_db()
    assert draft.plan is None


def test_preview_with_no_title_saves_nothing(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", preview_form(draft.parsed, title=""))
    assert "Vui lòng nhập tên kế hoạch." in response.content.decode()
    assert not Plan.objects.exists()


def test_preview_with_every_task_deleted_shows_the_services_message(client, people, commune):
    draft = make_draft(commune, people.coordinator)
    form = preview_form(draft.parsed)
    for i in range(len(draft.parsed["tasks"])):
        form[f"tasks-{i}-DELETE"] = "on"
    client.force_login(people.coordinator)
    response = client.post(f"{base(commune)}/ke-hoach/nhap/{draft.pk}/", form)
    assert "Không tìm thấy nhiệm vụ nào trong kế hoạch." in response.content.decode()
    assert not Plan.objects.exists()


def test_a_file_over_10_mb_is_refused(client, people, commune):
    client.force_login(people.coordinator)
    response = upload(client, commune, "ke-hoach.txt", b"a" * (10 * 1024 * 1024 + 1))
    assert "Tệp lớn hơn 10 MB. Vui lòng chọn tệp nhỏ hơn." in response.content.decode()
    assert not PlanImportDraft.objects.exists()
