"""Forms of consultations: they parse input; the services decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker, date_field
from danvan.democracy.consultations.rules import STAFF_SOURCES, CommentSource, ConsultationMatter


class ConsultationCreateForm(forms.Form):
    matter = forms.ChoiceField(label="Nội dung lấy ý kiến (Điều 25)", choices=ConsultationMatter.choices)
    title = forms.CharField(label="Tên dự thảo", max_length=300)
    description = forms.CharField(
        label="Tóm tắt dự thảo", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    file = forms.FileField(label="Tệp dự thảo", required=False, widget=FilePicker())
    opens_on = date_field("Ngày bắt đầu nhận ý kiến")
    closes_on = date_field("Ngày kết thúc nhận ý kiến")
    questions = forms.CharField(
        label="Câu hỏi xin ý kiến (mỗi dòng một câu)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("questions", "").splitlines() if line.strip()]


class PublicCommentForm(forms.Form):
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    question = forms.TypedChoiceField(label="Góp ý cho câu hỏi", required=False, coerce=int, empty_value=None)
    body = forms.CharField(label="Ý kiến của bạn", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    author_name = forms.CharField(
        label="Họ tên (không bắt buộc, không công khai)", required=False, max_length=120
    )
    author_contact = forms.CharField(
        label="Số điện thoại hoặc email (không bắt buộc, không công khai)", required=False, max_length=120
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "Ý kiến chung về dự thảo")] + [
            (q.pk, q.text) for q in questions
        ]


class RecordCommentForm(forms.Form):
    source = forms.ChoiceField(
        label="Hình thức thu thập",
        choices=[(v, label) for v, label in CommentSource.choices if v in STAFF_SOURCES],
    )
    question = forms.TypedChoiceField(label="Câu hỏi", required=False, coerce=int, empty_value=None)
    body = forms.CharField(label="Nội dung ý kiến", widget=forms.Textarea(attrs={"rows": 3}))
    people_count = forms.IntegerField(label="Số người có ý kiến này", min_value=1, initial=1)
    collected_on = date_field("Ngày thu thập")

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "Ý kiến chung")] + [(q.pk, q.text) for q in questions]


class GroupForm(forms.Form):
    title = forms.CharField(label="Nhóm ý kiến", max_length=300)
    response = forms.CharField(
        label="Tiếp thu, giải trình của UBND xã", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ConcludeForm(forms.Form):
    summary = forms.CharField(label="Báo cáo tổng hợp ý kiến", widget=forms.Textarea(attrs={"rows": 6}))
