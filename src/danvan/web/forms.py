"""Forms: they parse and check input; services decide and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from danvan.core.forms import DATE_ERRORS, DATE_FORMATS
from danvan.geo.models import Village


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường."
        ),
        "inactive": "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].error_messages["required"] = "Vui lòng nhập tên đăng nhập."
        self.fields["password"].error_messages["required"] = "Vui lòng nhập mật khẩu."


class UnitForm(forms.Form):
    name = forms.CharField(
        label="Tên đơn vị", max_length=150, error_messages={"required": "Vui lòng nhập tên đơn vị."}
    )
    short_name = forms.CharField(label="Tên viết tắt", max_length=40, required=False)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)


class VillageForm(forms.Form):
    name = forms.CharField(
        label="Tên thôn/tổ dân phố",
        max_length=100,
        error_messages={"required": "Vui lòng nhập tên thôn/tổ dân phố."},
    )
    kind = forms.ChoiceField(label="Loại", choices=Village.Kind.choices, initial=Village.Kind.THON)
    households = forms.IntegerField(
        label="Số hộ",
        required=False,
        min_value=0,
        max_value=100000,
        error_messages={"invalid": "Số hộ phải là số nguyên.", "min_value": "Số hộ không được âm."},
    )
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label="Ngày bắt đầu tính",
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS | {"required": "Vui lòng chọn ngày."},
    )
    amount = forms.IntegerField(
        label="Số ngày",
        min_value=0,
        max_value=3650,
        error_messages={
            "required": "Vui lòng nhập số ngày.",
            "invalid": "Số ngày phải là số nguyên.",
            "min_value": "Số ngày không được âm.",
            "max_value": "Số ngày tối đa là 3.650.",
        },
    )
    unit = forms.ChoiceField(
        label="Tính theo",
        choices=[("working", "ngày làm việc"), ("calendar", "ngày theo lịch")],
        initial="working",
    )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Người thực hiện", required=False, max_length=150)
    object_type = forms.CharField(label="Loại đối tượng", required=False, max_length=80)
    object_id = forms.CharField(label="Mã đối tượng", required=False, max_length=64)
    since = forms.DateField(
        label="Từ ngày", required=False, input_formats=DATE_FORMATS, error_messages=DATE_ERRORS
    )
    until = forms.DateField(
        label="Đến ngày", required=False, input_formats=DATE_FORMATS, error_messages=DATE_ERRORS
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
        return data


class SecondFactorForm(forms.Form):
    """The code after the password: 6 digits from the authenticator app, or one recovery code."""

    token = forms.CharField(
        label="Mã xác thực",
        max_length=20,
        help_text="6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã dự phòng.",
        error_messages={"required": "Vui lòng nhập mã xác thực."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}),
    )


class EnrolmentForm(forms.Form):
    token = forms.CharField(
        label="Mã 6 chữ số trong ứng dụng",
        max_length=12,
        error_messages={"required": "Vui lòng nhập mã 6 chữ số đang hiện trong ứng dụng xác thực."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
