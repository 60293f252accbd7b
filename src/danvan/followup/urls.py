"""Follow-up of decisions under the commune workspace: /lam-viec/<code>/thi-hanh/..."""

from django.urls import path

from danvan.followup import views

app_name = "followup"

urlpatterns = [
    path("thi-hanh/", views.item_list, name="list"),
    path("thi-hanh/<int:pk>/", views.item_detail, name="item"),
    path("thi-hanh/<int:pk>/xong/", views.item_done, name="done"),
    path("thi-hanh/<int:pk>/huy/", views.item_cancel, name="cancel"),
    path("thi-hanh/<int:pk>/minh-chung/", views.item_evidence, name="evidence"),
    path("don-thu/<int:pk>/thi-hanh/moi/", views.item_new, name="new"),
]
