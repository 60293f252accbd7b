"""Staff REST API (/api/v1/): petitions of a commune, their workflow actions, attachments, duplicates,
the commune's hotspots, fields, public tracking.

Every endpoint under /communes/<code>/ starts like the staff pages: `org.access.commune_for` (another
commune is a 404, a role without the permission a 403), then looks objects up inside that commune.
A key limited to one commune sees no other. Writes call the petitions services and nothing else; the
services check the roles again and their `ServiceError` becomes a JSON error (`api.errors`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.models import ApiKey
from danvan.api.throttling import AnonymousThrottle
from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import commune_for, memberships_in
from danvan.org.models import Unit
from danvan.petitions import selectors
from danvan.petitions import services as petition_services
from danvan.petitions.duplicates import possible_duplicates
from danvan.petitions.models import Attachment, Field, HotspotAlert, Petition
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
            "request": self.request,
            "commune_code": petition.commune_id,
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
