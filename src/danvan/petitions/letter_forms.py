"""The form of one petition letter: its date, signer, and the inputs the letter asks for."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from danvan.core.forms import date_field
from danvan.petitions.letters import Letter

LONG = {"findings", "legal_basis", "conclusion", "measures", "reason", "compensation"}


class LetterForm(forms.Form):
    issued_on = date_field("Ngày văn bản (ngày ký)")
    signer_name = forms.CharField(
        label="Họ tên người ký",
        max_length=100,
        error_messages={"required": "Vui lòng ghi họ tên người ký."},
    )
    deputy = forms.BooleanField(
        label="Phó Chủ tịch ký thay (KT. CHỦ TỊCH)",
        required=False,
    )

    def __init__(self, letter: Letter, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.fields["issued_on"].initial = timezone.localdate()
        for name in (*letter.required, *letter.optional):
            required = name in letter.required
            widget = forms.Textarea(attrs={"rows": 5}) if name in LONG else forms.TextInput
            self.fields[name] = forms.CharField(
                label=letter.label(name),
                required=required,
                max_length=4000,
                widget=widget,
                error_messages={"required": f"Vui lòng ghi {letter.label(name).lower()}."},
            )

    def inputs(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("issued_on", "signer_name", "deputy")}
