"""The province's view across its communes, its roll-up as a background job, and constant query counts."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.core.sections import providers
from danvan.reports import jobs, selectors, services
from danvan.reports.models import ReportJob
from tests.conftest import make_commune
from tests.reports.conftest import H1, add_petitions, add_plan


def _issue(commune, people, number=4, on=date(2026, 7, 5)):
    from danvan.org.models import Role
    from danvan.org.services import membership_grant
    from tests.conftest import make_user

    user = make_user(f"dp{commune.code}")
    membership_grant(user=user, role=Role.COMMUNE_LEADER, commune=commune, by=None)
    report = services.report_create(commune=commune, start=H1[0], end=H1[1], by=user)
    services.section_update(
        section=report.sections.get(key="outlook"), text="Tiếp tục thực hiện kế hoạch.", by=user
    )
    return services.report_issue(
        report=report,
        number=number,
        issued_on=on,
        signer_name="Phạm Văn Ký",
        signer_title="CHỦ TỊCH",
        recipients=["Sở Nội vụ"],
        by=user,
    )


def test_the_overview_lists_every_active_commune_with_its_report_and_figures(
    data, neighbour, people, lam_dong
):
    make_commune("24643", "Xã Chưa Dùng", lam_dong, "chua-dung", active=False)
    _issue(data, people)
    overview = selectors.province_overview(province=lam_dong, start=H1[0], end=H1[1], today=date(2026, 8, 1))
    assert [r.commune.name for r in overview.rows] == ["Xã Quảng Hòa", "Xã Tà Đùng"]
    ta_dung = next(r for r in overview.rows if r.commune == data)
    assert ta_dung.report.number_label == "04/BC-UBND" and not ta_dung.late
    assert ta_dung.values["tasks_late"] == 2 and ta_dung.values["petitions_on_time_pct"] == 75.0
    quang_hoa = next(r for r in overview.rows if r.commune == neighbour)
    # No report, and no deadline known for Quảng Hòa: not counted late without a due date.
    assert quang_hoa.report is None and not quang_hoa.late
    late = selectors.province_overview(
        province=lam_dong, start=H1[0], end=H1[1], today=date(2026, 8, 1), due=date(2026, 7, 10)
    )
    assert [r.commune.name for r in late.rows if r.late] == ["Xã Quảng Hòa"]
    assert {"tasks_late", "petitions_on_time_pct"} <= {c.key for c in overview.columns}


def test_key_figures_take_the_same_number_of_queries_for_1_and_3_communes(
    commune, neighbour, people, lam_dong
):
    add_plan(commune)
    add_petitions(commune)
    third = make_commune("24646", "Xã Đinh Trang Hòa", lam_dong, "dinh-trang-hoa")
    for c in (neighbour, third):
        add_plan(c, late=5)
        add_petitions(c, n_on_time=7)

    def count(communes):
        with CaptureQueriesContext(connection) as ctx:
            for p in providers():
                p.key_figures(communes, H1[0], H1[1])
        return len(ctx.captured_queries)

    assert count([commune]) == count([commune, neighbour, third])

    def overview_queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.province_overview(province=lam_dong, start=H1[0], end=H1[1], today=date(2026, 8, 1))
        return len(ctx.captured_queries)

    many = overview_queries()
    third.is_active = False
    third.save()
    neighbour.is_active = False
    neighbour.save()
    assert overview_queries() == many


def test_the_province_page_is_for_the_province_viewer_only(client, data, people, other_commune):
    _issue(data, people)
    url = reverse("reports_province:overview", args=[data.province_id])
    client.force_login(people.province_viewer)
    page = client.get(url, {"ky-ky": "h1", "ky-nam": "2026", "sap": "tasks_late", "chieu": "giam"})
    html = page.content.decode()
    assert page.status_code == 200 and "Xã Tà Đùng" in html and "04/BC-UBND" in html
    assert reverse("reports:detail", args=[data.code, data.period_reports.get().pk]) in html
    # With a deadline set by the province before the report's date, the commune reported late.
    late = client.get(url, {"ky-ky": "h1", "ky-nam": "2026", "ky-han": "2026-07-01"}).content.decode()
    assert "nộp chậm" in late
    # Another province, or a commune's coordinator: not found.
    assert (
        client.get(reverse("reports_province:overview", args=[other_commune.province_id])).status_code == 404
    )
    client.force_login(people.coordinator)
    assert client.get(url).status_code == 404
    # A commune of another province is out of the viewer's scope.
    client.force_login(people.province_viewer)
    assert client.get(reverse("reports:list", args=[other_commune.code])).status_code == 404


def test_a_reversed_range_on_the_province_page_says_so(client, data, people):
    client.force_login(people.province_viewer)
    page = client.get(
        reverse("reports_province:overview", args=[data.province_id]),
        {"ky-ky": "range", "ky-tu": "2026-06-30", "ky-den": "2026-01-01"},
    )
    assert "Ngày kết thúc kỳ báo cáo phải bằng hoặc sau ngày bắt đầu" in page.content.decode()
    with pytest.raises(ServiceError, match="Vui lòng chọn ngày"):
        jobs.rollup_request(province=data.province, start=None, end=H1[1], by=people.province_viewer)
    with pytest.raises(ServiceError, match="không theo dõi tỉnh"):
        jobs.rollup_request(province=data.province, start=H1[0], end=H1[1], by=people.coordinator)
    assert not ReportJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_roll_up_runs_in_the_background_and_offers_a_docx(client, data, people):
    _issue(data, people)
    client.force_login(people.province_viewer)
    response = client.post(
        reverse("reports_province:rollup", args=[data.province_id]), {"ky-ky": "h1", "ky-nam": "2026"}
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and job.status == "queued"
    assert AuditEvent.objects.filter(action="reports.rollup_request").exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100, job.message
    page = client.get(
        reverse("reports_province:job", args=[data.province_id, job.pk]), HTTP_HX_REQUEST="true"
    )
    assert "Tải về" in page.content.decode()
    file = client.get(reverse("reports_province:job_download", args=[data.province_id, job.pk]))
    doc = Document(io.BytesIO(b"".join(file.streaming_content) if file.streaming else file.content))
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left[:2] == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
    texts = "\n".join(p.text for p in doc.paragraphs)
    assert "6 tháng đầu năm 2026" in texts
    status = next(t for t in doc.tables if t.rows[0].cells[1].text == "Xã, phường")
    assert ["1", "Xã Tà Đùng", "04/BC-UBND", "05/07/2026", "Đã nộp"] in [
        [c.text for c in r.cells] for r in status.rows
    ]


def test_the_province_sees_its_first_indicators_a_chart_and_the_full_table_as_xlsx(
    client, data, neighbour, people
):
    import time_machine
    from openpyxl import load_workbook

    from danvan.petitions.models import Petition

    add_petitions(neighbour, n_on_time=1, n_late=1, n_open_overdue=2, denunciation=False)
    Petition.objects.filter(commune=data, status="resolved").update(rating=4)
    url = reverse("reports_province:overview", args=[data.province_id])
    with time_machine.travel("2026-12-03 09:00 +0700"):
        client.force_login(people.province_viewer)
        html = client.get(url).content.decode()
        # In December the period in progress is the year, not the first half.
        assert 'value="year" selected' in html and "01/01/2026 – 31/12/2026" in html
        for label in (
            "Xã, phường chưa gửi báo cáo",
            "Đơn thư quá hạn chưa giải quyết",
            "Tỷ lệ giải quyết đơn đúng hạn",
            "Tuần, tháng Chủ tịch xã chưa tiếp công dân đủ",
            "Mức hài lòng của người dân",
        ):
            assert label in html
        assert "4/6 đơn đã giải quyết" in html  # 3 + 1 on time of 4 + 2 resolved
        assert "4,0/5" in html and "3 lượt đánh giá" in html
        # The chart ranks the two communes with overdue petitions; the full table is on demand.
        assert 'class="bar-chart"' in html and "<details" in html
        response = client.get(reverse("reports_province:overview_xlsx", args=[data.province_id]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Xã, phường" and sheet.auto_filter.ref.startswith("A1:")
    names = [c.value for c in sheet["A"][1:]]
    assert data.name in names and neighbour.name in names
    client.force_login(people.coordinator)
    assert client.get(reverse("reports_province:overview_xlsx", args=[data.province_id])).status_code == 404


def test_no_one_bar_chart_and_the_default_period_follows_the_calendar():
    from danvan.reports.province import default_period

    assert default_period(date(2026, 3, 1)) == {"ky-ky": "h1", "ky-nam": "2026"}
    assert default_period(date(2026, 12, 3)) == {"ky-ky": "year", "ky-nam": "2026"}
