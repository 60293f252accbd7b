"""The workflow actions the API offers, by API name: the input serializer, the petitions service it calls,
its summary, whether it creates a new petition. `common` reads the names (what a user may try now),
`actions` makes one endpoint of each."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone

from danvan.api import serializers as s
from danvan.core.errors import ServiceError
from danvan.org.models import Unit
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field, Petition

Kind = Petition.Kind


# --- helpers of the table -----------------------------------------------------------------------------------


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
