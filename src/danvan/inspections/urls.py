"""Inspection addresses under the commune workspace: /lam-viec/<code>/kiem-tra/…"""

from django.urls import path

from danvan.inspections import views

app_name = "inspections"

urlpatterns = [
    path("kiem-tra/", views.inspection_list, name="list"),
    path("kiem-tra/<int:pk>/", views.detail, name="detail"),
    path("kiem-tra/<int:pk>/ton-tai/", views.finding, name="finding"),
    path("kiem-tra/<int:pk>/ket-luan/", views.conclude, name="conclude"),
    path("kiem-tra/<int:pk>/bao-cao.docx", views.report, name="report"),
    path("kiem-tra/khac-phuc/<int:task_id>/xong/", views.task_done, name="task_done"),
    path("kiem-tra/khac-phuc/<int:task_id>/minh-chung/", views.task_evidence, name="task_evidence"),
]
