import functools

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_migrate, post_save


def _public_pages_changed(**kwargs):
    # Writes that do not pass through a service's `audit_record` (core/pagecache.py): a migration (every
    # deploy, every data migration) and the Django admin (each change it makes is logged as a LogEntry).
    from danvan.core import pagecache

    pagecache.invalidate_all()


def _then_public_pages_changed(delete_selected):
    """The admin's "delete selected" action, then every public page invalidated. Django logs a deletion of
    several rows with `bulk_create`, which sends no `post_save`; the action is the one place all of them
    pass (each model's own `delete_queryset` included), and after it the rows are gone."""

    @functools.wraps(delete_selected)  # keeps its label and the "delete" permission it asks for
    def action(modeladmin, request, queryset):
        response = delete_selected(modeladmin, request, queryset)
        if response is None:  # confirmed and done (otherwise the confirmation page, nothing deleted yet)
            # At once (what this transaction renders next) and on commit (a page rendered in between
            # from the rows not yet deleted for others), as `audit_record` does.
            _public_pages_changed()
            transaction.on_commit(_public_pages_changed, robust=True)
        return response

    return action


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from django.contrib import admin

        post_migrate.connect(_public_pages_changed, dispatch_uid="danvan.core.pagecache.migrate")
        post_save.connect(
            _public_pages_changed, sender="admin.LogEntry", dispatch_uid="danvan.core.pagecache.admin"
        )
        admin.site.add_action(
            _then_public_pages_changed(admin.site.get_action("delete_selected")), "delete_selected"
        )
