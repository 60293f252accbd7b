"""Forms for petitions: they parse what people type; the services decide and write."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DATE_ERRORS, DATE_FORMATS, DateInput, MultipleFilePicker, QuickSelect
from danvan.petitions.models import Field, Petition
from danvan.petitions.services import MAX_ATTACHMENTS, MAX_CONTENT_CHARS, STAFF_CHANNELS

Kind = Petition.Kind

CHOICE_ERRORS = {"invalid_choice": "Lựa chọn không hợp lệ.", "required": "Vui lòng chọn một mục."}

# What each kind means, in one plain line a citizen understands.
KIND_HELP = {
    Kind.FEEDBACK: (
        "Báo cho chính quyền biết một việc chưa đúng, chưa hợp lý (đường hỏng, rác thải, tiếng ồn...)."
    ),
    Kind.RECOMMENDATION: "Đề xuất, góp ý cách làm tốt hơn cho xã, thôn.",
    Kind.COMPLAINT: (
        "Đề nghị xem xét lại một quyết định, việc làm của cơ quan, cán bộ ảnh hưởng đến quyền lợi của bạn."
    ),
    Kind.DENUNCIATION: (
        "Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cơ quan, người cụ thể."
    ),
}
REAL_KINDS = [Kind.FEEDBACK, Kind.RECOMMENDATION, Kind.COMPLAINT, Kind.DENUNCIATION]


def kind_choices(*, blank: str | None = None) -> list[tuple[str, str]]:
    out = [(k.value, k.label) for k in REAL_KINDS]
    return [("", blank), *out] if blank is not None else out


# What the file picker offers first; the server still judges every file by its content.
ACCEPT = "image/*,.pdf,.docx,.xlsx"  # no .heic: an iPhone then sends a JPEG copy


class MultipleFileField(forms.FileField):
    """Several files from one `<input type=file multiple>`; the service checks each file's content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFilePicker())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"Chỉ gửi kèm tối đa {MAX_ATTACHMENTS} tệp.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _text(label: str, *, required: bool = True, max_length: int = 300, rows: int | None = None, **kw):
    widget = kw.pop("widget", None) or (forms.Textarea(attrs={"rows": rows}) if rows else None)
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        error_messages={
            "required": f"Vui lòng nhập {label.lower()}.",
            "max_length": f"{label} dài quá %(limit_value)d ký tự.",
        },
        **kw,
    )


