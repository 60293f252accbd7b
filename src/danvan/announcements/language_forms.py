"""Forms of the minority-language pages: the commune's languages, a post's and a bulletin's versions."""

from __future__ import annotations

from django import forms

from danvan.announcements.languages import KNOWN
from danvan.core.forms import FilePicker, date_field


class LanguageForm(forms.Form):
    code = forms.CharField(
        label="Mã ngôn ngữ (ISO 639-3)",
        max_length=3,
        error_messages={"required": "Vui lòng nhập mã ngôn ngữ, ví dụ kpm."},
        help_text="Ví dụ: "
        + ", ".join(f"{code} ({name.removeprefix('Tiếng ')})" for code, name in KNOWN.items()),
    )
    name = forms.CharField(
        label="Tên tiếng Việt",
        max_length=60,
        required=False,
        help_text="Để trống với các mã ở trên: điền sẵn, ví dụ “Tiếng K'Ho”.",
    )


class _LanguageChoice(forms.Form):
    language = forms.ChoiceField(label="Ngôn ngữ", error_messages={"required": "Vui lòng chọn ngôn ngữ."})

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", "— chọn ngôn ngữ —"),
            *[(str(x.pk), x.name) for x in languages],
        ]


class PostVersionForm(_LanguageChoice):
    title = forms.CharField(
        label="Tiêu đề bản dịch",
        max_length=200,
        error_messages={"required": "Vui lòng nhập tiêu đề bản dịch."},
    )
    body = forms.CharField(
        label="Nội dung bản dịch",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Vui lòng nhập nội dung bản dịch."},
    )
    translator = forms.CharField(
        label="Người dịch", max_length=150, error_messages={"required": "Vui lòng nhập tên người dịch."}
    )
    translated_on = date_field("Ngày dịch", required_message="Vui lòng nhập ngày dịch.")


class BulletinVersionForm(_LanguageChoice):
    audio = forms.FileField(
        label="Bản ghi âm đọc bằng ngôn ngữ này",
        required=False,
        help_text="Tệp MP3, M4A, WAV, OGG hoặc AMR, tối đa 50 MB. Để trống khi chỉ sửa bản dịch.",
        widget=FilePicker(attrs={"accept": "audio/*"}),
    )
    reader = forms.CharField(label="Người đọc", max_length=150, required=False)
    text = forms.CharField(
        label="Bản dịch (nếu xã có người dịch)", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    translator = forms.CharField(label="Người dịch", max_length=150, required=False)
    translated_on = date_field("Ngày dịch", required=False)
