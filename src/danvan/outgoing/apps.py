from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "danvan.outgoing"
    label = "outgoing"
    verbose_name = "Sổ đăng ký văn bản đi"
