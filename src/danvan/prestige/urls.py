"""Pages of people of prestige and religious work: /lam-viec/<code>/uy-tin/..."""

from django.urls import path

from danvan.prestige import edit_views, views

app_name = "prestige"

urlpatterns = [
    path("uy-tin/", views.prestige_list, name="list"),
    path("uy-tin/nguoi/moi/", views.person_new, name="person_new"),
    path("uy-tin/nguoi/<int:pk>/", views.person_detail, name="person"),
    path("uy-tin/nguoi/<int:pk>/sua/", edit_views.person_edit, name="person_edit"),
    path("uy-tin/tiep-xuc/<int:pk>/sua/", edit_views.contact_edit, name="contact_edit"),
    path("uy-tin/nguoi/<int:pk>/dan-toc-ton-giao/", views.person_sensitive, name="person_sensitive"),
    path("uy-tin/to-chuc/moi/", views.organisation_new, name="organisation_new"),
    path("uy-tin/to-chuc/<int:pk>/", views.organisation_detail, name="organisation"),
    path("uy-tin/to-chuc/<int:pk>/sua/", edit_views.organisation_edit, name="organisation_edit"),
    path("uy-tin/to-chuc/<int:pk>/co-so/", views.place_new, name="place_new"),
    path("uy-tin/tiep-xuc/<int:pk>/chuyen-don/", views.contact_to_petition, name="contact_to_petition"),
]
