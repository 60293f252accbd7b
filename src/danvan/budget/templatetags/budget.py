"""`vnd`: an amount of đồng written the Vietnamese way, 12.500.000."""

from django import template

register = template.Library()


@register.filter
def vnd(value) -> str:
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")
