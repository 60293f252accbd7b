"""Recognised “Dân vận khéo” models on the commune portal: /xa/<slug>/dan-van-kheo/…"""

from django.urls import path

from danvan.exemplars import public_views

app_name = "exemplars_public"

urlpatterns = [
    path("dan-van-kheo/", public_views.showcase, name="list"),
    path("dan-van-kheo/<int:pk>/", public_views.exemplar, name="detail"),
    path("dan-van-kheo/<int:pk>/anh/<int:pid>/", public_views.photo, name="photo"),
]
