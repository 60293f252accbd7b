"""Static files as production serves them (whitenoise, the manifest storage's hashed names): a page names
the hashed file and a browser keeps it for years without asking again."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_hashed_static_files_are_cached_for_years_and_the_unhashed_name_briefly(tmp_path, commune):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        page = client.get(f"/xa/{commune.slug}/").content.decode()
        css = re.search(r'href="(/static/web/site\.[0-9a-f]{12}\.css)"', page).group(1)
        hashed = client.get(css)
        assert hashed.status_code == 200
        control = hashed["Cache-Control"]
        assert "immutable" in control and "public" in control
        assert int(re.search(r"max-age=(\d+)", control).group(1)) >= 365 * 24 * 3600
        # A name without the hash may change under the same address: a minute at most.
        plain = client.get("/static/web/site.css")
        assert int(re.search(r"max-age=(\d+)", plain["Cache-Control"]).group(1)) <= 60
        # Compressed copies exist for browsers that accept them.
        assert client.get(css, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] in ("gzip", "br")
