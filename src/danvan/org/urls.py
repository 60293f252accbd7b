"""Activating communes: /tinh/<province code>/kich-hoat/..."""

from django.urls import path

from danvan.org import views

app_name = "org"

urlpatterns = [
    path("kich-hoat/", views.commune_choose, name="activate_choose"),
    path("kich-hoat/co-quan/", views.agency_add_page, name="agency_add"),
    path("kich-hoat/<str:commune_code>/", views.commune_activate_page, name="activate"),
]
