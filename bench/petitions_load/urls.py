"""The project's URL map with one more address: the minimal Django view the benchmark compares to."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    """The reference: the whole middleware stack, no query, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal),
    path("", include("danvan.urls")),
]

handler404 = "danvan.web.views.errors.not_found"
handler403 = "danvan.web.views.errors.forbidden"
