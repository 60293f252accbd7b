"""Plan addresses under the commune workspace: /lam-viec/<code>/ke-hoach/..."""

from django.urls import path

from danvan.plans import views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/nhap/", views.plan_upload, name="upload"),
    path("ke-hoach/nhap/<int:draft_id>/", views.plan_preview, name="preview"),
    path("ke-hoach/<int:plan_id>/", views.plan_overview, name="overview"),
    path("ke-hoach/<int:plan_id>/ban-hanh/", views.plan_issue, name="issue"),
    path("ke-hoach/<int:plan_id>/ket-thuc/", views.plan_close, name="close"),
    path("ke-hoach/<int:plan_id>/ke-hoach-don-vi/", views.subplan_create, name="subplan"),
    path("ke-hoach/<int:plan_id>/nhiem-vu/<int:task_id>/", views.task_detail, name="task"),
    path("ke-hoach/<int:plan_id>/bao-cao/<int:period_id>/", views.period_detail, name="period"),
    path(
        "ke-hoach/<int:plan_id>/bao-cao/<int:period_id>/<int:unit_id>/", views.unit_report, name="unit_report"
    ),
    path("viec-cua-toi/", views.my_tasks, name="my_tasks"),
    path("tre-han/", views.late_tasks, name="late"),
]
