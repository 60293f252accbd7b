"""Addresses of consultations: staff /lam-viec/<code>/lay-y-kien/…, portal /xa/<slug>/lay-y-kien/…
(composed into the `democracy` and `democracy_public` namespaces by `democracy/urls.py` and
`democracy/public_urls.py`)."""

from django.urls import path

from danvan.democracy.consultations import views

urlpatterns = [
    path("lay-y-kien/", views.consultations, name="consultations"),
    path("lay-y-kien/moi/", views.consultation_create, name="consultation_create"),
    path("lay-y-kien/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/tep/", views.consultation_file, name="consultation_file"),
    path("lay-y-kien/<int:pk>/dang/", views.consultation_publish, name="consultation_publish"),
    path("lay-y-kien/<int:pk>/ghi-y-kien/", views.comment_record, name="comment_record"),
    path("lay-y-kien/<int:pk>/nhom/", views.group_save, name="group_save"),
    path("lay-y-kien/<int:pk>/ket-luan/", views.consultation_conclude, name="consultation_conclude"),
    path(
        "lay-y-kien/<int:pk>/y-kien/<int:comment_id>/duyet/", views.comment_moderate, name="comment_moderate"
    ),
    path("lay-y-kien/<int:pk>/y-kien/<int:comment_id>/nhom/", views.comment_assign, name="comment_assign"),
]

public_urlpatterns = [
    path("lay-y-kien/", views.public_consultation_list, name="consultations"),
    path("lay-y-kien/<int:pk>/", views.public_consultation_detail, name="consultation"),
    path("lay-y-kien/<int:pk>/tep/", views.public_consultation_file, name="consultation_file"),
]
