"""Inspection pages: who opens what, the plan form, findings, a unit officer reporting a task done,
the conclusion and the report download; bad input a Vietnamese 400."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.inspections.models import Inspection, RemedialTask
from tests.inspections.conftest import finding

pytestmark = pytest.mark.django_db


def url(commune, rest=""):
    return f"/lam-viec/{commune.code}/kiem-tra/{rest}"


def test_list_and_plan_form(client, commune, people, economy):
    client.force_login(people.coordinator)
    assert "Lập kế hoạch kiểm tra, giám sát" in client.get(url(commune)).content.decode()
    bad = client.post(
        url(commune),
        {
            "title": "Kiểm tra",
            "kind": "inspection",
            "scope": "Nội dung",
            "inspectors": "Đoàn",
            "starts_on": "2026-12-02",
            "ends_on": "2026-12-01",
            "unit": economy.pk,
        },
    )
    assert bad.status_code == 400 and "không được trước" in bad.content.decode()
    ok = client.post(
        url(commune),
        {
            "title": "Kiểm tra",
            "kind": "inspection",
            "scope": "Nội dung",
            "inspectors": "Đoàn",
            "starts_on": "01/12/2026",
            "ends_on": "02/12/2026",
            "unit": economy.pk,
        },
    )
    inspection = Inspection.objects.get()
    assert ok.status_code == 302 and ok["Location"] == url(commune, f"{inspection.pk}/")
    client.force_login(people.officer)
    assert client.post(url(commune), {"title": "X"}).status_code == 403
    client.force_login(people.outsider)
    assert client.get(url(commune)).status_code == 404
    assert client.get(url(commune, f"{inspection.pk}/")).status_code == 404


def test_finding_then_the_unit_marks_its_task_done(client, commune, people, inspection, economy):
    client.force_login(people.coordinator)
    r = client.post(
        url(commune, f"{inspection.pk}/ton-tai/"),
        {
            "text": "Chưa niêm yết lịch tiếp dân",
            "unit": economy.pk,
            "task": "Niêm yết lịch tiếp dân",
            "working_days": "10",
        },
    )
    assert r.status_code == 302
    task = RemedialTask.objects.get()
    assert task.due_on > dt.date(2026, 11, 20)
    client.force_login(people.officer)
    mine = client.get(url(commune)).content.decode()
    assert "Nhiệm vụ khắc phục của đơn vị tôi" in mine and "Niêm yết lịch tiếp dân" in mine
    empty = client.post(url(commune, f"khac-phuc/{task.pk}/xong/"), {f"t{task.pk}-result": ""})
    assert empty.status_code == 400 and "Vui lòng nhập kết quả khắc phục" in empty.content.decode()
    done = client.post(
        url(commune, f"khac-phuc/{task.pk}/xong/"), {f"t{task.pk}-result": "Đã niêm yết tại trụ sở"}
    )
    assert done.status_code == 302
    assert RemedialTask.objects.get().status == "done"
    assert "Đã khắc phục" in client.get(url(commune, f"{inspection.pk}/")).content.decode()


def test_another_units_officer_cannot_mark_it_done(client, commune, people, inspection):
    police = commune.units.get(name="Công an xã")
    task = finding(inspection, people.coordinator, police).task
    client.force_login(people.officer)
    assert (
        client.post(url(commune, f"khac-phuc/{task.pk}/xong/"), {f"t{task.pk}-result": "x"}).status_code
        == 403
    )
    assert RemedialTask.objects.get().status == "open"


def test_conclusion_and_report_download(client, commune, people, inspection, economy):
    finding(inspection, people.coordinator, economy)
    client.force_login(people.leader)
    assert client.post(url(commune, f"{inspection.pk}/ket-luan/"), {"conclusion": ""}).status_code == 400
    assert (
        client.post(url(commune, f"{inspection.pk}/ket-luan/"), {"conclusion": "Thực hiện tốt."}).status_code
        == 302
    )
    report = client.get(url(commune, f"{inspection.pk}/bao-cao.docx"))
    assert report.status_code == 200 and report["Content-Type"].endswith("wordprocessingml.document")
    assert "Ghi tồn tại" not in client.get(url(commune, f"{inspection.pk}/")).content.decode()
