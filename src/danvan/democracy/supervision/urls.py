"""Staff addresses of supervision, /lam-viec/<code>/giam-sat/… (composed into the `democracy` namespace
by `democracy/urls.py`)."""

from django.urls import path

from danvan.democracy.supervision import views

urlpatterns = [
    path("giam-sat/", views.supervision, name="supervision"),
    path("giam-sat/ban/moi/", views.board_create, name="board_create"),
    path("giam-sat/ban/<int:pk>/", views.board_detail, name="board_detail"),
    path("giam-sat/kien-nghi/gui/", views.recommendation_send, name="recommendation_send"),
    path("giam-sat/kien-nghi/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
]
