"""The commune's hotspot alerts, /api/v1/communes/<code>/hotspots/: list, acknowledge, resolve."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Max, Min, Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.views.common import ERRORS, CommuneScoped
from danvan.petitions import services as petition_services
from danvan.petitions.models import HotspotAlert, Petition

# --- hotspots -------------------------------------------------------------------------------------------

HOTSPOT_MANAGERS_ONLY = "Chỉ lãnh đạo và công chức đầu mối xử lý cảnh báo điểm nóng."

_HOTSPOT_PAGE = inline_serializer(
    "HotspotPage",
    fields={
        "count": drf.IntegerField(),
        "page": drf.IntegerField(),
        "pages": drf.IntegerField(),
        "results": s.HotspotSerializer(many=True),
    },
)


def _hotspots(commune) -> QuerySet[HotspotAlert]:
    """A commune's alerts with their counts and dates in SQL, and their petitions (2 queries a page)."""
    petitions = Prefetch(
        "petitions",
        queryset=Petition.objects.only("id", "tracking_code", "status", "received_on").order_by(
            "received_on", "id"
        ),
    )
    return (
        HotspotAlert.objects.filter(commune=commune)
        .select_related("village", "field")
        .only(
            "id",
            "commune_id",
            "reason",
            "status",
            "raised_at",
            "acknowledged_at",
            "resolved_at",
            "note",
            "village__id",
            "village__name",
            "field__id",
            "field__name",
        )
        .annotate(
            petitions_count=Count("petitions", distinct=True),
            first_received_on=Min("petitions__received_on"),
            last_received_on=Max("petitions__received_on"),
        )
        .prefetch_related(petitions)
    )


class HotspotListView(CommuneScoped):
    """Cảnh báo điểm nóng của xã."""

    serializer_class = s.HotspotSerializer

    @extend_schema(
        summary="Danh sách cảnh báo điểm nóng",
        operation_id="hotspots_list",
        description="Như trang Điểm nóng: lĩnh vực, thôn, số đơn, ngày nhận đơn đầu và cuối, các mốc xử lý; "
        "mới phát hiện trước. Không có nội dung đơn hay người gửi.",
        parameters=[s.HotspotFilterSerializer],
        responses={200: _HOTSPOT_PAGE, **ERRORS},
        tags=["Điểm nóng"],
    )
    def get(self, request, code: str):
        commune = self.get_commune()
        f = s.HotspotFilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        d = f.validated_data
        qs = _hotspots(commune)
        if d.get("status"):
            qs = qs.filter(status=d["status"])
        paginator = Paginator(qs.order_by("-raised_at", "-id"), d["page_size"])
        try:
            page = list(paginator.page(d["page"]))
        except EmptyPage:
            page = []
        return Response(
            {
                "count": paginator.count,
                "page": d["page"],
                "pages": paginator.num_pages,
                "results": s.HotspotSerializer(page, many=True).data,
            }
        )


def hotspot_action_view(name: str):
    """Nắm tình hình (acknowledge) or đã xử lý xong (resolve): the hotspot services, for their managers."""
    input_class = s.HotspotResolveSerializer if name == "resolve" else s.EmptySerializer
    summary = "Ghi kết quả xử lý điểm nóng" if name == "resolve" else "Lãnh đạo đã nắm tình hình điểm nóng"

    class HotspotActionView(CommuneScoped):
        serializer_class = input_class

        @extend_schema(
            summary=summary,
            operation_id=f"hotspots_{name}",
            request=input_class,
            responses={
                200: s.HotspotSerializer,
                **ERRORS,
                409: OpenApiResponse(description="Cảnh báo đang ở trạng thái không cho phép bước này."),
            },
            tags=["Điểm nóng"],
        )
        def post(self, request, code: str, pk: int):
            commune = self.get_commune()
            alert = HotspotAlert.objects.select_related("commune").filter(pk=pk, commune=commune).first()
            if alert is None:
                raise Http404
            if not self.own_roles() & petition_services.HOTSPOT_MANAGERS:
                raise PermissionDenied(HOTSPOT_MANAGERS_ONLY)
            ser = input_class(data=request.data)
            ser.is_valid(raise_exception=True)
            if name == "resolve":
                petition_services.hotspot_resolve(
                    alert=alert, note=ser.validated_data["note"], by=request.user
                )
            else:
                petition_services.hotspot_acknowledge(alert=alert, by=request.user)
            return Response(s.HotspotSerializer(_hotspots(commune).get(pk=alert.pk)).data)

    HotspotActionView.__name__ = HotspotActionView.__qualname__ = f"Hotspot{name.title()}View"
    return HotspotActionView.as_view()
