"""`{% execution_block p as ex %}`: a case's execution items for its page (None when the case has none
to have, or the reader may not see them)."""

from django import template
from django.utils import timezone

from danvan.followup import selectors, services

register = template.Library()


@register.simple_tag(takes_context=True)
def execution_block(context, petition):
    user = context["request"].user
    if petition.kind not in services.KINDS or not services.may_see_item(user, petition):
        return None
    items = selectors.items_of(petition)
    if not items and petition.status not in services.RESOLVED:
        return None
    today = timezone.localdate()
    return {
        "items": [(i, i.is_late(today)) for i in items],
        "may_add": petition.status in services.RESOLVED and services.may_manage(user, petition),
    }
