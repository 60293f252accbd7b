"""Staff REST API (/api/v1/): petitions of a commune, their workflow actions, fields, public tracking.

Every endpoint under /communes/<code>/ starts like the staff pages: `org.access.commune_for` (another
commune is a 404, a role without the permission a 403), then looks objects up inside that commune.
A key limited to one commune sees no other. Writes call the petitions services and nothing else; the
services check the roles again and their `ServiceError` becomes a JSON error (`api.errors`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.models import ApiKey
from danvan.api.throttling import AnonymousThrottle
from danvan.core.errors import ServiceError
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import commune_for, memberships_in
from danvan.org.models import Unit
from danvan.petitions import selectors
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field, Petition
from danvan.petitions.permissions import available_actions, may_see_content
from danvan.text.normalize import nfc

Kind = Petition.Kind
READ_ONLY_ROLE = "Vai trò của bạn chỉ được xem đơn thư, không được xử lý đơn."

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

ERRORS = {
    400: OpenApiResponse(description='Dữ liệu không hợp lệ: `{"error": {code, message, field}}`.'),
    401: OpenApiResponse(description="Thiếu khóa API, khóa sai hoặc đã bị thu hồi."),
    403: OpenApiResponse(description="Vai trò không được làm việc này."),
    404: OpenApiResponse(description="Không có trong phạm vi của người gọi (xã khác, mã khác)."),
}


class CommuneScoped(GenericAPIView):
    """The commune named in the URL, as the pages resolve it, narrowed by the key's own scope."""

    permission = "workspace.view"

    def get_commune(self):
        if not hasattr(self, "_commune"):
            commune = commune_for(self.request.user, self.kwargs["code"], permission=self.permission)
            key = self.request.auth
            if isinstance(key, ApiKey) and key.commune_id and key.commune_id != commune.code:
                raise Http404
            self._commune = commune
        return self._commune

    def own_roles(self) -> set[str]:
        return {m.role for m in memberships_in(self.request.user, self.get_commune())}

    def get_petition(self) -> Petition:
        petition = (
            Petition.objects.select_related("commune", "unit", "field", "village", "parent", "accepted_by")
            .filter(pk=self.kwargs["pk"], commune=self.get_commune())
            .first()
        )
        if petition is None:
            raise Http404
        return petition

    def detail(self, petition: Petition, *, http_status: int = 200) -> Response:
        context = {
            "today": timezone.localdate(),
            "secret_ok": may_see_content(self.request.user, petition),
            # The pages' own list of what this user may try now, in the API's action names.
            "allowed_actions": [
                name for name in available_actions(petition, self.own_roles()) if name in ACTION_TABLE
            ],
        }
        petition = (
            Petition.objects.prefetch_related("attachments", "steps")
            .select_related("unit", "field", "village", "parent", "accepted_by", "duplicate_of")
            .get(pk=petition.pk)
        )
        return Response(s.PetitionDetailSerializer(petition, context=context).data, status=http_status)


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


# --- workflow actions -----------------------------------------------------------------------------------


def _field(commune, pk):
    if pk is None:
        return None
    found = Field.objects.filter(Q(commune=None) | Q(commune=commune), pk=pk, is_active=True).first()
    if found is None:
        raise ServiceError("Lĩnh vực không hợp lệ.", field="field")
    return found


def _unit(commune, pk):
    if pk is None:
        return None
    found = Unit.objects.filter(commune=commune, pk=pk).first()
    if found is None:
        raise ServiceError("Đơn vị không thuộc xã này.", field="unit")
    return found


def _classify(p, d, user):
    return petition_services.petition_classify(
        petition=p,
        kind=d["kind"],
        complaint_round=d.get("complaint_round") if d["kind"] == Kind.COMPLAINT else None,
        eligible=d["eligible"],
        ineligible_reason=d["ineligible_reason"],
        field=_field(p.commune, d.get("field")),
        unit=_unit(p.commune, d.get("unit")),
        complexity=d["complexity"],
        several_places=d["several_places"],
        decision_known_on=d.get("decision_known_on"),
        by=user,
    )


