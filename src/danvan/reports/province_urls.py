"""Province view across its communes: /tinh/<code>/..."""

from django.urls import path

from danvan.plans.province_views import province_deadlines_page, province_implementing_page
from danvan.reports import views

app_name = "reports_province"

urlpatterns = [
    path("bao-cao/", views.province_reports, name="overview"),
    path("bao-cao/bang.xlsx", views.province_reports_xlsx, name="overview_xlsx"),
    path("bao-cao/tong-hop/", views.province_rollup, name="rollup"),
    path("han-bao-cao/", province_deadlines_page, name="deadlines"),
    path("ke-hoach-thuc-hien/", province_implementing_page, name="implementing"),
    path("viec-chay-nen/<int:job_id>/", views.province_job, name="job"),
    path("viec-chay-nen/<int:job_id>/tai/", views.province_job_download, name="job_download"),
]
