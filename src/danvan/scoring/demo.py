"""Demo scoring, written through the services: this year's framework (our default), Phòng Kinh tế's
sheet self-assessed with evidence notes and reviewed with one adjustment, Phòng Văn hóa – Xã hội's sent
and waiting for review; the province's framework for its communes, so its ranking fills from the data.
Our own invented text; idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.geo.models import Commune
from danvan.org.models import Unit
from danvan.scoring import services
from danvan.scoring.models import Assessment, Criterion, Framework

NOTES = (
    ("9", "Tổ chức 7 hội nghị quán triệt tại các thôn, 420 lượt người dự; ảnh và danh sách kèm theo."),
    ("14", "Không có phản ánh về thái độ cán bộ; 2 thư khen của người dân."),
    ("8", "Phối hợp Hội Nông dân tập huấn kỹ thuật cho 60 hộ."),
)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def demo_scoring(commune: Commune) -> None:
    year = timezone.localdate().year
    coordinator, officer, viewer = _user("dieuphoi"), _user("kinhte"), _user("tinh")
    framework = Framework.objects.filter(
        commune=commune, year=year
    ).first() or services.framework_create_default(by=coordinator, commune=commune, year=year)
    if not Framework.objects.filter(province=commune.province, year=year, subject="communes").exists():
        services.framework_create_default(by=viewer, province=commune.province, year=year, subject="communes")
    criteria = list(Criterion.objects.filter(framework=framework, measure=""))
    sheets = (
        ("Phòng Kinh tế", officer, True),
        ("Phòng Văn hóa – Xã hội", coordinator, False),
    )
    for name, by, review in sheets:
        unit = Unit.objects.get(commune=commune, name=name)
        if Assessment.objects.filter(framework=framework, unit=unit).exists():
            continue
        sheet = services.assessment_for(by=by, framework=framework, commune=commune, unit=unit)
        for criterion, (points, note) in zip(criteria, NOTES, strict=False):
            services.score_save(by=by, assessment=sheet, criterion=criterion, points=points, note=note)
        services.assessment_submit(by=by, assessment=sheet)
        if review:
            services.assessment_review(
                by=coordinator,
                assessment=sheet,
                decisions={criteria[0].pk: ("8", "Minh chứng có 6 hội nghị, không phải 7.")},
            )
