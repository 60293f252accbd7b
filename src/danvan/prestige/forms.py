"""Forms of the prestige pages."""

from __future__ import annotations

from django import forms

from danvan.core.forms import date_field
from danvan.prestige.models import Contact, Organisation, Person, Place


def _pick(items, empty: str = "— không chọn —"):
    return [("", empty), *((str(x.pk), str(x)) for x in items)]


class PersonForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên", max_length=150, error_messages={"required": "Vui lòng nhập họ và tên."}
    )
    kind = forms.ChoiceField(
        label="Người này là",
        choices=[("", "— chọn —"), *Person.Kind.choices],
        error_messages={"required": "Vui lòng chọn người này là ai."},
    )
    title = forms.CharField(
        label="Chức danh, phẩm vị",
        max_length=150,
        required=False,
        help_text="Ví dụ: Linh mục chánh xứ, Trụ trì, Già làng bon",
    )
    village = forms.ChoiceField(label="Thôn, tổ dân phố", required=False)
    organisation = forms.ChoiceField(label="Tổ chức tôn giáo", required=False)
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    recognised_on = date_field("Ngày được bình chọn, công nhận", required=False)
    ethnic_group = forms.CharField(label="Dân tộc (không bắt buộc)", max_length=50, required=False)
    religion = forms.CharField(label="Tôn giáo (không bắt buộc)", max_length=50, required=False)
    purpose = forms.CharField(
        label="Mục đích ghi dân tộc, tôn giáo",
        max_length=300,
        required=False,
        help_text=(
            "Dữ liệu cá nhân nhạy cảm (Nghị định 13/2023/NĐ-CP): chỉ ghi khi cần cho công tác dân tộc, "
            "tôn giáo."
        ),
    )

    def __init__(self, *args, villages=(), organisations=(), sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = _pick(villages)
        self.fields["organisation"].choices = _pick(organisations)
        if not sensitive:
            for name in ("ethnic_group", "religion", "purpose"):
                del self.fields[name]


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label="Tên tổ chức", max_length=200, error_messages={"required": "Vui lòng nhập tên tổ chức."}
    )
    religion = forms.ChoiceField(
        label="Tôn giáo",
        choices=[("", "— chọn —"), *Organisation.Religion.choices],
        error_messages={"required": "Vui lòng chọn tôn giáo."},
    )
    status = forms.ChoiceField(
        label="Tư cách pháp lý",
        choices=[("", "— chọn —"), *Organisation.Status.choices],
        error_messages={"required": "Vui lòng chọn tư cách pháp lý."},
    )
    followers = forms.IntegerField(
        label="Số tín đồ (ước tính)",
        min_value=0,
        required=False,
        error_messages={"invalid": "Số tín đồ phải là số nguyên.", "min_value": "Số tín đồ không hợp lệ."},
    )
    note = forms.CharField(
        label="Ghi chú", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class PlaceForm(forms.Form):
    name = forms.CharField(
        label="Tên cơ sở", max_length=200, error_messages={"required": "Vui lòng nhập tên cơ sở."}
    )
    kind = forms.ChoiceField(
        label="Loại",
        choices=[("", "— chọn —"), *Place.Kind.choices],
        error_messages={"required": "Vui lòng chọn loại cơ sở."},
    )
    village = forms.ChoiceField(label="Thôn, tổ dân phố", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = _pick(villages)


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="Hình thức",
        choices=[("", "— chọn —"), *Contact.Kind.choices],
        error_messages={"required": "Vui lòng chọn hình thức tiếp xúc."},
    )
    on = date_field("Ngày tiếp xúc")
    occasion = forms.CharField(
        label="Dịp",
        max_length=200,
        required=False,
        help_text="Ví dụ: Tết Nguyên đán, Lễ Giáng sinh, Lễ Phật đản",
    )
    officials = forms.CharField(
        label="Cán bộ tham gia", max_length=300, error_messages={"required": "Vui lòng ghi cán bộ tham gia."}
    )
    raised = forms.CharField(
        label="Nội dung được nêu, đề đạt",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    answer = forms.CharField(
        label="Ý kiến trả lời, tiếp thu của xã",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label="Mục đích xem",
        max_length=300,
        error_messages={"required": "Vui lòng ghi mục đích xem thông tin."},
    )


class PersonEditForm(PersonForm):
    """Correcting a person: ethnic group and religion are not here; they are read and written on their
    own audited page."""

    is_active = forms.BooleanField(
        label="Còn theo dõi",
        required=False,
        help_text="Bỏ chọn khi người này không còn là người có uy tín, đã chuyển đi hoặc đã mất.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, sensitive=False, **kwargs)
