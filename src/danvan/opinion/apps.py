from django.apps import AppConfig


class OpinionConfig(AppConfig):
    name = "danvan.opinion"
    label = "opinion"
    verbose_name = "Nắm tình hình, dư luận Nhân dân"
