"""Democracy addresses under the commune workspace, namespace `democracy`: disclosures, consultations,
supervision, each listed in its domain's `urls.py` (village decisions have their own namespace,
`decisions/urls.py`). One namespace across the three keeps every URL name as it was."""

from danvan.democracy.consultations import urls as consultations
from danvan.democracy.disclosures import urls as disclosures
from danvan.democracy.supervision import urls as supervision

app_name = "democracy"

urlpatterns = [*disclosures.urlpatterns, *consultations.urlpatterns, *supervision.urlpatterns]
