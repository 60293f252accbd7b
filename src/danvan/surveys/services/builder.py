"""Building a survey (sections, questions; the SIPAS template), opening and closing it, and issuing the
one-time codes printed on tickets."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.access import can
from danvan.surveys import rules
from danvan.surveys.models import AnswerCode, Invitation, Question, Section, Survey

SURVEY_FIELDS = ["title", "intro", "status", "one_answer", "is_sipas", "short_code"]
MAX_QUESTIONS = 60


def _require(by, commune: Commune) -> None:
    if not can(by, "surveys.manage", commune):
        raise ServiceError("Vai trò của bạn không được soạn, phát hành phiếu khảo sát.", code="forbidden")


def _new_short_code() -> str:
    while True:
        code = "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(6)).lower()
        if not Survey.objects.filter(short_code=code).exists():
            return code


def hash_code(code: str) -> str:
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


def _line(text: str, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = " ".join((text or "").split())
    if required and not text:
        raise ServiceError(f"Vui lòng ghi {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} dài quá {max_chars} ký tự.", field=field)
    return text


def survey_create(
    *, by, commune: Commune, title: str, intro: str = "", one_answer: str = "rate_limit"
) -> Survey:
    _require(by, commune)
    title = _line(title, field="title", label="tên phiếu khảo sát", max_chars=200)
    if len(intro or "") > 2000:
        raise ServiceError("Lời giới thiệu dài quá 2.000 ký tự.", field="intro")
    if one_answer not in Survey.OneAnswer.values:
        raise ServiceError("Vui lòng chọn cách bảo đảm mỗi người trả lời một lần.", field="one_answer")
    with transaction.atomic():
        survey = Survey.objects.create(
            commune=commune,
            title=title,
            intro=(intro or "").strip(),
            one_answer=one_answer,
            short_code=_new_short_code(),
            created_by=by,
        )
        audit_record(actor=by, action="surveys.create", obj=survey, after=snapshot(survey, SURVEY_FIELDS))
    return survey


def survey_create_sipas(*, by, commune: Commune, one_answer: str = "rate_limit") -> Survey:
    """A ready SIPAS-style survey (rules.SIPAS_TEMPLATE), in draft so the commune may adjust it."""
    with transaction.atomic():
        survey = survey_create(
            by=by, commune=commune, title=rules.SIPAS_TITLE, intro=rules.SIPAS_INTRO, one_answer=one_answer
        )
        Survey.objects.filter(pk=survey.pk).update(is_sipas=True)
        survey.is_sipas = True
        for i, sec in enumerate(rules.SIPAS_TEMPLATE):
            section = Section.objects.create(survey=survey, title=sec.title, order=i)
            Question.objects.bulk_create(
                Question(
                    section=section,
                    text=q.text,
                    kind=q.kind,
                    choices=list(q.choices),
                    dimension=q.dimension,
                    required=q.required,
                    order=j,
                )
                for j, q in enumerate(sec.questions)
            )
        audit_record(
            actor=by, action="surveys.create_sipas", obj=survey, after={"sections": len(rules.SIPAS_TEMPLATE)}
        )
    return survey


def _editable(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise ServiceError("Phiếu đã phát hành, không sửa câu hỏi được nữa.", code="not_draft")


def section_add(*, by, survey: Survey, title: str) -> Section:
    _require(by, survey.commune)
    _editable(survey)
    title = _line(title, field="title", label="tên phần", max_chars=200)
    with transaction.atomic():
        order = survey.sections.count()
        section = Section.objects.create(survey=survey, title=title, order=order)
        audit_record(actor=by, action="surveys.section_add", obj=survey, after={"section": title})
    return section


def question_add(
    *,
    by,
    section: Section,
    text: str,
    kind: str,
    required: bool = True,
    choices: list[str] | None = None,
    dimension: str = "",
) -> Question:
    survey = section.survey
    _require(by, survey.commune)
    _editable(survey)
    text = _line(text, field="text", label="câu hỏi", max_chars=500)
    if kind not in Question.Kind.values:
        raise ServiceError("Vui lòng chọn loại câu hỏi.", field="kind")
    options = [" ".join(c.split()) for c in (choices or []) if c and c.strip()]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if len(options) < 2:
            raise ServiceError(
                "Câu hỏi lựa chọn cần ít nhất hai lựa chọn, mỗi dòng một lựa chọn.", field="choices"
            )
        if len(options) > 20 or any(len(c) > 200 for c in options) or len(set(options)) != len(options):
            raise ServiceError("Tối đa 20 lựa chọn khác nhau, mỗi lựa chọn dưới 200 ký tự.", field="choices")
    else:
        options = []
    if dimension and (kind != Question.Kind.SCALE or dimension not in rules.ASPECTS):
        raise ServiceError("Chỉ câu hỏi thang điểm 1–5 mới tính vào chỉ số hài lòng.", field="dimension")
    with transaction.atomic():
        if Question.objects.filter(section__survey=survey).count() >= MAX_QUESTIONS:
            raise ServiceError(f"Một phiếu tối đa {MAX_QUESTIONS} câu hỏi.", field="text")
        question = Question.objects.create(
            section=section,
            text=text,
            kind=kind,
            required=bool(required),
            choices=options,
            dimension=dimension,
            order=section.questions.count(),
        )
        audit_record(
            actor=by,
            action="surveys.question_add",
            obj=survey,
            after={"question": text, "kind": kind, "required": bool(required), "dimension": dimension},
        )
    return question


def question_delete(*, by, question: Question) -> None:
    survey = question.section.survey
    _require(by, survey.commune)
    _editable(survey)
    with transaction.atomic():
        audit_record(
            actor=by, action="surveys.question_delete", obj=survey, before={"question": question.text}
        )
        question.delete()


def survey_open(*, by, survey: Survey) -> Survey:
    _require(by, survey.commune)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status == Survey.Status.OPEN:
            raise ServiceError("Phiếu đang nhận trả lời.", code="already_open")
        if not Question.objects.filter(section__survey=locked).exists():
            raise ServiceError("Phiếu chưa có câu hỏi nào.", code="empty")
        before = snapshot(locked, SURVEY_FIELDS)
        locked.status, locked.opened_at, locked.closed_at = Survey.Status.OPEN, timezone.now(), None
        locked.save(update_fields=["status", "opened_at", "closed_at"])
        audit_record(
            actor=by, action="surveys.open", obj=locked, before=before, after=snapshot(locked, SURVEY_FIELDS)
        )
    return locked


def survey_close(*, by, survey: Survey) -> Survey:
    _require(by, survey.commune)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != Survey.Status.OPEN:
            raise ServiceError("Phiếu không ở trạng thái đang nhận trả lời.", code="not_open")
        before = snapshot(locked, SURVEY_FIELDS)
        locked.status, locked.closed_at = Survey.Status.CLOSED, timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            actor=by, action="surveys.close", obj=locked, before=before, after=snapshot(locked, SURVEY_FIELDS)
        )
    return locked


def codes_issue(*, by, survey: Survey, count: int) -> list[str]:
    """New one-time codes for tickets or SMS; returned once in clear, stored only as hashes."""
    _require(by, survey.commune)
    if survey.one_answer != Survey.OneAnswer.CODE:
        raise ServiceError("Phiếu này không dùng mã phiếu.", field="count")
    try:
        count = int(count)
    except (TypeError, ValueError):
        count = 0
    if not 1 <= count <= rules.MAX_CODES_AT_ONCE:
        raise ServiceError(f"Số mã từ 1 đến {rules.MAX_CODES_AT_ONCE}.", field="count")
    codes = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH)))
    plain = sorted(codes)
    with transaction.atomic():
        AnswerCode.objects.bulk_create(
            [AnswerCode(survey=survey, code_hash=hash_code(c)) for c in plain], ignore_conflicts=True
        )
        audit_record(actor=by, action="surveys.codes_issue", obj=survey, after={"count": count})
    return plain


def format_code(code: str) -> str:
    """ABCD-EFGH, as printed."""
    return f"{code[:4]}-{code[4:]}"


def codes_send(*, by, survey: Survey, phones: list[str], link: str) -> int:
    """Invite people by SMS, one new code each, through the outbox (`secret`: the text, which holds the
    code, is wiped once sent). A number already invited to this survey is skipped; only a hash of each
    number is kept, never linked to its code. Returns how many were invited."""
    from danvan.comms import rules as comms_rules
    from danvan.comms.outbox import message_queue
    from danvan.comms.phones import normalize_phone

    _require(by, survey.commune)
    if survey.one_answer != Survey.OneAnswer.CODE:
        raise ServiceError("Phiếu này không dùng mã phiếu.", field="phones")
    if survey.status != Survey.Status.OPEN:
        raise ServiceError("Chỉ gửi lời mời khi phiếu đang nhận trả lời.", field="phones")
    numbers, bad = [], []
    for raw in phones:
        if not raw.strip():
            continue
        try:
            numbers.append(normalize_phone(raw))
        except ServiceError:
            bad.append(raw.strip())
    if bad:
        raise ServiceError("Số điện thoại không hợp lệ: " + ", ".join(bad[:5]) + ".", field="phones")
    numbers = list(dict.fromkeys(numbers))
    if not numbers:
        raise ServiceError("Vui lòng nhập ít nhất một số điện thoại.", field="phones")
    if len(numbers) > rules.MAX_CODES_AT_ONCE:
        raise ServiceError(f"Mỗi lần gửi tối đa {rules.MAX_CODES_AT_ONCE} số.", field="phones")
    hashes = {n: hashlib.sha256(f"{survey.pk}:{n}".encode()).hexdigest() for n in numbers}
    sent = 0
    with transaction.atomic():
        invited = set(
            Invitation.objects.filter(survey=survey, phone_hash__in=hashes.values()).values_list(
                "phone_hash", flat=True
            )
        )
        fresh = [n for n in numbers if hashes[n] not in invited]
        for number in fresh:
            code = "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH))
            AnswerCode.objects.create(survey=survey, code_hash=hash_code(code))
            Invitation.objects.create(survey=survey, phone_hash=hashes[number])
            message_queue(
                channel=comms_rules.SMS,
                recipient=number,
                text=(
                    f"UBND {survey.commune.name} mời ông/bà trả lời phiếu khảo sát, "
                    f"mã phiếu {format_code(code)}: {link}?ma={code}"
                ),
                purpose="survey_invitation",
                key=f"survey-invite:{survey.pk}:{secrets.token_hex(12)}",
                commune=survey.commune,
                secret=True,
            )
            sent += 1
        audit_record(
            actor=by,
            action="surveys.codes_send",
            obj=survey,
            after={"invited": sent, "skipped": len(numbers) - sent},
        )
    return sent
