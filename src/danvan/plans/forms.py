"""Forms for plans: they parse input; services decide and write."""

from __future__ import annotations

from django import forms

from danvan.core.forms import DATE_ERRORS, DATE_FORMATS, DateInput, FilePicker
from danvan.plans.models import Task, Timeframe

MAX_UPLOAD = 10 * 1024 * 1024


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        widget=FilePicker(),
        label="Tệp kế hoạch (.docx, .pdf hoặc .txt)",
        error_messages={"required": "Vui lòng chọn tệp kế hoạch.", "empty": "Tệp đã chọn rỗng."},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 10 MB. Vui lòng chọn tệp nhỏ hơn.")
        return f


class PlanHeaderForm(forms.Form):
    title = forms.CharField(
        label="Tên kế hoạch", max_length=500, error_messages={"required": "Vui lòng nhập tên kế hoạch."}
    )
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False)
    issued_on = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )
    year = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là số.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )


class TaskRowForm(forms.Form):
    ref = forms.CharField(label="Mục", max_length=30, required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lead = forms.CharField(
        label="Chủ trì", max_length=500, required=False, help_text="nhiều đơn vị cách nhau bởi dấu ;"
    )
    coordinating = forms.CharField(label="Phối hợp", max_length=500, required=False)
    kind = forms.ChoiceField(label="Thời gian", choices=Timeframe.choices, initial=Timeframe.UNSPECIFIED)
    date = forms.DateField(
        label="Hạn", required=False, input_formats=DATE_FORMATS, widget=DateInput, error_messages=DATE_ERRORS
    )
    # The per-task pickers: empty follows the plan-wide mapping of the names written above.
    lead_pick = forms.ChoiceField(
        label="Giao chủ trì cho",
        required=False,
        error_messages={"invalid_choice": "Đơn vị chủ trì đã chọn không có trong danh sách."},
    )
    partners_pick = forms.MultipleChoiceField(
        label="Thêm đơn vị phối hợp",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Đơn vị phối hợp đã chọn không có trong danh sách."},
    )

    def __init__(self, *args, units=(), specials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_pick"].choices = [("", "Theo tên ghi ở ô Chủ trì"), *units, *specials]
        self.fields["partners_pick"].choices = list(units)

    def clean(self):
        data = super().clean()
        if (
            data.get("content")
            and data.get("kind") in ("by_date", "within_quarter", "within_year")
            and not data.get("date")
        ):
            self.add_error("date", "Nhiệm vụ có thời hạn cần ghi ngày.")
        # "__new__" is services.CREATE_UNIT: create a unit with the name written in the lead box.
        if (
            data.get("content")
            and data.get("lead_pick") == "__new__"
            and not (data.get("lead") or "").strip()
        ):
            self.add_error("lead", "Ghi tên đơn vị ở ô Chủ trì để tạo đơn vị mới.")
        return data


TaskFormSet = forms.formset_factory(TaskRowForm, extra=2, can_delete=True, max_num=1000)


class ReportingRowForm(forms.Form):
    what = forms.CharField(label="Kỳ báo cáo", max_length=200, required=False)
    due = forms.DateField(
        label="Hạn nộp",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )
    to = forms.CharField(label="Nơi nhận", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("what") and not data.get("due"):
            self.add_error("due", "Vui lòng nhập hạn nộp.")
        return data


ReportingFormSet = forms.formset_factory(ReportingRowForm, extra=1, can_delete=True, max_num=50)


class IssueForm(forms.Form):
    number = forms.CharField(
        label="Số kế hoạch", max_length=60, error_messages={"required": "Vui lòng nhập số kế hoạch."}
    )
    issued_on = forms.DateField(
        label="Ngày ban hành",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS | {"required": "Vui lòng nhập ngày ban hành."},
    )


class ProgressForm(forms.Form):
    text = forms.CharField(
        label="Kết quả thực hiện",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng ghi kết quả thực hiện."},
    )
    # "Đã hủy" is set only by an adjustment of the plan (plans.adjustments.task_cancel), with a reason.
    status = forms.ChoiceField(
        label="Trạng thái", choices=[c for c in Task.Status.choices if c[0] != Task.Status.CANCELLED]
    )
    percent = forms.IntegerField(
        label="Tiến độ (%)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Tiến độ phải là số.",
            "min_value": "Tiến độ từ 0 đến 100.",
            "max_value": "Tiến độ từ 0 đến 100.",
        },
    )
    attachment = forms.FileField(label="Tệp minh chứng", required=False, widget=FilePicker())

    def clean_attachment(self):
        f = self.cleaned_data.get("attachment")
        if f and f.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 10 MB.")
        return f


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Vui lòng ghi lý do trả lại."},
    )
