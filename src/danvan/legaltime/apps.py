from django.apps import AppConfig


class LegaltimeConfig(AppConfig):
    name = "danvan.legaltime"
    label = "legaltime"
    verbose_name = "Lịch làm việc và thời hạn"
