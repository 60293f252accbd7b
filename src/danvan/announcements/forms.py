"""Forms of posts and subscriptions: they parse input; the services decide."""

from __future__ import annotations

from django import forms

from danvan.announcements.models import Post, Subscriber
from danvan.announcements.rules import CONSENT_TEXT
from danvan.core.forms import DATE_ERRORS, MultipleFilePicker

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFilePicker())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _datetime_field(label: str, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        error_messages={**DATE_ERRORS, "invalid": "Nhập ngày giờ dạng dd/mm/yyyy hh:mm."},
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class PostForm(forms.Form):
    title = forms.CharField(label="Tiêu đề", max_length=200)
    category = forms.ChoiceField(label="Chuyên mục", choices=Post.Category.choices)
    body = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)
    villages = forms.MultipleChoiceField(
        label="Gửi tới thôn",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Không chọn thôn nào: toàn xã.",
    )
    publish_at = _datetime_field("Đăng lúc", True)
    expires_at = _datetime_field("Hết hạn (không bắt buộc)", False)
    to_portal = forms.BooleanField(label="Đăng trên cổng thông tin của xã", required=False, initial=True)
    sms_text = forms.CharField(
        label="Nội dung tin nhắn SMS/Zalo",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Để trống: hệ thống đề xuất từ tiêu đề. Liên kết xem tin, hủy nhận tin được thêm vào cuối.",
    )
    loudspeaker_text = forms.CharField(
        label="Bản đọc trên loa truyền thanh",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Để trống: hệ thống đọc nội dung trên, viết rõ chữ viết tắt (UBND → Ủy ban nhân dân), "
            "ngày (05/12/2026 → ngày 5 tháng 12 năm 2026), giờ (19h30 → 19 giờ 30 phút). Sửa nếu cần."
        ),
    )
    files = MultipleFileField(
        label="Ảnh, tệp đính kèm", required=False, help_text="Ảnh hoặc văn bản, tối đa 6 tệp."
    )

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = [(str(v.pk), v.name) for v in villages]


class SubscribeForm(forms.Form):
    channel = forms.ChoiceField(
        label="Nhận tin qua", choices=Subscriber.Channel.choices, widget=forms.RadioSelect
    )
    address = forms.CharField(
        label="Số điện thoại di động hoặc địa chỉ thư điện tử",
        max_length=254,
        help_text="Ví dụ: 0912 345 678",
    )
    villages = forms.MultipleChoiceField(label="Thôn của tôi", widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = [(str(v.pk), v.name) for v in villages]


class ConfirmForm(forms.Form):
    channel = forms.CharField(widget=forms.HiddenInput)
    address = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(
        label="Mã xác nhận",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
