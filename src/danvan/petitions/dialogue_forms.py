"""Forms of the complaint dialogue: its schedule and its minutes."""

from __future__ import annotations

from django import forms

from danvan.core.forms import date_field

# Typed as an official writes it (dd/mm/yyyy hh:mm), whatever the browser's language; ISO from a picker.
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class DialogueScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label="Thời gian đối thoại",
        input_formats=DATETIME_FORMATS,
        error_messages={
            "required": "Vui lòng nhập thời gian đối thoại.",
            "invalid": "Nhập ngày giờ dạng dd/mm/yyyy hh:mm, ví dụ 15/12/2026 08:30.",
        },
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off"}),
    )
    place = forms.CharField(label="Địa điểm", max_length=300, initial="Trụ sở UBND xã")
    agenda = forms.CharField(
        label="Nội dung đối thoại",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Những điểm yêu cầu của người khiếu nại và kết quả xác minh còn khác nhau.",
    )
    participants = forms.CharField(
        label="Thành phần mời",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Mỗi dòng một người hoặc cơ quan: người khiếu nại, người bị khiếu nại, người có quyền và "
        "nghĩa vụ liên quan, cơ quan, tổ chức có liên quan.",
    )


class DialogueRecordForm(forms.Form):
    held_on = date_field("Ngày đã đối thoại")
    complainant_present = forms.TypedChoiceField(
        label="Người khiếu nại",
        choices=[("yes", "Có mặt"), ("no", "Vắng mặt")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    opinions = forms.CharField(
        label="Ý kiến của những người tham gia", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    outcome = forms.CharField(
        label="Kết quả đối thoại", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    signed = forms.TypedChoiceField(
        label="Ký biên bản",
        choices=[("yes", "Những người tham gia đã ký hoặc điểm chỉ"), ("no", "Có người không ký")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    unsigned_reason = forms.CharField(
        label="Lý do không ký (nếu có người không ký)", required=False, max_length=500
    )
