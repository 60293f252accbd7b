"""Forms of the scoring pages: they parse input; `scoring.services` decides and writes."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from danvan.core.forms import FilePicker
from danvan.scoring import rules

POINTS_ERRORS = {"invalid": "Điểm phải là một số.", "required": "Vui lòng nhập điểm."}


class BandsForm(forms.Form):
    excellent = forms.DecimalField(
        label="Xuất sắc từ (%)", min_value=0, max_value=100, decimal_places=2, error_messages=POINTS_ERRORS
    )
    good = forms.DecimalField(
        label="Tốt từ (%)", min_value=0, max_value=100, decimal_places=2, error_messages=POINTS_ERRORS
    )
    pass_ = forms.DecimalField(
        label="Đạt từ (%)", min_value=0, max_value=100, decimal_places=2, error_messages=POINTS_ERRORS
    )


class ScoreForm(forms.Form):
    points = forms.CharField(
        label="Điểm tự chấm",
        max_length=10,
        error_messages={"required": "Vui lòng nhập điểm."},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label="Giải trình, kết quả đạt được",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Giải trình dài quá 3000 ký tự."},
    )
    evidence = forms.FileField(
        label="Tệp minh chứng (ảnh, PDF, Word, Excel)", required=False, widget=FilePicker()
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Vui lòng nhập lý do trả lại."},
    )


class ReviewForm(forms.Form):
    """One pair of inputs per self-assessed criterion: the reviewed points and the reason for a change."""

    def __init__(self, *args, scores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = list(scores)
        for s in self.scores:
            self.fields[f"points_{s.criterion_id}"] = forms.CharField(
                label=f"Điểm thẩm định: {s.criterion.title}",
                max_length=10,
                required=False,
                initial=s.points,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
            self.fields[f"reason_{s.criterion_id}"] = forms.CharField(
                label="Lý do điều chỉnh (khi đổi điểm)",
                max_length=3000,
                required=False,
                initial=s.review_reason,
            )

    def decisions(self) -> dict[int, tuple[object, str]]:
        d = self.cleaned_data
        return {
            s.criterion_id: (d.get(f"points_{s.criterion_id}"), d.get(f"reason_{s.criterion_id}", ""))
            for s in self.scores
        }


class CriterionForm(forms.Form):
    """Add or edit one criterion of a framework."""

    criterion = forms.IntegerField(required=False, widget=forms.HiddenInput)
    group_title = forms.CharField(
        label="Nhóm tiêu chí", max_length=300, error_messages={"required": "Vui lòng nhập nhóm tiêu chí."}
    )
    title = forms.CharField(
        label="Tiêu chí", max_length=300, error_messages={"required": "Vui lòng nhập tên tiêu chí."}
    )
    max_points = forms.DecimalField(
        label="Điểm tối đa",
        min_value=Decimal("0.25"),
        max_value=100,
        decimal_places=2,
        error_messages=POINTS_ERRORS,
    )
    measure = forms.ChoiceField(
        label="Cách chấm",
        required=False,
        error_messages={"invalid_choice": "Cách đo từ dữ liệu không dùng được cho đối tượng chấm này."},
    )
    target = forms.IntegerField(
        label="Chỉ tiêu (số lần, số mô hình)",
        required=False,
        min_value=1,
        max_value=1000,
        error_messages={"invalid": "Chỉ tiêu phải là một số."},
    )
    guidance = forms.CharField(label="Hướng dẫn chấm, minh chứng cần có", required=False, max_length=500)

    def __init__(self, *args, subject: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", "Đơn vị tự chấm có minh chứng, được thẩm định")] + [
            (m.key, f"Tính từ dữ liệu: {m.label}") for m in rules.MEASURES.values() if subject in m.subjects
        ]
