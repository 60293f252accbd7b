"""The commune's fields (lĩnh vực) and public tracking by code, /api/v1/tracking/<code>/."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.throttling import AnonymousThrottle
from danvan.api.views.common import ERRORS, CommuneScoped
from danvan.core.errors import ServiceError
from danvan.petitions import selectors
from danvan.petitions.models import Field
from danvan.text.normalize import nfc

# --- fields and public tracking ------------------------------------------------------------------------


class FieldListView(CommuneScoped):
    serializer_class = s.FieldSerializer

    @extend_schema(
        summary="Danh mục lĩnh vực của xã",
        operation_id="fields_list",
        responses={200: s.FieldSerializer(many=True), **ERRORS},
        tags=["Danh mục"],
    )
    def get(self, request, code: str):
        commune = self.get_commune()
        fields = Field.objects.filter(Q(commune=None) | Q(commune=commune), is_active=True).order_by(
            "sort_order", "name"
        )
        return Response(s.FieldSerializer(fields, many=True).data)


class TrackingView(GenericAPIView):
    """Tra cứu theo mã: the public tracking page's content, for anyone holding the code."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousThrottle]
    serializer_class = s.TrackingSerializer

    @extend_schema(
        summary="Tra cứu đơn theo mã (công khai)",
        operation_id="tracking_retrieve",
        responses={200: s.TrackingSerializer, 404: OpenApiResponse(description="Không có đơn với mã này.")},
        tags=["Tra cứu công khai"],
        auth=[],
    )
    def get(self, request, tracking_code: str):
        info = selectors.public_status(nfc(tracking_code)[:40])
        if info is None:
            raise ServiceError(
                "Không tìm thấy đơn với mã tra cứu này. "
                "Vui lòng kiểm tra lại mã (10 ký tự, dạng ABC-DEF-2345).",
                code="not_found",
                field="tracking_code",
            )
        return Response(s.TrackingSerializer(info).data)
