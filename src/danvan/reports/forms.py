"""Forms for reports: they parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from danvan.core.forms import DATE_ERRORS, DATE_FORMATS, DateInput
from danvan.reports.models import Report
from danvan.reports.selectors import standard_period

PERIODS = [
    ("h1", "6 tháng đầu năm"),
    ("h2", "6 tháng cuối năm"),
    ("year", "Cả năm"),
    ("range", "Khoảng thời gian khác (chọn ngày)"),
]


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, input_formats=DATE_FORMATS, widget=DateInput, error_messages=DATE_ERRORS
    )


class PeriodForm(forms.Form):
    """A 6-month, yearly or free period. An empty or reversed range is left to the service to refuse."""

    ky = forms.ChoiceField(label="Kỳ báo cáo", choices=PERIODS, initial="h1")
    nam = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={"invalid": "Năm không hợp lệ."},
    )
    tu = _date("Từ ngày")
    den = _date("Đến ngày")

    def period(self):
        """(kind, start, end) for the service; start or end None when the user left them empty."""
        d = self.cleaned_data
        year = d.get("nam") or timezone.localdate().year
        if d["ky"] == "range":
            return Report.Kind.OTHER, d.get("tu"), d.get("den")
        kind = Report.Kind.YEAR if d["ky"] == "year" else Report.Kind.SIX_MONTHS
        start, end = standard_period(kind, year, 2 if d["ky"] == "h2" else 1)
        return kind, start, end


class SectionForm(forms.Form):
    text = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 10}))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến khi trả lại (cần sửa gì)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IssueForm(forms.Form):
    number = forms.IntegerField(
        label="Số báo cáo",
        min_value=1,
        required=False,
        error_messages={"invalid": "Số báo cáo là số nguyên dương."},
    )
    issued_on = _date("Ngày ban hành")
    signer_authority = forms.CharField(label="Thẩm quyền ký", max_length=80, initial="TM. ỦY BAN NHÂN DÂN")
    signer_on_behalf = forms.CharField(
        label="Ký thay (nếu có)", max_length=80, required=False, initial="KT. CHỦ TỊCH"
    )
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=80, required=False, initial="PHÓ CHỦ TỊCH"
    )
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120, required=False)
    recipients = forms.CharField(
        label="Nơi nhận (mỗi nơi một dòng)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ProvincePeriodForm(PeriodForm):
    """The province's period, with the deadline the province set when the communes' plans do not say."""

    han = _date("Hạn gửi báo cáo (nếu kế hoạch của xã không ghi)")
