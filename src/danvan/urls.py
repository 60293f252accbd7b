"""URL map: the public portal and staff workspace (web), Django's admin for system administrators."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Dân Vận Số — quản trị hệ thống"
admin.site.site_title = "Dân Vận Số"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("lam-viec/<str:code>/", include("danvan.plans.urls")),
    path("lam-viec/<str:code>/", include("danvan.petitions.urls")),
    path("lam-viec/<str:code>/", include("danvan.engagement.urls")),
    path("lam-viec/<str:code>/", include("danvan.democracy.urls")),
    path("lam-viec/<str:code>/", include("danvan.democracy.decision_urls")),
    path("lam-viec/<str:code>/", include("danvan.exemplars.urls")),
    path("lam-viec/<str:code>/", include("danvan.mediation.urls")),
    path("lam-viec/<str:code>/", include("danvan.training.urls")),
    path("lam-viec/<str:code>/", include("danvan.prestige.urls")),
    path("lam-viec/<str:code>/", include("danvan.budget.urls")),
    path("lam-viec/<str:code>/", include("danvan.assignments.urls")),
    path("lam-viec/<str:code>/", include("danvan.reports.urls")),
    path("lam-viec/<str:code>/", include("danvan.announcements.urls")),
    path("tinh/<str:province_code>/", include("danvan.reports.province_urls")),
    path("tinh/<str:province_code>/", include("danvan.org.urls")),
    path("xa/<slug:slug>/", include("danvan.petitions.public_urls")),
    path("xa/<slug:slug>/", include("danvan.engagement.public_urls")),
    path("xa/<slug:slug>/", include("danvan.democracy.public_urls")),
    path("xa/<slug:slug>/", include("danvan.democracy.decision_public_urls")),
    path("xa/<slug:slug>/", include("danvan.exemplars.public_urls")),
    path("xa/<slug:slug>/", include("danvan.announcements.public_urls")),
    path("", include("danvan.api.urls")),
    path("", include("danvan.web.urls")),
]

handler404 = "danvan.web.views.errors.not_found"
handler403 = "danvan.web.views.errors.forbidden"
