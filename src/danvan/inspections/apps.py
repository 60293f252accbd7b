from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "danvan.inspections"
    label = "inspections"
    verbose_name = "Kiểm tra, giám sát công tác dân vận"
