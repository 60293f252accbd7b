"""The disclosure register (công khai thông tin, Luật THDCCS 2022, Điều 11–13): publish, withdraw,
correct, and the yearly compliance check against the catalogue.

Refusals are audited (`guards.audited_refusals`): an item with an end date before its start is refused,
nothing is saved, and the attempt is on record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import CheckedFile, check_upload
from danvan.democracy.disclosures.models import Disclosure, DisclosureKind
from danvan.democracy.disclosures.rules import DisclosureForm, DisclosureStatus, disclosure_start_due
from danvan.democracy.guards import Refused, audited_refusals, by_actor
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import can
from danvan.text.normalize import fold

MAX_BODY_CHARS = 50_000
FIELDS = [
    "kind",
    "title",
    "forms",
    "decided_on",
    "starts_on",
    "ends_on",
    "status",
    "withdrawn_on",
    "withdraw_reason",
]


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _require_publisher(by, commune, *, obj=None) -> None:
    if not can(by, "democracy.publish", commune):
        raise Refused(
            "Bạn không có quyền đăng nội dung công khai của xã này.",
            code="forbidden",
            obj=obj,
            commune=commune,
        )


def _clean_forms(forms, commune) -> list[str]:
    chosen = [f for f in DisclosureForm.values if f in set(forms or [])]
    unknown = set(forms or []) - set(DisclosureForm.values)
    if unknown or not chosen:
        raise Refused(
            "Chọn ít nhất một hình thức công khai (Điều 12 Luật Thực hiện dân chủ ở cơ sở 2022).",
            code="no_forms",
            field="forms",
            commune=commune,
        )
    return chosen


def _check_period(kind: DisclosureKind, starts_on, ends_on, commune, *, obj=None) -> None:
    if starts_on is None:
        raise Refused(
            "Nhập ngày bắt đầu công khai.", code="no_start", field="starts_on", commune=commune, obj=obj
        )
    if ends_on is not None and ends_on < starts_on:
        raise Refused(
            f"Ngày kết thúc công khai ({_fmt(ends_on)}) không được trước ngày bắt đầu ({_fmt(starts_on)}).",
            code="ends_before_start",
            field="ends_on",
            commune=commune,
            obj=obj,
        )
    if ends_on is not None and kind.permanent:
        raise Refused(
            f"Nội dung “{kind.name}” được niêm yết thường xuyên và cập nhật khi thay đổi (Điều 13 khoản 2 "
            "Luật Thực hiện dân chủ ở cơ sở 2022): không đặt ngày kết thúc.",
            code="permanent",
            field="ends_on",
            commune=commune,
            obj=obj,
        )
    if ends_on is not None and (ends_on - starts_on).days + 1 < kind.min_days:
        raise Refused(
            f"Nội dung “{kind.name}” phải được công khai ít nhất {kind.min_days} ngày "
            f"(từ {_fmt(starts_on)} đến ít nhất {_fmt(starts_on + dt.timedelta(days=kind.min_days - 1))}).",
            code="too_short",
            field="ends_on",
            commune=commune,
            obj=obj,
        )


def _search_text(title: str, body: str, kind: DisclosureKind) -> str:
    return fold(f"{title} {kind.name} {body}")


def _attach(item: Disclosure, upload, info: CheckedFile | None) -> None:
    if upload is None or info is None:
        return
    item.file = upload
    item.file_name = (getattr(upload, "name", "") or "")[:255]
    item.file_kind, item.file_mime, item.file_size, item.file_sha256 = (
        info.kind,
        info.mime,
        info.size,
        info.sha256,
    )


def _check_content(title: str, body: str, upload, commune) -> tuple[str, str, CheckedFile | None]:
    title = (title or "").strip()
    body = (body or "").strip()
    if not title:
        raise Refused("Nhập tiêu đề nội dung công khai.", code="no_title", field="title", commune=commune)
    if len(title) > 300:
        raise Refused("Tiêu đề dài quá 300 ký tự.", code="too_long", field="title", commune=commune)
    if len(body) > MAX_BODY_CHARS:
        raise Refused(
            f"Nội dung dài quá {MAX_BODY_CHARS} ký tự.", code="too_long", field="body", commune=commune
        )
    if not body and upload is None:
        raise Refused(
            "Nhập nội dung hoặc đính kèm tệp văn bản cần công khai.",
            code="empty",
            field="body",
            commune=commune,
        )
    info = None
    if upload is not None:
        try:
            info = check_upload(upload)
        except ServiceError as exc:  # refused and audited like the rest
            raise Refused(exc.message, code=exc.code, field="file", commune=commune) from None
    return title, body, info


@audited_refusals("disclosure_publish", by_actor)
def disclosure_publish(
    *,
    by,
    commune,
    kind: DisclosureKind,
    title: str,
    body: str = "",
    upload=None,
    forms: list[str],
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    decided_on: dt.date | None = None,
) -> Disclosure:
    """Đăng một nội dung công khai. The period must be at least the catalogue's minimum for its kind;
    `decided_on`, the day of the decision published, lets the compliance check see a start later than
    5 working days after it (Điều 12(3)): a late item is still published, never refused."""
    _require_publisher(by, commune)
    if kind is None or not kind.is_active:
        raise Refused(
            "Chọn loại nội dung công khai trong danh mục.", code="no_kind", field="kind", commune=commune
        )
    title, body, info = _check_content(title, body, upload, commune)
    chosen = _clean_forms(forms, commune)
    _check_period(kind, starts_on, ends_on, commune)
    if decided_on is not None and decided_on > starts_on:
        raise Refused(
            "Ngày của quyết định, văn bản không được sau ngày bắt đầu công khai.",
            code="decided_after_start",
            field="decided_on",
            commune=commune,
        )
    with transaction.atomic():
        item = Disclosure(
            decided_on=decided_on,
            commune=commune,
            kind=kind,
            title=title,
            body=body,
            forms=chosen,
            starts_on=starts_on,
            ends_on=ends_on,
            first_started_on=starts_on,
            search_text=_search_text(title, body, kind),
            published_by=by,
        )
        _attach(item, upload, info)
        item.save()
        audit_record(
            actor=by, action="democracy.disclosure_published", obj=item, after=snapshot(item, FIELDS)
        )
    return item


def _lock(item: Disclosure) -> Disclosure:
    return Disclosure.objects.select_for_update().select_related("kind", "commune").get(pk=item.pk)


@audited_refusals("disclosure_withdraw", by_actor)
def disclosure_withdraw(*, by, disclosure: Disclosure, reason: str, on: dt.date | None = None) -> Disclosure:
    """Gỡ nội dung trước thời hạn (sai sót, hết hiệu lực...). Allowed, but the compliance check shows an
    item taken down before its kind's minimum period."""
    with transaction.atomic():
        item = _lock(disclosure)
        _require_publisher(by, item.commune, obj=item)
        if item.status != DisclosureStatus.PUBLISHED:
            raise Refused("Nội dung này không còn đang công khai.", code="bad_status", obj=item)
        reason = (reason or "").strip()
        if not reason:
            raise Refused("Ghi lý do gỡ nội dung công khai.", code="no_reason", field="reason", obj=item)
        before = snapshot(item, FIELDS)
        item.status = DisclosureStatus.WITHDRAWN
        item.withdrawn_on = on or timezone.localdate()
        item.withdraw_reason = reason[:500]
        item.save(update_fields=["status", "withdrawn_on", "withdraw_reason"])
        audit_record(
            actor=by,
            action="democracy.disclosure_withdrawn",
            obj=item,
            before=before,
            after=snapshot(item, FIELDS),
        )
    return item


