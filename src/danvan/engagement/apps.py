from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "danvan.engagement"
    label = "engagement"
    verbose_name = "Tiếp công dân, đối thoại, kiến nghị cử tri, cam kết"
