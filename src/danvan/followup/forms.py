"""Forms of the follow-up: an execution item, its result, its cancellation."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker, date_field
from danvan.org.models import Unit


class ItemForm(forms.Form):
    content = forms.CharField(
        label="Việc phải thi hành",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Theo quyết định giải quyết khiếu nại / kết luận nội dung tố cáo, "
        "ví dụ: trả lại 30 m² đất.",
        error_messages={"required": "Vui lòng ghi việc phải thi hành."},
    )
    responsible = forms.CharField(
        label="Người, cơ quan phải thi hành",
        max_length=200,
        error_messages={"required": "Vui lòng ghi người, cơ quan phải thi hành."},
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị của xã chịu trách nhiệm theo dõi",
        queryset=Unit.objects.none(),
        error_messages={"required": "Vui lòng chọn đơn vị.", "invalid_choice": "Đơn vị không hợp lệ."},
    )
    due_on = date_field("Hạn thi hành")

    def __init__(self, commune, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune).order_by("name")


class DoneForm(forms.Form):
    result = forms.CharField(
        label="Kết quả thi hành",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Vui lòng ghi kết quả thi hành."},
    )
    on = date_field("Ngày thi hành xong")
    evidence = forms.FileField(
        label="Minh chứng (ảnh, bản chụp biên bản…)", required=False, widget=FilePicker()
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Lý do không phải thi hành",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Vui lòng ghi lý do."},
    )
