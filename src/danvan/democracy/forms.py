"""Forms of the disclosure register, consultations and supervision pages: they parse input; the services
decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import DateInput
from danvan.democracy.models import DisclosureKind
from danvan.democracy.rules import (
    STAFF_SOURCES,
    BoardKind,
    CommentSource,
    ConsultationMatter,
    DisclosureForm,
)

DATE = DateInput()


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


class DisclosurePublishForm(forms.Form):
    kind = forms.ModelChoiceField(
        label="Loại nội dung (Điều 11)",
        queryset=DisclosureKind.objects.filter(is_active=True),
        empty_label=None,
    )
    title = forms.CharField(label="Tiêu đề", max_length=300)
    body = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    file = forms.FileField(label="Tệp văn bản (PDF, Word, Excel, ảnh)", required=False)
    channels = forms.MultipleChoiceField(
        label="Hình thức công khai (Điều 12)",
        choices=DisclosureForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decided_on = _date("Ngày của quyết định, văn bản cần công khai", required=False)
    starts_on = _date("Ngày bắt đầu công khai")
    ends_on = _date("Ngày kết thúc công khai", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].help_text = (
            "Chậm nhất 05 ngày làm việc sau ngày này phải bắt đầu công khai (Điều 12 khoản 3 Luật Thực hiện "
            "dân chủ ở cơ sở 2022)."
        )
        self.fields["ends_on"].help_text = (
            "Niêm yết ít nhất 30 ngày liên tục; khoản 4 và 13 Điều 11 niêm yết thường xuyên: để trống "
            "(Điều 13 khoản 2)."
        )


class DisclosureCorrectForm(forms.Form):
    """Đính chính: the new version of an item being published; the old one stays on record."""

    title = forms.CharField(label="Tiêu đề", max_length=300)
    body = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    file = forms.FileField(label="Tệp văn bản thay thế (để trống: giữ tệp cũ)", required=False)
    channels = forms.MultipleChoiceField(
        label="Hình thức công khai (Điều 12)",
        choices=DisclosureForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ends_on = _date("Ngày kết thúc công khai", required=False)
    reason = forms.CharField(label="Nội dung, lý do đính chính", max_length=500)


class DisclosureWithdrawForm(forms.Form):
    reason = forms.CharField(label="Lý do gỡ", max_length=500)


class SearchForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=100)
    loai = forms.ModelChoiceField(
        label="Loại nội dung",
        queryset=DisclosureKind.objects.filter(is_active=True),
        required=False,
        empty_label="Tất cả",
        to_field_name="code",
    )


class ConsultationCreateForm(forms.Form):
    matter = forms.ChoiceField(label="Nội dung lấy ý kiến (Điều 25)", choices=ConsultationMatter.choices)
    title = forms.CharField(label="Tên dự thảo", max_length=300)
    description = forms.CharField(
        label="Tóm tắt dự thảo", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    file = forms.FileField(label="Tệp dự thảo", required=False)
    opens_on = _date("Ngày bắt đầu nhận ý kiến")
    closes_on = _date("Ngày kết thúc nhận ý kiến")
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
    collected_on = _date("Ngày thu thập")

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
    starts_on = _date("Khởi công", required=False)
    ends_on = _date("Hoàn thành dự kiến", required=False)


class RecommendationForm(forms.Form):
    board = forms.TypedChoiceField(label="Ban", coerce=int)
    project = forms.TypedChoiceField(label="Dự án (nếu có)", coerce=int, required=False, empty_value=None)
    subject = forms.CharField(label="Vấn đề kiến nghị", max_length=300)
    content = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 5}))
    due_on = _date(
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
