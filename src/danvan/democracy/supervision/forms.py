"""Forms of supervision: they parse input; the services decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import date_field
from danvan.democracy.supervision.rules import BoardKind


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label="Loại ban", choices=BoardKind.choices)
    name = forms.CharField(label="Tên ban", max_length=200)
    term = forms.CharField(label="Nhiệm kỳ", max_length=60, required=False)


class MemberForm(forms.Form):
    user = forms.TypedChoiceField(label="Thành viên (tài khoản giám sát của xã)", coerce=int)
    position = forms.CharField(label="Chức danh trong ban", max_length=60, initial="Thành viên")

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in users]


class ProjectForm(forms.Form):
    name = forms.CharField(label="Tên dự án, công trình", max_length=300)
    investor = forms.CharField(label="Chủ đầu tư", max_length=200, required=False)
    location = forms.CharField(label="Địa điểm", max_length=300, required=False)
    total_investment = forms.CharField(label="Tổng mức đầu tư", max_length=100, required=False)
    starts_on = date_field("Khởi công", required=False)
    ends_on = date_field("Hoàn thành dự kiến", required=False)


class RecommendationForm(forms.Form):
    board = forms.TypedChoiceField(label="Ban", coerce=int)
    project = forms.TypedChoiceField(label="Dự án (nếu có)", coerce=int, required=False, empty_value=None)
    subject = forms.CharField(label="Vấn đề kiến nghị", max_length=300)
    content = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 5}))
    due_on = date_field(
        "Đề nghị trả lời trước ngày (để trống: 15 ngày, thời hạn tối đa theo Điều 40, Điều 45 Luật Thực hiện "
        "dân chủ ở cơ sở 2022)",
        required=False,
    )

    def __init__(self, *args, boards=(), projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board"].choices = [(b.pk, b.name) for b in boards]
        self.fields["project"].choices = [("", "—")] + [(p.pk, p.name) for p in projects]


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 5}))
