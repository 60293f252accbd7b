from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


def _public_pages_changed(**kwargs):
    # Writes that do not pass through a service's `audit_record` (core/pagecache.py): a migration (every
    # deploy, every data migration) and the Django admin (each change it makes is logged as a LogEntry).
    from danvan.core import pagecache

    pagecache.invalidate_all()


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        post_migrate.connect(_public_pages_changed, dispatch_uid="danvan.core.pagecache.migrate")
        post_save.connect(
            _public_pages_changed, sender="admin.LogEntry", dispatch_uid="danvan.core.pagecache.admin"
        )
