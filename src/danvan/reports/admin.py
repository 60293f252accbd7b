"""Reports in Django's admin: read-only, for system administrators to look into a report or a job."""

from django.contrib import admin

from danvan.reports.models import Report, ReportJob


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("commune", "title", "start", "end", "status", "number", "number_year", "issued_on")
    list_filter = ("status", "kind")
    search_fields = ("title", "commune__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # reports change only through reports.services (audited)


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("kind", "province", "commune", "status", "progress", "created_at", "finished_at")
    list_filter = ("kind", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
