"""Scoring services: frameworks (default, adopted from the province), thresholds, a unit's sheet from
self-assessment to review; who may do what; bad input refused with nothing changed; every write audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import ServiceError
from danvan.scoring import services
from danvan.scoring.models import Assessment, Band, Criterion, Framework, Score
from tests.scoring.conftest import audits

pytestmark = pytest.mark.django_db
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def self_criteria(framework) -> list[Criterion]:
    return list(Criterion.objects.filter(framework=framework, measure=""))


def fill(sheet, by, points=("8", "12", "7.5")) -> None:
    for c, p in zip(self_criteria(sheet.framework), points, strict=False):
        services.score_save(
            by=by, assessment=sheet, criterion=c, points=p, note="Đã tổ chức 6 buổi tuyên truyền."
        )


def test_default_framework_has_groups_criteria_and_bands(framework):
    assert framework.subject == "units" and framework.year == 2026
    assert sum(c.max_points for c in framework.criteria.all()) == 100
    assert framework.criteria.exclude(measure="").count() == 6
    assert {b.level: b.min_percent for b in framework.bands.all()} == {
        "excellent": 90,
        "good": 75,
        "pass": 50,
    }
    assert audits("scoring.framework_create") == 1


def test_only_managers_create_and_once_a_year(commune, people, framework):
    with pytest.raises(ServiceError) as exc:
        services.framework_create_default(by=people.officer, commune=commune, year=2027)
    assert exc.value.code == "forbidden"
    with pytest.raises(ServiceError, match="Đã có bộ tiêu chí năm 2026"):
        services.framework_create_default(by=people.coordinator, commune=commune, year=2026)
    assert Framework.objects.count() == 1


def test_a_commune_adopts_its_provinces_framework(commune, other_commune, people):
    source = services.framework_create_default(
        by=people.province_viewer, province=commune.province, year=2026, subject="units"
    )
    services.bands_set(by=people.province_viewer, framework=source, excellent=92, good=80, pass_=60)
    adopted = services.framework_adopt(by=people.coordinator, commune=commune, source=source)
    assert adopted.adopted_from == source and adopted.criteria.count() == source.criteria.count()
    assert {b.level: b.min_percent for b in adopted.bands.all()}["excellent"] == 92
    with pytest.raises(ServiceError):
        services.framework_adopt(by=people.outsider, commune=other_commune, source=source)  # another province
    with pytest.raises(ServiceError) as exc:
        services.framework_create_default(
            by=people.coordinator, province=commune.province, year=2026, subject="communes"
        )
    assert exc.value.code == "forbidden"  # a commune's coordinator does not write the province's


def test_thresholds_are_checked_and_nothing_changes_on_a_refusal(framework, people):
    with pytest.raises(ServiceError, match="giảm dần"):
        services.bands_set(by=people.coordinator, framework=framework, excellent=70, good=80, pass_=50)
    with pytest.raises(ServiceError, match="là một số"):
        services.bands_set(by=people.coordinator, framework=framework, excellent="nhiều", good=80, pass_=50)
    assert Band.objects.get(framework=framework, level="excellent").min_percent == 90
    services.bands_set(by=people.leader, framework=framework, excellent="85,5", good=70, pass_=45)
    assert Band.objects.get(framework=framework, level="excellent").min_percent == Decimal("85.5")
    assert audits("scoring.bands_set") == 1


def test_an_officer_self_assesses_their_own_unit_only(commune, people, framework, economy, police):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    with pytest.raises(ServiceError) as exc:
        services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=police)
    assert exc.value.code == "forbidden"
    criterion = self_criteria(framework)[0]
    score = services.score_save(
        by=people.officer,
        assessment=sheet,
        criterion=criterion,
        points="8,25",
        note="6 hội nghị",
        evidence=SimpleUploadedFile("anh.png", PNG),
    )
    assert (
        score.self_points == Decimal("8.25")
        and score.evidence_kind == "png"
        and len(score.evidence_sha256) == 64
    )
    coordinator_sheet = services.assessment_for(
        by=people.coordinator, framework=framework, commune=commune, unit=police
    )
    with pytest.raises(ServiceError) as exc:
        services.score_save(by=people.officer, assessment=coordinator_sheet, criterion=criterion, points=5)
    assert exc.value.code == "forbidden"


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("11", "từ 0 đến 10"),
        ("-1", "từ 0 đến 10"),
        ("7.3", "bước 0,25"),
        ("bảy", "là một số"),
        ("NaN", "từ 0 đến 10"),
    ],
)
def test_bad_points_are_refused(commune, people, framework, economy, points, message):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    with pytest.raises(ServiceError, match=message):
        services.score_save(
            by=people.officer, assessment=sheet, criterion=self_criteria(framework)[0], points=points
        )
    assert not Score.objects.exists()


def test_computed_criteria_and_bad_files_are_refused(commune, people, framework, economy):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    computed = Criterion.objects.filter(framework=framework).exclude(measure="").first()
    with pytest.raises(ServiceError, match="tính từ dữ liệu"):
        services.score_save(by=people.officer, assessment=sheet, criterion=computed, points=1)
    with pytest.raises(ServiceError, match="không phải loại được nhận"):
        services.score_save(
            by=people.officer,
            assessment=sheet,
            criterion=self_criteria(framework)[0],
            points=5,
            evidence=SimpleUploadedFile("bao-cao.pdf", b"<script>alert(1)</script>"),
        )
    assert not Score.objects.exists()


def test_submit_needs_every_self_criterion_then_the_sheet_is_locked(commune, people, framework, economy):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    services.score_save(by=people.officer, assessment=sheet, criterion=self_criteria(framework)[0], points=8)
    with pytest.raises(ServiceError, match="Còn 2 tiêu chí chưa tự chấm"):
        services.assessment_submit(by=people.officer, assessment=sheet)
    fill(sheet, people.officer)
    services.assessment_submit(by=people.officer, assessment=sheet)
    sheet.refresh_from_db()
    assert sheet.status == "submitted" and sheet.submitted_by == people.officer
    with pytest.raises(ServiceError, match="Phiếu đã gửi"):
        services.score_save(
            by=people.officer, assessment=sheet, criterion=self_criteria(framework)[0], points=1
        )


def test_review_accepts_or_adjusts_with_a_reason(commune, people, framework, economy):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    fill(sheet, people.officer)
    services.assessment_submit(by=people.officer, assessment=sheet)
    first, second, third = self_criteria(framework)
    with pytest.raises(ServiceError) as exc:
        services.assessment_review(by=people.officer, assessment=sheet, decisions={})
    assert exc.value.code == "forbidden"
    with pytest.raises(ServiceError, match="lý do điều chỉnh"):
        services.assessment_review(by=people.coordinator, assessment=sheet, decisions={first.pk: ("6", "")})
    assert Assessment.objects.get(pk=sheet.pk).status == "submitted"
    services.assessment_review(
        by=people.coordinator,
        assessment=sheet,
        decisions={first.pk: ("6", "Chỉ có minh chứng 4 buổi."), second.pk: ("12", ""), third.pk: (None, "")},
    )
    sheet.refresh_from_db()
    assert sheet.status == "reviewed" and sheet.reviewed_by == people.coordinator
    scores = {s.criterion_id: s for s in sheet.scores.all()}
    assert scores[first.pk].points == 6 and scores[first.pk].review_reason == "Chỉ có minh chứng 4 buổi."
    assert scores[second.pk].review_points is None and scores[third.pk].points == Decimal("7.5")
    assert audits("scoring.review") == 2  # the move and the points


def test_a_returned_sheet_goes_back_to_draft_with_the_reason(commune, people, framework, economy):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    fill(sheet, people.officer)
    services.assessment_submit(by=people.officer, assessment=sheet)
    with pytest.raises(ServiceError, match="lý do trả lại"):
        services.assessment_return(by=people.coordinator, assessment=sheet, reason=" ")
    services.assessment_return(by=people.coordinator, assessment=sheet, reason="Bổ sung ảnh hội nghị.")
    sheet.refresh_from_db()
    assert sheet.status == "draft" and sheet.return_reason == "Bổ sung ảnh hội nghị."
    with pytest.raises(ServiceError, match="Chỉ thẩm định phiếu đã gửi"):
        services.assessment_review(by=people.coordinator, assessment=sheet, decisions={})


def test_criteria_are_editable_until_a_sheet_is_sent(commune, people, framework, economy):
    c = services.criterion_save(
        by=people.coordinator,
        framework=framework,
        group_title="III. Tiêu chí riêng của xã",
        title="Tham gia chuyển đổi số",
        max_points=5,
    )
    assert c.group.title == "III. Tiêu chí riêng của xã"
    with pytest.raises(ServiceError, match="không dùng được"):
        services.criterion_save(
            by=people.coordinator,
            framework=framework,
            group_title="III",
            title="X",
            max_points=5,
            measure="democracy.disclosures",
        )
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    fill(sheet, people.officer, points=("8", "12", "7.5"))
    services.score_save(by=people.officer, assessment=sheet, criterion=c, points=4)
    services.assessment_submit(by=people.officer, assessment=sheet)
    with pytest.raises(ServiceError, match="không sửa được tiêu chí"):
        services.criterion_save(
            by=people.coordinator, framework=framework, group_title="III", title="Y", max_points=5
        )


def test_the_commune_fills_its_own_sheet_under_the_province_framework_and_the_province_reviews(
    commune, people
):
    province_fw = services.framework_create_default(
        by=people.province_viewer, province=commune.province, year=2026, subject="communes"
    )
    with pytest.raises(ServiceError):
        services.assessment_for(by=people.province_viewer, framework=province_fw, commune=commune)
    sheet = services.assessment_for(by=people.coordinator, framework=province_fw, commune=commune)
    for c in self_criteria(province_fw):
        services.score_save(by=people.coordinator, assessment=sheet, criterion=c, points=c.max_points - 1)
    services.assessment_submit(by=people.leader, assessment=sheet)
    with pytest.raises(ServiceError) as exc:
        services.assessment_review(by=people.coordinator, assessment=sheet, decisions={})
    assert exc.value.code == "forbidden"  # a commune does not review its own sheet
    services.assessment_review(by=people.province_viewer, assessment=sheet, decisions={})
    assert Assessment.objects.get(pk=sheet.pk).status == "reviewed"


def test_a_criterion_is_removed_only_before_a_sheet_is_sent(commune, people, framework, economy):
    extra = services.criterion_save(
        by=people.coordinator, framework=framework, group_title="III", title="Riêng", max_points=5
    )
    with pytest.raises(ServiceError) as exc:
        services.criterion_delete(by=people.officer, framework=framework, criterion=extra)
    assert exc.value.code == "forbidden"
    services.criterion_delete(by=people.coordinator, framework=framework, criterion=extra)
    assert not framework.groups.filter(title="III").exists()  # its now empty group goes too
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    fill(sheet, people.officer)
    services.assessment_submit(by=people.officer, assessment=sheet)
    with pytest.raises(ServiceError, match="không sửa được tiêu chí"):
        services.criterion_delete(
            by=people.coordinator, framework=framework, criterion=self_criteria(framework)[0]
        )
    assert audits("scoring.criterion_delete") == 1
