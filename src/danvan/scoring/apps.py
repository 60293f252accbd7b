from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "danvan.scoring"
    label = "scoring"
    verbose_name = "Chấm điểm, xếp loại công tác dân vận"
