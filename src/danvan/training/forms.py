"""Forms of the training pages."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker, date_field
from danvan.org.models import Role
from danvan.training.models import Topic

ROLES = [(r.value, r.label) for r in Role if r not in (Role.PROVINCE_VIEWER, Role.SYSTEM_ADMIN)]


class CourseForm(forms.Form):
    title = forms.CharField(
        label="Tên lớp",
        max_length=300,
        error_messages={"required": "Vui lòng nhập tên lớp."},
        help_text="Ví dụ: Tập huấn kỹ năng dân vận khéo",
    )
    topic = forms.ChoiceField(
        label="Lĩnh vực",
        choices=[("", "— chọn lĩnh vực —"), *Topic.choices],
        error_messages={"required": "Vui lòng chọn lĩnh vực."},
    )
    organiser = forms.CharField(
        label="Đơn vị tổ chức",
        max_length=200,
        help_text="Ví dụ: UBND xã, Sở Nội vụ",
        error_messages={"required": "Vui lòng nhập đơn vị tổ chức."},
    )
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày", required=False)
    place = forms.CharField(
        label="Địa điểm", max_length=300, error_messages={"required": "Vui lòng nhập địa điểm."}
    )
    hours = forms.CharField(
        label="Số giờ",
        max_length=8,
        help_text="Ví dụ: 8 hoặc 3,5",
        error_messages={"required": "Vui lòng nhập số giờ."},
    )


class ParticipantForm(forms.Form):
    user = forms.ChoiceField(label="Cán bộ có tài khoản", required=False)
    full_name = forms.CharField(
        label="Hoặc họ và tên",
        max_length=150,
        required=False,
        help_text="Người chưa có tài khoản, ví dụ hòa giải viên",
    )
    unit = forms.ChoiceField(label="Đơn vị", required=False)
    village = forms.ChoiceField(label="Thôn, tổ dân phố", required=False)
    position = forms.CharField(label="Chức vụ", max_length=150, required=False)

    def __init__(self, *args, users=(), units=(), villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [
            ("", "— không chọn —"),
            *((str(u.pk), u.get_full_name() or u.get_username()) for u in users),
        ]
        self.fields["unit"].choices = [("", "— không chọn —"), *((str(u.pk), u.name) for u in units)]
        self.fields["village"].choices = [("", "— không chọn —"), *((str(v.pk), v.name) for v in villages)]

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("full_name") or "").strip():
            raise forms.ValidationError("Chọn một cán bộ có tài khoản, hoặc nhập họ và tên học viên.")
        return data


class CertificateForm(forms.Form):
    certificate = forms.FileField(
        widget=FilePicker(),
        label="Giấy chứng nhận (PDF hoặc ảnh)",
        error_messages={"required": "Vui lòng chọn tệp giấy chứng nhận."},
    )


class RequirementForm(forms.Form):
    role = forms.ChoiceField(label="Vai trò", choices=[("", "— chọn vai trò —"), *ROLES])
    topic = forms.ChoiceField(
        label="Phải được tập huấn về", choices=[("", "— chọn lĩnh vực —"), *Topic.choices]
    )
    within_years = forms.IntegerField(
        label="Trong vòng (năm)",
        min_value=1,
        max_value=10,
        initial=2,
        error_messages={
            "required": "Vui lòng nhập số năm.",
            "invalid": "Số năm phải là số nguyên.",
            "min_value": "Thời hạn phải từ 1 đến 10 năm.",
            "max_value": "Thời hạn phải từ 1 đến 10 năm.",
        },
    )
    basis = forms.CharField(
        label="Căn cứ", max_length=300, required=False, help_text="Ví dụ: Kế hoạch dân vận năm 2026, mục II.3"
    )
