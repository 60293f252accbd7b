"""Bench-only settings: the project's settings plus a minimal reference view and a load-test setup.

Used by `bench/bench_petitions_load.py` for its gunicorn server and its in-process query counts, never
by the project. What differs from `danvan.settings`, and why:

- ROOT_URLCONF adds `/bench/minimal/` (a view returning "ok") in front of the project's URL map.
- DANVAN_TRUST_X_FORWARDED_FOR: the load generator sends a different X-Forwarded-For address with
  every submission, as many citizens behind a reverse proxy would. The public form's per-client rate
  limit (5 per 10 minutes, a constant in `petitions/views.py` with no setting of its own) therefore
  still runs on every request, cache and all, but never refuses one.
- The caches are the project's Redis set-up (`DANVAN_REDIS_CACHE_URL`, a `DANVAN_CACHE_KEY_PREFIX` of
  the run's own), as production runs them (the bench's default, `--cache redis`); with `--cache file`,
  file caches in the run's temporary folder (BENCH_CACHE_DIR), the page cache in its own alias as in
  the project's settings.
- MD5 password hashing, only so that creating the 124 staff accounts is quick: the measured requests
  use sessions made with `force_login` and never hash a password.
- Static files without the manifest (no collectstatic needed); static files are not measured.
"""

import os

from danvan.settings import *  # noqa: F403

ROOT_URLCONF = "petitions_load.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DANVAN_TRUST_X_FORWARDED_FOR = True
if not os.environ.get("DANVAN_REDIS_CACHE_URL"):  # with it: the project's Redis caches, as in production
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("BENCH_CACHE_DIR", str(DATA_DIR / "bench-cache")),  # noqa: F405
        },
        # The page cache's own alias, as the project's settings have it (same size).
        "pages": {
            **CACHES["pages"],  # noqa: F405
            "LOCATION": os.environ.get("BENCH_CACHE_DIR", str(DATA_DIR / "bench-cache")) + "-pages",  # noqa: F405
        },
    }
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
