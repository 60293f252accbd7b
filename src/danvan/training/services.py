"""Every write of the training register: courses, participants, attendance, certificates and the trainings
each role must have. Each in one transaction with its audit record; a refusal is a Vietnamese
`ServiceError` and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.geo.models import Commune
from danvan.org.access import can
from danvan.org.models import Membership, Role
from danvan.text.normalize import nfc
from danvan.training.models import Course, Participant, Requirement, Topic

MANAGE = "training.manage"
_COURSE_FIELDS = ["title", "topic", "organiser", "starts_on", "ends_on", "place", "hours"]


def _require(by, commune: Commune, what: str) -> None:
    if not can(by, MANAGE, commune):
        raise ServiceError(f"Bạn không có quyền {what}.", code="forbidden")


def _text(value, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} tối đa {max_chars} ký tự.", field=field)
    return text


def course_save(
    *,
    by,
    commune: Commune,
    title: str,
    topic: str,
    organiser: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    place: str,
    hours,
    course: Course | None = None,
) -> Course:
    """Open a course in the register (or correct one)."""
    _require(by, commune, "ghi sổ tập huấn")
    title = _text(title, field="title", label="tên lớp", max_chars=300)
    if topic not in Topic.values:
        raise ServiceError("Vui lòng chọn lĩnh vực tập huấn.", field="topic")
    organiser = _text(organiser, field="organiser", label="đơn vị tổ chức", max_chars=200)
    place = _text(place, field="place", label="địa điểm", max_chars=300)
    if starts_on is None:
        raise ServiceError("Vui lòng nhập ngày bắt đầu (dd/mm/yyyy).", field="starts_on")
    ends_on = ends_on or starts_on
    if ends_on < starts_on:
        raise ServiceError("Ngày kết thúc không được trước ngày bắt đầu.", field="ends_on")
    if (ends_on - starts_on).days > 366:
        raise ServiceError("Một lớp tập huấn không kéo dài quá một năm.", field="ends_on")
    try:
        hours = Decimal(str(hours).replace(",", ".")).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ServiceError("Số giờ phải là một số, ví dụ 8 hoặc 3,5.", field="hours") from None
    if not Decimal("0") < hours <= Decimal("2000"):
        raise ServiceError("Số giờ phải lớn hơn 0 và không quá 2000.", field="hours")
    with transaction.atomic():
        before = snapshot(course, _COURSE_FIELDS) if course else None
        course = course or Course(commune=commune, created_by=by)
        course.title, course.topic, course.organiser, course.place, course.hours = (
            title,
            topic,
            organiser,
            place,
            hours,
        )
        course.starts_on, course.ends_on = starts_on, ends_on
        course.save()
        audit_record(
            actor=by,
            action="training.course_saved",
            obj=course,
            commune=commune,
            before=before,
            after=snapshot(course, _COURSE_FIELDS),
        )
    return course


def participant_add(
    *, by, course: Course, user=None, full_name: str = "", unit=None, village=None, position: str = ""
) -> Participant:
    """Add a participant: a staff account with a role in the commune (name, unit and village taken from
    the role), or a named person from a unit or a village."""
    commune = course.commune
    _require(by, commune, "ghi danh sách học viên")
    position = _text(position, field="position", label="chức vụ", max_chars=150, required=False)
    if user is not None:
        roles = list(Membership.objects.filter(user=user, commune=commune).select_related("unit", "village"))
        if not roles:
            raise ServiceError("Người này không có vai trò ở xã.", field="user")
        full_name = user.get_full_name() or user.get_username()
        unit = unit or next((m.unit for m in roles if m.unit_id), None)
        village = village or next((m.village for m in roles if m.village_id), None)
        position = position or (roles[0].title or Role(roles[0].role).label)[:150]
    else:
        full_name = _text(full_name, field="full_name", label="họ và tên học viên", max_chars=150)
        if unit is None and village is None:
            raise ServiceError("Chọn đơn vị hoặc thôn của học viên.", field="unit")
    if unit is not None and unit.commune_id != commune.pk:
        raise ServiceError("Đơn vị không thuộc xã này.", field="unit")
    if village is not None and village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        if user is not None and locked.participants.filter(user=user).exists():
            raise ServiceError(f"{full_name} đã có trong danh sách lớp.", field="user")
        if (
            user is None
            and locked.participants.filter(full_name=full_name, village=village, unit=unit).exists()
        ):
            raise ServiceError(f"{full_name} đã có trong danh sách lớp.", field="full_name")
        participant = Participant.objects.create(
            course=locked, user=user, full_name=full_name, unit=unit, village=village, position=position
        )
        audit_record(
            actor=by,
            action="training.participant_added",
            obj=locked,
            commune=commune,
            after={"participant": participant.pk, "user": getattr(user, "pk", None), "name": full_name},
        )
    return participant


def attendance_set(*, by, participant: Participant, attended: bool) -> Participant:
    """Điểm danh: present or absent, once the course has started."""
    course = participant.course
    _require(by, course.commune, "điểm danh học viên")
    if course.starts_on > timezone.localdate():
        raise ServiceError("Lớp chưa bắt đầu nên chưa điểm danh được.", code="not_started")
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        before = locked.attended
        locked.attended = bool(attended)
        locked.save(update_fields=["attended"])
        audit_record(
            actor=by,
            action="training.attendance",
            obj=course,
            commune=course.commune,
            before={"participant": locked.pk, "attended": before},
            after={"participant": locked.pk, "attended": locked.attended},
        )
    return locked


def certificate_add(*, by, participant: Participant, upload) -> Participant:
    """Giấy chứng nhận: a PDF or a photo, checked by its content; only for someone who attended."""
    course = participant.course
    _require(by, course.commune, "lưu giấy chứng nhận")
    if upload is None:
        raise ServiceError("Vui lòng chọn tệp giấy chứng nhận.", field="attachment")
    checked = check_upload(upload)
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.attended is not True:
            raise ServiceError("Chỉ lưu giấy chứng nhận của học viên đã tham gia lớp.", code="not_attended")
        locked.certificate = upload
        locked.certificate_name = (getattr(upload, "name", "") or "giay-chung-nhan")[:255]
        locked.certificate_kind, locked.certificate_sha256 = checked.kind, checked.sha256
        locked.save()
        audit_record(
            actor=by,
            action="training.certificate_added",
            obj=course,
            commune=course.commune,
            after={"participant": locked.pk, "sha256": checked.sha256, "kind": checked.kind},
        )
    return locked


def requirement_save(
    *, by, commune: Commune, role: str, topic: str, within_years: int, basis: str = ""
) -> Requirement:
    """The commune asks everyone holding a role to be trained on a topic every so many years."""
    _require(by, commune, "đặt yêu cầu tập huấn")
    if role not in Role.values or role in (Role.PROVINCE_VIEWER, Role.SYSTEM_ADMIN):
        raise ServiceError("Vui lòng chọn vai trò của cán bộ xã.", field="role")
    if topic not in Topic.values:
        raise ServiceError("Vui lòng chọn lĩnh vực tập huấn.", field="topic")
    if not isinstance(within_years, int) or not 1 <= within_years <= 10:
        raise ServiceError("Thời hạn phải từ 1 đến 10 năm.", field="within_years")
    basis = _text(basis, field="basis", label="căn cứ", max_chars=300, required=False)
    with transaction.atomic():
        requirement, created = Requirement.objects.update_or_create(
            commune=commune, role=role, topic=topic, defaults={"within_years": within_years, "basis": basis}
        )
        audit_record(
            actor=by,
            action="training.requirement_saved",
            obj=requirement,
            commune=commune,
            after={"role": role, "topic": topic, "within_years": within_years, "created": created},
        )
    return requirement


def requirement_remove(*, by, requirement: Requirement) -> None:
    commune = requirement.commune
    _require(by, commune, "bỏ yêu cầu tập huấn")
    with transaction.atomic():
        audit_record(
            actor=by,
            action="training.requirement_removed",
            obj=requirement,
            commune=commune,
            before={"role": requirement.role, "topic": requirement.topic},
        )
        requirement.delete()
