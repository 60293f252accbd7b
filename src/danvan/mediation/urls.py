"""Mediation pages under the commune workspace: /lam-viec/<code>/hoa-giai/..."""

from django.urls import path

from danvan.mediation import views

app_name = "mediation"

urlpatterns = [
    path("hoa-giai/", views.mediation_list, name="list"),
    path("hoa-giai/thong-ke.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("hoa-giai/to/moi/", views.team_new, name="team_new"),
    path("hoa-giai/to/<int:pk>/", views.team_detail, name="team"),
    path(
        "hoa-giai/to/<int:pk>/hoa-giai-vien/<int:mediator_id>/thoi/",
        views.mediator_leave,
        name="mediator_leave",
    ),
    path("hoa-giai/vu-viec/moi/", views.case_new, name="case_new"),
    path("hoa-giai/vu-viec/<int:pk>/", views.case_detail, name="case"),
    path("hoa-giai/vu-viec/<int:pk>/<slug:action>/", views.case_action, name="case_action"),
]
