"""The training register's rules: what a course needs, who may be a participant, attendance and
certificates, who is missing a required training, the report's figures; each write audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.core.sections import provider
from danvan.geo.models import Village
from danvan.org.models import Role
from danvan.training import selectors, services
from danvan.training.models import Course, Participant, Topic
from tests.training.conftest import TODAY

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buf, "PNG")
    return SimpleUploadedFile("chung-nhan.png", buf.getvalue(), content_type="image/png")


def test_a_course_is_saved_with_its_hours_and_audited(course, commune):
    assert course.hours == 8 and course.ends_on > course.starts_on
    assert AuditEvent.objects.filter(action="training.course_saved", object_id=str(course.pk)).exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": " "}, "title"),
        ({"topic": "cooking"}, "topic"),
        ({"hours": "abc"}, "hours"),
        ({"hours": "0"}, "hours"),
        ({"ends_on": dt.date(2020, 1, 1)}, "ends_on"),
    ],
)
def test_a_bad_course_is_refused_and_nothing_written(people, commune, change, field):
    args = {
        "by": people.coordinator,
        "commune": commune,
        "title": "Lớp",
        "topic": Topic.MEDIATION,
        "organiser": "UBND xã",
        "starts_on": TODAY(),
        "ends_on": None,
        "place": "Hội trường",
        "hours": "3,5",
    }
    with pytest.raises(ServiceError) as err:
        services.course_save(**{**args, **change})
    assert err.value.field == field and not Course.objects.exists()


def test_only_the_coordinator_and_leaders_keep_the_register(people, commune, course):
    for user in (people.officer, people.village_head, people.outsider):
        with pytest.raises(ServiceError) as err:
            services.participant_add(by=user, course=course, user=people.officer)
        assert err.value.code == "forbidden"


def test_participants_staff_or_named_once_each(people, commune, course):
    staff = services.participant_add(by=people.coordinator, course=course, user=people.village_head)
    assert staff.full_name and staff.village.name == "Thôn 1"
    with pytest.raises(ServiceError, match="đã có trong danh sách"):
        services.participant_add(by=people.coordinator, course=course, user=people.village_head)
    with pytest.raises(ServiceError, match="không có vai trò ở xã"):
        services.participant_add(by=people.coordinator, course=course, user=people.outsider)
    with pytest.raises(ServiceError, match="Chọn đơn vị hoặc thôn"):
        services.participant_add(by=people.coordinator, course=course, full_name="Ka Hòa")
    village = Village.objects.get(commune=commune, name="Thôn 1")
    named = services.participant_add(
        by=people.coordinator, course=course, full_name="Ka Hòa", village=village
    )
    assert named.user is None and course.participants.count() == 2


def test_attendance_then_a_certificate_checked_by_content(people, course):
    p = services.participant_add(by=people.coordinator, course=course, user=people.officer)
    with pytest.raises(ServiceError, match="đã tham gia"):
        services.certificate_add(by=people.coordinator, participant=p, upload=png())
    services.attendance_set(by=people.coordinator, participant=p, attended=True)
    fake = SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ServiceError) as err:
        services.certificate_add(by=people.coordinator, participant=p, upload=fake)
    assert err.value.code == "file_type"
    p = services.certificate_add(by=people.coordinator, participant=p, upload=png())
    assert p.certificate_kind == "png" and len(p.certificate_sha256) == 64
    assert AuditEvent.objects.filter(action="training.certificate_added").count() == 1


def test_attendance_waits_for_the_course_to_start(people, commune):
    later = services.course_save(
        by=people.coordinator,
        commune=commune,
        title="Lớp sắp tới",
        topic=Topic.DIGITAL,
        organiser="Tỉnh",
        starts_on=TODAY() + dt.timedelta(days=5),
        ends_on=None,
        place="Xã",
        hours=4,
    )
    p = services.participant_add(by=people.coordinator, course=later, user=people.officer)
    with pytest.raises(ServiceError, match="chưa bắt đầu"):
        services.attendance_set(by=people.coordinator, participant=p, attended=True)
    assert Participant.objects.get(pk=p.pk).attended is None


def test_who_is_missing_a_required_training(people, commune, course):
    services.requirement_save(
        by=people.leader,
        commune=commune,
        role=Role.COMMUNE_LEADER,
        topic=Topic.MASS_MOBILISATION,
        within_years=2,
    )
    services.requirement_save(
        by=people.leader, commune=commune, role=Role.VILLAGE_HEAD, topic=Topic.DIGITAL, within_years=1
    )
    [leaders, heads] = sorted(selectors.missing(commune, TODAY()), key=lambda m: m.requirement.role)
    assert leaders.people == [people.leader] and heads.people == [people.village_head]
    p = services.participant_add(by=people.coordinator, course=course, user=people.leader)
    services.participant_add(by=people.coordinator, course=course, user=people.village_head)
    assert selectors.missing(commune, TODAY())[0].people == [people.leader]  # listed, not yet present
    services.attendance_set(by=people.coordinator, participant=p, attended=True)
    by_role = {m.requirement.role: m for m in selectors.missing(commune, TODAY())}
    assert by_role[Role.COMMUNE_LEADER].people == [] and by_role[Role.VILLAGE_HEAD].people == [
        people.village_head
    ]
    # Trained too long ago no longer counts.
    later = TODAY() + dt.timedelta(days=3 * 366)
    assert {m.requirement.role: m for m in selectors.missing(commune, later)}[Role.COMMUNE_LEADER].people == [
        people.leader
    ]
    with pytest.raises(ServiceError):
        services.requirement_save(
            by=people.leader, commune=commune, role=Role.COMMUNE_LEADER, topic=Topic.DIGITAL, within_years=0
        )


def test_the_report_section_counts_the_period(people, commune, course, other_commune):
    p = services.participant_add(by=people.coordinator, course=course, user=people.leader)
    services.participant_add(by=people.coordinator, course=course, user=people.officer)
    services.attendance_set(by=people.coordinator, participant=p, attended=True)
    section = provider("training")
    start, end = TODAY() - dt.timedelta(days=30), TODAY()
    content = section.build(commune, start, end)
    figures = {f.key: f.value for f in content.figures}
    assert figures == {"courses": 1, "participants": 2, "attended": 1, "person_hours": 8.0}
    assert "1 lớp tập huấn" in content.paragraphs[0] and content.tables[0].rows[0][1] == "1"
    assert section.key_figures([commune, other_commune], start, end)[other_commune.code][0].value == 0
    empty = section.build(commune, end + dt.timedelta(days=1), end + dt.timedelta(days=9))
    assert "chưa ghi nhận" in empty.paragraphs[0]
