"""Samverka's settings, read from the environment (12-factor).

Two modes: development (the default; a generated secret key is kept in the
data folder) and production (``SAMVERKA_ENV=production``: ``SECRET_KEY`` and
``ALLOWED_HOSTS`` are required, HTTPS is enforced, ``check --deploy`` passes).
"""

import datetime
import hashlib
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samverka.lib.env import env_bool, env_int, env_list, env_pairs, env_str
from samverka.lib.secret import load_or_create_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent

ENVIRONMENT = env_str("SAMVERKA_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"SAMVERKA_ENV must be development or production, not {ENVIRONMENT!r}")
PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env_str("SAMVERKA_DATA_DIR", str(Path.cwd() / "data"))).resolve()

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY is required in production")
else:
    SECRET_KEY = env_str("SECRET_KEY") or load_or_create_secret_key(DATA_DIR / "secret_key")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "corsheaders",
    "djangosaml2",
    "mozilla_django_oidc",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "samverka.core",
    "samverka.access",
    "samverka.privacy",
    "samverka.api",
    "samverka.search",
    "samverka.directory",
    "samverka.partnerships",
    "samverka.activities",
    "samverka.news",
    "samverka.interactions",
    "samverka.governance",
    "samverka.followup",
    "samverka.ideas",
    "samverka.imports",
    "samverka.public",
    "samverka.workspace",
    "samverka.demo",
    "samverka.benchmark",
    "samverka.backup",
]

MIDDLEWARE = [
    *(
        ["samverka.core.middleware.QueryCountMiddleware"]
        if env_bool("SAMVERKA_QUERY_COUNT_HEADER", False)
        else []
    ),
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Each institution's public pages at /<short name>/ or its own host name, then their cache.
    "samverka.core.middleware.PublicSiteMiddleware",
    # CORS on the public data, outside the cache so a cached answer gets it for every origin.
    "corsheaders.middleware.CorsMiddleware",
    "samverka.core.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The SAML exchange's own cookie (SameSite=None): the identity provider posts back cross-site.
    "samverka.access.saml.SamlCookieMiddleware",
    "samverka.core.middleware.BaseUrlWarningMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverka.access.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out log-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverka.urls"
WSGI_APPLICATION = "samverka.wsgi.application"

FORM_RENDERER = "samverka.core.forms.FormRenderer"  # marks the fields that must be filled in
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
                "samverka.core.context_processors.workspace",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'samverka.sqlite3'}"
# Connections are kept between requests (one per worker thread) on both databases:
# opening SQLite and its PRAGMAs on every request cost more than most pages' queries.
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE avoids
        # "database is locked" upgrades inside transactions.
        # mmap: reads come from the OS page cache without a system call per page.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache -----------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every server); otherwise SAMVERKA_CACHE
# chooses "locmem" (one process: runserver, tests; the default) or "file" (shared
# by the workers of one machine; what `samverka serve` uses without Redis).
REDIS_URL = env_str("REDIS_URL")
# Two databases never share cached pages, even in one Redis or one data folder.
_CACHE_PREFIX = "samverka-" + hashlib.sha256(DATABASE_URL.encode()).hexdigest()[:12]
CACHE_KIND = "redis" if REDIS_URL else env_str("SAMVERKA_CACHE", "locmem")
if CACHE_KIND == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _CACHE_PREFIX,
        }
    }
elif CACHE_KIND == "file":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "KEY_PREFIX": _CACHE_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
elif CACHE_KIND == "locmem":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    raise ImproperlyConfigured(f"SAMVERKA_CACHE must be locmem or file, not {CACHE_KIND!r}")
SAMVERKA_PAGE_CACHE_SECONDS = env_int("SAMVERKA_PAGE_CACHE_SECONDS", 600)

