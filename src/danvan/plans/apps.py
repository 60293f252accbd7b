from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "danvan.plans"
    label = "plans"
    verbose_name = "Kế hoạch và nhiệm vụ"
