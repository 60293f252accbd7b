"""Forms of the budget pages."""

from __future__ import annotations

from django import forms

from danvan.budget.models import Source
from danvan.core.forms import FilePicker, date_field

AMOUNT_HELP = "Số đồng, ví dụ 12.500.000"


class AllocationForm(forms.Form):
    task = forms.ChoiceField(label="Nhiệm vụ", required=False)
    source = forms.ChoiceField(
        label="Nguồn kinh phí",
        choices=[("", "— chọn nguồn —"), *Source.choices],
        error_messages={"required": "Vui lòng chọn nguồn kinh phí."},
    )
    amount = forms.CharField(
        label="Số tiền dự toán (đồng)",
        max_length=30,
        help_text=AMOUNT_HELP,
        error_messages={"required": "Vui lòng nhập số tiền."},
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [
            ("", "— chung cho cả kế hoạch —"),
            *((str(t.pk), f"{t.ref} {t.content[:80]}".strip()) for t in tasks),
        ]


class AmountForm(forms.Form):
    amount = forms.CharField(
        label="Số tiền dự toán mới (đồng)",
        max_length=30,
        help_text=AMOUNT_HELP,
        error_messages={"required": "Vui lòng nhập số tiền."},
    )


class ExpenseForm(forms.Form):
    on = date_field("Ngày chi")
    amount = forms.CharField(
        label="Số tiền (đồng)",
        max_length=30,
        help_text=AMOUNT_HELP,
        error_messages={"required": "Vui lòng nhập số tiền."},
    )
    description = forms.CharField(
        label="Nội dung chi", max_length=300, error_messages={"required": "Vui lòng nhập nội dung chi."}
    )
    evidence = forms.FileField(label="Chứng từ (PDF hoặc ảnh)", required=False, widget=FilePicker())
