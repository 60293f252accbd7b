"""Duplicate candidates of a petition and linking, dismissing, unlinking, /petitions/<id>/duplicates/."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.views.common import ERRORS, CommuneScoped
from danvan.petitions import services as petition_services
from danvan.petitions.duplicates import possible_duplicates
from danvan.petitions.models import Petition
from danvan.petitions.permissions import may_see_content

# --- duplicates -----------------------------------------------------------------------------------------

NOT_A_HANDLER = "Vai trò của bạn không được xử lý đơn trùng."
RESTRICTED_DUPLICATES = "Chỉ cán bộ được giao xử lý đơn tố cáo mới xem được gợi ý đơn trùng của đơn này."


class DuplicatesBase(CommuneScoped):
    def require_handler(self) -> None:
        if not self.own_roles() & petition_services.HANDLERS:
            raise PermissionDenied(NOT_A_HANDLER)

    def get_other(self) -> Petition:
        other = Petition.objects.filter(pk=self.kwargs["other_id"], commune=self.get_commune()).first()
        if other is None:
            raise Http404
        return other


class PetitionDuplicatesView(DuplicatesBase):
    serializer_class = s.DuplicateCandidateSerializer

    @extend_schema(
        summary="Các đơn có thể trùng",
        operation_id="petitions_duplicates_list",
        description="Như trang chi tiết đơn gợi ý: đơn đang xử lý của xã cùng thôn hoặc cùng người gửi, nội "
        "dung giống nhau, giống nhất trước (tối đa 5). Chỉ cán bộ xử lý đơn (lãnh đạo, công chức đầu "
        "mối, cán bộ đơn vị) xem được; với đơn tố cáo, chỉ người được giao xử lý. Không có nội dung đơn "
        "hay thông tin người gửi.",
        responses={200: s.DuplicateCandidateSerializer(many=True), **ERRORS},
        tags=["Đơn trùng"],
    )
    def get(self, request, code: str, pk: int):
        petition = self.get_petition()
        self.require_handler()
        if not may_see_content(request.user, petition):
            raise PermissionDenied(RESTRICTED_DUPLICATES)
        found = possible_duplicates(petition, viewer=request.user, include_denunciations=True)
        return Response(s.DuplicateCandidateSerializer(found, many=True).data)


class PetitionDuplicateLinkView(DuplicatesBase):
    serializer_class = s.EmptySerializer

    @extend_schema(
        summary="Gộp đơn vào đơn trùng",
        operation_id="petitions_duplicates_link",
        description="Đơn này được xử lý chung với đơn `other_id` (cả hai đang xử lý, cùng xã). Người gửi "
        "vẫn tra cứu theo mã của mình.",
        request=None,
        responses={
            200: s.PetitionDetailSerializer,
            **ERRORS,
            409: OpenApiResponse(description="Không gộp được lúc này."),
        },
        tags=["Đơn trùng"],
    )
    def post(self, request, code: str, pk: int, other_id: int):
        petition, original = self.get_petition(), self.get_other()
        self.require_handler()
        linked = petition_services.petition_link_duplicate(
            petition=petition, original=original, by=request.user
        )
        return self.detail(linked)


class PetitionDuplicateDismissView(DuplicatesBase):
    serializer_class = s.EmptySerializer

    @extend_schema(
        summary="Không trùng: bỏ gợi ý",
        operation_id="petitions_duplicates_dismiss",
        description="Cán bộ xác định đơn `other_id` không trùng với đơn này; cặp đơn không được gợi ý lại.",
        request=None,
        responses={200: s.DismissalSerializer, **ERRORS},
        tags=["Đơn trùng"],
    )
    def post(self, request, code: str, pk: int, other_id: int):
        petition, other = self.get_petition(), self.get_other()
        self.require_handler()
        dismissal = petition_services.petition_dismiss_duplicate(
            petition=petition, other=other, by=request.user
        )
        return Response(
            s.DismissalSerializer({"petition": petition.pk, "other": other.pk, "at": dismissal.at}).data
        )


class PetitionDuplicateUnlinkView(DuplicatesBase):
    serializer_class = s.EmptySerializer

    @extend_schema(
        summary="Xử lý riêng: bỏ gộp đơn trùng",
        operation_id="petitions_duplicates_unlink",
        request=None,
        responses={
            200: s.PetitionDetailSerializer,
            **ERRORS,
            409: OpenApiResponse(description="Đơn không gộp với đơn nào."),
        },
        tags=["Đơn trùng"],
    )
    def post(self, request, code: str, pk: int):
        petition = self.get_petition()
        self.require_handler()
        return self.detail(petition_services.petition_unlink_duplicate(petition=petition, by=request.user))
