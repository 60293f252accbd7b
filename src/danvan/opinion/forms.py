"""Forms of the public-opinion log: they parse input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from danvan.core.forms import date_field
from danvan.geo.models import Village
from danvan.opinion.models import Level, Source
from danvan.petitions.models import Field

CHOICE = {"required": "Vui lòng chọn một mục.", "invalid_choice": "Lựa chọn không hợp lệ."}


def fields_of(commune):
    return Field.objects.filter(Q(commune=None) | Q(commune=commune), is_active=True)


class EntryForm(forms.Form):
    """Few fields, sensible defaults, big pickers: filled in on a phone in under a minute."""

    observed_on = date_field("Ngày nắm được")
    village = forms.ModelChoiceField(
        label="Thôn, tổ dân phố", queryset=None, required=False, empty_label="Toàn xã", error_messages=CHOICE
    )
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=None, required=False, empty_label="— Chưa rõ —", error_messages=CHOICE
    )
    summary = forms.CharField(
        label="Người dân nói gì",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Vui lòng ghi ý kiến người dân.", "max_length": "Quá 2.000 ký tự."},
    )
    level = forms.ChoiceField(
        label="Mức độ",
        choices=Level.choices,
        widget=forms.RadioSelect,
        initial=Level.STABLE,
        error_messages=CHOICE,
    )
    people_count = forms.IntegerField(
        label="Khoảng bao nhiêu người",
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Vui lòng ghi một số.", "min_value": "Ít nhất 1 người."},
    )
    source = forms.ChoiceField(
        label="Nguồn", choices=Source.choices, initial=Source.MEETING, error_messages=CHOICE
    )
    proposed_handling = forms.CharField(
        label="Đề xuất xử lý",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Quá 1.000 ký tự."},
    )
    restricted = forms.BooleanField(
        label="Chỉ lãnh đạo xã xem",
        required=False,
        help_text="Phiếu của Công an về an ninh, trật tự luôn chỉ lãnh đạo xem.",
    )
    client_token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, commune, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Village.objects.filter(commune=commune, is_active=True).order_by("name")
        if villages is not None:
            qs = qs.filter(pk__in=villages)
            self.fields["village"].empty_label = None
            self.fields["village"].required = True
        self.fields["village"].queryset = qs
        self.fields["field"].queryset = fields_of(commune)


class FilterForm(forms.Form):
    village = forms.ModelChoiceField(label="Thôn", queryset=None, required=False, empty_label="Tất cả")
    field = forms.ModelChoiceField(label="Lĩnh vực", queryset=None, required=False, empty_label="Tất cả")
    level = forms.ChoiceField(label="Mức độ", choices=[("", "Tất cả"), *Level.choices], required=False)
    start = date_field("Từ ngày", required=False)
    end = date_field("Đến ngày", required=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune=commune).order_by("name")
        self.fields["field"].queryset = fields_of(commune)


class AcknowledgeForm(forms.Form):
    direction = forms.CharField(
        label="Chỉ đạo xử lý",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Vui lòng ghi chỉ đạo xử lý."},
    )


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label="Kỳ", choices=[("month", "Tháng"), ("quarter", "Quý")], initial="month")
    year = forms.IntegerField(label="Năm", min_value=2020, max_value=2100)
    number = forms.IntegerField(label="Tháng hoặc quý", min_value=1, max_value=12)

    def clean(self):
        data = super().clean()
        if data.get("kind") == "quarter" and data.get("number") and data["number"] > 4:
            self.add_error("number", "Quý từ 1 đến 4.")
        return data


class SummaryForm(forms.Form):
    title = forms.CharField(label="Tên báo cáo", max_length=200)
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 16}), max_length=20_000)


class IssueForm(forms.Form):
    number = forms.IntegerField(label="Số văn bản", min_value=1, max_value=99_999)
    issued_on = date_field("Ngày ban hành")
