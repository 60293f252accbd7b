"""Forms of the mediation pages."""

from __future__ import annotations

from django import forms

from danvan.core.forms import date_field
from danvan.mediation.models import Case, Mediator

YES_NO = [("no", "Không"), ("yes", "Có")]


class TeamForm(forms.Form):
    village = forms.ChoiceField(label="Thôn, tổ dân phố")
    name = forms.CharField(label="Tên tổ hòa giải", max_length=200, help_text="Ví dụ: Tổ hòa giải Thôn 1")
    established_on = date_field("Ngày thành lập, kiện toàn", required=False)
    minority_area = forms.BooleanField(label="Vùng có nhiều đồng bào dân tộc thiểu số", required=False)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "— chọn thôn —"), *((str(v.pk), v.name) for v in villages)]


class MediatorForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    gender = forms.ChoiceField(label="Giới tính", choices=Mediator.Gender.choices, widget=forms.RadioSelect)
    ethnic_minority = forms.BooleanField(label="Người dân tộc thiểu số", required=False)
    is_leader = forms.BooleanField(label="Tổ trưởng", required=False)
    recognised_on = date_field("Ngày công nhận", required=False)


class CaseForm(forms.Form):
    team = forms.ChoiceField(label="Tổ hòa giải")
    received_on = date_field("Ngày tiếp nhận")
    basis = forms.ChoiceField(label="Căn cứ hòa giải", choices=Case.Basis.choices, widget=forms.RadioSelect)
    matter = forms.ChoiceField(label="Loại vụ, việc", choices=Case.Matter.choices)
    parties = forms.CharField(
        label="Các bên",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Họ tên, nơi ở của từng bên; mỗi bên một dòng. Chỉ cán bộ của xã xem được.",
    )
    summary = forms.CharField(
        label="Nội dung chủ yếu của vụ, việc", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    petition = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "— chọn tổ —"), *((str(t.pk), str(t)) for t in teams)]


class AssignForm(forms.Form):
    mediators = forms.MultipleChoiceField(label="Hòa giải viên", widget=forms.CheckboxSelectMultiple)
    on = date_field("Ngày phân công")

    def __init__(self, *args, mediators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediators"].choices = [(str(m.pk), m.full_name) for m in mediators]


class StartForm(forms.Form):
    on = date_field("Ngày bắt đầu hòa giải")


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả",
        choices=[
            (Case.Status.SUCCEEDED, "Hòa giải thành"),
            (Case.Status.FAILED, "Hòa giải không thành"),
            (Case.Status.STOPPED, "Các bên yêu cầu chấm dứt"),
        ],
        widget=forms.RadioSelect,
    )
    on = date_field("Ngày kết thúc")
    agreement = forms.CharField(
        label="Thỏa thuận đạt được (hoặc lý do, ý kiến các bên)",
        error_messages={"required": "Vui lòng ghi thỏa thuận đạt được, hoặc lý do, ý kiến các bên."},
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    written_agreement = forms.BooleanField(label="Các bên đã lập văn bản hòa giải thành", required=False)


class OutOfScopeForm(forms.Form):
    reason = forms.CharField(
        label="Vì sao không thuộc phạm vi hòa giải ở cơ sở, và chuyển đi đâu",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Ví dụ: hành vi phải xử phạt vi phạm hành chính; đã báo Công an xã.",
    )


class LeaveForm(forms.Form):
    on = date_field("Ngày thôi làm hòa giải viên")