def _today(d, name="on"):
    return d.get(name) or timezone.localdate()


# API name -> (input serializer, service call, summary, creates a new petition)
ACTION_TABLE: dict[str, tuple[type, Callable, str, bool]] = {
    "classify": (s.ClassifySerializer, _classify, "Phân loại đơn", False),
    "split": (
        s.SplitSerializer,
        lambda p, d, u: petition_services.petition_split(
            petition=p, parts=[dict(x) for x in d["parts"]], by=u
        ),
        "Tách đơn có nhiều nội dung",
        True,
    ),
    "forward": (
        s.LetterSerializer,
        lambda p, d, u: petition_services.petition_forward(petition=p, letter_text=d["letter_text"], by=u),
        "Chuyển đơn đến cơ quan có thẩm quyền",
        False,
    ),
    "guide": (
        s.LetterSerializer,
        lambda p, d, u: petition_services.petition_guide(petition=p, letter_text=d["letter_text"], by=u),
        "Hướng dẫn người gửi",
        False,
    ),
    "return": (
        s.LetterSerializer,
        lambda p, d, u: petition_services.petition_return(petition=p, letter_text=d["letter_text"], by=u),
        "Trả lại đơn",
        False,
    ),
    "accept": (
        s.AcceptSerializer,
        lambda p, d, u: petition_services.petition_accept(petition=p, on=_today(d), by=u),
        "Thụ lý đơn",
        False,
    ),
    "verify": (
        s.EmptySerializer,
        lambda p, d, u: petition_services.petition_start_verification(petition=p, by=u),
        "Bắt đầu xác minh",
        False,
    ),
    "extend": (
        s.ReasonSerializer,
        lambda p, d, u: petition_services.petition_extend(petition=p, reason=d["reason"], by=u),
        "Gia hạn giải quyết (tố cáo phức tạp)",
        False,
    ),
    "resolve": (
        s.ResolveSerializer,
        lambda p, d, u: petition_services.petition_resolve(
            petition=p, answer=d["answer"], on=_today(d), publish=d["publish"], by=u
        ),
        "Ghi kết quả giải quyết",
        False,
    ),
    "close": (
        s.EmptySerializer,
        lambda p, d, u: petition_services.petition_close(petition=p, by=u),
        "Kết thúc đơn",
        False,
    ),
    "reopen": (
        s.ReasonSerializer,
        lambda p, d, u: petition_services.petition_reopen(petition=p, reason=d["reason"], by=u),
        "Xem xét lại",
        False,
    ),
    "second_round": (
        s.EmptySerializer,
        lambda p, d, u: petition_services.complaint_second_round(petition=p, by=u),
        "Ghi nhận khiếu nại lần hai",
        True,
    ),
}


def action_view(name: str):
    """One endpoint per workflow action, so each has its own documented request body."""
    input_class, call, summary, creates = ACTION_TABLE[name]
    responses: dict = {
        **ERRORS,
        409: OpenApiResponse(description="Quy định không cho phép bước này lúc này."),
    }
    if name == "split":
        responses[201] = s.PetitionRowSerializer(many=True)
    else:
        responses[201 if creates else 200] = s.PetitionDetailSerializer

    class ActionView(CommuneScoped):
        serializer_class = input_class

        @extend_schema(
            summary=summary,
            operation_id=f"petitions_{name}",
            request=input_class,
            responses=responses,
            tags=["Xử lý đơn"],
        )
        def post(self, request, code: str, pk: int):
            petition = self.get_petition()
            if not self.own_roles() & petition_services.RECORDERS:
                raise PermissionDenied(READ_ONLY_ROLE)
            ser = input_class(data=request.data)
            ser.is_valid(raise_exception=True)
            result = call(petition, ser.validated_data, request.user)
            if name == "split":
                return Response(
                    s.PetitionRowSerializer(result, many=True, context={"today": timezone.localdate()}).data,
                    status=status.HTTP_201_CREATED,
                )
            return self.detail(result, http_status=201 if creates else 200)

    ActionView.__name__ = ActionView.__qualname__ = f"Petition{name.title().replace('_', '')}View"
    return ActionView.as_view()


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
