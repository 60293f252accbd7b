"""Forms of the staff's actions on one petition (classify, split, accept, resolve, …) and of the
workflow settings. Shared field helpers live in `forms.py`."""

from __future__ import annotations

from django import forms

from danvan.core.forms import DATE_ERRORS, DATE_FORMATS, DateInput
from danvan.petitions.forms import CHOICE_ERRORS, _text, fields_of, kind_choices
from danvan.petitions.models import Petition
from danvan.petitions.services import MAX_CONTENT_CHARS

Kind = Petition.Kind


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label="Loại đơn (theo nội dung)", choices=kind_choices(blank="— Chọn —"))
    complaint_round = forms.TypedChoiceField(
        label="Khiếu nại lần",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), ("1", "Lần đầu"), ("2", "Lần hai")],
        error_messages=CHOICE_ERRORS,
    )
    eligible = forms.TypedChoiceField(
        label="Đủ điều kiện xử lý?",
        coerce=lambda v: v == "yes",
        choices=[("yes", "Đủ điều kiện"), ("no", "Không đủ điều kiện")],
        initial="yes",
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    ineligible_reason = _text("Lý do không đủ điều kiện", required=False, max_length=2000, rows=2)
    field = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=None,
        required=False,
        empty_label="— Chọn —",
        error_messages={"invalid_choice": "Lĩnh vực không hợp lệ."},
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị xử lý",
        queryset=None,
        required=False,
        empty_label="— Chọn —",
        error_messages={"invalid_choice": "Đơn vị không hợp lệ."},
    )
    complexity = forms.ChoiceField(
        label="Mức độ phức tạp", choices=Petition.Complexity.choices, error_messages=CHOICE_ERRORS
    )
    several_places = forms.BooleanField(label="Cần kiểm tra, xác minh ở nhiều địa điểm", required=False)
    decision_known_on = forms.DateField(
        label="Ngày nhận quyết định / biết hành vi bị khiếu nại",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )

    # Fields only a complaint or a denunciation needs: a phản ánh or kiến nghị is classified without them.
    COMPLAINT_ONLY = ("complaint_round", "complexity", "several_places", "decision_known_on")

    def __init__(self, *args, commune, simple: bool = False, **kwargs):
        """`simple`: the case reads as a phản ánh or kiến nghị, so the complaint-only fields are left out
        (the page offers the full form when the officer finds it is a complaint or a denunciation)."""
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages = CHOICE_ERRORS | {"required": "Vui lòng chọn loại đơn."}
        self.fields["field"].queryset = fields_of(commune)
        self.fields["unit"].queryset = commune.units.filter(is_active=True).order_by("name")
        self.simple = simple
        if simple:
            self.fields["kind"].choices = [
                c
                for c in self.fields["kind"].choices
                if c[0] in ("", Petition.Kind.FEEDBACK, Petition.Kind.RECOMMENDATION)
            ]
            for name in self.COMPLAINT_ONLY:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.simple:
            data.update(
                complaint_round=None,
                complexity=Petition.Complexity.NORMAL,
                several_places=False,
                decision_known_on=None,
            )
        return data


SPLIT_PARTS = 4


class SplitForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, SPLIT_PARTS + 1):
            self.fields[f"part{i}_content"] = _text(
                f"Nội dung {i}", required=False, max_length=MAX_CONTENT_CHARS, rows=2
            )
            self.fields[f"part{i}_kind"] = forms.ChoiceField(
                label=f"Loại đơn {i}",
                required=False,
                choices=[("", "Chưa rõ"), *kind_choices()],
                error_messages=CHOICE_ERRORS,
            )

    def parts(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"content": d[f"part{i}_content"], "kind": d[f"part{i}_kind"] or None}
            for i in range(1, SPLIT_PARTS + 1)
            if d.get(f"part{i}_content", "").strip()
        ]


class LetterForm(forms.Form):
    letter_text = _text("Nội dung văn bản", max_length=MAX_CONTENT_CHARS, rows=4)


class AcceptForm(forms.Form):
    on = forms.DateField(
        label="Ngày thụ lý",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS | {"required": "Vui lòng nhập ngày thụ lý."},
    )


class ReasonForm(forms.Form):
    reason = _text("Lý do", max_length=2000, rows=2)


class ReturnAnswerForm(forms.Form):
    comment = _text("Ý kiến của lãnh đạo (cần bổ sung, sửa gì)", max_length=2000, rows=3)


class SuspendForm(forms.Form):
    """Tạm đình chỉ giải quyết khiếu nại (from 1/7/2026): the reason and the day."""

    reason = _text("Lý do tạm đình chỉ", max_length=2000, rows=2)
    on = forms.DateField(
        label="Ngày tạm đình chỉ",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS | {"required": "Vui lòng nhập ngày tạm đình chỉ."},
    )


class ResumeForm(forms.Form):
    on = forms.DateField(
        label="Ngày tiếp tục giải quyết",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        help_text="Thời gian tạm đình chỉ không tính vào thời hạn giải quyết.",
        error_messages=DATE_ERRORS | {"required": "Vui lòng nhập ngày tiếp tục giải quyết."},
    )


class WithdrawPartForm(forms.Form):
    part = _text("Nội dung người khiếu nại rút", max_length=MAX_CONTENT_CHARS, rows=3)


class SecondRoundForm(forms.Form):
    decision_received_on = forms.DateField(
        label="Ngày người khiếu nại nhận được quyết định giải quyết lần đầu",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        help_text="Thời hạn khiếu nại lần hai (30 ngày, vùng sâu vùng xa 45 ngày) tính từ ngày nhận được "
        "quyết định, hoặc từ ngày hết hạn giải quyết lần đầu nếu chưa có quyết định (Luật Khiếu nại, "
        "Điều 33). Để trống: tính từ ngày ban hành quyết định.",
        error_messages=DATE_ERRORS,
    )


class ResolveForm(forms.Form):
    answer = _text("Kết quả giải quyết", max_length=MAX_CONTENT_CHARS, rows=5)
    on = forms.DateField(
        label="Ngày trả lời",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS | {"required": "Vui lòng nhập ngày trả lời."},
    )
    publish = forms.BooleanField(label="Công khai kết quả trên cổng thông tin", required=False)


class PurposeForm(forms.Form):
    purpose = _text("Mục đích xem thông tin", max_length=300)


class HotspotResolveForm(forms.Form):
    note = _text("Kết quả xử lý điểm nóng", max_length=2000, rows=3)


class KindWorkflowForm(forms.Form):
    """Quy trình xử lý phản ánh hoặc kiến nghị của xã."""

    kind = forms.ChoiceField(
        choices=[(Petition.Kind.FEEDBACK, "Phản ánh"), (Petition.Kind.RECOMMENDATION, "Kiến nghị")],
        widget=forms.HiddenInput,
        error_messages=CHOICE_ERRORS,
    )
    skip_acceptance = forms.BooleanField(
        label="Bỏ bước thụ lý: đơn vị được giao trả lời ngay sau khi phân loại", required=False
    )
    skip_verification = forms.BooleanField(
        label="Bỏ bước xác minh: trả lời không cần mở bước xác minh riêng", required=False
    )
