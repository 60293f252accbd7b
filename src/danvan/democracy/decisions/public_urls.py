"""Village decisions on a commune's public portal: published results and online voting, /xa/<slug>/..."""

from django.urls import path

from danvan.democracy.decisions.views import public

app_name = "decisions_public"

urlpatterns = [
    path("ban-quyet-dinh/", public.public_list, name="list"),
    path("ban-quyet-dinh/<int:pk>/", public.public_detail, name="detail"),
    path("bieu-quyet/", public.public_vote_list, name="votes"),
    path("bieu-quyet/<int:pk>/", public.public_vote, name="vote"),
]
