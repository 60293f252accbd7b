"""The petitions of a commune: the list (filters, paging in SQL) and one petition's detail,
/api/v1/communes/<code>/petitions/."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.views.common import ERRORS, CommuneScoped
from danvan.core.errors import ServiceError
from danvan.legaltime.calendar import current_calendar
from danvan.petitions import selectors
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition

_ROW_FIELDS = (
    "id",
    "commune_id",
    "tracking_code",
    "kind",
    "kind_hint",
    "complaint_round",
    "status",
    "received_on",
    "content",
    "signers_count",
    "process_due",
    "accept_due",
    "resolve_due",
    "unit__id",
    "unit__name",
    "field__id",
    "field__name",
    "village__id",
    "village__name",
)


_PAGE = inline_serializer(
    "PetitionPage",
    fields={
        "count": drf.IntegerField(),
        "page": drf.IntegerField(),
        "pages": drf.IntegerField(),
        "results": s.PetitionRowSerializer(many=True),
    },
)


class PetitionListView(CommuneScoped):
    """Danh sách đơn thư của xã, và ghi nhận đơn do cán bộ tiếp nhận."""

    serializer_class = s.PetitionRowSerializer

    @extend_schema(
        summary="Danh sách đơn thư",
        operation_id="petitions_list",
        parameters=[s.PetitionFilterSerializer],
        responses={200: _PAGE, **ERRORS},
        tags=["Đơn thư"],
    )
    def get(self, request, code: str):
        commune = self.get_commune()
        f = s.PetitionFilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        d = f.validated_data
        today = timezone.localdate()
        if d["overdue"] or d["due_soon"]:
            # The same lists as the deadlines page, most urgent first.
            rows = (
                selectors.overdue(commune=commune, today=today)
                if d["overdue"]
                else selectors.due_soon(commune=commune, today=today, cal=current_calendar())
            )
            items: list[Petition] | QuerySet[Petition] = [r.petition for r in rows if _matches(r.petition, d)]
        else:
            qs = Petition.objects.filter(commune=commune).select_related("unit", "field", "village")
            for name in ("status", "kind"):
                if d.get(name):
                    qs = qs.filter(**{name: d[name]})
            if d.get("field"):
                qs = qs.filter(field_id=d["field"])
            if d.get("unit"):
                qs = qs.filter(unit_id=d["unit"])
            items = qs.only(*_ROW_FIELDS).order_by("-received_on", "-id")
        paginator = Paginator(items, d["page_size"])
        try:
            page = paginator.page(d["page"])
        except EmptyPage:
            page = None
        return Response(
            {
                "count": paginator.count,
                "page": d["page"],
                "pages": paginator.num_pages,
                "results": s.PetitionRowSerializer(
                    list(page) if page else [], many=True, context={"today": today}
                ).data,
            }
        )

    @extend_schema(
        summary="Ghi nhận đơn do cán bộ tiếp nhận",
        operation_id="petitions_record",
        request=s.RecordSerializer,
        responses={201: s.PetitionDetailSerializer, **ERRORS},
        tags=["Đơn thư"],
    )
    def post(self, request, code: str):
        commune = self.get_commune()
        if not self.own_roles() & petition_services.RECORDERS:
            raise PermissionDenied("Vai trò của bạn chỉ được xem đơn thư, không được ghi nhận đơn.")
        ser = s.RecordSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        village = None
        if d.get("village"):
            village = commune.villages.filter(pk=d["village"]).first()
            if village is None:
                raise ServiceError("Thôn không thuộc xã này.", field="village")
        petition = petition_services.petition_record(
            by=request.user,
            commune=commune,
            channel=d["channel"],
            received_on=d["received_on"],
            content=d["content"],
            kind_hint=d.get("kind_hint") or None,
            village=village,
            address=d.get("address") or "",
            lat=d.get("lat"),
            lng=d.get("lng"),
            identity=dict(d["identity"]) if d.get("identity") else None,
            client_token=d.get("client_token") or None,
            publish_consent=d["publish_consent"],
            signers_count=d["signers_count"],
            decision_known_on=d.get("decision_known_on"),
        )
        return self.detail(petition, http_status=status.HTTP_201_CREATED)


def _matches(p: Petition, d: dict) -> bool:
    return (
        (not d.get("status") or p.status == d["status"])
        and (not d.get("kind") or p.kind == d["kind"])
        and (not d.get("field") or p.field_id == d["field"])
        and (not d.get("unit") or p.unit_id == d["unit"])
    )


class PetitionDetailView(CommuneScoped):
    serializer_class = s.PetitionDetailSerializer

    @extend_schema(
        summary="Chi tiết một đơn thư",
        operation_id="petitions_detail",
        responses={200: s.PetitionDetailSerializer, **ERRORS},
        tags=["Đơn thư"],
    )
    def get(self, request, code: str, pk: int):
        return self.detail(self.get_petition())
