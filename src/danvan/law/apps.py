from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "danvan.law"
    label = "law"
    verbose_name = "Căn cứ pháp lý"
