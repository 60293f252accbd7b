"""Engagement pages on the public portal (/xa/<slug>/...): reception calendar, dialogues, commitments,
answers to voters' petitions."""

from django.urls import path

from danvan.engagement import public_views

app_name = "engagement_public"

urlpatterns = [
    path("lich-tiep-dan/", public_views.schedule, name="schedule"),
    path("doi-thoai/", public_views.dialogues, name="dialogues"),
    path("doi-thoai/<int:pk>/", public_views.dialogue, name="dialogue"),
    path("cam-ket/", public_views.commitments, name="commitments"),
    path("kien-nghi-cu-tri/", public_views.voter_answers, name="voter_answers"),
]
