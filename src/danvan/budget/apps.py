from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "danvan.budget"
    label = "budget"
    verbose_name = "Kinh phí thực hiện kế hoạch"
