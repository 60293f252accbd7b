"""How our petitions look to an Open311 client: services, statuses and request records.

Mapping (documented for client developers on the API docs page):
- A *service* is a kind of petition. `phan-anh` (feedback) and `kien-nghi` (recommendation) are
  listed and accept requests. `khieu-nai` (complaint) and `to-cao` (denunciation) are known codes
  that refuse requests with a clear error: a complaint or denunciation must carry the sender's name,
  address and signature or fingerprint (Luật Khiếu nại 2011, Luật Tố cáo 2018; conditions as listed
  in TT 05/2021/TT-TTCP; docs/LEGAL.md), which an app relaying anonymous reports cannot give.
  The field (lĩnh vực) is chosen by staff at classification, so it is not a service.
- `service_request_id` is the tracking code; `status` is `open` until the case leaves the commune's
  hands (resolved, closed, forwarded, guided, returned, split), then `closed`.
- `expected_datetime` is the end of the day of the legal deadline that runs now; `agency_responsible`
  the unit in charge (or the commune's People's Committee); `status_notes` the last public note.
- `description`, `address`, `lat`, `long` are shown only for feedback and recommendations whose
  sender agreed to publication; every other request shows only what its public tracking page shows.
  `media_url` stays empty: attachments are never public.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from danvan.petitions import rules
from danvan.petitions.models import Petition

Kind = Petition.Kind
Status = Petition.Status

OPEN_KINDS = {"phan-anh": Kind.FEEDBACK, "kien-nghi": Kind.RECOMMENDATION}
CLOSED_KINDS = {"khieu-nai": Kind.COMPLAINT, "to-cao": Kind.DENUNCIATION}
KIND_CODE = {
    Kind.FEEDBACK: "phan-anh",
    Kind.RECOMMENDATION: "kien-nghi",
    Kind.COMPLAINT: "khieu-nai",
    Kind.DENUNCIATION: "to-cao",
    Kind.UNCLASSIFIED: "chua-phan-loai",
}
OPEN_STATUSES = frozenset(
    {Status.RECEIVED, Status.CLASSIFIED, Status.ACCEPTED, Status.VERIFYING, Status.REOPENED, Status.IN_REVIEW}
)
PRIVATE_KINDS = (Kind.COMPLAINT, Kind.DENUNCIATION)

SERVICES = [
    {
        "service_code": "phan-anh",
        "service_name": "Phản ánh",
        "description": (
            "Phản ánh với UBND xã về sự việc ở địa phương: đường hư hỏng, rác thải, ô nhiễm, mất trật tự, "
            "thủ tục chậm... Không bắt buộc ghi họ tên."
        ),
        "metadata": True,
        "type": "realtime",
        "keywords": "phản ánh, hiện trường, hạ tầng, môi trường, trật tự",
        "group": "Phản ánh, kiến nghị",
    },
    {
        "service_code": "kien-nghi",
        "service_name": "Kiến nghị",
        "description": (
            "Kiến nghị UBND xã xem xét, giải quyết hoặc thay đổi một việc chung (chính sách, công trình, "
            "dịch vụ công). Không bắt buộc ghi họ tên."
        ),
        "metadata": True,
        "type": "realtime",
        "keywords": "kiến nghị, đề xuất, chính sách",
        "group": "Phản ánh, kiến nghị",
    },
]

CLOSED_KIND_MESSAGE = (
    "Khiếu nại và tố cáo không nhận qua ứng dụng Open311: Luật Khiếu nại 2011 và Luật Tố cáo 2018 yêu cầu "
    "đơn ghi rõ họ tên, địa chỉ và chữ ký (hoặc điểm chỉ) của người gửi. Vui lòng gửi trên cổng thông "
    "tin của xã (mục Gửi phản ánh, có ghi thông tin người gửi) hoặc đến trực tiếp UBND xã. "
    "Nếu chỉ muốn báo một sự việc, hãy chọn dịch vụ “phan-anh” hoặc “kien-nghi”."
)

ATTR_VILLAGE = "thon"
ATTR_CONSENT = "dong_y_cong_khai"
ATTR_SIGNERS = "so_nguoi_dung_don"


def service_definition(code: str, villages: list[tuple[int, str]]) -> dict:
    return {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": ATTR_VILLAGE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "Chọn thôn, tổ dân phố nơi xảy ra sự việc (nếu biết).",
                "order": 1,
                "description": "Thôn / tổ dân phố",
                "values": [{"key": str(pk), "name": name} for pk, name in villages],
            },
            {
                "variable": True,
                "code": ATTR_CONSENT,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": (
                    "Đồng ý thì nội dung và kết quả có thể được công khai (không kèm tên)."
                ),
                "order": 2,
                "description": "Đồng ý công khai nội dung và kết quả",
                "values": [{"key": "co", "name": "Đồng ý"}, {"key": "khong", "name": "Không đồng ý"}],
            },
            {
                "variable": True,
                "code": ATTR_SIGNERS,
                "datatype": "number",
                "required": False,
                "datatype_description": "Số người cùng đứng tên (mặc định 1).",
                "order": 3,
                "description": "Số người đứng đơn",
                "values": [],
            },
        ],
    }


def is_open(petition: Petition) -> bool:
    return petition.status in OPEN_STATUSES


def is_public_detail(petition: Petition) -> bool:
    """Content and place only for feedback/recommendations whose sender agreed to publication."""
    return (
        petition.publish_consent
        and petition.kind not in PRIVATE_KINDS
        and petition.kind_hint not in PRIVATE_KINDS
    )


def _local(dt: datetime | None) -> str | None:
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt else None


def _end_of_day(day) -> str | None:
    if day is None:
        return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()


def _kind(petition: Petition) -> str:
    return petition.kind if petition.kind != Kind.UNCLASSIFIED else petition.kind_hint


def service_notice(petition: Petition) -> str:
    due = rules.current_due(petition)
    label = petition.get_status_display()
    if due is None:
        return f"{label}."
    return f"{label}. Hạn xử lý theo quy định: {due:%d/%m/%Y}."


def request_record(petition: Petition, *, last_note: str | None) -> dict:
    """One service request as GeoReport v2 names its fields."""
    public = is_public_detail(petition)
    kind = _kind(petition)
    return {
        "service_request_id": petition.tracking_code,
        "status": "open" if is_open(petition) else "closed",
        "status_notes": last_note or "",
        "service_name": Kind(kind).label,
        "service_code": KIND_CODE[kind],
        "description": petition.content if public else None,
        "agency_responsible": (
            petition.unit.name if petition.unit_id else f"UBND {petition.commune.in_sentence}"
        ),
        "service_notice": service_notice(petition),
        "requested_datetime": _local(petition.created_at),
        "updated_datetime": _local(petition.updated_at),
        "expected_datetime": _end_of_day(rules.current_due(petition)),
        "address": petition.address if public else None,
        "address_id": None,
        "zipcode": None,
        "lat": float(petition.latitude) if public and petition.latitude is not None else None,
        "long": float(petition.longitude) if public and petition.longitude is not None else None,
        "media_url": None,
    }
