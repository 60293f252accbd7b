"""Form conventions every app shares: dates as officials type them, and service errors on a form.

Forms parse input; services decide and write. A `ServiceError` raised by a service carries a
Vietnamese message and, when it is about one input, that input's name: `form_error` puts it there.
"""

from __future__ import annotations

from django import forms

from danvan.core.errors import ServiceError

# The browser's date picker sends ISO dates; people who type write dd/mm/yyyy (or dd-mm-yyyy).
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ. Hãy chọn ngày hoặc viết theo dạng ngày/tháng/năm."}


class DateInput(forms.DateInput):
    """A native date picker on phones and laptops; the value is written back as an ISO date."""

    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


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
