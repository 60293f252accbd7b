"""Democracy pages on a commune's public portal: disclosures, consultations."""

from django.urls import path

from danvan.democracy import views

app_name = "democracy_public"

urlpatterns = [
    path("cong-khai/", views.public_disclosure_list, name="disclosures"),
    path("cong-khai/<int:pk>/", views.public_disclosure_detail, name="disclosure"),
    path("cong-khai/<int:pk>/tep/", views.public_disclosure_file, name="disclosure_file"),
    path("lay-y-kien/", views.public_consultation_list, name="consultations"),
    path("lay-y-kien/<int:pk>/", views.public_consultation_detail, name="consultation"),
    path("lay-y-kien/<int:pk>/tep/", views.public_consultation_file, name="consultation_file"),
]
