"""Follow-up of decisions: a resolved complaint's or denunciation's execution items, carried out with a
result and evidence, late ones shown to the leader and counted in the report; a denunciation's items
only for those who may see it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.core.sections import provider
from danvan.followup.models import ExecutionItem
from danvan.followup.selectors import late_items, period_counts, visible_items
from danvan.followup.services import execution_add, execution_cancel, execution_done
from danvan.petitions import services
from danvan.petitions.services.letters import letter_issue
from tests.petitions.conftest import accepted, png
from tests.petitions.test_letters import DECISION

pytestmark = pytest.mark.django_db


def resolved(commune, people, unit, kind="complaint"):
    p = accepted(commune, people, unit, kind)
    p = services.petition_start_verification(petition=p, by=people.leader)
    key = "quyet-dinh-giai-quyet-khieu-nai" if kind == "complaint" else "ket-luan-to-cao"
    letter_issue(
        petition=p,
        key=key,
        by=people.leader,
        issued_on=date(2026, 3, 20),
        signer_name="Nguyễn Văn Chủ",
        **DECISION,
    )
    return services.petition_resolve(
        petition=p, answer="Khiếu nại đúng một phần.", on=date(2026, 3, 20), by=people.leader
    )


def add(petition, people, unit, **kw):
    args = {
        "petition": petition,
        "by": people.coordinator,
        "content": "Trả lại 30 m² đất cho hộ ông A.",
        "unit": unit,
        "responsible": "Công chức địa chính xã",
        "due_on": date(2026, 4, 20),
    }
    return execution_add(**{**args, **kw})


def test_an_item_follows_the_decision_to_done_with_evidence(commune, people, unit):
    complaint = resolved(commune, people, unit)
    item = add(complaint, people, unit)
    assert item.decision.number_symbol == "01/QĐ-UBND" and item.status == "open"
    assert late_items(commune, timezone.localdate()).count() == 1  # 20/4/2026 has passed
    done = execution_done(
        item=item, by=people.officer, result="Đã bàn giao đất tại thực địa.", evidence=png()
    )
    assert done.status == "done" and done.evidence_sha256 and done.done_on == timezone.localdate()
    assert late_items(commune, timezone.localdate()).count() == 0
    actions = list(
        AuditEvent.objects.filter(action__startswith="followup.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["followup.execution_add", "followup.execution_done"]
    with pytest.raises(ServiceError):
        execution_done(item=done, by=people.leader, result="Lần nữa")


def test_only_a_resolved_complaint_or_denunciation_and_only_the_right_people(commune, people, unit):
    open_case = accepted(commune, people, unit, "complaint")
    with pytest.raises(ServiceError) as not_yet:
        add(open_case, people, unit)
    assert not_yet.value.code == "status"
    complaint = resolved(commune, people, unit)
    for who in (people.officer, people.supervisor, people.village_head, people.outsider):
        with pytest.raises(ServiceError):
            add(complaint, people, unit, by=who)
    with pytest.raises(ServiceError) as early:
        add(complaint, people, unit, due_on=date(2026, 3, 1))
    assert early.value.field == "due_on"
    with pytest.raises(ServiceError) as blank:
        add(complaint, people, unit, content=" ")
    assert blank.value.field == "content"
    assert not ExecutionItem.objects.exists()
    item = add(complaint, people, unit)
    with pytest.raises(ServiceError):  # the supervisor watches, does not record
        execution_done(item=item, by=people.supervisor, result="x")
    with pytest.raises(ServiceError):  # a unit officer reports, does not cancel
        execution_cancel(item=item, by=people.officer, reason="x")
    cancelled = execution_cancel(item=item, by=people.leader, reason="Quyết định bị hủy ở lần hai.")
    assert cancelled.status == "cancelled" and cancelled.result


def test_a_denunciations_items_are_hidden_from_those_who_may_not_see_it(commune, people, unit):
    denunciation = resolved(commune, people, unit, "denunciation")
    add(denunciation, people, unit, content="Kiểm điểm, xử lý kỷ luật công chức B.")
    today = timezone.localdate()
    assert len(visible_items(commune, people.leader, today=today)) == 1
    assert visible_items(commune, people.supervisor, today=today) == []


def test_the_report_counts_given_done_open_and_late(commune, people, unit):
    complaint = resolved(commune, people, unit)
    first, _second = add(complaint, people, unit), add(complaint, people, unit, due_on=date(2099, 1, 1))
    execution_done(item=first, by=people.leader, result="Xong.")
    today = timezone.localdate()
    counts = period_counts([commune], today - timedelta(days=1), today)[commune.code]
    assert counts == {"given": 2, "done": 1, "open": 1, "late": 0}
    section = provider("followup").build(commune, today - timedelta(days=1), today)
    assert "đã thi hành xong 1 việc" in section.paragraphs[0]


def test_the_pages_give_an_item_show_it_on_the_case_and_to_the_leader(client, commune, people, unit):
    complaint = resolved(commune, people, unit)
    client.force_login(people.coordinator)
    new = f"/lam-viec/{commune.code}/don-thu/{complaint.pk}/thi-hanh/moi/"
    bad = client.post(
        new, {"content": "Trả lại đất", "responsible": "", "unit": unit.pk, "due_on": "20/04/2026"}
    )
    assert bad.status_code == 400 and "Vui lòng ghi người" in bad.content.decode()
    ok = client.post(
        new, {"content": "Trả lại đất", "responsible": "Địa chính", "unit": unit.pk, "due_on": "20/04/2026"}
    )
    assert ok.status_code == 302
    detail = client.get(f"/lam-viec/{commune.code}/don-thu/{complaint.pk}/").content.decode()
    assert "Thi hành quyết định" in detail and "Trả lại đất" in detail and "quá hạn" in detail
    client.force_login(people.leader)
    home = client.get(f"/lam-viec/{commune.code}/").content.decode()
    assert "1 việc thi hành quyết định" in home
    item = ExecutionItem.objects.get()
    client.force_login(people.officer)
    done = client.post(
        f"/lam-viec/{commune.code}/thi-hanh/{item.pk}/xong/",
        {"result": "Đã bàn giao.", "on": timezone.localdate().isoformat(), "evidence": png()},
    )
    assert done.status_code == 302
    page = client.get(f"/lam-viec/{commune.code}/thi-hanh/{item.pk}/").content.decode()
    assert "Đã thi hành xong" in page and "Đã bàn giao." in page
    assert client.get(f"/lam-viec/{commune.code}/thi-hanh/{item.pk}/minh-chung/").status_code == 200
    listing = client.get(f"/lam-viec/{commune.code}/thi-hanh/").content.decode()
    assert "Trả lại đất" in listing
    client.force_login(people.outsider)
    assert client.get(f"/lam-viec/{commune.code}/thi-hanh/{item.pk}/").status_code == 404
    client.force_login(people.village_head)  # reads, cannot record
    assert client.get(f"/lam-viec/{commune.code}/thi-hanh/{item.pk}/").status_code == 200
    assert (
        client.post(f"/lam-viec/{commune.code}/thi-hanh/{item.pk}/huy/", {"reason": "x"}).status_code == 302
    )
    assert ExecutionItem.objects.get().status == "done"
