"""Forms of the Front's voice and the regulations register."""

from __future__ import annotations

from django import forms

from danvan.core.forms import date_field
from danvan.front.models import ORGANISATIONS, FrontRecommendation, Regulation
from danvan.org.models import Unit


def _required(label: str) -> dict:
    return {"required": f"Vui lòng ghi {label}."}


class RecommendationForm(forms.Form):
    organisation = forms.ChoiceField(label="Tổ chức gửi", choices=ORGANISATIONS)
    kind = forms.ChoiceField(label="Loại", choices=FrontRecommendation.Kind.choices, widget=forms.RadioSelect)
    subject = forms.CharField(
        label="Về việc / dự thảo được phản biện", max_length=300, error_messages=_required("nội dung về việc")
    )
    content = forms.CharField(
        label="Nội dung kiến nghị, phản biện",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages=_required("nội dung kiến nghị"),
    )
    their_reference = forms.CharField(label="Số, ký hiệu văn bản gửi (nếu có)", max_length=60, required=False)
    received_on = date_field("Ngày nhận")
    unit = forms.ModelChoiceField(
        label="Đơn vị tham mưu trả lời", queryset=Unit.objects.none(), required=False
    )

    def __init__(self, commune, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune).order_by("name")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Nội dung trả lời (tiếp thu, giải trình)",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages=_required("nội dung trả lời"),
    )
    answered_on = date_field("Ngày trả lời")
    public = forms.BooleanField(
        label="Công khai kiến nghị và trả lời trên cổng thông tin của xã", required=False
    )


class RegulationForm(forms.Form):
    kind = forms.ChoiceField(label="Loại quy chế", choices=Regulation.Kind.choices)
    title = forms.CharField(label="Tên quy chế", max_length=300, error_messages=_required("tên quy chế"))
    reference = forms.CharField(
        label="Số, ký hiệu văn bản ban hành", max_length=60, error_messages=_required("số, ký hiệu văn bản")
    )
    issued_on = date_field("Ngày ban hành")
    partners = forms.CharField(label="Cơ quan, tổ chức cùng ký (nếu có)", max_length=300, required=False)
    review_months = forms.IntegerField(
        label="Chu kỳ rà soát (tháng)",
        initial=12,
        min_value=1,
        max_value=60,
        error_messages={
            "required": "Vui lòng ghi chu kỳ rà soát.",
            "min_value": "Chu kỳ rà soát từ 1 đến 60 tháng.",
            "max_value": "Chu kỳ rà soát từ 1 đến 60 tháng.",
            "invalid": "Ghi số tháng.",
        },
    )


class ReviewForm(forms.Form):
    reviewed_on = date_field("Ngày rà soát")
    note = forms.CharField(
        label="Kết quả rà soát (giữ nguyên, cần sửa đổi…)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages=_required("kết quả rà soát"),
    )


class ActivityForm(forms.Form):
    title = forms.CharField(label="Hoạt động", max_length=300, error_messages=_required("tên hoạt động"))
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày (để trống nếu trong một ngày)", required=False)
    place = forms.CharField(label="Địa điểm", max_length=300, required=False)
    organisers = forms.CharField(
        label="Cơ quan, tổ chức phối hợp",
        max_length=300,
        initial="UBND xã, Ủy ban MTTQ Việt Nam xã",
        error_messages=_required("cơ quan, tổ chức phối hợp"),
    )
    public = forms.BooleanField(label="Công khai trên cổng thông tin", required=False, initial=True)
