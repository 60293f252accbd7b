from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "danvan.assignments"
    label = "assignments"
    verbose_name = "Phân công phụ trách, Ban Chỉ đạo"
