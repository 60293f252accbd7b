"""Forms for adjusting a plan and for plans made without a file: they parse input; services decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import DATE_ERRORS, DATE_FORMATS, DateInput
from danvan.org.models import Unit
from danvan.plans.models import Timeframe

REASON_HELP = "Ghi rõ căn cứ điều chỉnh, ví dụ: theo Thông báo kết luận của Chủ tịch UBND xã ngày …"


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label="Lý do điều chỉnh",
        max_length=1000,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Vui lòng ghi lý do điều chỉnh.",
            "max_length": "Lý do dài quá 1000 ký tự.",
        },
    )


class _UnitsMixin:
    """Lead and partner pickers limited to the commune's active units (plus those already chosen)."""

    def set_units(self, commune, keep=()) -> None:
        from django.db.models import Q

        qs = Unit.objects.filter(Q(is_active=True) | Q(pk__in=[u.pk for u in keep]), commune=commune)
        for name in ("lead_units", "coordinating_units"):
            self.fields[name].queryset = qs.order_by("sort_order", "name")


def _units_field(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Đơn vị đã chọn không thuộc xã này.",
            "invalid_pk_value": "Đơn vị không hợp lệ.",
        },
    )


class TaskEditForm(forms.Form):
    ref = forms.CharField(
        label="Mục", max_length=30, required=False, error_messages={"max_length": "Số mục dài quá 30 ký tự."}
    )
    content = forms.CharField(
        label="Nội dung nhiệm vụ",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng nhập nội dung nhiệm vụ."},
    )
    reason = _reason_field()


class TaskAssignForm(_UnitsMixin, forms.Form):
    lead_units = _units_field("Đơn vị chủ trì")
    coordinating_units = _units_field("Đơn vị phối hợp")
    reason = _reason_field()


class TaskDatesForm(forms.Form):
    timeframe = forms.ChoiceField(
        label="Thời gian thực hiện",
        choices=Timeframe.choices,
        error_messages={"invalid_choice": "Thời gian thực hiện không hợp lệ."},
    )
    due_date = forms.DateField(
        label="Hạn (ngày cuối)",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        help_text="Với “Trong quý”, “Trong năm”: ngày cuối quý, cuối năm.",
        error_messages=DATE_ERRORS,
    )
    reason = _reason_field()


class TaskSplitForm(forms.Form):
    parts = forms.CharField(
        label="Các phần sau khi tách (mỗi phần một dòng)",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Dòng đầu thay nội dung nhiệm vụ này; mỗi dòng sau thành một nhiệm vụ mới cùng đơn vị, thời hạn."
        ),
        error_messages={"required": "Vui lòng nhập các phần của nhiệm vụ."},
    )
    reason = _reason_field()

    def clean_parts(self) -> list[str]:
        return [line for line in self.cleaned_data["parts"].splitlines() if line.strip()]


class TaskCancelForm(forms.Form):
    reason = _reason_field()


class TaskAddForm(_UnitsMixin, forms.Form):
    ref = forms.CharField(
        label="Mục", max_length=30, required=False, error_messages={"max_length": "Số mục dài quá 30 ký tự."}
    )
    content = forms.CharField(
        label="Nội dung nhiệm vụ",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng nhập nội dung nhiệm vụ."},
    )
    lead_units = _units_field("Đơn vị chủ trì")
    coordinating_units = _units_field("Đơn vị phối hợp")
    timeframe = TaskDatesForm.base_fields["timeframe"]
    due_date = TaskDatesForm.base_fields["due_date"]
    reason = _reason_field()


class BlankPlanForm(forms.Form):
    title = forms.CharField(
        label="Tên kế hoạch",
        max_length=500,
        error_messages={
            "required": "Vui lòng nhập tên kế hoạch.",
            "max_length": "Tên kế hoạch dài quá 500 ký tự.",
        },
    )
    year = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Vui lòng nhập năm.",
            "invalid": "Năm phải là số.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