class IdentityMixin(forms.Form):
    full_name = _text("Họ và tên", required=False, max_length=150)
    phone = _text(
        "Số điện thoại",
        required=False,
        max_length=20,
        help_text=_("Để lại số điện thoại hoặc email để nhận tin mỗi khi đơn chuyển bước xử lý."),
        # A phone opens its number pad, not the full keyboard.
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (email)"),
        required=False,
        help_text=_("Tin báo chỉ có mã đơn, tình trạng và đường dẫn tra cứu, không có nội dung đơn."),
        max_length=254,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    id_number = _text(
        "Số CCCD / định danh cá nhân",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sender_address = _text(
        "Địa chỉ của bạn",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def identity(self) -> dict[str, str]:
        d = self.cleaned_data
        return {
            "full_name": d.get("full_name", ""),
            "phone": d.get("phone", ""),
            "email": d.get("email", ""),
            "id_number": d.get("id_number", ""),
            "address": d.get("sender_address", ""),
        }


class _PlaceFields(forms.Form):
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố nơi xảy ra sự việc"),
        queryset=None,
        required=False,
        empty_label=_("— Không rõ / không chọn —"),
        error_messages={"invalid_choice": "Thôn không hợp lệ."},
    )
    address = _text("Địa điểm cụ thể", required=False, max_length=300)
    lat = forms.DecimalField(
        label=_("Vĩ độ (nếu biết)"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=6,
        max_digits=9,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": "Vĩ độ phải là số, ví dụ 11.850000.",
            "min_value": "Vĩ độ nằm trong khoảng -90 đến 90.",
            "max_value": "Vĩ độ nằm trong khoảng -90 đến 90.",
            "max_decimal_places": "Vĩ độ chỉ cần tối đa 6 chữ số sau dấu chấm.",
            "max_digits": "Vĩ độ không hợp lệ.",
        },
    )
    lng = forms.DecimalField(
        label=_("Kinh độ (nếu biết)"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=6,
        max_digits=9,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": "Kinh độ phải là số, ví dụ 108.100000.",
            "min_value": "Kinh độ nằm trong khoảng -180 đến 180.",
            "max_value": "Kinh độ nằm trong khoảng -180 đến 180.",
            "max_decimal_places": "Kinh độ chỉ cần tối đa 6 chữ số sau dấu chấm.",
            "max_digits": "Kinh độ không hợp lệ.",
        },
    )
    attachments = MultipleFileField(
        label=f"Ảnh, tài liệu kèm theo (tối đa {MAX_ATTACHMENTS} tệp, mỗi tệp dưới 10 MB)",
        required=False,
        error_messages={"empty": "Tệp đã chọn rỗng.", "invalid": "Tệp không hợp lệ."},
        widget=MultipleFilePicker(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = commune.villages.filter(is_active=True).order_by("name")

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None) and not self.errors.get("lat"):
            self.add_error("lng", "Vui lòng nhập đủ cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.")
        return data


class PublicPetitionForm(IdentityMixin, _PlaceFields):
    """What a citizen fills on the portal; field order is the order on the page."""

    content = _text("Nội dung sự việc", max_length=MAX_CONTENT_CHARS, rows=6)
    kind_hint = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=kind_choices(),
        initial=Kind.FEEDBACK,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    publish_consent = forms.BooleanField(
        label=_("Tôi đồng ý công khai kết quả giải quyết trên cổng thông tin (không công khai tên tôi)"),
        required=False,
    )
    client_token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    place_from_photo = forms.BooleanField(
        label=_("Lấy vị trí từ ảnh chụp, nếu ảnh có ghi vị trí (khi chưa nhập tọa độ)"),
        required=False,
    )

    field_order = [
        "content",
        "kind_hint",
        "village",
        "address",
        "lat",
        "lng",
        "attachments",
        "place_from_photo",
        "full_name",
        "phone",
        "email",
        "sender_address",
        "id_number",
        "publish_consent",
        "client_token",
    ]


class RecordForm(IdentityMixin, _PlaceFields):
    """A petition brought to the office in person, by phone, by post, at a reception day or by e-mail."""

    channel = forms.ChoiceField(
        label="Kênh tiếp nhận",
        choices=[(c.value, c.label) for c in Petition.Channel if c in STAFF_CHANNELS],
        error_messages=CHOICE_ERRORS,
    )
    received_on = forms.DateField(
        label="Ngày nhận đơn",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS | {"required": "Vui lòng nhập ngày nhận đơn."},
    )
    content = _text("Nội dung đơn", max_length=MAX_CONTENT_CHARS, rows=6)
    kind_hint = forms.ChoiceField(
        label="Loại đơn người gửi ghi",
        choices=[(Kind.UNCLASSIFIED.value, "Chưa rõ"), *kind_choices()],
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    signers_count = forms.IntegerField(
        label="Số người đứng đơn",
        min_value=1,
        initial=1,
        error_messages={
            "required": "Vui lòng nhập số người đứng đơn.",
            "invalid": "Số người đứng đơn phải là số.",
            "min_value": "Số người đứng đơn phải từ 1 trở lên.",
        },
    )
    decision_known_on = forms.DateField(
        label="Ngày người khiếu nại nhận quyết định / biết hành vi (nếu là khiếu nại)",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )
    publish_consent = forms.BooleanField(label="Người gửi đồng ý công khai kết quả", required=False)
    client_token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    field_order = ["channel", "received_on", "content", "kind_hint", "signers_count", "decision_known_on"]


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), *Petition.Status.choices],
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(
        label="Loại đơn", required=False, choices=[("", "Tất cả"), *Petition.Kind.choices], widget=QuickSelect
    )
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=None, required=False, empty_label="Tất cả", widget=QuickSelect
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị xử lý", queryset=None, required=False, empty_label="Tất cả", widget=QuickSelect
    )
    overdue = forms.BooleanField(label="Chỉ đơn quá hạn", required=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields_of(commune)
        self.fields["unit"].queryset = commune.units.filter(is_active=True).order_by("name")


def fields_of(commune):
    return Field.objects.filter(Q(commune=None) | Q(commune=commune), is_active=True)


class RatingForm(forms.Form):
    ma = forms.CharField(max_length=20, widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label="Mức độ hài lòng với kết quả giải quyết",
        coerce=int,
        choices=[
            ("5", "5 – Rất hài lòng"),
            ("4", "4 – Hài lòng"),
            ("3", "3 – Bình thường"),
            ("2", "2 – Chưa hài lòng"),
            ("1", "1 – Không hài lòng"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn mức đánh giá từ 1 đến 5.",
            "invalid_choice": "Vui lòng chọn mức đánh giá từ 1 đến 5.",
        },
    )
    reason = _text(
        "Nếu chưa hài lòng, vì sao?",
        required=False,
        max_length=2000,
        rows=3,
        help_text="Bắt buộc khi bạn chọn 1 hoặc 2. Xã đọc ý kiến này để xem lại cách giải quyết.",
    )
    review = forms.BooleanField(label="Tôi đề nghị xã xem xét lại kết quả giải quyết", required=False)


class ReviewForm(forms.Form):
    """Đề nghị xem xét lại, after a rating of "chưa hài lòng"."""

    ma = forms.CharField(max_length=20, widget=forms.HiddenInput)
    reason = _text("Vì sao bạn đề nghị xem xét lại?", required=False, max_length=2000, rows=3)


class ContactForm(forms.Form):
    """ "Đơn của tôi": the phone or e-mail the sender left in their petitions."""

    contact = _text(
        "Số điện thoại hoặc email bạn đã ghi trong đơn",
        max_length=254,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "tel"}),
    )


class CodeForm(forms.Form):
    code = _text(
        "Mã gồm 6 chữ số vừa gửi đến bạn",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ResultsFilterForm(forms.Form):
    """The public results list's search: field, village, month answered, words of the answer."""

    q = forms.CharField(label="Tìm theo từ", required=False, max_length=100)
    field = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=None,
        required=False,
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Lĩnh vực không hợp lệ."},
    )
    village = forms.ModelChoiceField(
        label="Thôn, tổ dân phố",
        queryset=None,
        required=False,
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Thôn không hợp lệ."},
    )
    month = forms.DateField(
        label="Tháng trả lời",
        required=False,
        input_formats=["%m/%Y", "%Y-%m"],
        # Typed as mm/yyyy: a month picker follows the browser's language and order.
        widget=forms.DateInput(attrs={"inputmode": "numeric", "placeholder": "tháng/năm"}, format="%m/%Y"),
        error_messages={"invalid": "Tháng không hợp lệ (viết tháng/năm, ví dụ 03/2026)."},
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields_of(commune)
        self.fields["village"].queryset = commune.villages.filter(is_active=True).order_by("name")
