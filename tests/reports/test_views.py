"""Report pages: scope (404 elsewhere, 403 without permission), assemble, edit, refresh, issue, download."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from danvan.reports import services
from danvan.reports.models import Report
from tests.reports.conftest import H1


def login(client, user):
    client.force_login(user)
    return client


def _draft(commune, people) -> Report:
    return services.report_create(commune=commune, start=H1[0], end=H1[1], by=people.coordinator)


def test_the_coordinator_assembles_a_draft_from_the_list_page(client, data, people):
    login(client, people.coordinator)
    url = reverse("reports:list", args=[data.code])
    response = client.post(url, {"ky-ky": "h1", "ky-nam": "2026"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/bao-cao/{report.pk}/")
    assert (report.start, report.end) == H1
    page = client.get(response["Location"])
    assert "Kết quả thực hiện kế hoạch công tác dân vận chính quyền" in page.content.decode()


def test_a_reversed_range_shows_a_vietnamese_message_and_creates_nothing(client, data, people):
    login(client, people.coordinator)
    response = client.post(
        reverse("reports:list", args=[data.code]),
        {"ky-ky": "range", "ky-tu": "2026-06-30", "ky-den": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Ngày kết thúc kỳ báo cáo phải bằng hoặc sau ngày bắt đầu" in response.content.decode()
    assert not Report.objects.exists()


def test_another_commune_gets_404_and_a_reader_gets_403_on_writes(client, data, people):
    report = _draft(data, people)
    login(client, people.outsider)
    assert client.get(reverse("reports:detail", args=[data.code, report.pk])).status_code == 404
    assert client.get(reverse("reports:list", args=[data.code])).status_code == 404
    client.logout()
    login(client, people.supervisor)
    assert client.get(reverse("reports:detail", args=[data.code, report.pk])).status_code == 200
    section = report.sections.get(key="intro")
    url = reverse("reports:save", args=[data.code, report.pk])
    assert client.post(url, {f"s{section.pk}-text": "x"}).status_code == 403
    assert client.post(reverse("reports:list", args=[data.code]), {"ky-ky": "h1"}).status_code == 403


def test_editing_refreshing_and_issuing_through_the_pages(client, data, people):
    report = _draft(data, people)
    login(client, people.coordinator)
    section = report.sections.get(key="petitions")
    outlook = report.sections.get(key="outlook")
    save = reverse("reports:save", args=[data.code, report.pk])
    # Refreshing one section from the one form keeps the edits typed in the others.
    client.post(
        save,
        {
            f"s{section.pk}-text": "Đoạn văn đã sửa.",
            f"s{outlook.pk}-text": "Tiếp tục thực hiện kế hoạch.",
            "lay-lai": str(section.pk),
        },
    )
    section.refresh_from_db()
    outlook.refresh_from_db()
    assert section.text == "Đoạn văn đã sửa." and section.text_edited
    assert outlook.text == "Tiếp tục thực hiện kế hoạch."
    client.logout()
    login(client, people.leader)
    issue = reverse("reports:issue", args=[data.code, report.pk])
    form = {
        "number": "7",
        "issued_on": "2026-07-03",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_on_behalf": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "",
        "recipients": "Sở Nội vụ\nLưu: VT",
    }
    response = client.post(issue, form)
    assert response.status_code == 400 and "họ tên người ký" in response.content.decode()
    assert Report.objects.get().status == "draft"
    response = client.post(issue, {**form, "signer_name": "Lê Thị Ký"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.number_label == "07/BC-UBND"
    docx = client.get(reverse("reports:download", args=[data.code, report.pk, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(docx.content))
    assert "Số: 07/BC-UBND" in [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert "Đoạn văn đã sửa." in [p.text for p in doc.paragraphs]


def test_a_province_viewer_sees_issued_reports_only(client, data, people):
    draft = _draft(data, people)
    login(client, people.province_viewer)
    assert client.get(reverse("reports:detail", args=[data.code, draft.pk])).status_code == 404
    services.section_update(
        section=draft.sections.get(key="outlook"), text="Tiếp tục thực hiện.", by=people.coordinator
    )
    services.report_issue(
        report=draft,
        number=3,
        issued_on=date(2026, 7, 2),
        signer_name="A",
        signer_title="CHỦ TỊCH",
        recipients=["Lưu: VT"],
        by=people.leader,
    )
    assert client.get(reverse("reports:detail", args=[data.code, draft.pk])).status_code == 200


@pytest.mark.parametrize("fmt", ["pdf"])
def test_the_pdf_downloads(client, data, people, fmt):
    report = _draft(data, people)
    login(client, people.leader)
    response = client.get(reverse("reports:download", args=[data.code, report.pk, fmt]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_one_save_keeps_two_edited_sections_and_the_autosave_answers_json(client, data, people):
    report = _draft(data, people)
    intro, outlook = report.sections.get(key="intro"), report.sections.get(key="outlook")
    login(client, people.coordinator)
    page = client.get(reverse("reports:detail", args=[data.code, report.pk])).content.decode()
    assert page.count('id="report-editor"') == 1 and "Lưu tất cả các mục" in page
    assert "reports/editor.js" in page
    save = reverse("reports:save", args=[data.code, report.pk])
    response = client.post(save, {f"s{intro.pk}-text": "Mở đầu mới.", f"s{outlook.pk}-text": "Năm tới: một."})
    assert response.status_code == 302
    intro.refresh_from_db()
    outlook.refresh_from_db()
    assert (intro.text, outlook.text) == ("Mở đầu mới.", "Năm tới: một.")
    auto = client.post(save, {f"s{outlook.pk}-text": "Năm tới: hai."}, headers={"X-Autosave": "1"})
    assert auto.status_code == 200 and auto.json()["changed"] == [outlook.pk]
    intro.refresh_from_db()
    assert intro.text == "Mở đầu mới."  # not sent, not touched


def test_the_coordinator_submits_and_only_the_leader_issues_or_returns(client, data, people):
    report = _draft(data, people)
    outlook = report.sections.get(key="outlook")
    save = reverse("reports:save", args=[data.code, report.pk])
    login(client, people.coordinator)
    page = client.get(reverse("reports:detail", args=[data.code, report.pk])).content.decode()
    assert "Ký ban hành báo cáo" not in page and "Phương hướng, nhiệm vụ thời gian tới" in page
    refused = client.post(save, {"trinh-ky": "1"})
    assert refused.status_code == 400 and "mục bắt buộc chưa có nội dung" in refused.content.decode()
    client.post(save, {f"s{outlook.pk}-text": "Tiếp tục.", "trinh-ky": "1"})
    report.refresh_from_db()
    assert report.status == "submitted"
    assert client.post(reverse("reports:issue", args=[data.code, report.pk]), {}).status_code == 403
    client.logout()
    login(client, people.leader)
    page = client.get(reverse("reports:detail", args=[data.code, report.pk])).content.decode()
    assert "Ký ban hành báo cáo" in page and "Trả lại để sửa" in page
    back = reverse("reports:return", args=[data.code, report.pk])
    assert "ghi ý kiến" in client.post(back, {"comment": " "}).content.decode()
    client.post(back, {"comment": "Bổ sung số liệu tiếp dân."})
    report.refresh_from_db()
    assert report.status == "draft" and report.return_comment == "Bổ sung số liệu tiếp dân."