@audited_refusals("disclosure_correct", by_actor)
def disclosure_correct(
    *,
    by,
    disclosure: Disclosure,
    title: str,
    body: str = "",
    upload=None,
    forms: list[str],
    ends_on: dt.date | None,
    reason: str,
    starts_on: dt.date | None = None,
) -> Disclosure:
    """Đính chính: a new version replaces the item from `starts_on` (today by default); the old one is kept
    as superseded, and the item's period keeps counting from the first version's start."""
    with transaction.atomic():
        old = _lock(disclosure)
        _require_publisher(by, old.commune, obj=old)
        if old.status != DisclosureStatus.PUBLISHED:
            raise Refused("Chỉ đính chính được nội dung đang công khai.", code="bad_status", obj=old)
        reason = (reason or "").strip()
        if not reason:
            raise Refused("Ghi nội dung, lý do đính chính.", code="no_reason", field="reason", obj=old)
        title, body, info = _check_content(title, body or ("" if upload else old.body), upload, old.commune)
        chosen = _clean_forms(forms, old.commune)
        start = starts_on or timezone.localdate()
        if start < old.starts_on:
            start = old.starts_on
        if ends_on is not None and ends_on < start:
            _check_period(old.kind, start, ends_on, old.commune, obj=old)
        if ends_on is not None and (ends_on - old.first_started_on).days + 1 < old.kind.min_days:
            _check_period(old.kind, old.first_started_on, ends_on, old.commune, obj=old)
        before = snapshot(old, FIELDS)
        old.status = DisclosureStatus.SUPERSEDED
        old.withdrawn_on = start
        old.withdraw_reason = f"Đính chính: {reason}"[:500]
        old.save(update_fields=["status", "withdrawn_on", "withdraw_reason"])
        new = Disclosure(
            commune=old.commune,
            kind=old.kind,
            title=title,
            body=body,
            forms=chosen,
            starts_on=start,
            ends_on=ends_on,
            first_started_on=old.first_started_on,
            corrects=old,
            search_text=_search_text(title, body, old.kind),
            published_by=by,
        )
        if upload is not None:
            _attach(new, upload, info)
        elif old.file:
            new.file, new.file_name, new.file_kind = old.file.name, old.file_name, old.file_kind
            new.file_mime, new.file_size, new.file_sha256 = old.file_mime, old.file_size, old.file_sha256
        new.save()
        audit_record(
            actor=by,
            action="democracy.disclosure_corrected",
            obj=new,
            before=before,
            after={**snapshot(new, FIELDS), "corrects": old.pk},
            note=reason[:500],
        )
    return new


