"""Plan addresses under the commune workspace: /lam-viec/<code>/ke-hoach/..."""

from django.urls import path

from danvan.plans import adjust_views, import_views, province_views, views

app_name = "plans"

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/nhap/", import_views.plan_upload, name="upload"),
    path("ke-hoach/nhap/<int:draft_id>/", import_views.plan_preview, name="preview"),
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
    path("ke-hoach/<int:plan_id>/ke-hoach-cap-tren/", province_views.plan_parent, name="parent"),
    path(
        "ke-hoach/<int:plan_id>/bao-cao/<int:period_id>/da-gui/",
        province_views.period_mark_sent,
        name="period_sent",
    ),
    # Plans that live: new plans without a file, adjustments after issue, their history.
    path("ke-hoach/moi/", adjust_views.plan_new, name="new"),
    path("ke-hoach/moi/tu-ke-hoach-tinh/", adjust_views.plan_from_province, name="from_province"),
    path("ke-hoach/<int:plan_id>/sao-chep/", adjust_views.plan_copy, name="copy"),
    path("ke-hoach/<int:plan_id>/them-nhiem-vu/", adjust_views.task_add, name="task_add"),
    path("ke-hoach/<int:plan_id>/dieu-chinh/", adjust_views.plan_changes, name="changes"),
    path(
        "ke-hoach/<int:plan_id>/nhiem-vu/<int:task_id>/dieu-chinh/",
        adjust_views.task_adjust,
        name="task_adjust",
    ),
    path("tre-han/", views.late_tasks, name="late"),
]
