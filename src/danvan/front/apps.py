from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "danvan.front"
    label = "front"
    verbose_name = "Mặt trận và các đoàn thể: kiến nghị, phản biện xã hội, quy chế"
