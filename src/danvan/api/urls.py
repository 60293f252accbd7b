"""API addresses: /api/v1/ (REST + OpenAPI) and /open311/v2/ (GeoReport v2)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from danvan.api import docs
from danvan.api.open311 import views as open311
from danvan.api.views import action_table, actions, attachments, duplicates, hotspots, lookups, petitions

app_name = "api"

_PETITION = "api/v1/communes/<str:code>/petitions/<int:pk>/"

urlpatterns = [
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", docs.api_docs, name="docs"),
    path("api/v1/communes/<str:code>/petitions/", petitions.PetitionListView.as_view(), name="petitions"),
    path(_PETITION, petitions.PetitionDetailView.as_view(), name="petition"),
    *[
        path(f"{_PETITION}{name.replace('_', '-')}/", actions.action_view(name), name=f"petition_{name}")
        for name in action_table.ACTION_TABLE
    ],
    path(
        f"{_PETITION}attachments/", attachments.PetitionAttachmentsView.as_view(), name="petition_attachments"
    ),
    path(
        f"{_PETITION}attachments/<int:attachment_id>/",
        attachments.PetitionAttachmentDownloadView.as_view(),
        name="petition_attachment",
    ),
    path(f"{_PETITION}duplicates/", duplicates.PetitionDuplicatesView.as_view(), name="petition_duplicates"),
    path(
        f"{_PETITION}duplicates/unlink/",
        duplicates.PetitionDuplicateUnlinkView.as_view(),
        name="petition_duplicate_unlink",
    ),
    path(
        f"{_PETITION}duplicates/<int:other_id>/link/",
        duplicates.PetitionDuplicateLinkView.as_view(),
        name="petition_duplicate_link",
    ),
    path(
        f"{_PETITION}duplicates/<int:other_id>/dismiss/",
        duplicates.PetitionDuplicateDismissView.as_view(),
        name="petition_duplicate_dismiss",
    ),
    path("api/v1/communes/<str:code>/hotspots/", hotspots.HotspotListView.as_view(), name="hotspots"),
    *[
        path(
            f"api/v1/communes/<str:code>/hotspots/<int:pk>/{name}/",
            hotspots.hotspot_action_view(name),
            name=f"hotspot_{name}",
        )
        for name in ("acknowledge", "resolve")
    ],
    path("api/v1/communes/<str:code>/fields/", lookups.FieldListView.as_view(), name="fields"),
    path("api/v1/tracking/<str:tracking_code>/", lookups.TrackingView.as_view(), name="tracking"),
    *[
        path(f"open311/v2/{route}.{fmt}", view.as_view(), {"format": fmt}, name=f"open311_{name}_{fmt}")
        for route, view, name in (
            ("services", open311.ServiceListView, "services"),
            ("services/<slug:service_code>", open311.ServiceDefinitionView, "service"),
            ("requests", open311.RequestListView, "requests"),
            ("requests/<str:service_request_id>", open311.RequestDetailView, "request"),
        )
        for fmt in ("json", "xml")
    ],
]
