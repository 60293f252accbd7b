"""The register of outgoing documents: numbers from 01 each year, one sequence per symbol, unique in the
commune's year, audited; the register page and downloads inside the commune."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from docx import Document

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.outgoing.models import OutgoingDocument
from danvan.outgoing.services import document_issue, next_number

pytestmark = pytest.mark.django_db

CONTENT = {
    "title": "THÔNG BÁO",
    "subtitle": "Về việc lịch tiếp công dân tháng 12",
    "paragraphs": ["Chủ tịch Ủy ban nhân dân xã tiếp công dân vào ngày 15 hằng tháng."],
    "recipients": ["Các thôn;", "Lưu: VT."],
    "signature_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    "signer_name": "Nguyễn Văn Chủ",
}


def issue(commune, people, *, symbol="TB-UBND", on=None, **kw):
    args = {
        "commune": commune,
        "by": people.leader,
        "symbol": symbol,
        "type_name": "Thông báo",
        "summary": "Lịch tiếp công dân",
        "issued_on": on or timezone.localdate(),
        "content": CONTENT,
    }
    return document_issue(**{**args, **kw})


def test_numbers_run_from_01_per_symbol_and_year_and_are_audited(commune, people):
    today = timezone.localdate()
    first, second = issue(commune, people), issue(commune, people)
    decision = issue(commune, people, symbol="QĐ-UBND", type_name="Quyết định")
    last_year = issue(commune, people, on=date(today.year - 1, 12, 31))
    assert (first.number, second.number, decision.number, last_year.number) == (1, 2, 1, 1)
    assert first.number_symbol == "01/TB-UBND" and last_year.year == today.year - 1
    assert next_number(commune, today.year, "TB-UBND") == 3
    events = AuditEvent.objects.filter(action="outgoing.issue")
    assert events.count() == 4 and "02/TB-UBND" in str(events.order_by("pk")[1].after)
    assert second.signer == "Nguyễn Văn Chủ (Chủ tịch)"


def test_each_commune_keeps_its_own_sequence(commune, other_commune, people):
    issue(commune, people)
    other = issue(other_commune, people, by=people.outsider)
    assert other.number == 1


def test_the_database_refuses_a_second_document_with_the_same_number(commune, people):
    first = issue(commune, people)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingDocument.objects.create(
            commune=commune,
            year=first.year,
            number=first.number,
            symbol=first.symbol,
            type_name="Thông báo",
            summary="x",
            issued_on=first.issued_on,
            signer="x",
        )


@pytest.mark.parametrize(
    "change",
    [
        {"on": timezone.localdate() + timedelta(days=1)},
        {"summary": "  "},
        {"content": {**CONTENT, "paragraphs": []}},
        {"content": {**CONTENT, "signer_name": ""}},
    ],
)
def test_a_bad_document_is_refused_and_takes_no_number(commune, people, change):
    with pytest.raises(ServiceError):
        issue(commune, people, **change)
    assert (
        not OutgoingDocument.objects.exists()
        and not AuditEvent.objects.filter(action="outgoing.issue").exists()
    )


def test_the_register_page_lists_the_year_and_documents_download(client, commune, people, other_commune):
    document = issue(commune, people)
    client.force_login(people.supervisor)
    page = client.get(f"/lam-viec/{commune.code}/van-ban-di/").content.decode()
    assert "Sổ đăng ký văn bản đi" in page and "01/TB-UBND" in page and "Lịch tiếp công dân" in page
    response = client.get(f"/lam-viec/{commune.code}/van-ban-di/{document.pk}.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    cells = " ".join(
        c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
    )
    assert "Số: 01/TB-UBND" in cells and "ỦY BAN NHÂN DÂN" in cells and "THÔNG BÁO" in text
    assert "Nguyễn Văn Chủ" in text + cells
    pdf = client.get(f"/lam-viec/{commune.code}/van-ban-di/{document.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(people.outsider)
    assert client.get(f"/lam-viec/{commune.code}/van-ban-di/").status_code == 404
    assert client.get(f"/lam-viec/{other_commune.code}/van-ban-di/{document.pk}.docx").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_the_same_moment_get_two_numbers(commune, people):
    """On PostgreSQL both read the same last number; the unique constraint refuses the second insert,
    which retries with the next number. (SQLite serialises writers, so the race cannot happen there.)"""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers (PostgreSQL)")
    barrier, numbers, errors = threading.Barrier(4), [], []

    def clerk():
        try:
            barrier.wait()
            numbers.append(issue(commune, people).number)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=clerk) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(numbers) == [1, 2, 3, 4]
