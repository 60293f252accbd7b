"""Democracy pages on a commune's public portal, namespace `democracy_public`: disclosures and
consultations, each listed in its domain's `urls.py` as `public_urlpatterns`."""

from danvan.democracy.consultations import urls as consultations
from danvan.democracy.disclosures import urls as disclosures

app_name = "democracy_public"

urlpatterns = [*disclosures.public_urlpatterns, *consultations.public_urlpatterns]
