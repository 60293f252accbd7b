"""Calendar overrides in Django's admin; saving and deleting go through the audited services."""

from django.contrib import admin

from danvan.legaltime.models import CalendarOverride
from danvan.legaltime.services import calendar_override_remove, calendar_override_set


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "reason", "decision_number")
    fields = ("day", "kind", "reason", "decision_number")
    date_hierarchy = "day"

    def save_model(self, request, obj, form, change):
        saved = calendar_override_set(
            day=obj.day,
            kind=obj.kind,
            reason=obj.reason,
            decision_number=obj.decision_number,
            by=request.user,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        calendar_override_remove(override=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            calendar_override_remove(override=obj, by=request.user)
