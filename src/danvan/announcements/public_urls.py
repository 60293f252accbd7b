"""News and subscriptions on the portal, under /xa/<slug>/."""

from django.urls import path

from danvan.announcements import public_loudspeaker_views as loa
from danvan.announcements import public_views
from danvan.announcements.feeds import CommuneNewsFeed

app_name = "announcements_public"

urlpatterns = [
    path("tin-tuc/", public_views.news, name="list"),
    path("tin-tuc/atom.xml", CommuneNewsFeed(), name="feed"),
    path("tin-tuc/<int:pk>/", public_views.detail, name="detail"),
    path("loa/", loa.bulletins, name="bulletins"),
    path("loa/<int:pk>/", loa.bulletin, name="bulletin"),
    path("loa/<int:pk>/ghi-am/<str:language>/", loa.bulletin_audio, name="bulletin_audio"),
    path("nhan-tin/", public_views.subscribe, name="subscribe"),
    path("nhan-tin/xac-nhan/", public_views.confirm, name="confirm"),
    path("nhan-tin/huy/<str:token>/", public_views.unsubscribe, name="unsubscribe"),
]
