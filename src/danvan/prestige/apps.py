from django.apps import AppConfig


class PrestigeConfig(AppConfig):
    name = "danvan.prestige"
    label = "prestige"
    verbose_name = "Người có uy tín, công tác tôn giáo"
