from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ExemplarsConfig(AppConfig):
    name = "danvan.exemplars"
    label = "exemplars"
    verbose_name = "Mô hình, điển hình “Dân vận khéo”"

    def ready(self):
        from .catalogue import ensure_fields

        post_migrate.connect(ensure_fields, sender=self, dispatch_uid="exemplars.fields")
