"""A petition's files, /petitions/<id>/attachments/: list, add through the petitions service (checked by
content), download with the true type; a denunciation's files only for those who may see its content."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.views.common import ERRORS, READ_ONLY_ROLE, CommuneScoped
from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.petitions import services as petition_services
from danvan.petitions.models import Attachment, Petition
from danvan.petitions.permissions import may_see_content

# --- attachments ----------------------------------------------------------------------------------------

RESTRICTED_FILES = "Tệp của đơn tố cáo chỉ cán bộ được giao xử lý được xem."


class AnyAccept(DefaultContentNegotiation):
    """A download answers whatever the client accepts (the file's own type); errors stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _download_name(attachment: Attachment) -> str:
    """The original name, with the extension of the type found in the bytes (`core.files.download_name`)."""
    return download_name(attachment.name, attachment.kind, fallback=f"tep-{attachment.pk}")


class PetitionAttachmentsView(CommuneScoped):
    """Tệp đính kèm của một đơn: danh sách và bổ sung tệp."""

    serializer_class = s.AttachmentSerializer

    def _readable_petition(self) -> Petition:
        petition = self.get_petition()
        if not may_see_content(self.request.user, petition):
            raise PermissionDenied(RESTRICTED_FILES)
        return petition

    def _data(self, petition: Petition, attachments) -> list:
        context = {"commune_code": petition.commune_id, "request": self.request}
        return s.AttachmentSerializer(attachments, many=True, context=context).data

    @extend_schema(
        summary="Danh sách tệp đính kèm của đơn",
        operation_id="petitions_attachments_list",
        description="Đơn tố cáo: chỉ lãnh đạo, công chức đầu mối và cán bộ đơn vị được giao xử lý xem được "
        "tệp (người khác nhận lỗi 403).",
        responses={200: s.AttachmentSerializer(many=True), **ERRORS},
        tags=["Tệp đính kèm"],
    )
    def get(self, request, code: str, pk: int):
        petition = self._readable_petition()
        return Response(self._data(petition, Attachment.objects.filter(petition=petition).order_by("id")))

    @extend_schema(
        summary="Bổ sung tệp đính kèm vào đơn",
        operation_id="petitions_attachments_add",
        description="Gửi dạng multipart/form-data, trường `file` (lặp lại để gửi nhiều tệp). Mọi tệp được "
        "kiểm tra loại theo nội dung và kích thước trước khi lưu; một tệp không hợp lệ thì không tệp nào "
        "được lưu. Không thêm được vào đơn đã kết thúc, đã chuyển, trả lại hoặc đã tách.",
        request={"multipart/form-data": s.AttachmentUploadSerializer},
        responses={
            201: s.AttachmentSerializer(many=True),
            **ERRORS,
            409: OpenApiResponse(description="Đơn không còn nhận thêm tệp (đã kết thúc, đã chuyển, ...)."),
        },
        tags=["Tệp đính kèm"],
    )
    def post(self, request, code: str, pk: int):
        petition = self.get_petition()
        if not self.own_roles() & petition_services.RECORDERS:
            raise PermissionDenied(READ_ONLY_ROLE)
        try:
            added = petition_services.petition_add_attachments(
                petition=petition, files=request.FILES.getlist("file"), by=request.user
            )
        except ServiceError as exc:
            if exc.field == "attachment":
                exc.field = "file"  # the services' name for it; this endpoint's field is `file`
            raise
        return Response(self._data(petition, added), status=status.HTTP_201_CREATED)


class PetitionAttachmentDownloadView(CommuneScoped):
    content_negotiation_class = AnyAccept

    @extend_schema(
        summary="Tải tệp đính kèm",
        operation_id="petitions_attachments_download",
        description="Trả về nội dung tệp với đúng kiểu (Content-Type) và tên tệp (Content-Disposition: "
        "attachment). Quyền như trang chi tiết đơn: tệp của đơn tố cáo chỉ người được giao xử lý tải được.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Nội dung tệp; Content-Type theo loại tệp thật."
            ),
            **ERRORS,
        },
        tags=["Tệp đính kèm"],
    )
    def get(self, request, code: str, pk: int, attachment_id: int):
        petition = self.get_petition()
        attachment = Attachment.objects.filter(pk=attachment_id, petition=petition).first()
        if attachment is None:
            raise Http404
        if not may_see_content(request.user, petition):
            raise PermissionDenied(RESTRICTED_FILES)
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=_download_name(attachment),
            content_type=attachment.mime or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
