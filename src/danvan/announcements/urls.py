"""Staff pages of announcements, under /lam-viec/<code>/."""

from django.urls import path

from danvan.announcements import views

app_name = "announcements"

urlpatterns = [
    path("tin-tuc/", views.post_list, name="list"),
    path("tin-tuc/moi/", views.post_edit, name="new"),
    path("tin-tuc/<int:pk>/", views.post_detail, name="detail"),
    path("tin-tuc/<int:pk>/sua/", views.post_edit, name="edit"),
    path("tin-tuc/<int:pk>/gui/", views.post_send, name="send"),
    path("tin-tuc/<int:pk>/ban-in.docx", views.post_notice, name="notice"),
]
