"""The Front's recommendations answered by the commune, on its portal: /xa/<slug>/mat-tran/"""

from django.urls import path

from danvan.front import views

app_name = "front_public"

urlpatterns = [path("mat-tran/", views.public_answers, name="answers")]
