from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "danvan.mediation"
    label = "mediation"
    verbose_name = "Hòa giải ở cơ sở"
