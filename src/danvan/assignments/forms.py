"""Forms of the who-is-in-charge page."""

from __future__ import annotations

from django import forms

from danvan.assignments.models import Assignment, CommitteeMember
from danvan.core.forms import date_field


def _people(users):
    return [("", "— chọn cán bộ —"), *((str(u.pk), u.get_full_name() or u.get_username()) for u in users)]


class AssignmentForm(forms.Form):
    scope = forms.ChoiceField(
        label="Phụ trách",
        choices=[("", "— chọn —"), *Assignment.Scope.choices],
        error_messages={"required": "Vui lòng chọn phụ trách việc gì."},
    )
    village = forms.ChoiceField(label="Thôn (khi phụ trách thôn)", required=False)
    official = forms.ChoiceField(
        label="Cán bộ được phân công", error_messages={"required": "Vui lòng chọn cán bộ."}
    )
    position = forms.CharField(
        label="Chức vụ", max_length=150, required=False, help_text="Để trống: lấy chức danh của tài khoản"
    )
    starts_on = date_field("Từ ngày")
    decision = forms.CharField(
        label="Theo quyết định số", max_length=60, required=False, help_text="Ví dụ: 25/QĐ-UBND"
    )

    def __init__(self, *args, users=(), villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].choices = _people(users)
        self.fields["village"].choices = [("", "— không —"), *((str(v.pk), v.name) for v in villages)]


class MemberForm(forms.Form):
    user = forms.ChoiceField(label="Cán bộ có tài khoản", required=False)
    full_name = forms.CharField(label="Hoặc họ và tên", max_length=150, required=False)
    role = forms.ChoiceField(
        label="Nhiệm vụ trong Ban",
        choices=[("", "— chọn —"), *CommitteeMember.Role.choices],
        error_messages={"required": "Vui lòng chọn nhiệm vụ trong Ban."},
    )
    office = forms.CharField(
        label="Chức vụ, đơn vị công tác",
        max_length=200,
        error_messages={"required": "Vui lòng nhập chức vụ, đơn vị."},
    )
    starts_on = date_field("Từ ngày")
    decision = forms.CharField(label="Theo quyết định số", max_length=60, required=False)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = _people(users)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("full_name") or "").strip():
            raise forms.ValidationError("Chọn một cán bộ có tài khoản, hoặc nhập họ và tên.")
        return data


class EndForm(forms.Form):
    on = date_field("Thôi từ ngày")


class MeetingForm(forms.Form):
    held_on = date_field("Ngày họp")
    summary = forms.CharField(
        label="Nội dung họp",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Vui lòng nhập nội dung họp."},
    )
    conclusions = forms.CharField(
        label="Kết luận (mỗi kết luận một dòng)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": "Vui lòng ghi ít nhất một kết luận."},
    )


class ToTaskForm(forms.Form):
    plan = forms.ChoiceField(label="Kế hoạch", error_messages={"required": "Vui lòng chọn kế hoạch."})
    lead_unit = forms.ChoiceField(
        label="Đơn vị chủ trì", error_messages={"required": "Vui lòng chọn đơn vị."}
    )
    due_date = date_field("Hạn hoàn thành", required=False)

    def __init__(self, *args, plans=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", "— chọn kế hoạch —"), *((str(p.pk), str(p)) for p in plans)]
        self.fields["lead_unit"].choices = [("", "— chọn đơn vị —"), *((str(u.pk), u.name) for u in units)]
