"""Issuing a document: it takes the next number of its sequence (commune, year, symbol) in the same
transaction as its audit record. Two clerks issuing at the same moment never share a number: the unique
constraint refuses the second, which retries with the next one."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.outgoing.models import OutgoingDocument

ATTEMPTS = 5
CONTENT_KEYS = ("title", "subtitle", "paragraphs", "recipients", "signature_lines", "signer_name")


def _clean(value: str, label: str, max_chars: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ServiceError(f"Chưa có {label}.", code="required", field=None)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} dài quá {max_chars} ký tự.", code="too_long")
    return text


def _check_content(content: dict) -> dict:
    missing = [k for k in CONTENT_KEYS if k not in content]
    # A công văn has no name of type, only its summary ("V/v ..."): one of the two is needed.
    named = content.get("title") or content.get("subtitle")
    if missing or not named or not content.get("paragraphs"):
        raise ServiceError("Văn bản thiếu tên loại hoặc nội dung.", code="bad_content")
    if not content.get("signature_lines"):
        raise ServiceError("Văn bản thiếu thẩm quyền ký.", code="bad_content")
    return {k: content[k] for k in CONTENT_KEYS}


def next_number(commune, year: int, symbol: str) -> int:
    """The number the next document of this sequence would take (the register's page shows it)."""
    top = OutgoingDocument.objects.filter(commune=commune, year=year, symbol=symbol).aggregate(
        m=Max("number")
    )
    return (top["m"] or 0) + 1


def document_issue(
    *,
    commune,
    by,
    symbol: str,
    type_name: str,
    summary: str,
    issued_on: dt.date,
    content: dict,
    form: str = "",
    source: str = "",
    source_id: int | None = None,
    letter: str = "",
) -> OutgoingDocument:
    """Register one document and give it its number: the next of (commune, year of `issued_on`,
    symbol), from 01 on 1 January (ND 30/2020, Điều 15 khoản 1). The date may not be in the future:
    the number is given once the document is signed (khoản 2)."""
    from django.utils import timezone

    symbol = _clean(symbol, "ký hiệu văn bản", 30)
    type_name = _clean(type_name, "tên loại văn bản", 60)
    summary = _clean(summary, "trích yếu nội dung", 300)
    if issued_on is None:
        raise ServiceError("Chưa có ngày văn bản.", code="required")
    if issued_on > timezone.localdate():
        raise ServiceError(
            "Ngày văn bản không được sau hôm nay: văn bản được cấp số sau khi đã ký.", code="future"
        )
    body = _check_content(content)
    name = _clean(body["signer_name"], "họ tên người ký", 100)
    signer = f"{name} ({body['signature_lines'][-1].capitalize()})"
    for _attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                number = next_number(commune, issued_on.year, symbol)
                document = OutgoingDocument.objects.create(
                    commune=commune,
                    year=issued_on.year,
                    number=number,
                    symbol=symbol,
                    type_name=type_name,
                    summary=summary,
                    issued_on=issued_on,
                    signer=signer,
                    recipients="\n".join(body["recipients"]),
                    form=form[:200],
                    source=source,
                    source_id=source_id,
                    letter=letter,
                    content=body,
                    issued_by=by if getattr(by, "is_authenticated", False) else None,
                )
                audit_record(
                    actor=by,
                    action="outgoing.issue",
                    obj=document,
                    commune=commune,
                    after={"number": document.number_symbol, "summary": summary, "source": source},
                )
            return document
        except IntegrityError:
            continue  # another document took this number between our read and our write: take the next
    raise ServiceError("Không cấp được số văn bản lúc này, vui lòng thử lại.", code="busy")
