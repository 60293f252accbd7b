"""Assembling a draft, editing and refreshing a section, issuing with a number, signer and recipients."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core import sections
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.core.sections import providers
from danvan.reports import services
from danvan.reports.models import Report, ReportSection
from tests.reports.conftest import H1, add_petitions


def _issue(report, people, **kw):
    outlook = report.sections.get(key="outlook")
    if not outlook.text:
        services.section_update(section=outlook, text="Tiếp tục thực hiện kế hoạch.", by=people.coordinator)
    args = dict(
        report=report,
        number=12,
        issued_on=date(2026, 7, 5),
        signer_name="Nguyễn Văn Chủ Tịch",
        signer_title="PHÓ CHỦ TỊCH",
        signer_on_behalf="KT. CHỦ TỊCH",
        recipients="Sở Nội vụ tỉnh Lâm Đồng;\nLưu: VT.",
        by=people.leader,
    )
    return services.report_issue(**{**args, **kw})


def test_a_draft_has_one_section_per_module_between_the_opening_and_the_closing(data, people):
    report = services.report_create(
        commune=data, start=H1[0], end=H1[1], by=people.coordinator, kind="six_months"
    )
    keys = [s.key for s in report.sections.all()]
    assert keys[0] == "intro" and keys[-2:] == ["outlook", "proposals"]
    assert {"plans", "petitions"} <= set(keys)
    assert keys[1:-2] == [p.key for p in providers()]
    assert report.title.endswith("6 tháng đầu năm 2026")
    plans = report.sections.get(key="plans")
    figures = {f["key"]: f["value"] for f in plans.generated["figures"]}
    assert figures["tasks_late"] == 2 and figures["tasks_done"] == 3
    petitions = report.sections.get(key="petitions")
    pet = {f["key"]: f["value"] for f in petitions.generated["figures"]}
    assert pet["petitions_received"] == 6 and pet["petitions_on_time_pct"] == 75.0
    assert "Tố cáo ông X" not in str(petitions.generated) + petitions.text
    assert AuditEvent.objects.filter(action="reports.create", object_id=str(report.pk)).count() == 1


def test_a_period_with_no_data_gives_a_report_that_says_so(commune, people, monkeypatch):
    # With only the plans and petitions modules installed, nothing at all was counted in 2020.
    kept = {k: v for k, v in sections._REGISTRY.items() if k in ("plans", "petitions")}
    monkeypatch.setattr(sections, "_REGISTRY", kept)
    report = services.report_create(
        commune=commune, start=date(2020, 1, 1), end=date(2020, 6, 30), by=people.coordinator
    )
    texts = " ".join(s.text for s in report.sections.all())
    assert "chưa ghi nhận số liệu" in texts
    assert "không tiếp nhận đơn thư nào" in report.sections.get(key="petitions").text
    assert "chưa có kế hoạch" in report.sections.get(key="plans").text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (None, date(2026, 6, 30), "Vui lòng chọn ngày bắt đầu và ngày kết thúc"),
        (date(2026, 6, 30), date(2026, 1, 1), "Ngày kết thúc kỳ báo cáo phải bằng hoặc sau ngày bắt đầu"),
    ],
)
def test_an_empty_or_reversed_period_is_refused_and_nothing_is_created(commune, people, start, end, message):
    with pytest.raises(ServiceError, match=message):
        services.report_create(commune=commune, start=start, end=end, by=people.coordinator)
    assert (
        not Report.objects.exists() and not AuditEvent.objects.filter(action__startswith="reports.").exists()
    )


def test_only_leaders_and_the_coordinator_assemble_reports(commune, people):
    for user in (people.officer, people.supervisor, people.province_viewer, people.outsider):
        with pytest.raises(ServiceError, match="không có quyền"):
            services.report_create(commune=commune, start=H1[0], end=H1[1], by=user)
    assert not Report.objects.exists()


def test_refreshing_a_section_renews_its_figures_and_keeps_the_edited_prose(data, people):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    section = report.sections.get(key="petitions")
    services.section_update(section=section, text="Lời văn do công chức viết lại.", by=people.coordinator)
    add_petitions(data, n_on_time=4, n_late=0, n_open_overdue=0, denunciation=False)
    section = services.section_refresh(
        section=ReportSection.objects.get(pk=section.pk), by=people.coordinator
    )
    figures = {f["key"]: f["value"] for f in section.generated["figures"]}
    assert figures["petitions_received"] == 10
    assert section.text == "Lời văn do công chức viết lại."
    # A section never edited takes the module's new prose with its figures.
    plans = report.sections.get(key="plans")
    services.section_refresh(section=plans, by=people.coordinator)
    assert AuditEvent.objects.filter(action="reports.section_update").count() == 1
    assert AuditEvent.objects.filter(action="reports.section_refresh").count() == 2


def test_a_free_section_has_nothing_to_refresh(data, people):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    with pytest.raises(ServiceError, match="do công chức viết"):
        services.section_refresh(section=report.sections.get(key="intro"), by=people.coordinator)


def test_issuing_gives_the_number_signer_and_recipients(data, people):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    report = _issue(report, people)
    assert report.status == "issued" and report.number_label == "12/BC-UBND"
    assert report.recipients == ["Sở Nội vụ tỉnh Lâm Đồng", "Lưu: VT"]
    assert AuditEvent.objects.filter(action="reports.issue", object_id=str(report.pk)).exists()
    with pytest.raises(ServiceError, match="đã ban hành"):
        services.section_update(section=report.sections.first(), text="x", by=people.coordinator)


def test_a_number_is_not_reused_in_the_commune_and_year(data, neighbour, people):
    first = _issue(
        services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator), people
    )
    second = services.report_create(
        commune=data, start=date(2026, 1, 1), end=date(2026, 3, 31), by=people.coordinator
    )
    with pytest.raises(ServiceError, match="Số 12/BC-UBND năm 2026 đã dùng"):
        _issue(second, people)
    second.refresh_from_db()
    assert second.status == "draft" and second.number is None
    assert first.number == 12
    # The next year starts again from 1: the same number is fine there.
    assert _issue(second, people, issued_on=date(2027, 1, 5)).number_label == "12/BC-UBND"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"signer_name": "  "}, "họ tên người ký"),
        ({"signer_title": ""}, "chức vụ người ký"),
        ({"number": None}, "số báo cáo"),
        ({"issued_on": None}, "ngày ban hành"),
        ({"recipients": " \n "}, "nơi nhận"),
    ],
)
def test_nothing_is_issued_without_signer_number_date_or_recipients(data, people, change, message):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    with pytest.raises(ServiceError, match=message):
        _issue(report, people, **change)
    report.refresh_from_db()
    assert report.status == "draft"
    assert not AuditEvent.objects.filter(action="reports.issue").exists()


def test_saving_the_editor_keeps_every_section_sent_and_audits_once(data, people):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    intro, outlook = report.sections.get(key="intro"), report.sections.get(key="outlook")
    changed = services.report_save(
        report=report,
        texts={intro.pk: "Dòng một\r\nDòng hai", outlook.pk: "Hướng tới"},
        by=people.coordinator,
    )
    assert {s.key for s in changed} == {"intro", "outlook"}
    intro.refresh_from_db()
    assert intro.text == "Dòng một\nDòng hai" and intro.text_edited
    assert AuditEvent.objects.filter(action="reports.save").count() == 1
    # Saving the same texts again changes nothing and writes no audit row.
    assert services.report_save(report=report, texts={outlook.pk: "Hướng tới"}, by=people.coordinator) == []
    assert AuditEvent.objects.filter(action="reports.save").count() == 1


def test_each_line_is_a_paragraph_of_the_document(data, people):
    from danvan.reports.selectors import paragraphs

    assert paragraphs("Một\nHai\n\n  Ba  ") == ["Một", "Hai", "Ba"]


def test_issuing_is_refused_while_a_required_section_is_empty(data, people):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    with pytest.raises(ServiceError, match="Phương hướng, nhiệm vụ thời gian tới"):
        services.report_issue(
            report=report,
            number=1,
            issued_on=date(2026, 7, 5),
            signer_name="A",
            signer_title="CHỦ TỊCH",
            recipients=["Lưu: VT"],
            by=people.leader,
        )
    with pytest.raises(ServiceError, match="mục bắt buộc"):
        services.report_submit(report=report, by=people.coordinator)
    report.refresh_from_db()
    assert report.status == "draft"
    # "Đề xuất, kiến nghị" may stay empty.
    assert [s.key for s in services.empty_required(report)] == ["outlook"]


def test_submit_locks_the_draft_the_leader_returns_it_with_a_comment_or_issues_it(data, people):
    from danvan.comms.models import Notification

    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    outlook = report.sections.get(key="outlook")
    services.section_update(section=outlook, text="Tiếp tục.", by=people.coordinator)
    report = services.report_submit(report=report, by=people.coordinator)
    assert report.status == "submitted"
    assert Notification.objects.filter(user=people.leader, key__startswith="reports.submit").exists()
    with pytest.raises(ServiceError, match="đang trình ký"):
        services.section_update(section=outlook, text="Khác", by=people.coordinator)
    with pytest.raises(ServiceError, match="Chỉ lãnh đạo"):
        services.report_return(report=report, comment="x", by=people.coordinator)
    with pytest.raises(ServiceError, match="ghi ý kiến"):
        services.report_return(report=report, comment="  ", by=people.leader)
    report = services.report_return(report=report, comment="Sửa mục II.", by=people.leader)
    assert report.status == "draft" and report.return_comment == "Sửa mục II."
    services.report_submit(report=report, by=people.coordinator)
    with pytest.raises(ServiceError, match="Chỉ lãnh đạo"):
        _issue(report, people, by=people.coordinator)
    assert _issue(report, people).status == "issued"
    actions = list(
        AuditEvent.objects.filter(action__in=["reports.submit", "reports.return", "reports.issue"])
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["reports.submit", "reports.return", "reports.submit", "reports.issue"]


def test_generated_prose_reads_as_an_official_writes_it(commune, people):
    from danvan.reports.wording import official

    text = official(
        "Trong kỳ, UBND xã tổ chức 0 buổi tiếp công dân. Có 0 nhiệm vụ trễ hạn. Tiếp 0 lượt công dân "
        "(0 đoàn đông người). Tính đến ngày 31/12/2026, đã trả lời 0.",
        as_of=date(2026, 12, 3),
    )
    assert text == (
        "Trong kỳ, UBND xã chưa tổ chức buổi tiếp công dân. Chưa có nhiệm vụ trễ hạn. "
        "Chưa tiếp lượt công dân (không có đoàn đông người). Tính đến ngày 03/12/2026, chưa trả lời."
    )
    assert official("Có 6 nhiệm vụ, trong đó 3 đang thực hiện, 0 chưa thực hiện.") == (
        "Có 6 nhiệm vụ, trong đó 3 đang thực hiện, không có nhiệm vụ chưa thực hiện."
    )
    assert official("Các đơn vị đã cập nhật tiến độ 0 lượt.") == "Các đơn vị chưa cập nhật tiến độ."
    # An earlier date the official wrote is kept.
    assert official("Tính đến ngày 15/3/2026, …", as_of=date(2026, 6, 30)) == "Tính đến ngày 15/03/2026, …"


def test_a_report_written_before_its_period_ends_has_one_cut_off_date(commune, people):
    import re

    from django.utils import timezone

    today = timezone.localdate()
    report = services.report_create(
        commune=commune, start=date(today.year, 1, 1), end=date(today.year, 12, 31), by=people.coordinator
    )
    dates = set()
    for s in report.sections.all():
        dates |= set(re.findall(r"[Tt]ính đến (?:ngày )?(\d{1,2}/\d{1,2}/\d{4})", s.text))
        assert not re.search(r"\b0 (lượt|buổi|đơn|nhiệm vụ|nội dung|kiến nghị|cam kết|mô hình)\b", s.text), (
            s.text
        )
    assert dates <= {f"{min(today, date(today.year, 12, 31)):%d/%m/%Y}"}


def test_a_submitted_report_waits_for_the_leaders_signature_until_issued(data, people):
    from danvan.reports.selectors import awaiting_signature

    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    assert not awaiting_signature(data).exists()
    services.section_update(
        section=report.sections.get(key="outlook"), text="Tiếp tục.", by=people.coordinator
    )
    services.report_submit(report=report, by=people.coordinator)
    assert list(awaiting_signature(data)) == [report]
    _issue(report, people)
    assert not awaiting_signature(data).exists()


def test_issuing_before_the_period_ends_puts_every_cut_off_on_the_issue_date(data, people):
    report = services.report_create(
        commune=data, start=date(2026, 1, 1), end=date(2026, 12, 31), kind="year", by=people.coordinator
    )
    intro = report.sections.get(key="intro")
    services.section_update(
        section=intro,
        text="Tính đến ngày 31/12/2026, xã có 3 thôn. Tính đến 15/3/2026, …",
        by=people.coordinator,
    )
    _issue(report, people, issued_on=date(2026, 12, 20))
    intro.refresh_from_db()
    assert intro.text == "Tính đến ngày 20/12/2026, xã có 3 thôn. Tính đến ngày 15/03/2026, …"
    event = AuditEvent.objects.get(action="reports.issue")
    assert event.after["cut_off"] == "2026-12-20" and "intro" in event.after["reworded"]
