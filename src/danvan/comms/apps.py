from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "danvan.comms"
    label = "comms"
    verbose_name = "Thông báo"
