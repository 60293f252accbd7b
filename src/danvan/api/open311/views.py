"""Open311 GeoReport v2 endpoints under /open311/v2/, in JSON and XML (the URL's extension).

`jurisdiction_id` names the commune (its portal slug or its official code). Reading is public and
shows only what the commune's public pages show; posting needs an `api_key` issued by the system
administrator. Errors are GeoReport's list of `{code, description}` (code = the HTTP status), with a
Vietnamese description and our machine-readable `error_code`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api.authentication import BAD_KEY, REVOKED_KEY
from danvan.api.errors import MESSAGES
from danvan.api.models import ApiKey
from danvan.api.open311 import mapping
from danvan.api.open311.renderers import Open311JSONRenderer, Open311XMLRenderer
from danvan.api.services import api_key_find, api_key_mark_used, open311_request_create
from danvan.api.throttling import AnonymousThrottle, Open311PostThrottle
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.access import roles_in
from danvan.petitions.models import Petition, PetitionStep
from danvan.petitions.tracking import normalize_tracking_code

MIN_YEAR, MAX_YEAR = 1900, 2999  # the date range filters accept
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits only: str.isdigit() also accepts "²"
MAX_REQUESTS = 1000  # GeoReport v2: "the most recent 1000 requests" when no date range narrows them
# Codes a client can act on; `code` itself is the HTTP status, as GeoReport v2 does.
_FIELD_ERRORS = {
    "lat": "bad_lat_long",
    "lng": "bad_lat_long",
    "content": "bad_description",
    "signers_count": "bad_attribute",
}


class Open311Error(Exception):
    def __init__(self, status: int, error_code: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error_code, self.description = status, error_code, description


def _jurisdiction_param() -> OpenApiParameter:
    return OpenApiParameter(
        "jurisdiction_id",
        str,
        required=True,
        description="Xã/phường: địa chỉ cổng thông tin (ví dụ `ta-dung`) hoặc mã xã chính thức (5 chữ số).",
    )


class Open311View(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [Open311JSONRenderer, Open311XMLRenderer]
    throttle_classes = [AnonymousThrottle]
    xml_root = "response"
    xml_item = "item"

    def handle_exception(self, exc):
        if isinstance(exc, Open311Error):
            status, code, text = exc.status, exc.error_code, exc.description
        elif isinstance(exc, ServiceError):
            status, code, text = 400, _FIELD_ERRORS.get(exc.field or "", exc.code), exc.message
        elif isinstance(exc, exceptions.Throttled):
            status, code = 429, "throttled"
            text = MESSAGES["throttled"].format(wait=int(exc.wait or 1))
        elif isinstance(exc, Http404 | exceptions.NotFound):
            status, code, text = 404, "not_found", "Không tìm thấy."
        elif isinstance(exc, exceptions.APIException):
            status = exc.status_code
            code = getattr(exc.detail, "code", None) or exc.default_code
            text = MESSAGES.get(code, "Yêu cầu không hợp lệ.")
        else:
            return super().handle_exception(exc)
        self.xml_root, self.xml_item = "errors", "error"
        response = Response([{"code": status, "description": text, "error_code": code}], status=status)
        if isinstance(exc, exceptions.Throttled) and exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def commune(self, params) -> Commune:
        raw = str(params.get("jurisdiction_id") or "").strip()
        if not raw:
            raise Open311Error(
                400,
                "missing_jurisdiction",
                "Thiếu jurisdiction_id: hãy ghi địa chỉ cổng thông tin của xã (ví dụ ta-dung) hoặc mã xã.",
            )
        commune = (
            Commune.objects.filter(Q(slug=raw[:120]) | Q(code=raw[:5]), is_active=True)
            .select_related("province")
            .first()
        )
        if commune is None or raw not in (commune.slug, commune.code):
            raise Open311Error(
                404,
                "unknown_jurisdiction",
                f"Không có xã/phường “{raw[:60]}” trên Dân Vận Số (jurisdiction_id không đúng).",
            )
        return commune


class ServiceListView(Open311View):
    xml_root, xml_item = "services", "service"

    @extend_schema(
        summary="Open311: danh sách dịch vụ (loại phản ánh nhận qua ứng dụng)",
        parameters=[_jurisdiction_param()],
        responses={200: OpenApiTypes.OBJECT},
        tags=["Open311 GeoReport v2"],
        auth=[],
    )
    def get(self, request, format=None):
        self.commune(request.query_params)
        return Response(mapping.SERVICES)


class ServiceDefinitionView(Open311View):
    xml_root = "service_definition"

    @extend_schema(
        summary="Open311: định nghĩa một dịch vụ (các thuộc tính)",
        parameters=[_jurisdiction_param()],
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Mã dịch vụ không có.")},
        tags=["Open311 GeoReport v2"],
        auth=[],
    )
    def get(self, request, service_code: str, format=None):
        commune = self.commune(request.query_params)
        if service_code in mapping.CLOSED_KINDS:
            raise Open311Error(404, "kind_not_open311", mapping.CLOSED_KIND_MESSAGE)
        if service_code not in mapping.OPEN_KINDS:
            raise Open311Error(404, "unknown_service_code", _unknown_service(service_code))
        villages = list(commune.villages.order_by("name").values_list("pk", "name"))
        return Response(mapping.service_definition(service_code, villages))


def _unknown_service(code: str) -> str:
    codes = ", ".join(s["service_code"] for s in mapping.SERVICES)
    return f"Không có dịch vụ “{code[:40]}”. Các mã dịch vụ: {codes}."


def _records(qs) -> list[dict]:
    last_note = (
        PetitionStep.objects.filter(petition=OuterRef("pk")).order_by("-at", "-id").values("public_note")[:1]
    )
    rows = qs.select_related("commune", "unit").annotate(last_note=Subquery(last_note))
    return [mapping.request_record(p, last_note=p.last_note) for p in rows]


def _parse_when(raw: str | None, name: str, *, end: bool) -> datetime | None:
    if not raw:
        return None
    bad = Open311Error(
        400, f"bad_{name}", f"{name} không hợp lệ: dùng dạng W3C, ví dụ 2026-03-02T08:00:00+07:00."
    )
    try:  # a well-formed but impossible day (2026-02-30) raises ValueError
        value = parse_datetime(raw.strip().replace(" ", "+"))  # a '+' in a query string arrives as a space
        if value is None:
            day = parse_date(raw.strip())
            if day is None:
                raise bad
            value = datetime.combine(day, time.max if end else time.min)
    except ValueError:
        raise bad from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    # Years 1 and 9999 with an offset fall outside what Python and the database can hold in UTC;
    # nothing was filed before this platform or will be after year 2999.
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise Open311Error(400, f"bad_{name}", f"{name} không hợp lệ: năm phải từ {MIN_YEAR} đến {MAX_YEAR}.")
    return value


class RequestListView(Open311View):
    xml_root, xml_item = "service_requests", "request"

    def get_throttles(self):
        return [Open311PostThrottle()] if self.request.method == "POST" else super().get_throttles()

    def initial(self, request, *args, **kwargs):
        if request.method == "POST":
            # The key is needed before throttling, which counts per key; its errors are answered in
            # the format the URL asked for, so negotiate that first.
            self.format_kwarg = self.get_format_suffix(**kwargs)
            request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(request)
            request.open311_key = self._key(request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        summary="Open311: danh sách yêu cầu (chỉ những yêu cầu được công khai, hoặc theo mã)",
        parameters=[
            _jurisdiction_param(),
            OpenApiParameter(
                "service_request_id", str, description="Một hay nhiều mã tra cứu, cách nhau dấu phẩy."
            ),
            OpenApiParameter("service_code", str, description="phan-anh hoặc kien-nghi."),
            OpenApiParameter("start_date", str, description="Từ thời điểm (W3C), theo requested_datetime."),
            OpenApiParameter("end_date", str, description="Đến thời điểm (W3C)."),
            OpenApiParameter("status", str, enum=["open", "closed"]),
        ],
        responses={200: OpenApiTypes.OBJECT},
        tags=["Open311 GeoReport v2"],
        auth=[],
    )
    def get(self, request, format=None):
        params = request.query_params
        commune = self.commune(params)
        qs = Petition.objects.filter(commune=commune)
        ids = [c for c in (params.get("service_request_id") or "").split(",") if c.strip()]
        if ids:
            # Holding a code is what opens its tracking page: any request named by its code is shown,
            # with only its public fields (mapping.request_record decides).
            codes = [normalize_tracking_code(c) for c in ids[:MAX_REQUESTS]]
            return Response(_records(qs.filter(tracking_code__in=[c for c in codes if c])))
        # A list without codes holds only what the sender agreed to publish, never a complaint or
        # denunciation.
        qs = qs.filter(publish_consent=True).exclude(kind__in=mapping.PRIVATE_KINDS)
        qs = qs.exclude(kind_hint__in=mapping.PRIVATE_KINDS)
        service_code = (params.get("service_code") or "").strip()
        if service_code:
            kind = mapping.OPEN_KINDS.get(service_code)
            if kind is None and service_code not in mapping.CLOSED_KINDS:
                raise Open311Error(400, "unknown_service_code", _unknown_service(service_code))
            qs = qs.filter(Q(kind=kind) | Q(kind=Petition.Kind.UNCLASSIFIED, kind_hint=kind))
        start = _parse_when(params.get("start_date"), "start_date", end=False)
        end = _parse_when(params.get("end_date"), "end_date", end=True)
        if start:
            qs = qs.filter(created_at__gte=start)
        if end:
            qs = qs.filter(created_at__lte=end)
        state = (params.get("status") or "").strip().lower()
        if state:
            if state not in ("open", "closed"):
                raise Open311Error(400, "bad_status", "status chỉ nhận giá trị open hoặc closed.")
            open_q = Q(status__in=mapping.OPEN_STATUSES)
            qs = qs.filter(open_q) if state == "open" else qs.exclude(open_q)
        return Response(_records(qs.order_by("-created_at", "-id")[:MAX_REQUESTS]))

    def _key(self, request) -> ApiKey:
        raw = request.data.get("api_key") if hasattr(request.data, "get") else None
        raw = raw or request.query_params.get("api_key")
        if not raw:
            header = request.headers.get("Authorization", "")
            if header.lower().startswith("api-key "):
                raw = header[8:]
        if not raw:
            raise Open311Error(
                401, "missing_api_key", "Thiếu api_key: gửi yêu cầu cần khóa do quản trị hệ thống cấp."
            )
        api_key = api_key_find(str(raw))
        if api_key is None:
            raise Open311Error(403, "bad_api_key", BAD_KEY)
        if not api_key.is_active:
            raise Open311Error(403, "revoked_api_key", REVOKED_KEY)
        if api_key.kind == ApiKey.Kind.STAFF and not api_key.user.is_active:
            raise Open311Error(403, "inactive_user", "Tài khoản cán bộ gắn với khóa này đã bị khóa.")
        return api_key

    @extend_schema(
        summary="Open311: gửi một yêu cầu (phản ánh hoặc kiến nghị)",
        description=(
            "Tham số theo GeoReport v2 (biểu mẫu hoặc JSON): api_key, jurisdiction_id, service_code, "
            "lat + long hoặc address_string, description, first_name, last_name, phone, email, media_url, "
            "attribute[thon], attribute[dong_y_cong_khai] (co/khong), attribute[so_nguoi_dung_don]; tệp ảnh "
            "hoặc PDF trong trường `media` (multipart). Gửi lại cùng tiêu đề `Idempotency-Key` (hoặc tham số "
            "client_token) trả về cùng một yêu cầu, không tạo đơn thứ hai."
        ),
        request=OpenApiTypes.OBJECT,
        responses={201: OpenApiTypes.OBJECT, 400: OpenApiResponse(description="Yêu cầu không hợp lệ.")},
        tags=["Open311 GeoReport v2"],
        auth=[],
    )
    def post(self, request, format=None):
        data = request.data
        if not isinstance(data, Mapping):
            # A JSON array or a bare value: Open311 fields come as form fields (or one JSON object).
            raise Open311Error(
                400,
                "malformed_request",
                "Yêu cầu phải gửi các trường dạng biểu mẫu (form) hoặc một đối tượng JSON.",
            )
        api_key: ApiKey = request.open311_key
        commune = self.commune(data)
        if api_key.commune_id and api_key.commune_id != commune.code:
            raise Open311Error(
                403, "key_not_for_jurisdiction", "Khóa api_key này không dùng cho xã/phường này."
            )
        if api_key.kind == ApiKey.Kind.STAFF and not roles_in(api_key.user, commune):
            raise Open311Error(
                403, "key_not_for_jurisdiction", "Khóa api_key này không dùng cho xã/phường này."
            )
        service_code = _param(data, "service_code")
        if not service_code:
            raise Open311Error(
                400,
                "missing_service_code",
                "Thiếu service_code: chọn “phan-anh” (phản ánh) hoặc “kien-nghi” (kiến nghị).",
            )
        if service_code in mapping.CLOSED_KINDS:
            raise Open311Error(400, "kind_not_open311", mapping.CLOSED_KIND_MESSAGE)
        kind = mapping.OPEN_KINDS.get(service_code)
        if kind is None:
            raise Open311Error(400, "unknown_service_code", _unknown_service(service_code))
        lat, lng = _param(data, "lat"), _param(data, "long")
        address = _param(data, "address_string")
        if bool(lat) != bool(lng):
            raise Open311Error(400, "bad_lat_long", "Cần gửi cả lat và long (vĩ độ và kinh độ).")
        if not (lat or address or _param(data, "address_id")):
            raise Open311Error(
                400,
                "missing_location",
                "Thiếu vị trí: gửi lat và long, hoặc address_string (địa chỉ nơi xảy ra sự việc).",
            )
        attrs = _attributes(data)
        village = None
        if attrs.get(mapping.ATTR_VILLAGE):
            raw_village = attrs[mapping.ATTR_VILLAGE]
            village = (
                commune.villages.filter(pk=int(raw_village)).first()
                if _DIGITS.fullmatch(raw_village)
                else None
            )
            if village is None:
                raise Open311Error(400, "bad_attribute", "attribute[thon]: không có thôn này trong xã.")
        consent = attrs.get(mapping.ATTR_CONSENT, "khong").lower()
        if consent not in ("co", "khong"):
            raise Open311Error(400, "bad_attribute", "attribute[dong_y_cong_khai] chỉ nhận co hoặc khong.")
        signers = attrs.get(mapping.ATTR_SIGNERS) or "1"
        if not _DIGITS.fullmatch(signers):
            raise Open311Error(400, "bad_attribute", "attribute[so_nguoi_dung_don] phải là số nguyên dương.")
        content = _param(data, "description")
        media_url = _param(data, "media_url")
        if media_url:
            if not media_url.lower().startswith(("https://", "http://")) or len(media_url) > 500:
                raise Open311Error(400, "bad_media_url", "media_url phải là địa chỉ http(s) hợp lệ.")
            content = f"{content}\n\nẢnh/tệp trên ứng dụng gửi: {media_url}".strip()
        full_name = " ".join(part for part in (_param(data, "last_name"), _param(data, "first_name")) if part)
        identity = {
            "full_name": full_name,
            "phone": _param(data, "phone"),
            "email": _param(data, "email"),
        }
        token = request.headers.get("Idempotency-Key") or data.get("client_token") or None
        petition, _created = open311_request_create(
            api_key=api_key,
            commune=commune,
            client_token=token,
            content=content,
            kind_hint=kind,
            village=village,
            address=address,
            lat=lat or None,
            lng=lng or None,
            identity=identity if any(identity.values()) else None,
            attachments=request.FILES.getlist("media") if request.FILES else (),
            publish_consent=consent == "co",
            signers_count=int(signers),
        )
        api_key_mark_used(api_key)
        return Response(
            [
                {
                    "service_request_id": petition.tracking_code,
                    "service_notice": (
                        f"Mã tra cứu {petition.tracking_code}. {mapping.service_notice(petition)}"
                    ),
                    "account_id": None,
                }
            ],
            status=201,
        )


def _param(data, name: str) -> str:
    value = data.get(name) if hasattr(data, "get") else None
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):  # a JSON object or list
        raise Open311Error(400, f"bad_{name}", f"{name} phải là một chuỗi ký tự.")
    return str(value).strip()


def _attributes(data) -> dict[str, str]:
    """GeoReport's `attribute[code]=value` form fields, or a JSON object `attribute`."""
    out: dict[str, str] = {}
    nested = data.get("attribute") if hasattr(data, "get") else None
    if isinstance(nested, dict):
        out.update({str(k): str(v).strip() for k, v in nested.items()})
    for key in data:
        if key.startswith("attribute[") and key.endswith("]"):
            out[key[10:-1]] = str(data.get(key) or "").strip()
    return out


class RequestDetailView(Open311View):
    xml_root, xml_item = "service_requests", "request"

    @extend_schema(
        summary="Open311: một yêu cầu theo mã tra cứu",
        parameters=[_jurisdiction_param()],
        responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Không có mã này tại xã.")},
        tags=["Open311 GeoReport v2"],
        auth=[],
    )
    def get(self, request, service_request_id: str, format=None):
        commune = self.commune(request.query_params)
        code = normalize_tracking_code(service_request_id)
        records = _records(Petition.objects.filter(commune=commune, tracking_code=code)) if code else []
        if not records:
            raise Open311Error(
                404,
                "unknown_request",
                "Không tìm thấy yêu cầu với mã này tại xã. Vui lòng kiểm tra lại mã (dạng ABC-DEF-2345).",
            )
        return Response(records)
