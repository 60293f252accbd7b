"""Forms of the inspection pages: they parse input; `inspections.services` decides and writes."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker, date_field
from danvan.geo.models import Village
from danvan.inspections import rules
from danvan.inspections.models import Inspection
from danvan.org.models import Unit

REQ = "Vui lòng nhập {}."


class PlanForm(forms.Form):
    title = forms.CharField(
        label="Tên cuộc kiểm tra",
        max_length=300,
        error_messages={"required": REQ.format("tên cuộc kiểm tra")},
    )
    kind = forms.ChoiceField(label="Hình thức", choices=Inspection.Kind.choices)
    unit = forms.ModelChoiceField(
        label="Đơn vị được kiểm tra", queryset=Unit.objects.none(), required=False, empty_label="— không —"
    )
    village = forms.ModelChoiceField(
        label="hoặc thôn, tổ dân phố",
        queryset=Village.objects.none(),
        required=False,
        empty_label="— không —",
    )
    scope = forms.CharField(
        label="Nội dung kiểm tra",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": REQ.format("nội dung kiểm tra")},
    )
    inspectors = forms.CharField(
        label="Thành phần đoàn kiểm tra",
        max_length=500,
        error_messages={"required": REQ.format("thành phần đoàn")},
    )
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày")

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune, is_active=True)
        self.fields["village"].queryset = Village.objects.filter(commune=commune)


class FindingForm(forms.Form):
    text = forms.CharField(
        label="Tồn tại, hạn chế",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": REQ.format("tồn tại, hạn chế")},
    )
    recommendation = forms.CharField(
        label="Kiến nghị", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    unit = forms.ModelChoiceField(
        label="Giao đơn vị khắc phục",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— không giao —",
    )
    task = forms.CharField(label="Nội dung khắc phục", required=False, max_length=5000)
    working_days = forms.IntegerField(
        label="Thời hạn (ngày làm việc)",
        required=False,
        min_value=1,
        max_value=rules.MAX_REMEDY_WORKING_DAYS,
        initial=rules.DEFAULT_REMEDY_WORKING_DAYS,
        error_messages={"invalid": "Thời hạn phải là số ngày."},
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune, is_active=True)


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(
        label="Kết luận",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": REQ.format("kết luận")},
    )


class DoneForm(forms.Form):
    result = forms.CharField(
        label="Kết quả khắc phục",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": REQ.format("kết quả khắc phục")},
    )
    evidence = forms.FileField(label="Tệp minh chứng", required=False, widget=FilePicker())
