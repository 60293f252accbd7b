"""Report addresses under the commune workspace: /lam-viec/<code>/bao-cao/..., /lam-viec/<code>/xuat/..."""

from django.urls import path

from danvan.reports import views

app_name = "reports"

urlpatterns = [
    path("bao-cao/", views.report_list, name="list"),
    path("bao-cao/<int:report_id>/", views.report_detail, name="detail"),
    path("bao-cao/<int:report_id>/luu/", views.report_save, name="save"),
    path("bao-cao/<int:report_id>/tra-lai/", views.report_return, name="return"),
    path("bao-cao/<int:report_id>/ban-hanh/", views.report_issue, name="issue"),
    path("bao-cao/<int:report_id>/tai/<str:fmt>/", views.report_download, name="download"),
    path("xuat/ke-hoach/<int:plan_id>/nhiem-vu.xlsx", views.export_tasks, name="export_tasks"),
    path(
        "xuat/ke-hoach/<int:plan_id>/ky-bao-cao/<int:period_id>.xlsx",
        views.export_unit_reports,
        name="export_unit_reports",
    ),
    path("xuat/don-thu.xlsx", views.export_petitions, name="export_petitions"),
    path("viec-chay-nen/<int:job_id>/", views.job_detail, name="job"),
    path("viec-chay-nen/<int:job_id>/tai/", views.job_download, name="job_download"),
]
