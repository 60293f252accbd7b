from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = "Dân chủ ở cơ sở"

    def ready(self):
        from danvan.democracy.disclosures.catalogue import ensure_catalogue

        post_migrate.connect(ensure_catalogue, sender=self, dispatch_uid="democracy.ensure_catalogue")
