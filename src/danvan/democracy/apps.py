from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = "Dân chủ ở cơ sở"
