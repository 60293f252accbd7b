"""What the staff API reads and writes. Output serializers list every field explicitly: nothing from
`PetitionIdentity` is ever here, and a denunciation's content, letters and answer only reach the
users the petition pages show them to (`petitions.permissions.may_see_content`)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from danvan.petitions import rules
from danvan.petitions import services as petition_services
from danvan.petitions.duplicates import Candidate
from danvan.petitions.models import Field, HotspotAlert, Petition

Kind = Petition.Kind
PREVIEW_CHARS = 200
# The kinds a petition can be classified as (named in the OpenAPI schema: SPECTACULAR_SETTINGS).
CLASSIFY_KINDS = [(k, Kind(k).label) for k in petition_services.REAL_KINDS]
STAFF_CHANNELS = [(c, Petition.Channel(c).label) for c in sorted(petition_services.STAFF_CHANNELS)]


def is_denunciation(petition: Petition) -> bool:
    return Kind.DENUNCIATION in (petition.kind, petition.kind_hint)


# A row id the database can hold (a larger one is a 400, not an overflow in the query), and a page
# number no list reaches.
AN_ID = {"min_value": 1, "max_value": 2**63 - 1}
MAX_PAGE = 100_000


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FieldSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    national = serializers.SerializerMethodField(
        help_text="Lĩnh vực của danh mục chung (không riêng của xã)."
    )

    def get_national(self, obj: Field) -> bool:
        return obj.commune_id is None


class PetitionRowSerializer(serializers.Serializer):
    """Một dòng danh sách đơn thư."""

    id = serializers.IntegerField()
    tracking_code = serializers.CharField(help_text="Mã tra cứu, dạng K7M-Q9P-2XT4.")
    kind = serializers.ChoiceField(choices=Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    complaint_round = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=Petition.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    received_on = serializers.DateField()
    field = RefSerializer(allow_null=True)
    unit = RefSerializer(allow_null=True)
    village = RefSerializer(allow_null=True)
    signers_count = serializers.IntegerField()
    is_mass = serializers.BooleanField(help_text="Đơn đông người (từ 5 người đứng đơn).")
    deadline = serializers.SerializerMethodField(help_text="Thời hạn đang chạy theo quy định.")
    overdue = serializers.SerializerMethodField()
    content_preview = serializers.SerializerMethodField(
        help_text="Đoạn đầu nội dung; rỗng (null) với đơn tố cáo."
    )

    def get_deadline(self, obj: Petition) -> str | None:
        due = rules.current_due(obj)
        return due.isoformat() if due else None

    def get_overdue(self, obj: Petition) -> bool:
        due = rules.current_due(obj)
        return bool(due and due < self.context["today"])

    def get_content_preview(self, obj: Petition) -> str | None:
        if is_denunciation(obj):
            return None
        text = " ".join(obj.content.split())
        return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


class StepSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    public_note = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    """Một tệp đính kèm đơn; `url` là địa chỉ tải tệp qua API (cùng quyền như trang chi tiết đơn).
    Context: `commune_code`, and `request` for an absolute address."""

    id = serializers.IntegerField()
    name = serializers.CharField(help_text="Tên tệp gốc.")
    kind = serializers.CharField(help_text="Loại tệp xác định theo nội dung: pdf, docx, xlsx, jpg, png, ...")
    mime = serializers.CharField()
    size = serializers.IntegerField(help_text="Kích thước (byte).")
    sha256 = serializers.CharField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="Địa chỉ tải tệp.")

    def get_url(self, obj) -> str:
        path = reverse(
            "api:petition_attachment",
            kwargs={"code": self.context["commune_code"], "pk": obj.petition_id, "attachment_id": obj.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_code = serializers.CharField()
    status = serializers.CharField()


class PetitionDetailSerializer(PetitionRowSerializer):
    """Chi tiết một đơn thư (không bao giờ có thông tin người gửi)."""

    content = serializers.SerializerMethodField(
        help_text="Nội dung đơn; null với đơn tố cáo khi người xem không được giao xử lý."
    )
    content_restricted = serializers.SerializerMethodField(
        help_text="true khi nội dung, văn bản và tệp bị ẩn với người xem này (đơn tố cáo)."
    )
    channel = serializers.ChoiceField(choices=Petition.Channel.choices)
    address = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    eligible = serializers.BooleanField(allow_null=True)
    ineligible_reason = serializers.CharField()
    complexity = serializers.ChoiceField(choices=Petition.Complexity.choices)
    publish_consent = serializers.BooleanField()
    process_due = serializers.DateField(allow_null=True)
    accept_due = serializers.DateField(allow_null=True)
    notify_due = serializers.DateField(allow_null=True)
    resolve_due = serializers.DateField(allow_null=True)
    extensions = serializers.IntegerField()
    accepted_on = serializers.DateField(allow_null=True)
    accepted_by = serializers.CharField(
        source="accepted_by.username", allow_null=True, help_text="Tên đăng nhập của lãnh đạo đã thụ lý."
    )
    outcome_letter = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    answered_on = serializers.DateField(allow_null=True)
    answer_published = serializers.BooleanField()
    rating = serializers.IntegerField(allow_null=True)
    parent = LinkSerializer(allow_null=True)
    duplicate_of = LinkSerializer(allow_null=True, help_text="Đơn mà đơn này được xác định là trùng.")
    children = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField(
        help_text="Các thao tác người gọi được thử ngay bây giờ (theo bảng chuyển trạng thái và vai trò)."
    )

    def _secret_ok(self, obj: Petition) -> bool:
        return self.context["secret_ok"]

    def get_content(self, obj: Petition) -> str | None:
        return obj.content if self._secret_ok(obj) else None

    def get_content_restricted(self, obj: Petition) -> bool:
        return not self._secret_ok(obj)

    def get_outcome_letter(self, obj: Petition) -> str | None:
        return obj.outcome_letter if self._secret_ok(obj) else None

    def get_answer(self, obj: Petition) -> str | None:
        return obj.answer if self._secret_ok(obj) else None

    def get_children(self, obj: Petition) -> list[dict]:
        return LinkSerializer(obj.children.only("id", "tracking_code", "status", "parent_id"), many=True).data

    def get_steps(self, obj: Petition) -> list[dict]:
        return StepSerializer(obj.steps.all(), many=True).data

    def get_attachments(self, obj: Petition) -> list[dict]:
        if not self._secret_ok(obj):
            return []
        return AttachmentSerializer(obj.attachments.all(), many=True, context=self.context).data

    def get_allowed_actions(self, obj: Petition) -> list[str]:
        return self.context["allowed_actions"]


class DuplicateCandidateSerializer(serializers.Serializer):
    """Một đơn có thể trùng: như trang chi tiết đơn gợi ý (không có nội dung, không có người gửi)."""

    id = serializers.IntegerField(source="petition.id")
    tracking_code = serializers.CharField(source="petition.tracking_code")
    kind = serializers.ChoiceField(choices=Kind.choices, source="petition.kind")
    status = serializers.ChoiceField(choices=Petition.Status.choices, source="petition.status")
    status_label = serializers.CharField(source="petition.get_status_display")
    received_on = serializers.DateField(source="petition.received_on")
    similarity = serializers.SerializerMethodField(help_text="Mức giống nhau của nội dung, 0–100 (%).")
    same_village = serializers.BooleanField()
    same_sender = serializers.BooleanField(
        help_text="Cùng số điện thoại hoặc thư điện tử người gửi (không bao giờ cho biết số, địa chỉ nào)."
    )
    reason = serializers.CharField(help_text="Căn cứ gợi ý, như trang chi tiết đơn hiển thị.")

    def get_similarity(self, obj: Candidate) -> int:
        return round(100 * obj.score)


class DismissalSerializer(serializers.Serializer):
    petition = serializers.IntegerField()
    other = serializers.IntegerField(help_text="Đơn đã được xác định là không trùng với đơn này.")
    at = serializers.DateTimeField()


class HotspotPetitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_code = serializers.CharField()
    status = serializers.ChoiceField(choices=Petition.Status.choices)
    received_on = serializers.DateField()


class HotspotSerializer(serializers.Serializer):
    """Một cảnh báo điểm nóng: lĩnh vực, thôn, số đơn, các mốc thời gian; không có nội dung, người gửi."""

    id = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=HotspotAlert.Reason.choices)
    reason_label = serializers.CharField(source="get_reason_display")
    status = serializers.ChoiceField(choices=HotspotAlert.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    field = RefSerializer(allow_null=True)
    village = RefSerializer(allow_null=True)
    petitions_count = serializers.IntegerField(help_text="Số đơn thuộc điểm nóng.")
    first_received_on = serializers.DateField(allow_null=True, help_text="Ngày nhận đơn sớm nhất.")
    last_received_on = serializers.DateField(allow_null=True, help_text="Ngày nhận đơn muộn nhất.")
    raised_at = serializers.DateTimeField(help_text="Thời điểm phát hiện.")
    acknowledged_at = serializers.DateTimeField(
        allow_null=True, help_text="Thời điểm lãnh đạo nắm tình hình."
    )
    resolved_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField(help_text="Kết quả xử lý điểm nóng (khi đã xử lý xong).")
    petitions = HotspotPetitionSerializer(many=True, source="petitions.all")


class TrackingStepSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    note = serializers.CharField()


class TrackingPartSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status_label = serializers.CharField()


class TrackingSerializer(serializers.Serializer):
    """Điều ai có mã tra cứu cũng xem được: như trang tra cứu công khai, không có gì cá nhân."""

    tracking_code = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    received_on = serializers.DateField()
    unit = serializers.CharField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    extensions = serializers.IntegerField()
    answer = serializers.CharField(allow_null=True)
    answered_on = serializers.DateField(allow_null=True)
    steps = TrackingStepSerializer(many=True)
    parts = TrackingPartSerializer(many=True)


# --- input ------------------------------------------------------------------------------------------


class PetitionFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Petition.Status.choices, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    field = serializers.IntegerField(required=False, **AN_ID, help_text="Mã lĩnh vực (xem /fields/).")
    unit = serializers.IntegerField(required=False, **AN_ID, help_text="Mã đơn vị xử lý.")
    overdue = serializers.BooleanField(required=False, default=False, help_text="Chỉ đơn đã quá hạn.")
    due_soon = serializers.BooleanField(
        required=False, default=False, help_text="Chỉ đơn đến hạn trong 3 ngày làm việc tới."
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200, default=50)


class IdentityInSerializer(serializers.Serializer):
    """Thông tin người gửi: chỉ để ghi, không bao giờ được trả lại qua API."""

    full_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    id_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    address = serializers.CharField(required=False, allow_blank=True, max_length=300)


class RecordSerializer(serializers.Serializer):
    """Ghi nhận đơn do cán bộ tiếp nhận (trực tiếp, điện thoại, bưu điện, tiếp công dân, thư điện tử)."""

    channel = serializers.ChoiceField(choices=STAFF_CHANNELS)
    received_on = serializers.DateField()
    content = serializers.CharField(trim_whitespace=False, allow_blank=True)
    kind_hint = serializers.ChoiceField(choices=Kind.choices, required=False, allow_null=True)
    village = serializers.IntegerField(required=False, allow_null=True, **AN_ID)
    address = serializers.CharField(required=False, allow_blank=True, default="")
    lat = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    lng = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    identity = IdentityInSerializer(required=False, allow_null=True)
    client_token = serializers.CharField(
        required=False, allow_blank=True, help_text="Mã chống gửi trùng: gửi lại cùng mã trả về cùng đơn."
    )
    publish_consent = serializers.BooleanField(required=False, default=False)
    signers_count = serializers.IntegerField(required=False, default=1)
    decision_known_on = serializers.DateField(required=False, allow_null=True)


class ClassifySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CLASSIFY_KINDS)
    complaint_round = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2)
    eligible = serializers.BooleanField(default=True)
    ineligible_reason = serializers.CharField(required=False, allow_blank=True, default="")
    field = serializers.IntegerField(required=False, allow_null=True, **AN_ID)
    unit = serializers.IntegerField(required=False, allow_null=True, **AN_ID)
    complexity = serializers.ChoiceField(choices=Petition.Complexity.choices, default="normal")
    several_places = serializers.BooleanField(default=False)
    decision_known_on = serializers.DateField(required=False, allow_null=True)


class SplitPartSerializer(serializers.Serializer):
    content = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False, default="unclassified")


class SplitSerializer(serializers.Serializer):
    parts = SplitPartSerializer(many=True)


class LetterSerializer(serializers.Serializer):
    letter_text = serializers.CharField(
        allow_blank=True, help_text="Văn bản gửi kèm (chuyển, hướng dẫn, trả lại)."
    )


class AcceptSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="Ngày thụ lý; mặc định hôm nay.")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ResolveSerializer(serializers.Serializer):
    answer = serializers.CharField(allow_blank=True)
    on = serializers.DateField(required=False, help_text="Ngày trả lời; mặc định hôm nay.")
    publish = serializers.BooleanField(default=False)


class EmptySerializer(serializers.Serializer):
    pass


class AttachmentUploadSerializer(serializers.Serializer):
    """Tệp gửi lên dạng multipart/form-data, trường `file` (lặp lại để gửi nhiều tệp)."""

    file = serializers.ListField(
        child=serializers.FileField(),
        help_text="PDF, Word (.docx), Excel (.xlsx), ảnh JPG/PNG/WEBP/HEIC; mỗi tệp tối đa 10 MB, "
        "mỗi đơn tối đa 5 tệp. Loại tệp được xác định theo nội dung, không theo tên.",
    )


class HotspotFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=HotspotAlert.Status.choices, required=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200, default=50)


class HotspotResolveSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, help_text="Kết quả xử lý điểm nóng (đã làm gì).")
