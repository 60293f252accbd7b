"""Public survey pages on the commune portal: /xa/<slug>/khao-sat/<short>/ and the satisfaction
figures /xa/<slug>/muc-do-hai-long/."""

from django.urls import path

from danvan.surveys import public_views

app_name = "surveys_public"

urlpatterns = [
    path("khao-sat/<slug:short>/", public_views.answer, name="answer"),
    path("muc-do-hai-long/", public_views.satisfaction, name="satisfaction"),
]
