"""Village decisions on a commune's public portal: published results and online voting, /xa/<slug>/..."""

from django.urls import path

from danvan.democracy import decision_views as views

app_name = "decisions_public"

urlpatterns = [
    path("ban-quyet-dinh/", views.public_list, name="list"),
    path("ban-quyet-dinh/<int:pk>/", views.public_detail, name="detail"),
    path("bieu-quyet/", views.public_vote_list, name="votes"),
    path("bieu-quyet/<int:pk>/", views.public_vote, name="vote"),
]
