"""Consultations (Nhân dân tham gia ý kiến, Luật THDCCS 2022, Điều 25–26): a draft with its period and
questions, residents' comments (moderated before they are public), comments staff collected at meetings
or by ballot, and the summary with the commune's response to each group of comments.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.democracy.consultations.models import (
    CommentGroup,
    Consultation,
    ConsultationComment,
    ConsultationQuestion,
)
from danvan.democracy.consultations.rules import (
    COMMENT_MAX_CHARS,
    STAFF_SOURCES,
    CommentSource,
    CommentStatus,
    ConsultationMatter,
    ConsultationStatus,
)
from danvan.democracy.guards import Refused, audited_refusals, by_actor
from danvan.org.access import can

MAX_QUESTIONS = 20
FIELDS = ["matter", "title", "opens_on", "closes_on", "status", "summary"]


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _require_manager(by, commune, *, obj=None) -> None:
    if not can(by, "democracy.manage_consultations", commune):
        raise Refused(
            "Bạn không có quyền quản lý việc lấy ý kiến Nhân dân của xã này.",
            code="forbidden",
            obj=obj,
            commune=commune,
        )


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().select_related("commune").get(pk=consultation.pk)


@audited_refusals("consultation_create", by_actor)
def consultation_create(
    *,
    by,
    commune,
    matter: str,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    questions: list[str] | None = None,
    description: str = "",
    upload=None,
) -> Consultation:
    """Lập một đợt lấy ý kiến (chưa đăng): the draft, its period and the questions asked."""
    _require_manager(by, commune)
    title = (title or "").strip()
    if not title:
        raise Refused("Nhập tên dự thảo cần lấy ý kiến.", code="no_title", field="title", commune=commune)
    if matter not in ConsultationMatter.values:
        raise Refused("Chọn nội dung lấy ý kiến.", code="no_matter", field="matter", commune=commune)
    if opens_on is None or closes_on is None:
        raise Refused(
            "Nhập ngày bắt đầu và ngày kết thúc nhận ý kiến.",
            code="no_dates",
            field="opens_on",
            commune=commune,
        )
    if closes_on < opens_on:
        raise Refused(
            f"Ngày kết thúc nhận ý kiến ({_fmt(closes_on)}) không được trước "
            f"ngày bắt đầu ({_fmt(opens_on)}).",
            code="ends_before_start",
            field="closes_on",
            commune=commune,
        )
    texts = [q.strip() for q in (questions or []) if q and q.strip()]
    if len(texts) > MAX_QUESTIONS:
        raise Refused(f"Tối đa {MAX_QUESTIONS} câu hỏi.", code="too_many", field="questions", commune=commune)
    if any(len(t) > 500 for t in texts):
        raise Refused("Mỗi câu hỏi tối đa 500 ký tự.", code="too_long", field="questions", commune=commune)
    info = None
    if upload is not None:
        try:
            info = check_upload(upload)
        except ServiceError as exc:
            raise Refused(exc.message, code=exc.code, field="file", commune=commune) from None
    with transaction.atomic():
        consultation = Consultation(
            commune=commune,
            matter=matter,
            title=title[:300],
            description=(description or "").strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=by,
        )
        if info is not None:
            consultation.file = upload
            consultation.file_name = (getattr(upload, "name", "") or "")[:255]
            consultation.file_kind, consultation.file_mime, consultation.file_sha256 = (
                info.kind,
                info.mime,
                info.sha256,
            )
        consultation.save()
        ConsultationQuestion.objects.bulk_create(
            ConsultationQuestion(consultation=consultation, order=i, text=t)
            for i, t in enumerate(texts, start=1)
        )
        audit_record(
            actor=by,
            action="democracy.consultation_created",
            obj=consultation,
            after={**snapshot(consultation, FIELDS), "questions": texts},
        )
    return consultation


@audited_refusals("consultation_publish", by_actor)
def consultation_publish(*, by, consultation: Consultation) -> Consultation:
    """Đăng dự thảo lên cổng thông tin: residents can read it and, within the period, comment."""
    with transaction.atomic():
        c = _lock(consultation)
        _require_manager(by, c.commune, obj=c)
        if c.status != ConsultationStatus.DRAFT:
            raise Refused("Đợt lấy ý kiến này đã được đăng.", code="bad_status", obj=c)
        before = snapshot(c, FIELDS)
        c.status = ConsultationStatus.PUBLISHED
        c.published_at = timezone.now()
        c.save(update_fields=["status", "published_at"])
        audit_record(
            actor=by,
            action="democracy.consultation_published",
            obj=c,
            before=before,
            after=snapshot(c, FIELDS),
        )
    return c


def _check_question(consultation: Consultation, question) -> None:
    if question is not None and question.consultation_id != consultation.pk:
        raise Refused(
            "Câu hỏi không thuộc dự thảo này.", code="bad_question", field="question", obj=consultation
        )


def _check_body(body: str, consultation: Consultation) -> str:
    text = (body or "").strip()
    if not text:
        raise Refused("Nhập nội dung ý kiến.", code="empty", field="body", obj=consultation)
    if len(text) > COMMENT_MAX_CHARS:
        raise Refused(
            f"Ý kiến dài quá {COMMENT_MAX_CHARS} ký tự.", code="too_long", field="body", obj=consultation
        )
    return text


def _resident_actor(kwargs: dict):
    user = kwargs.get("user")
    return user if user is not None else "Người dân (cổng thông tin)"


@audited_refusals("comment_submit", _resident_actor)
def comment_submit(
    *,
    consultation: Consultation,
    body: str,
    question: ConsultationQuestion | None = None,
    author_name: str = "",
    author_contact: str = "",
    user=None,
    client_token: str | None = None,
    today: dt.date | None = None,
) -> ConsultationComment:
    """Một người dân góp ý trên cổng thông tin, có hoặc không có tài khoản. The comment waits for
    moderation before it is shown. A retry with the same client token returns the first comment."""
    token = (client_token or "").strip()[:64] or None
    if token:
        existing = ConsultationComment.objects.filter(consultation=consultation, client_token=token).first()
        if existing:
            return existing
    today = today or timezone.localdate()
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if c.status == ConsultationStatus.DRAFT:
            raise Refused("Dự thảo này chưa được đăng lấy ý kiến.", code="not_open", obj=c)
        if today < c.opens_on:
            raise Refused(
                f"Chưa đến thời gian nhận ý kiến (bắt đầu từ ngày {_fmt(c.opens_on)}).",
                code="not_open",
                obj=c,
            )
        if today > c.closes_on or c.status == ConsultationStatus.CONCLUDED:
            raise Refused(
                f"Đã hết thời gian nhận ý kiến (đến hết ngày {_fmt(c.closes_on)}). "
                "Ý kiến không được ghi nhận.",
                code="closed",
                obj=c,
            )
        _check_question(c, question)
        text = _check_body(body, c)
        try:
            with transaction.atomic():
                comment = ConsultationComment.objects.create(
                    consultation=c,
                    commune_id=c.commune_id,
                    question=question,
                    body=text,
                    source=CommentSource.PORTAL,
                    author_name=(author_name or "").strip()[:120],
                    author_contact=(author_contact or "").strip()[:120],
                    user=user if getattr(user, "is_authenticated", False) else None,
                    client_token=token,
                )
        except IntegrityError:  # the same token raced in: the first one wins
            return ConsultationComment.objects.get(consultation=c, client_token=token)
        # The audit keeps no personal data: the text is in the comment itself.
        audit_record(
            actor=_resident_actor({"user": user}),
            action="democracy.comment_submitted",
            obj=comment,
            commune=c.commune,
            after={"consultation": c.pk, "question": question.pk if question else None},
        )
    return comment


@audited_refusals("comment_record", by_actor)
def comment_record(
    *,
    by,
    consultation: Consultation,
    body: str,
    source: str,
    people_count: int = 1,
    collected_on: dt.date | None = None,
    question: ConsultationQuestion | None = None,
    author_name: str = "",
) -> ConsultationComment:
    """Cán bộ ghi ý kiến thu được tại hội nghị, qua phiếu lấy ý kiến, hòm thư, đường dây nóng: the source and
    how many people gave it. Collected within the period; published once recorded (staff wrote it)."""
    with transaction.atomic():
        c = _lock(consultation)
        _require_manager(by, c.commune, obj=c)
        if c.status != ConsultationStatus.PUBLISHED:
            raise Refused("Chỉ ghi ý kiến cho đợt lấy ý kiến đang diễn ra.", code="bad_status", obj=c)
        if source not in STAFF_SOURCES:
            raise Refused("Chọn hình thức thu thập ý kiến.", code="bad_source", field="source", obj=c)
        day = collected_on or timezone.localdate()
        if day < c.opens_on or day > c.closes_on:
            raise Refused(
                "Ý kiến phải được thu thập trong thời gian lấy ý kiến "
                f"({_fmt(c.opens_on)}–{_fmt(c.closes_on)}); "
                "sau khi kết thúc không nhận thêm ý kiến.",
                code="closed",
                field="collected_on",
                obj=c,
            )
        if day > timezone.localdate():
            raise Refused("Ngày thu thập không được sau hôm nay.", code="future", field="collected_on", obj=c)
        try:
            count = int(people_count)
        except (TypeError, ValueError):
            count = 0
        if count < 1:
            raise Refused(
                "Số người có ý kiến phải từ 1 trở lên.", code="bad_count", field="people_count", obj=c
            )
        _check_question(c, question)
        text = _check_body(body, c)
        comment = ConsultationComment.objects.create(
            consultation=c,
            commune_id=c.commune_id,
            question=question,
            body=text,
            source=source,
            people_count=count,
            collected_on=day,
            author_name=(author_name or "").strip()[:120],
            user=by,
            status=CommentStatus.APPROVED,
            moderated_by=by,
            moderated_at=timezone.now(),
        )
        audit_record(
            actor=by,
            action="democracy.comment_recorded",
            obj=comment,
            commune=c.commune,
            after={"consultation": c.pk, "source": source, "people_count": count},
        )
    return comment


@audited_refusals("comment_moderate", by_actor)
def comment_moderate(*, by, comment: ConsultationComment, approve: bool) -> ConsultationComment:
    """Duyệt (công khai) hoặc không đăng một ý kiến gửi qua cổng thông tin."""
    with transaction.atomic():
        comment = (
            ConsultationComment.objects.select_for_update()
            .select_related("consultation__commune")
            .get(pk=comment.pk)
        )
        _require_manager(by, comment.consultation.commune, obj=comment)
        if comment.consultation.status == ConsultationStatus.CONCLUDED:
            raise Refused(
                "Đợt lấy ý kiến đã công bố kết quả; không duyệt lại ý kiến.", code="bad_status", obj=comment
            )
        before = {"status": comment.status}
        comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
        comment.moderated_by = by
        comment.moderated_at = timezone.now()
        comment.save(update_fields=["status", "moderated_by", "moderated_at"])
        audit_record(
            actor=by,
            action="democracy.comment_moderated",
            obj=comment,
            commune=comment.consultation.commune,
            before=before,
            after={"status": comment.status},
        )
    return comment


@audited_refusals("comment_group_save", by_actor)
def comment_group_save(
    *, by, consultation: Consultation, title: str, response: str = "", group: CommentGroup | None = None
) -> CommentGroup:
    """Tạo hoặc sửa một nhóm ý kiến và ý kiến tiếp thu, giải trình của UBND xã cho nhóm đó."""
    with transaction.atomic():
        c = _lock(consultation)
        _require_manager(by, c.commune, obj=c)
        if c.status == ConsultationStatus.CONCLUDED:
            raise Refused("Đợt lấy ý kiến đã công bố kết quả.", code="bad_status", obj=c)
        title = (title or "").strip()
        if not title:
            raise Refused("Nhập tên nhóm ý kiến.", code="no_title", field="title", obj=c)
        if group is not None and group.consultation_id != c.pk:
            raise Refused("Nhóm không thuộc đợt lấy ý kiến này.", code="bad_group", obj=c)
        before = snapshot(group, ["title", "response"]) if group else None
        if group is None:
            group = CommentGroup(consultation=c, order=c.groups.count() + 1)
        group.title = title[:300]
        group.response = (response or "").strip()
        group.save()
        audit_record(
            actor=by,
            action="democracy.comment_group_saved",
            obj=group,
            commune=c.commune,
            before=before,
            after=snapshot(group, ["title", "response"]),
        )
    return group


@audited_refusals("comment_assign", by_actor)
def comment_assign(*, by, comment: ConsultationComment, group: CommentGroup | None) -> ConsultationComment:
    """Xếp một ý kiến vào một nhóm (hoặc bỏ khỏi nhóm)."""
    with transaction.atomic():
        comment = (
            ConsultationComment.objects.select_for_update()
            .select_related("consultation__commune")
            .get(pk=comment.pk)
        )
        _require_manager(by, comment.consultation.commune, obj=comment)
        if comment.consultation.status == ConsultationStatus.CONCLUDED:
            raise Refused("Đợt lấy ý kiến đã công bố kết quả.", code="bad_status", obj=comment)
        if group is not None and group.consultation_id != comment.consultation_id:
            raise Refused("Nhóm không thuộc đợt lấy ý kiến này.", code="bad_group", obj=comment)
        before = {"group": comment.group_id}
        comment.group = group
        comment.save(update_fields=["group"])
        audit_record(
            actor=by,
            action="democracy.comment_assigned",
            obj=comment,
            commune=comment.consultation.commune,
            before=before,
            after={"group": comment.group_id},
        )
    return comment


@audited_refusals("consultation_conclude", by_actor)
def consultation_conclude(
    *, by, consultation: Consultation, summary: str, today: dt.date | None = None
) -> Consultation:
    """Công bố kết quả: after the close, with a summary and the commune's response to every group of
    comments; no comment may still wait for moderation. Both are then shown on the portal."""
    today = today or timezone.localdate()
    with transaction.atomic():
        c = _lock(consultation)
        _require_manager(by, c.commune, obj=c)
        if c.status != ConsultationStatus.PUBLISHED:
            raise Refused(
                "Chỉ tổng hợp được đợt lấy ý kiến đã đăng và chưa công bố kết quả.", code="bad_status", obj=c
            )
        if today <= c.closes_on:
            raise Refused(
                f"Chưa hết thời gian nhận ý kiến (đến hết ngày {_fmt(c.closes_on)}); "
                "tổng hợp sau khi kết thúc.",
                code="not_closed",
                obj=c,
            )
        text = (summary or "").strip()
        if not text:
            raise Refused("Nhập báo cáo tổng hợp ý kiến.", code="no_summary", field="summary", obj=c)
        pending = c.comments.filter(status=CommentStatus.PENDING).count()
        if pending:
            raise Refused(
                f"Còn {pending} ý kiến chờ duyệt; duyệt hoặc không đăng trước khi công bố.",
                code="pending",
                obj=c,
            )
        unanswered = [g.title for g in c.groups.annotate(n=Count("comments")).filter(n__gt=0, response="")]
        if unanswered:
            raise Refused(
                "Chưa có ý kiến tiếp thu, giải trình cho nhóm: " + "; ".join(unanswered) + ".",
                code="unanswered",
                field="groups",
                obj=c,
            )
        before = snapshot(c, FIELDS)
        c.summary = text
        c.status = ConsultationStatus.CONCLUDED
        c.concluded_at = timezone.now()
        c.save(update_fields=["summary", "status", "concluded_at"])
        audit_record(
            actor=by,
            action="democracy.consultation_concluded",
            obj=c,
            before=before,
            after=snapshot(c, FIELDS),
        )
    return c


# --- reads ----------------------------------------------------------------------------------------------


def public_consultations(commune) -> QuerySet[Consultation]:
    """Consultations shown on the portal (published or concluded), with their public comment counts."""
    return (
        Consultation.objects.filter(commune=commune)
        .exclude(status=ConsultationStatus.DRAFT)
        .annotate(
            approved=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
            people=Sum("comments__people_count", filter=Q(comments__status=CommentStatus.APPROVED)),
        )
        .defer("description", "summary")
    )


def public_consultation(commune, pk: int) -> Consultation | None:
    """One consultation for the portal with its questions, approved comments only, and groups (3 queries)."""
    approved = ConsultationComment.objects.filter(status=CommentStatus.APPROVED).only(
        "id", "consultation_id", "question_id", "group_id", "body", "source", "people_count", "created_at"
    )
    return (
        Consultation.objects.filter(commune=commune, pk=pk)
        .exclude(status=ConsultationStatus.DRAFT)
        .prefetch_related(
            "questions", Prefetch("comments", queryset=approved, to_attr="public_comments"), "groups"
        )
        .first()
    )