# --- authentication -------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:start"
LOGOUT_REDIRECT_URL = "login"
# A session lasts a working day from log-in, then the user logs in again.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out log-in before the password is checked
    "django.contrib.auth.backends.ModelBackend",
    "samverka.access.saml.SamlBackend",
    "samverka.access.oidc.OidcBackend",
]
# Lock-out: this many failed log-ins of one user name from one address lock that
# pair out for the cool-off time; a successful log-in starts the count again.
AXES_FAILURE_LIMIT = env_int("SAMVERKA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SAMVERKA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Proxies in front of Samverka that append to X-Forwarded-For (nginx: 1, docs/install.md); the
# client's address is the one the outermost saw (core.audit.client_address), for lock-outs too.
SAMVERKA_TRUSTED_PROXIES = env_int("SAMVERKA_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "samverka.core.audit.client_address"
# --- single sign-on (docs/access.md, "Single sign-on") ---
# The address users reach Samverka at: SAML's entity id and endpoints are made from it.
SAMVERKA_BASE_URL = env_str("SAMVERKA_BASE_URL", "http://127.0.0.1:8000")
# The institution SSO users belong to (slug; empty: the first), and the role each affiliation gives.
SAMVERKA_SSO_INSTITUTION = env_str("SAMVERKA_SSO_INSTITUTION")
SAMVERKA_SSO_AFFILIATION_ROLES = env_pairs(
    "SAMVERKA_SSO_AFFILIATION_ROLES", {"employee": "staff", "staff": "staff", "faculty": "staff"}
)
# SAML 2.0: on when the identity provider's (or federation's) metadata file is given.
SAMVERKA_SAML_IDP_METADATA = env_str("SAMVERKA_SAML_IDP_METADATA")
SAMVERKA_SAML_KEY_FILE = env_str("SAMVERKA_SAML_KEY_FILE", str(DATA_DIR / "saml" / "sp.key"))
SAMVERKA_SAML_CERT_FILE = env_str("SAMVERKA_SAML_CERT_FILE", str(DATA_DIR / "saml" / "sp.crt"))
# The service provider's metadata as a federation (SWAMID) registers it (docs/install.md). The
# organisation is the SSO institution's name and website unless these say otherwise.
SAMVERKA_SAML_ORGANIZATION_NAME_SV = env_str("SAMVERKA_SAML_ORGANIZATION_NAME_SV")
SAMVERKA_SAML_ORGANIZATION_NAME_EN = env_str("SAMVERKA_SAML_ORGANIZATION_NAME_EN")
SAMVERKA_SAML_ORGANIZATION_URL = env_str("SAMVERKA_SAML_ORGANIZATION_URL")
# Function addresses ("Name <address>" or an address), not a person's: SWAMID requires a
# technical or support contact; the security contact answers incidents (REFEDS Sirtfi).
SAMVERKA_SAML_TECHNICAL_CONTACT = env_str("SAMVERKA_SAML_TECHNICAL_CONTACT")
SAMVERKA_SAML_SUPPORT_CONTACT = env_str("SAMVERKA_SAML_SUPPORT_CONTACT")
SAMVERKA_SAML_SECURITY_CONTACT = env_str("SAMVERKA_SAML_SECURITY_CONTACT")
# What the federation's identity providers release by: REFEDS Research & Scholarship (the
# person's name, e-mail, eduPersonPrincipalName and eduPersonScopedAffiliation) and the
# REFEDS Data Protection Code of Conduct.
SAMVERKA_SAML_ENTITY_CATEGORIES = env_list(
    "SAMVERKA_SAML_ENTITY_CATEGORIES",
    [
        "http://refeds.org/category/research-and-scholarship",
        "https://refeds.org/category/code-of-conduct/v2",
    ],
)
SAML_CONFIG_LOADER = "samverka.access.saml.saml_config"
SAML_DJANGO_USER_MAIN_ATTRIBUTE = "username"
SAML_CREATE_UNKNOWN_USER = True
SAML_ATTRIBUTE_MAPPING = {
    "eduPersonPrincipalName": ("username",),
    "mail": ("email",),
    "givenName": ("first_name",),
    "sn": ("last_name",),
}
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_SAMESITE = "None"
ACS_DEFAULT_REDIRECT_URL = "/app/"
# OpenID Connect (authorization code flow with PKCE): on when the client id and endpoints are given.
OIDC_RP_CLIENT_ID = env_str("SAMVERKA_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("SAMVERKA_OIDC_CLIENT_SECRET")
# The provider's discovery document (…/.well-known/openid-configuration; for Entra ID
# https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration) gives its
# issuer and endpoints. Without one, the issuer and the four endpoints below are given one by one.
SAMVERKA_OIDC_DISCOVERY_URL = env_str("SAMVERKA_OIDC_DISCOVERY_URL")
SAMVERKA_OIDC_ISSUER = env_str("SAMVERKA_OIDC_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("SAMVERKA_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("SAMVERKA_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("SAMVERKA_OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("SAMVERKA_OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_TIMEOUT = 10  # seconds to wait for the provider's token and key endpoints
OIDC_RP_SCOPES = env_str("SAMVERKA_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
SAMVERKA_OIDC_ROLE_CLAIM = env_str("SAMVERKA_OIDC_ROLE_CLAIM", "roles")
OIDC_AUTHENTICATE_CLASS = "samverka.access.oidc.OidcStartView"
OIDC_CALLBACK_CLASS = "samverka.access.oidc.OidcCallbackView"

# Two-factor authentication (TOTP) is required of administrators (and superusers).
SAMVERKA_REQUIRE_TWO_FACTOR_FOR_ADMINS = env_bool("SAMVERKA_REQUIRE_TWO_FACTOR_FOR_ADMINS", True)
OTP_TOTP_ISSUER = "Samverka"

# --- e-mail -----------------------------------------------------------------
# Development prints e-mails on the console; production sends them by SMTP.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start, usually on port 465
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)  # seconds to wait for the mail server
# The file back end (django.core.mail.backends.filebased.EmailBackend) writes each e-mail here.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samverka@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # the sender of error reports to ADMINS

# --- languages ------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
# Dates, times and numbers as each language writes them, one rule for both (samverka/formats).
FORMAT_MODULE_PATH = ["samverka.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("sv",)

# --- files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("SAMVERKA_MEDIA_DIR", str(DATA_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest document that can be uploaded (lib.uploads); the web server's own limit should match.
SAMVERKA_UPLOAD_MAX_MB = env_int("SAMVERKA_UPLOAD_MAX_MB", 20)
# Spreadsheet imports (docs/data.md): the largest file, and the most rows (empty ones count).
SAMVERKA_IMPORT_MAX_MB = env_int("SAMVERKA_IMPORT_MAX_MB", 50)
SAMVERKA_IMPORT_MAX_ROWS = env_int("SAMVERKA_IMPORT_MAX_ROWS", 200_000)
# Days an import's file and the rows shown from it are kept (`samverka retention --anonymise`).
SAMVERKA_IMPORT_KEEP_DAYS = env_int("SAMVERKA_IMPORT_KEEP_DAYS", 7)

# --- background work ------------------------------------------------------
# django-tasks: the database is the queue (``samverka db_worker`` runs it; `make run` starts one);
# SAMVERKA_TASKS=immediate runs each task at once in the process that queues it (the tests).
TASKS_KIND = env_str("SAMVERKA_TASKS", "database")
if TASKS_KIND not in ("database", "immediate"):
    raise ImproperlyConfigured(f"SAMVERKA_TASKS must be database or immediate, not {TASKS_KIND!r}")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_KIND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "samverka.core.staticfiles.StaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The health check answers over plain HTTP too: monitoring may ask gunicorn itself, behind nginx.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy: scripts, styles, images and fonts only from this site,
# no inline scripts or styles, no plug-ins, no framing, forms post only here.
# The public data (JSON, feeds, CSV, the embeddable list) may be fetched by any web page, e.g. a
# university's CMS; nothing else may (docs/api.md). Matched against the address within an
# institution's (``/umu/partnerskap/data.json`` is ``/partnerskap/data.json`` here).
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = (
    r"^/(en/)?(partnerskap|partnerships|alla-partnerskap|all-partnerships)/"
    r"([^/]+/)*[^/]+\.(json|rss|atom|csv|html)$"
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- the REST API (docs/api.md) ----------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",  # "Authorization: Token <token>", tokens stored hashed
        "rest_framework.authentication.SessionAuthentication",  # the browser, with CSRF
    ],
    "DEFAULT_PERMISSION_CLASSES": ["samverka.api.permissions.PolicyPermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["samverka.api.parsers.JSONObjectParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "samverka.api.base.json_errors",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(days=env_int("SAMVERKA_API_TOKEN_DAYS", 365)),
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "DESCRIPTION": "Strategic partnerships of Swedish universities: the same records and rules as the "
    "workspace. Authenticate with a personal API token (your account page) as "
    "`Authorization: Token <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several kinds have a "status": each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "PartnershipStatusEnum": "samverka.partnerships.models.PartnershipStatus",
        "ActivityStatusEnum": "samverka.activities.models.ActivityStatus",
        "ActionStatusEnum": "samverka.governance.models.ActionStatus",
        "AttendanceStatusEnum": "samverka.governance.models.AttendanceStatus",
        "AssessmentStatusEnum": "samverka.followup.models.AssessmentStatus",
        "SideEnum": "samverka.directory.models.Side",
        # draft → approved, for minutes and annual reports alike
        "ApprovalStatusEnum": "samverka.followup.models.ReportStatus",
        "IdeaStageEnum": "samverka.ideas.models.Stage",
        "InteractionKindEnum": "samverka.interactions.models.InteractionKind",
        # named as before a change got its own request component (``api.resources``)
        "AgendaItemOutcomeEnum": "samverka.governance.models.Outcome",
        "IdeaContactOutcomeEnum": "samverka.ideas.models.ContactOutcome",
        "ExpertProfileKindEnum": "samverka.ideas.models.ProfileKind",
        "IdeaKindEnum": "samverka.ideas.models.IdeaKind",
        "ResourceCommitmentKindEnum": "samverka.followup.models.ResourceKind",
        "PersonSourceEnum": "samverka.directory.models.DataSource",
        "UnitKindEnum": "samverka.directory.models.UnitKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samverka.api.schema.add_error_responses",
        "samverka.api.schema.require_the_version",
    ],
}

# --- logging ----------------------------------------------------------------
# Logs go to the standard error; under systemd (JOURNAL_STREAM) in the journal's own form, with
# each line's priority (samverka.lib.logs). No personal data is logged: user names, addresses and
# e-mail are kept in the audit trail, where access to them is controlled.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "journal": {"()": "samverka.lib.logs.JournalFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "journal" if env_str("JOURNAL_STREAM") else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Samverka ---------------------------------------------------------------
# The public pages show this institution (slug); empty means the only one.
SAMVERKA_PUBLIC_INSTITUTION = env_str("SAMVERKA_PUBLIC_INSTITUTION")
SAMVERKA_PAGE_SIZE = env_int("SAMVERKA_PAGE_SIZE", 25)
# The plain-page floor of `samverka bench` (benchmark/views.py): served only for a benchmark.
SAMVERKA_BENCH_FLOORS = env_bool("SAMVERKA_BENCH_FLOORS", False)
# Ideas the public form takes from one address: "5/h" is five an hour ("20/d", "3/10m").
SAMVERKA_IDEA_RATE = env_str("SAMVERKA_IDEA_RATE", "5/h")
if not re.fullmatch(r"[1-9][0-9]*/[1-9]?[0-9]*[smhd]", SAMVERKA_IDEA_RATE):
    raise ImproperlyConfigured(f"SAMVERKA_IDEA_RATE must be like 5/h or 20/d, not {SAMVERKA_IDEA_RATE!r}")
# Rebuild a matchmaking index in the background after the records change, ranking by the one held
# meanwhile (docs/ideas.md); off: the first suggestions after a change wait for the new index.
SAMVERKA_IDEA_INDEX_BACKGROUND = env_bool("SAMVERKA_IDEA_INDEX_BACKGROUND", True)
# An embedding function for semantic matching beside the lexical (docs/ideas.md); empty: lexical only.
SAMVERKA_IDEA_EMBEDDINGS = env_str("SAMVERKA_IDEA_EMBEDDINGS", "")
# GDPR: people kept "while taking part" are anonymised this many years after their last
# involvement (samverka retention); the data protection officer's address for the notices.
SAMVERKA_RETENTION_YEARS = env_int("SAMVERKA_RETENTION_YEARS", 2)
SAMVERKA_DPO_EMAIL = env_str("SAMVERKA_DPO_EMAIL", "dataskyddsombud@example.se")
# Where the accessibility statement (public/accessibility.py) asks people to write.
SAMVERKA_ACCESSIBILITY_EMAIL = env_str("SAMVERKA_ACCESSIBILITY_EMAIL", "tillganglighet@example.se")
# An invitation's link works once, for this many days.
SAMVERKA_INVITATION_DAYS = env_int("SAMVERKA_INVITATION_DAYS", 14)
# `samverka remind` e-mails owners of open actions overdue or due within this many days.
SAMVERKA_REMINDER_DAYS = env_int("SAMVERKA_REMINDER_DAYS", 7)
# Lists count matches up to this many and page through at most these (core.pagination).
SAMVERKA_COUNT_LIMIT = env_int("SAMVERKA_COUNT_LIMIT", 10_000)
