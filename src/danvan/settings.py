"""One settings module, configured from the environment (see README, "Cấu hình")."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from danvan.core.storage import s3_origin, s3_storage

PACKAGE_DIR = Path(__file__).resolve().parent
# The repo root in a checkout (src/danvan -> ../..); deployments point DANVAN_DATA_DIR elsewhere.
DATA_DIR = Path(os.environ.get("DANVAN_DATA_DIR", PACKAGE_DIR.parents[1] / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The env var wins; otherwise a key generated once and kept in the data folder (never in git)."""
    if key := os.environ.get("DANVAN_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DANVAN_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "danvan.core",
    "danvan.geo",
    "danvan.org",
    "danvan.legaltime",
    "danvan.law",
    "danvan.comms",
    "danvan.announcements",
    "danvan.plans",
    "danvan.petitions",
    "danvan.democracy",
    "danvan.engagement",
    "danvan.exemplars",
    "danvan.mediation",
    "danvan.inspections",
    "danvan.scoring",
    "danvan.opinion",
    "danvan.surveys",
    "danvan.outgoing",
    "danvan.followup",
    "danvan.front",
    "danvan.training",
    "danvan.prestige",
    "danvan.budget",
    "danvan.assignments",
    "danvan.reports",
    "danvan.api",
    "danvan.demo",
    "danvan.web",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "danvan.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.interface_language.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "danvan.core.middleware.NulCharacterMiddleware",  # %00 anywhere: a Vietnamese 400, never a 500
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous visits of public pages answered from the `pages` cache, before authentication and the rest.
    "danvan.core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor (django-otp): who gave their code; those who must, sent to give it or enrol.
    "django_otp.middleware.OTPMiddleware",
    "danvan.accounts.middleware.SecondFactorMiddleware",
    "danvan.accounts.middleware.SessionListMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "danvan.core.middleware.NoStoreMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'danvan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DANVAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file: WAL lets readers go on while one
    # writes, IMMEDIATE transactions avoid "database is locked" on lock upgrades.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Django's checks with Vietnamese messages, plus a list of passwords common in Vietnam (core/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "danvan.core.passwords.SimilarityValidator"},
    {"NAME": "danvan.core.passwords.LengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "danvan.core.passwords.CommonValidator"},
    {"NAME": "danvan.core.passwords.VietnameseCommonValidator"},
    {"NAME": "danvan.core.passwords.NumericValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workspace"
LOGOUT_REDIRECT_URL = "web:home"

# Lock-out after repeated failures (django-axes). Locked by user name only: a commune office sits
# behind one shared address, and locking by IP would lock every official out at once.
AXES_FAILURE_LIMIT = int(os.environ.get("DANVAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DANVAN_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "danvan.web.views.auth.locked_out"  # says "30 phút", not axes' "PT30M"
AXES_VERBOSE = False
# Behind nginx, the attempt's address is the citizen's or officer's, read as the rate limits read it.
AXES_CLIENT_IP_CALLABLE = "danvan.core.ratelimit.login_ip"
# axes.W006 warns that locking by user name alone lets an attacker rotate cookies; that is the
# choice made above, for the shared office address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Two-factor authentication (django-otp: an authenticator app, TOTP, and ten one-time recovery codes).
# Required for commune leaders, coordinators, province viewers and system administrators
# (accounts/rules.py); DANVAN_REQUIRE_2FA_ALL=1 requires it for every staff account. Wrong codes wait
# 1, 2, 4, 8 … seconds between tries.
DANVAN_REQUIRE_2FA_ALL = env_bool("DANVAN_REQUIRE_2FA_ALL")
OTP_TOTP_ISSUER = os.environ.get("DANVAN_OTP_ISSUER", "Dân Vận Số")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Sessions end after two idle hours and when the browser closes: offices share computers.
SESSION_COOKIE_AGE = int(os.environ.get("DANVAN_SESSION_SECONDS", str(2 * 3600)))
# Not written on every request (a write transaction per page, issue 21): a session is saved when it
# changes, and accounts.middleware.SessionListMiddleware changes it at most once a minute while its
# person works, which moves the idle expiry on. An office session therefore still ends two idle hours
# after its last page (within a minute); an anonymous one is written only when something is put in it.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DANVAN_HTTPS")
CSRF_COOKIE_SECURE = env_bool("DANVAN_HTTPS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DANVAN_HTTPS") else None
# Behind HTTPS (DANVAN_HTTPS=1): every plain-HTTP request is redirected, and browsers are told to use
# HTTPS only (HSTS) for DANVAN_HSTS_SECONDS (a year by default; set a small value for the first days).
SECURE_SSL_REDIRECT = env_bool("DANVAN_HTTPS")
SECURE_HSTS_SECONDS = (
    int(os.environ.get("DANVAN_HSTS_SECONDS", "31536000")) if env_bool("DANVAN_HTTPS") else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DANVAN_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DANVAN_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline (no
# <script> blocks and no on…= attributes in templates; tests/web/test_security_headers.py checks every
# template). Inline style attributes stay allowed: the bar charts set their width that way.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# The portal's small maps (Leaflet from our own static files, never a CDN): tiles from this server, e.g.
# a provincial tile server, or empty for none (the pin still shows, and the form works by village and
# address). Its origin is added to the CSP's img-src.
MAP_TILE_URL = os.environ.get("DANVAN_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png").strip()
MAP_ATTRIBUTION = os.environ.get("DANVAN_MAP_ATTRIBUTION", "© OpenStreetMap")
MAP_CENTER = os.environ.get("DANVAN_MAP_CENTER", "16.0,106.0")  # where an empty map opens: "lat,lng"
if MAP_TILE_URL.startswith(("https://", "http://")):
    _tiles_origin = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tiles_origin)
SECURE_REFERRER_POLICY = "same-origin"

# The interface text is Vietnamese in the source and goes through gettext; a translator adds a language
# without code (README, "Thêm bản dịch giao diện"): its compiled catalogue in LOCALE_PATHS puts it in
# LANGUAGES and in the chooser. The language comes from the chooser's cookie only, never from the
# browser (core/interface_language.py).
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "danvan_ngon_ngu"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env_bool("DANVAN_HTTPS")
LANGUAGE_COOKIE_HTTPONLY = True


def _interface_languages() -> list[tuple[str, str]]:
    from danvan.text.languages import interface_name

    compiled = sorted(
        path.parent.parent.name
        for base in LOCALE_PATHS
        for path in Path(base).glob("*/LC_MESSAGES/django.mo")
        if path.parent.parent.name != LANGUAGE_CODE
    )
    return [(code, interface_name(code)) for code in [LANGUAGE_CODE, *compiled]]


LANGUAGES = _interface_languages()

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DANVAN_STATIC_ROOT", DATA_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DANVAN_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work goes through Django's tasks API (django-tasks backport). The database backend and
# its worker (`danvan db_worker`) need nothing else running; a large deployment sets
# DANVAN_TASKS_BACKEND=django_tasks_rq.RQBackend and REDIS_URL (see README).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DANVAN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq"):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}

# A cache shared by all web processes: the public form's rate limit counts per client across gunicorn
# workers. A file cache needs nothing running; a large deployment sets DANVAN_REDIS_CACHE_URL.
if redis_cache := os.environ.get("DANVAN_REDIS_CACHE_URL"):
    CACHES = {
        "default": {
            # Django's, with one client per connection pool rather than one per call (core/rediscache.py).
            "BACKEND": "danvan.core.rediscache.RedisCache",
            "LOCATION": redis_cache,
            # Several deployments (or test runs) may share one Redis: each keeps to its own keys.
            "KEY_PREFIX": os.environ.get("DANVAN_CACHE_KEY_PREFIX", ""),
            # A Redis that stops answering fails a request in seconds instead of holding a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
# The public portal's page cache (core/pagecache.py): its own alias, so page entries never push the rate
# limits out. Entries are invalidated at once by the writes that change them, carry the day in their key
# and end at a scheduled post's time; DANVAN_PUBLIC_CACHE_SECONDS is only the last safety net (0 turns the
# page cache off).
DANVAN_PUBLIC_CACHE_SECONDS = int(os.environ.get("DANVAN_PUBLIC_CACHE_SECONDS", "300"))
if redis_cache:
    # After the deployment's own prefix: two deployments on one Redis never serve each other's pages.
    _prefix = CACHES["default"]["KEY_PREFIX"]
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": f"{_prefix}:pages" if _prefix else "pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
# Behind nginx, the client's address is in X-Forwarded-For; trust it only when a proxy sets it.
DANVAN_TRUST_X_FORWARDED_FOR = env_bool("DANVAN_TRUST_X_FORWARDED_FOR")
# …and only from these peers (nginx's addresses or networks, e.g. "10.0.0.5,10.0.1.0/24"); empty: any.
DANVAN_TRUSTED_PROXIES = env_list("DANVAN_TRUSTED_PROXIES", "")

# --- Beyond one machine (docs/DEPLOY.md): several gunicorn nodes share sessions, media and replicas ---
# Sessions: in the database by default. With Redis, "cached_db": read from Redis on every node, written
# through to the database, so a Redis restart signs nobody out; "cache" keeps them in Redis only.
_session_engine = os.environ.get("DANVAN_SESSION_ENGINE", "cached_db" if redis_cache else "db")
if _session_engine not in {"db", "cached_db", "cache"}:
    raise ValueError("DANVAN_SESSION_ENGINE: db, cached_db or cache")
SESSION_ENGINE = f"django.contrib.sessions.backends.{_session_engine}"
# Uploaded and generated files on an S3-compatible bucket shared by every node (core/storage.py).
if _s3 := s3_storage(os.environ):
    STORAGES["default"] = _s3
    # Pages show announcement photos and bulletin audio from the bucket's signed addresses.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(s3_origin(os.environ))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = ["'self'", s3_origin(os.environ)]
# A PostgreSQL streaming replica for the public portal's anonymous reads (core/replicas.py): the
# router sends them there unless it lags more than DANVAN_REPLICA_MAX_LAG_SECONDS; everything else
# (staff, writes, tracking by code, anything in a transaction) reads the primary.
if replica_url := os.environ.get("DANVAN_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        replica_url,
        conn_max_age=int(os.environ.get("DANVAN_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests cannot stream to a second database: there the replica is the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["danvan.core.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "danvan.core.replicas.ReplicaReadMiddleware",
    )
DANVAN_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DANVAN_REPLICA_MAX_LAG_SECONDS", "2"))

# Legal rules not confirmed in the official text: each replaces one field of a registry entry
# (danvan/law/entries.py; docs/LEGAL.md says why each is unconfirmed). Unset: the registry's default.
if os.environ.get("DANVAN_COMPLAINT_ACCEPT_DAYS"):  # 10 by the Law; 7 if the 2026 decree is confirmed
    DANVAN_COMPLAINT_ACCEPT_DAYS = int(os.environ["DANVAN_COMPLAINT_ACCEPT_DAYS"])
if os.environ.get("DANVAN_COMPLAINT_ACCEPT_WORKING"):
    DANVAN_COMPLAINT_ACCEPT_WORKING = env_bool("DANVAN_COMPLAINT_ACCEPT_WORKING")
DANVAN_PETITION_PROCESS_WORKING_DAYS = env_bool("DANVAN_PETITION_PROCESS_WORKING_DAYS", True)
DANVAN_COMPLAINT_DAYS_ARE_WORKING = env_bool("DANVAN_COMPLAINT_DAYS_ARE_WORKING", False)
DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS = int(os.environ.get("DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS", "15"))
# Commune policy, not law (petitions/rules.py): a hotspot is this many petitions on one field in one
# village within this many days.
DANVAN_HOTSPOT_MIN_PETITIONS = int(os.environ.get("DANVAN_HOTSPOT_MIN_PETITIONS", "3"))
DANVAN_HOTSPOT_WINDOW_DAYS = int(os.environ.get("DANVAN_HOTSPOT_WINDOW_DAYS", "30"))

EMAIL_BACKEND = os.environ.get("DANVAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Messages to people (comms/outbox.py): links in them start with the site's public address. Each
# channel's sender is a class (comms/senders/): the log sender until the province's gateway is set.
DANVAN_SITE_URL = os.environ.get("DANVAN_SITE_URL", "").rstrip("/")
DANVAN_SENDERS = {
    channel: path
    for channel, path in (
        ("sms", os.environ.get("DANVAN_SMS_SENDER", "")),
        ("zalo", os.environ.get("DANVAN_ZALO_SENDER", "")),
        ("email", os.environ.get("DANVAN_EMAIL_SENDER", "")),
    )
    if path
}
# The older setting: a function `(phone, text) -> None`; still sends SMS when DANVAN_SMS_SENDER is unset.
DANVAN_PHONE_SENDER = os.environ.get("DANVAN_PHONE_SENDER", "")
DANVAN_PHONE_CHANNEL = os.environ.get("DANVAN_PHONE_CHANNEL", "sms")  # or "zalo"
DANVAN_SMS_GATEWAY = os.environ.get("DANVAN_SMS_GATEWAY", "")  # JSON, see comms/senders/http_sms.py
DANVAN_ZALO = os.environ.get("DANVAN_ZALO", "")  # JSON, see comms/senders/zalo.py
# Nothing non-urgent is sent between these local hours (start, end), nor past a daily cap per person.
DANVAN_QUIET_HOURS = tuple(int(h) for h in os.environ.get("DANVAN_QUIET_HOURS", "21,7").split(","))
DANVAN_MESSAGES_PER_RECIPIENT_PER_DAY = int(os.environ.get("DANVAN_MESSAGES_PER_RECIPIENT_PER_DAY", "5"))
DEFAULT_FROM_EMAIL = os.environ.get("DANVAN_FROM_EMAIL", "Dân Vận Số <khong-tra-loi@danvan.local>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANVAN_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- API (REST framework, OpenAPI) ---
# Staff tools call /api/v1/ with a key bound to a staff account ("Authorization: Api-Key <key>") or
# with their session; Open311 clients post to /open311/v2/ with their own key (see danvan/api/).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "danvan.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Per client address as the public forms count it (core.ratelimit.client_ip: X-Forwarded-For only
    # from DANVAN_TRUSTED_PROXIES), so DRF's NUM_PROXIES is left unset (api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "danvan.api.throttling.ApiKeyThrottle",
        "danvan.api.throttling.SessionUserThrottle",
        "danvan.api.throttling.AnonymousThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_key": os.environ.get("DANVAN_API_KEY_RATE", "1200/minute"),
        "user": os.environ.get("DANVAN_API_USER_RATE", "600/minute"),
        "anon": os.environ.get("DANVAN_API_ANON_RATE", "60/minute"),
        "open311_post": os.environ.get("DANVAN_OPEN311_POST_RATE", "30/minute"),
    },
    "EXCEPTION_HANDLER": "danvan.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Dân Vận Số — API",
    "DESCRIPTION": (
        "API cho công cụ của cán bộ xã (đơn thư: danh sách, chi tiết, các bước xử lý theo quy định, "
        "tệp đính kèm, đơn trùng, điểm nóng, lĩnh vực, tra cứu theo mã) và Open311 GeoReport v2 cho "
        "ứng dụng phản ánh hiện trường. "
        "Xác thực: tiêu đề `Authorization: Api-Key <khóa>` (khóa do quản trị hệ thống cấp) hoặc phiên "
        'đăng nhập. Lỗi trả về dạng JSON `{"error": {"code", "message", "field"}}`; lỗi Open311 theo '
        "định dạng GeoReport v2. Thông tin người tố cáo không bao giờ có trong kết quả API."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/(api/v1|open311/v2)",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "ENUM_NAME_OVERRIDES": {
        "PetitionKindEnum": "danvan.petitions.models.Petition.Kind",
        "ClassifyKindEnum": "danvan.api.serializers.CLASSIFY_KINDS",
        "PetitionChannelEnum": "danvan.petitions.models.Petition.Channel",
        "StaffChannelEnum": "danvan.api.serializers.STAFF_CHANNELS",
        "PetitionStatusEnum": "danvan.petitions.models.Petition.Status",
        "HotspotStatusEnum": "danvan.petitions.models.HotspotAlert.Status",
    },
}
# --- end API ---
