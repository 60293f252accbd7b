"""Lists as .xlsx: tasks, petitions (no identity; denunciations only for readers), units' reports."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from danvan.petitions import exports
from danvan.petitions.models import Petition, PetitionIdentity
from danvan.plans.models import Plan, ReportingPeriod
from danvan.reports.models import ReportJob


def _rows(content: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_a_plans_tasks_export(client, data, people):
    plan = Plan.objects.get(commune=data)
    client.force_login(people.officer)
    response = client.get(reverse("reports:export_tasks", args=[data.code, plan.pk]))
    rows = _rows(response.content)
    assert rows[0][:3] == ["Mục", "Nội dung nhiệm vụ", "Chủ trì"]
    assert len(rows) == 1 + 6
    assert sum(r[-1] == "Có" for r in rows[1:]) == 2  # the two late tasks
    client.force_login(people.outsider)
    assert client.get(reverse("reports:export_tasks", args=[data.code, plan.pk])).status_code == 404


def test_petitions_export_never_carries_identity_and_hides_denunciations_from_others(client, data, people):
    secret = Petition.objects.get(commune=data, kind="denunciation")
    PetitionIdentity.objects.create(petition=secret, full_name="Trần Thị Bí Mật", phone="0912345678")
    url = reverse("reports:export_petitions", args=[data.code])
    client.force_login(people.coordinator)
    rows = _rows(client.get(url).content)
    flat = str(rows)
    assert "Trần Thị Bí Mật" not in flat and "0912345678" not in flat
    assert "Tố cáo ông X nhận hối lộ" in flat  # the coordinator reads denunciations
    client.force_login(people.supervisor)
    flat = str(_rows(client.get(url).content))
    assert "Tố cáo ông X" not in flat and exports.SECRET in flat
    assert len(_rows(client.get(url, {"kind": "complaint"}).content)) == 2
    client.force_login(people.outsider)
    assert client.get(url).status_code == 404


def test_units_reports_export(client, data, people):
    period = ReportingPeriod.objects.get(plan__commune=data, direction="units")
    client.force_login(people.coordinator)
    url = reverse("reports:export_unit_reports", args=[data.code, period.plan_id, period.pk])
    rows = _rows(client.get(url).content)
    assert rows[0][0] == "Đơn vị"
    economy = next(r for r in rows if r[0] == "Phòng Kinh tế")
    assert economy[1] == "Đã nộp" and economy[3] == "Có" and "12 buổi" in economy[4]


@pytest.mark.django_db(transaction=True)
def test_a_large_export_runs_as_a_job_for_its_requester(client, data, people, monkeypatch):
    monkeypatch.setattr(exports, "INLINE_EXPORT_LIMIT", 2)
    client.force_login(people.coordinator)
    response = client.get(reverse("reports:export_petitions", args=[data.code]))
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/viec-chay-nen/{job.pk}/")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done"
    download = reverse("reports:job_download", args=[data.code, job.pk])
    assert len(_rows(client.get(download).content)) == 1 + Petition.objects.filter(commune=data).count()
    # Another user of the same commune does not get someone else's export.
    client.force_login(people.leader)
    assert client.get(download).status_code == 404


def test_each_list_page_offers_its_export(client, data, people):
    """The export is reached from the page an official is reading, with the filters they chose."""
    plan = Plan.objects.get(commune=data)
    period = ReportingPeriod.objects.get(plan__commune=data, direction="units")
    client.force_login(people.coordinator)
    overview = client.get(reverse("plans:overview", args=[data.code, plan.pk])).content.decode()
    assert reverse("reports:export_tasks", args=[data.code, plan.pk]) in overview
    period_page = client.get(reverse("plans:period", args=[data.code, plan.pk, period.pk])).content.decode()
    assert reverse("reports:export_unit_reports", args=[data.code, plan.pk, period.pk]) in period_page
    listing = client.get(reverse("petitions:list", args=[data.code]), {"kind": "complaint"}).content.decode()
    link = reverse("reports:export_petitions", args=[data.code]) + "?kind=complaint"
    assert link in listing
    assert len(_rows(client.get(link).content)) == 2


def test_every_export_has_real_dates_and_an_autofilter(client, data, people):
    import datetime as dt

    client.force_login(people.coordinator)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("reports:export_petitions", args=[data.code])).content)
    ).active
    header = [c.value for c in sheet[1]]
    received = header.index(next(h for h in header if h.startswith("Ngày nhận")))
    cell = sheet.cell(row=2, column=received + 1)
    assert isinstance(cell.value, dt.datetime) and cell.number_format == "dd/mm/yyyy"
    assert sheet.auto_filter.ref.startswith("A1:")
    period = ReportingPeriod.objects.get(plan__commune=data, direction="units")
    url = reverse("reports:export_unit_reports", args=[data.code, period.plan_id, period.pk])
    units = load_workbook(io.BytesIO(client.get(url).content)).active
    assert units.auto_filter.ref.startswith("A1:")
    assert any(isinstance(c.value, dt.datetime) for c in units["C"][1:])