# --- reads ----------------------------------------------------------------------------------------------


def public_disclosures(
    commune, *, today: dt.date, query: str = "", kind: DisclosureKind | None = None
) -> QuerySet:
    """What the portal lists: items published and started, newest first; withdrawn and replaced versions
    are not shown. `query` matches without diacritics ("dat dai" finds "đất đai")."""
    qs = Disclosure.objects.filter(commune=commune, status=DisclosureStatus.PUBLISHED, starts_on__lte=today)
    if kind is not None:
        qs = qs.filter(kind=kind)
    for word in fold(query).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    return qs.select_related("kind").defer("body", "search_text")


def public_disclosure(commune, pk: int, *, today: dt.date) -> Disclosure | None:
    return (
        Disclosure.objects.filter(
            commune=commune, pk=pk, status=DisclosureStatus.PUBLISHED, starts_on__lte=today
        )
        .select_related("kind", "corrects")
        .first()
    )


@dataclass
class ItemIssue:
    item: Disclosure
    days_public: int | None = None  # set when taken down before the minimum
    missing_forms: list[str] = field(default_factory=list)
    start_due: dt.date | None = None  # set when started later than 5 working days after the decision

    @property
    def missing_form_labels(self) -> list[str]:
        return [DisclosureForm(f).label for f in self.missing_forms]


@dataclass
class KindCompliance:
    kind: DisclosureKind
    required: int
    done: int
    too_short: list[ItemIssue] = field(default_factory=list)
    few_forms: list[ItemIssue] = field(default_factory=list)
    late: list[ItemIssue] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return max(0, self.required - self.done)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.too_short or self.few_forms or self.late)


@dataclass
class Compliance:
    year: int
    rows: list[KindCompliance]

    @property
    def required(self) -> int:
        return sum(r.required for r in self.rows)

    @property
    def done(self) -> int:
        return sum(min(r.done, r.required) for r in self.rows)

    @property
    def missing(self) -> int:
        return sum(r.missing for r in self.rows)

    @property
    def too_short(self) -> int:
        return sum(len(r.too_short) for r in self.rows)

    @property
    def few_forms(self) -> int:
        return sum(len(r.few_forms) for r in self.rows)

    @property
    def late(self) -> int:
        return sum(len(r.late) for r in self.rows)

    @property
    def problems(self) -> list[KindCompliance]:
        return [r for r in self.rows if not r.ok]


def disclosure_compliance(commune, *, year: int, until: dt.date | None = None) -> Compliance:
    """For one year (items started from 1 January to `until`, default 31 December): what the catalogue
    requires that is missing, each item taken down before its kind's minimum period, each item
    published by fewer forms than its kind requires, and each item started later than 5 working days
    after its decision (Điều 12(3)). 3 queries."""
    start = dt.date(year, 1, 1)
    end = min(until, dt.date(year, 12, 31)) if until else dt.date(year, 12, 31)
    kinds = list(DisclosureKind.objects.filter(is_active=True))
    items = Disclosure.objects.filter(
        Q(status=DisclosureStatus.PUBLISHED) | Q(status=DisclosureStatus.WITHDRAWN),
        commune=commune,
        starts_on__gte=start,
        starts_on__lte=end,
    ).only(
        "id",
        "kind_id",
        "title",
        "forms",
        "decided_on",
        "starts_on",
        "first_started_on",
        "status",
        "withdrawn_on",
    )
    cal = current_calendar()
    rows = {k.pk: KindCompliance(kind=k, required=k.per_year, done=0) for k in kinds}
    for item in items:
        row = rows.get(item.kind_id)
        if row is None:
            continue
        row.done += 1
        if item.status == DisclosureStatus.WITHDRAWN and item.withdrawn_on is not None:
            days = (item.withdrawn_on - item.first_started_on).days
            if days < row.kind.min_days:
                row.too_short.append(ItemIssue(item, days_public=max(days, 0)))
        missing = [f for f in row.kind.required_forms if f not in (item.forms or [])]
        if missing:
            row.few_forms.append(ItemIssue(item, missing_forms=missing))
        if item.decided_on is not None:
            due = disclosure_start_due(item.decided_on, cal)
            if item.first_started_on > due:
                row.late.append(ItemIssue(item, start_due=due))
    return Compliance(year=year, rows=list(rows.values()))
