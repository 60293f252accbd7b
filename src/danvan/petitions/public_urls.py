"""Petition addresses on a commune's public portal: /xa/<slug>/phan-anh/, tra-cuu/, ket-qua/, thong-ke/."""

from django.urls import path

from danvan.petitions import views

app_name = "petitions_public"

urlpatterns = [
    path("phan-anh/", views.public_submit, name="submit"),
    path("tra-cuu/", views.public_track, name="track"),
    path("tra-cuu/danh-gia/", views.public_rate, name="rate"),
    path("ket-qua/", views.public_results, name="results"),
    path("thong-ke/", views.public_statistics, name="statistics"),
]
