"""Training pages under the commune workspace: /lam-viec/<code>/tap-huan/..."""

from django.urls import path

from danvan.training import edit_views, views

app_name = "training"

urlpatterns = [
    path("tap-huan/", views.training_list, name="list"),
    path("tap-huan/yeu-cau/", views.requirement_add, name="requirement_add"),
    path("tap-huan/yeu-cau/<int:pk>/bo/", views.requirement_remove, name="requirement_remove"),
    path("tap-huan/lop/moi/", views.course_new, name="course_new"),
    path("tap-huan/lop/<int:pk>/", views.course_detail, name="course"),
    path("tap-huan/lop/<int:pk>/sua/", edit_views.course_edit, name="course_edit"),
    path("tap-huan/lop/<int:pk>/hoc-vien/<int:pid>/diem-danh/", views.attendance, name="attendance"),
    path("tap-huan/lop/<int:pk>/hoc-vien/<int:pid>/chung-nhan/", views.certificate, name="certificate"),
]
