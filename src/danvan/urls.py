"""URL map: the public portal and staff workspace (web), Django's admin for system administrators."""

from django.contrib import admin
from django.urls import include, path

from danvan.surveys.public_views import short_link as survey_short_link

admin.site.site_header = "Dân Vận Số — quản trị hệ thống"
admin.site.site_title = "Dân Vận Số"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("lam-viec/<str:code>/", include("danvan.plans.urls")),
    path("lam-viec/<str:code>/", include("danvan.petitions.urls")),
    path("lam-viec/<str:code>/", include("danvan.engagement.urls")),
    path("lam-viec/<str:code>/", include("danvan.democracy.urls")),
    path("lam-viec/<str:code>/", include("danvan.democracy.decisions.urls")),
    path("lam-viec/<str:code>/", include("danvan.exemplars.urls")),
    path("lam-viec/<str:code>/", include("danvan.mediation.urls")),
    path("lam-viec/<str:code>/", include("danvan.scoring.urls")),
    path("lam-viec/<str:code>/", include("danvan.inspections.urls")),
    path("lam-viec/<str:code>/", include("danvan.outgoing.urls")),
    path("lam-viec/<str:code>/", include("danvan.followup.urls")),
    path("lam-viec/<str:code>/", include("danvan.front.urls")),
    path("lam-viec/<str:code>/", include("danvan.training.urls")),
    path("lam-viec/<str:code>/", include("danvan.prestige.urls")),
    path("lam-viec/<str:code>/", include("danvan.budget.urls")),
    path("lam-viec/<str:code>/", include("danvan.assignments.urls")),
    path("lam-viec/<str:code>/", include("danvan.reports.urls")),
    path("lam-viec/<str:code>/", include("danvan.announcements.urls")),
    path("lam-viec/<str:code>/", include("danvan.opinion.urls")),
    path("lam-viec/<str:code>/", include("danvan.surveys.urls")),
    path("tinh/<str:province_code>/", include("danvan.reports.province_urls")),
    path("tinh/<str:province_code>/", include("danvan.org.urls")),
    path("tinh/<str:province_code>/", include("danvan.scoring.province_urls")),
    path("xa/<slug:slug>/", include("danvan.petitions.public_urls")),
    path("xa/<slug:slug>/", include("danvan.engagement.public_urls")),
    path("xa/<slug:slug>/", include("danvan.democracy.public_urls")),
    path("xa/<slug:slug>/", include("danvan.democracy.decisions.public_urls")),
    path("xa/<slug:slug>/", include("danvan.exemplars.public_urls")),
    path("xa/<slug:slug>/", include("danvan.announcements.public_urls")),
    path("xa/<slug:slug>/", include("danvan.surveys.public_urls")),
    # A survey poster's QR code and short link.
    path("k/<slug:short>/", survey_short_link, name="survey_short"),
    path("xa/<slug:slug>/", include("danvan.front.public_urls")),
    path("", include("danvan.api.urls")),
    path("", include("danvan.web.urls")),
]

handler404 = "danvan.web.views.errors.not_found"
handler403 = "danvan.web.views.errors.forbidden"
