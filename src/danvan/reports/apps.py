from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danvan.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ và tổng hợp của tỉnh"

    def ready(self):
        # Each app's report_sections.py registers its section (see core/sections.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("report_sections")
