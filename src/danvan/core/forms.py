"""Form conventions every app shares: dates as officials type them, and service errors on a form.

Forms parse input; services decide and write. A `ServiceError` raised by a service carries a
Vietnamese message and, when it is about one input, that input's name: `form_error` puts it there.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join

from danvan.core.errors import ServiceError

# People type dd/mm/yyyy (or dd-mm-yyyy); ISO dates from a browser's picker or an old link still work.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ. Hãy viết theo dạng ngày/tháng/năm, ví dụ 03/12/2026."}


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, on the number pad of a phone. Not the browser's date picker: it
    follows the browser's language, and an official's English browser showed 3 December as 12/03/2026
    (issue 16). ISO dates (a picker, an old bookmark, a test) are still accepted (`DATE_FORMATS`)."""

    input_type = "text"

    def __init__(self, attrs=None):
        base = {"inputmode": "numeric", "placeholder": "ngày/tháng/năm", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")

    def format_value(self, value):
        return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value


class FilePicker(forms.FileInput):
    """A file input with a Vietnamese button and the chosen file's name ("Chọn tệp", "Chưa chọn tệp"),
    where the native control speaks the phone's language. The input itself is still what is submitted
    (web/widgets/file_picker.html; a script only hides it behind its label), so nothing needs script."""

    template_name = "web/widgets/file_picker.html"


class MultipleFilePicker(FilePicker):
    """Several files from one `<input type=file multiple>`."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__(attrs={"multiple": True, **(attrs or {})})


def date_field(label: str, *, required: bool = True, required_message: str = "Vui lòng chọn ngày.", **kwargs):
    """A date field that accepts the picker's ISO date and dd/mm/yyyy, with Vietnamese errors."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS | {"required": required_message},
        **kwargs,
    )


def form_error(form, exc: ServiceError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's refusal on the form: on the input it names (through `aliases` when the
    service's name for it differs from the form's), else above the form."""
    name = (aliases or {}).get(exc.field, exc.field)
    form.add_error(name if name in form.fields else None, exc.message)


class QuickSelect(forms.Select):
    """A drop-down written out in Python, with the markup of Django's own `Select`.

    Django renders each <option> through two templates; a staff list's filter form (every status,
    kind, field and unit of the commune) spent a fifth of the page's CPU time there (docs/BENCHMARKS.md,
    "The staff mix"). Choices with groups fall back to Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in context["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (str(o["value"]), _attrs(o["attrs"]), o["label"])
                for _, group, _ in context["optgroups"]
                for o in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', context["name"], _attrs(context["attrs"]), options
        )


def _attrs(attrs: dict) -> str:
    """HTML attributes as django/forms/widgets/attrs.html writes them: True alone, False left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', str(value)))
            for name, value in attrs.items()
            if value is not False
        ),
    )
