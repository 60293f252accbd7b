"""Petition addresses on a commune's public portal: /xa/<slug>/phan-anh/, tra-cuu/, ket-qua/, thong-ke/,
don-cua-toi/, ban-do-phan-anh/."""

from django.urls import path

from danvan.petitions import views
from danvan.petitions.views import public as public_views
from danvan.petitions.views import resident as resident_views

app_name = "petitions_public"

urlpatterns = [
    path("phan-anh/", views.public_submit, name="submit"),
    path("phan-anh/da-gui/", public_views.public_submitted, name="submitted"),
    path("tra-cuu/", views.public_track, name="track"),
    path("tra-cuu/danh-gia/", views.public_rate, name="rate"),
    path("tra-cuu/xem-xet-lai/", resident_views.public_review, name="review"),
    path("tra-cuu/anh/<int:attachment_id>/", resident_views.public_photo, name="photo"),
    path("don-cua-toi/", resident_views.my_cases, name="mine"),
    path("ban-do-phan-anh/", resident_views.public_map, name="map"),
    path("ket-qua/", views.public_results, name="results"),
    path("thong-ke/", views.public_statistics, name="statistics"),
]
