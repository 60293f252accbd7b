"""Forms of the loudspeaker pages."""

from __future__ import annotations

from django import forms

from danvan.announcements.forms import DATETIME_FORMATS
from danvan.core.forms import FilePicker, date_field


class BulletinForm(forms.Form):
    title = forms.CharField(label="Tên bản tin", max_length=200)
    air_date = date_field("Ngày phát")


class ItemForm(forms.Form):
    post = forms.ChoiceField(label="Lấy từ tin bài", required=False)
    title = forms.CharField(label="Hoặc tiêu đề mục", required=False, max_length=200)
    text = forms.CharField(label="Nội dung đọc", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, posts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].choices = [("", "—"), *[(str(p.pk), p.title) for p in posts]]


class BroadcastForm(forms.Form):
    cluster = forms.CharField(label="Cụm loa", max_length=120, help_text="Ví dụ: Cụm loa Thôn 1 – Thôn 2")
    villages = forms.MultipleChoiceField(label="Thôn", required=False, widget=forms.CheckboxSelectMultiple)
    at = forms.DateTimeField(
        label="Giờ phát",
        input_formats=DATETIME_FORMATS,
        error_messages={"required": "Nhập giờ phát.", "invalid": "Nhập ngày giờ dạng dd/mm/yyyy hh:mm."},
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duration_minutes = forms.IntegerField(label="Thời lượng (phút)", min_value=1, max_value=240)
    reader = forms.CharField(label="Người đọc", required=False, max_length=120)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].choices = [(str(v.pk), v.name) for v in villages]


class AiredForm(forms.Form):
    recording = forms.FileField(
        label="Bản ghi âm của người đọc (không bắt buộc)", required=False, widget=FilePicker()
    )
