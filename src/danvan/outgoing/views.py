"""The register of outgoing documents under /lam-viec/<code>/van-ban-di/: the year's numbered documents
(the columns of ND 30 Phụ lục IV's sổ đăng ký văn bản đi) and each document as .docx or PDF.

Every view resolves the commune first (`commune_for`); a document is looked up inside it. Who may open
a document is its source app's decision (`sources.may_open`): a denunciation's letters only for those
who may see its content."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from danvan.documents import nd30, pdf
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.outgoing import sources
from danvan.outgoing.models import OutgoingDocument
from danvan.text.normalize import slugify_vi

VIEW = "outgoing.view"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def register_page(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    today = timezone.localdate()
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year
    documents = list(
        OutgoingDocument.objects.filter(commune=commune, year=year)
        .select_related("commune")
        .order_by("issued_on", "symbol", "number")[:1000]
    )
    rows = [(d, sources.may_open(request.user, d)) for d in documents]
    context = workspace_context(
        request, commune, year=year, years=list(range(today.year, today.year - 6, -1)), rows=rows
    )
    return render(request, "outgoing/register.html", context)


def _open(request, code: str, pk: int) -> OutgoingDocument:
    commune = commune_for(request.user, code, permission=VIEW)
    document = get_object_or_404(OutgoingDocument.objects.select_related("commune"), pk=pk, commune=commune)
    if not sources.may_open(request.user, document):
        raise PermissionDenied("Bạn không được mở văn bản này (văn bản về đơn tố cáo).")
    return document


def _file_name(document: OutgoingDocument, ext: str) -> str:
    return f"{document.number:02d}-{slugify_vi(document.symbol)}-{document.year}.{ext}"


@login_required
def document_docx(request, code: str, pk: int):
    document = _open(request, code, pk)
    body = nd30.render_docx(sources.as_nd30(document, request.user))
    response = HttpResponse(body, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(document, "docx")}"'
    return response


@login_required
def document_pdf(request, code: str, pk: int):
    document = _open(request, code, pk)
    body = pdf.render_pdf(sources.as_nd30(document, request.user))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(document, "pdf")}"'
    return response
