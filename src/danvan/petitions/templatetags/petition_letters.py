"""`{% petition_letters p as letters %}`: the letters issued for a case, for its page (none for a reader
who may not see a denunciation's content)."""

from django import template

from danvan.petitions.services.letters import may_see_letters
from danvan.petitions.services.letters import petition_letters as issued

register = template.Library()


@register.simple_tag(takes_context=True)
def petition_letters(context, petition):
    user = context["request"].user
    if not may_see_letters(user, petition):
        return None
    return list(issued(petition))
