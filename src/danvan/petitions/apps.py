from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = "Đơn thư: phản ánh, kiến nghị, khiếu nại, tố cáo"

    def ready(self):
        from .catalogue import ensure_reference_data
        from .notices import register_log_visibility

        register_log_visibility()
        from .services.letters import register_letters_source

        register_letters_source()
        from danvan.core.pagecache import register_additions

        # A new đơn changes the commune's figures, never a page already stored for another đơn's code or
        # the published results: submissions must not empty the tracking pages' cache (core/pagecache).
        register_additions("petitions.submit", channel="petitions.new")

        post_migrate.connect(ensure_reference_data, sender=self, dispatch_uid="petitions.reference_data")
