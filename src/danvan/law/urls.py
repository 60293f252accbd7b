"""Staff pages of the legal rules registry, under /lam-viec/<code>/."""

from django.urls import path

from danvan.law import views

app_name = "law"

urlpatterns = [
    path("can-cu-phap-ly/", views.rules_page, name="rules"),
]
