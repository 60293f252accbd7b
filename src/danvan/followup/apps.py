from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "danvan.followup"
    label = "followup"
    verbose_name = "Theo dõi thi hành quyết định giải quyết khiếu nại, tố cáo"
