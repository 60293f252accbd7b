"""What every engagement page shares: the permissions it checks, the workspace context, the register's
period from the query string."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.engagement.forms import (
    PeriodForm,
)
from danvan.org.access import can
from danvan.org.pages import workspace_context
from danvan.text.dates import reporting_period

VIEW = "engagement.view"
MANAGE = "engagement.manage"
UPDATE = "engagement.update_commitment"


def page_context(request, commune, **extra):
    return workspace_context(
        request,
        commune,
        may_manage=can(request.user, MANAGE, commune),
        **extra,
    )


def register_period(request) -> tuple[dt.date, dt.date, PeriodForm]:
    """The register's period from ?tu=&den= (default: the reporting period in progress, up to today,
    shown in the inputs)."""
    today = timezone.localdate()
    start, end = reporting_period(today)[0], today
    form = PeriodForm(request.GET or {"tu": start.isoformat(), "den": end.isoformat()})
    if form.is_valid():
        start = form.cleaned_data["tu"] or start
        end = form.cleaned_data["den"] or end
    if end < start:
        start, end = end, start
    return start, end, form
