from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class LegaltimeConfig(AppConfig):
    name = "danvan.legaltime"
    label = "legaltime"
    verbose_name = "Lịch làm việc và thời hạn"

    def ready(self):
        from danvan.core.backup import restored
        from danvan.legaltime.calendar import calendar_changed
        from danvan.legaltime.models import CalendarOverride

        # Every way an override row changes, so no process keeps a calendar without it (calendar.py):
        # a saved or deleted row (the services, fixtures), a migration or a flush, a restored backup.
        post_save.connect(calendar_changed, sender=CalendarOverride, dispatch_uid="legaltime-calendar-save")
        post_delete.connect(calendar_changed, sender=CalendarOverride, dispatch_uid="legaltime-calendar-del")
        post_migrate.connect(calendar_changed, dispatch_uid="legaltime-calendar-migrate")
        restored.connect(calendar_changed, dispatch_uid="legaltime-calendar-restore")
