"""Forms of the disclosure register: they parse input; the services decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker, date_field
from danvan.democracy.disclosures.models import DisclosureKind
from danvan.democracy.disclosures.rules import DisclosureForm


class DisclosurePublishForm(forms.Form):
    kind = forms.ModelChoiceField(
        label="Loại nội dung (Điều 11)",
        queryset=DisclosureKind.objects.filter(is_active=True),
        empty_label=None,
    )
    title = forms.CharField(label="Tiêu đề", max_length=300)
    body = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    file = forms.FileField(label="Tệp văn bản (PDF, Word, Excel, ảnh)", required=False, widget=FilePicker())
    channels = forms.MultipleChoiceField(
        label="Hình thức công khai (Điều 12)",
        choices=DisclosureForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decided_on = date_field("Ngày của quyết định, văn bản cần công khai", required=False)
    starts_on = date_field("Ngày bắt đầu công khai")
    ends_on = date_field("Ngày kết thúc công khai", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].help_text = (
            "Chậm nhất 05 ngày làm việc sau ngày này phải bắt đầu công khai (Điều 12 khoản 3 Luật Thực hiện "
            "dân chủ ở cơ sở 2022)."
        )
        self.fields["ends_on"].help_text = (
            "Niêm yết ít nhất 30 ngày liên tục; khoản 4 và 13 Điều 11 niêm yết thường xuyên: để trống "
            "(Điều 13 khoản 2)."
        )


class DisclosureCorrectForm(forms.Form):
    """Đính chính: the new version of an item being published; the old one stays on record."""

    title = forms.CharField(label="Tiêu đề", max_length=300)
    body = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    file = forms.FileField(
        label="Tệp văn bản thay thế (để trống: giữ tệp cũ)", required=False, widget=FilePicker()
    )
    channels = forms.MultipleChoiceField(
        label="Hình thức công khai (Điều 12)",
        choices=DisclosureForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ends_on = date_field("Ngày kết thúc công khai", required=False)
    reason = forms.CharField(label="Nội dung, lý do đính chính", max_length=500)


class DisclosureWithdrawForm(forms.Form):
    reason = forms.CharField(label="Lý do gỡ", max_length=500)


class SearchForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=100)
    loai = forms.ModelChoiceField(
        label="Loại nội dung",
        queryset=DisclosureKind.objects.filter(is_active=True),
        required=False,
        empty_label="Tất cả",
        to_field_name="code",
    )


class QuarterForm(forms.Form):
    """Which quarter's list of disclosures to print (Điều 13 khoản 2)."""

    nam = forms.IntegerField(label="Năm", min_value=2023, max_value=2100)
    quy = forms.TypedChoiceField(
        label="Quý", coerce=int, choices=[(1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")]
    )
