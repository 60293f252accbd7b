"""Forms of the surveys app: they parse input; the services validate and decide. The answer form is
built from the survey's questions."""

from __future__ import annotations

from django import forms

from danvan.core.forms import date_field
from danvan.geo.models import Village
from danvan.surveys import rules
from danvan.surveys.models import Question, Survey

SCALE_CHOICES = [(str(k), f"{k} – {v}") for k, v in sorted(rules.SCALE_LABELS.items(), reverse=True)]


class SurveyForm(forms.Form):
    template = forms.ChoiceField(
        label="Bắt đầu từ",
        choices=[("sipas", "Mẫu khảo sát hài lòng (5 khía cạnh SIPAS)"), ("blank", "Phiếu trống")],
        initial="sipas",
    )
    title = forms.CharField(label="Tên phiếu (phiếu trống)", max_length=200, required=False)
    one_answer = forms.ChoiceField(
        label="Mỗi người trả lời một lần",
        choices=Survey.OneAnswer.choices,
        initial=Survey.OneAnswer.RATE_LIMIT,
    )


class SectionForm(forms.Form):
    title = forms.CharField(label="Tên phần", max_length=200)


class QuestionForm(forms.Form):
    section = forms.ModelChoiceField(label="Thuộc phần", queryset=None, empty_label=None)
    text = forms.CharField(label="Câu hỏi", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=Question.Kind.choices)
    choices = forms.CharField(
        label="Các lựa chọn (mỗi dòng một lựa chọn)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    required = forms.BooleanField(label="Bắt buộc trả lời", required=False, initial=True)
    dimension = forms.ChoiceField(
        label="Tính vào chỉ số hài lòng của khía cạnh",
        choices=[("", "Không tính"), *rules.ASPECTS.items()],
        required=False,
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.order_by("order", "id")


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label="Số mã cần in", min_value=1, max_value=rules.MAX_CODES_AT_ONCE, initial=100
    )


class InviteForm(forms.Form):
    phones = forms.CharField(
        label="Số điện thoại nhận mã phiếu (mỗi dòng một số)",
        widget=forms.Textarea(attrs={"rows": 4, "inputmode": "tel"}),
        max_length=40_000,
        help_text=(
            "Mỗi số nhận một mã qua tin nhắn; số đã mời trước đây được bỏ qua. "
            "Xã không lưu số điện thoại cùng mã."
        ),
    )


class ResultsFilter(forms.Form):
    start = date_field("Từ ngày", required=False)
    end = date_field("Đến ngày", required=False)
    village = forms.ModelChoiceField(label="Thôn", queryset=None, required=False, empty_label="Cả xã")

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune=commune).order_by("name")


def question_field(q: Question) -> forms.Field:
    label, required = q.text, q.required
    messages = {"required": "Vui lòng trả lời câu này.", "invalid_choice": "Lựa chọn không hợp lệ."}
    if q.kind == Question.Kind.SCALE:
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=SCALE_CHOICES,
            widget=forms.RadioSelect,
            error_messages=messages,
        )
    if q.kind == Question.Kind.SINGLE:
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=[(str(i), c) for i, c in enumerate(q.choices)],
            widget=forms.RadioSelect,
            error_messages=messages,
        )
    if q.kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label,
            required=required,
            choices=[(str(i), c) for i, c in enumerate(q.choices)],
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages,
        )
    return forms.CharField(
        label=label,
        required=required,
        max_length=rules.MAX_TEXT_ANSWER,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=messages | {"max_length": f"Tối đa {rules.MAX_TEXT_ANSWER} ký tự."},
    )


class AnswerForm(forms.Form):
    """One field per question (q<id>), the village (optional), the ticket code when the survey uses codes."""

    client_token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, survey: Survey, sections, ask_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_code:
            self.fields["code"] = forms.CharField(
                label="Mã phiếu (in trên vé hoặc trong tin nhắn)",
                max_length=20,
                error_messages={"required": "Vui lòng nhập mã phiếu."},
            )
        self.fields["village"] = forms.ModelChoiceField(
            label="Ông/bà ở thôn, tổ dân phố nào? (không bắt buộc)",
            queryset=Village.objects.filter(commune=survey.commune_id, is_active=True).order_by("name"),
            required=False,
            empty_label="— Không muốn nói —",
        )
        self.groups = []
        for section in sections:
            names = []
            for q in section.questions.all():
                name = f"q{q.pk}"
                self.fields[name] = question_field(q)
                names.append(name)
            self.groups.append((section, [self[n] for n in names]))

    def answers(self) -> dict[int, str | list[str] | None]:
        return {int(k[1:]): v for k, v in self.cleaned_data.items() if k.startswith("q") and k[1:].isdigit()}


class ReviewAnswerForm(forms.Form):
    answer = forms.CharField(label="Trả lời", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
