"""Settings for the OGP news site, read from the environment (see .env.example)."""

import hashlib
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=true for local development.")
    # Only ever used with DEBUG on, so it signs nothing that matters.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Open Government Local")
# The site's public address, for absolute links in emails; localhost only ever with DEBUG on.
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "")
if not WAGTAILADMIN_BASE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set BASE_URL to the site's public address (e.g. https://news.example.org), "
            "or DEBUG=true for local development."
        )
    WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "core",
    "articles",
    "comments",
    "wordpress_import",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locale admin, aware of wagtail-localize
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_comments_xtd",
    "django_comments",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    "mailer",
]

MIDDLEWARE = [
    # Before anything can read a form body that Django would refuse again on every read.
    "core.middleware.RequireUTF8FormsMiddleware",
    # Then, so that a cached page is answered before anything else runs (core/cache.py).
    "core.cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language comes from the URL prefix (/es/, /fr/; none for English).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wordpress_import.middleware.WordPressShortlinkMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost, so it sees a view's "database is locked" first (core/errors.py).
    "core.errors.DatabaseBusyMiddleware",
]

# Django's technical error pages replace the site's own whenever DEBUG is on; `make run` shows
# readers the designed 404 and 500 pages unless DEBUG_ERROR_PAGES asks for Django's.
DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES")
if DEBUG and not DEBUG_ERROR_PAGES:
    MIDDLEWARE.append("core.middleware.DesignedErrorPagesMiddleware")

ROOT_URLCONF = "ogp_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "ogp_site.wsgi.application"

if not os.environ.get("DATABASE_URL"):
    # The embedded default keeps its SQLite file in var/ (git-ignored), made on first use.
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for several writers at once (docs/deploy.md, "SQLite"): readers never wait for a
    # writer (WAL); a write transaction takes the lock when it begins (IMMEDIATE), so it waits
    # its turn for up to `timeout` seconds instead of failing halfway; a write that still
    # cannot get the lock answers 503 (core/errors.py). Health checks are for servers.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "5")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA wal_autocheckpoint=1000",
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # Tests get a file too (not an in-memory database), so that live-server tests lock for
    # real; in shared memory where there is some (as fast), named after this checkout.
    test_db_dir = Path("/dev/shm") if Path("/dev/shm").is_dir() else BASE_DIR / "var"
    test_db_dir.mkdir(exist_ok=True)
    checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:12]
    DATABASES["default"]["TEST"] = {"NAME": str(test_db_dir / f"ogp-test-{checkout}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ogp",
            "OPTIONS": {
                # A Redis outage degrades to "no cache" instead of 500s.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# When Redis is down the site serves uncached and says so in the log.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages readers can choose; English is the default and its URLs have no prefix.
LANGUAGES = [("en-gb", "English"), ("es", "Español"), ("fr", "Français")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Our own catalogues (locale/<lang>/LC_MESSAGES/django.po, compiled .mo files shipped in git).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Serve MEDIA_ROOT from Django (development, demo and single-machine installs).
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
# Media on S3-compatible object storage when a bucket is named (pip install ".[s3]"), so that
# app servers keep no state; otherwise on local disk under MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = False
AWS_S3_FILE_OVERWRITE = False
STORAGES = {
    "default": {
        "BACKEND": (
            "storages.backends.s3.S3Storage"
            if AWS_STORAGE_BUCKET_NAME
            else "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Requests only queue emails (django-mailer); `manage.py send_queued_mail` sends them through
# MAILER_EMAIL_BACKEND and retries what the mail server did not take (comments/mail_queue.py).
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# The queue holds each message until it is sent; the log keeps no copy of what readers wrote.
MAILER_EMAIL_LOG_MESSAGE_DATA = False
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "news@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SITE_ID = 1

# Wagtail
# Search: Wagtail's database backend. On PostgreSQL each language is stemmed by its own rules
# (core/search.py); the per-language entries only read, "default" keeps the index up to date.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "core.search", "SEARCH_CONFIG": "english"},
        **{
            code: {"BACKEND": "core.search", "SEARCH_CONFIG": config, "AUTO_UPDATE": False}
            for code, config in (("es", "spanish"), ("fr", "french"))
        },
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "docx", "xlsx", "odt", "ods", "txt"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Comments (django-comments-xtd on django-contrib-comments)
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_CONFIRM_EMAIL = False
# The deepest nesting the model allows; the reply depth readers see is a site setting (0-5).
COMMENTS_XTD_MAX_THREAD_LEVEL = 5
COMMENTS_XTD_SALT = os.environ.get("COMMENTS_XTD_SALT", "")
if not COMMENTS_XTD_SALT:
    if not DEBUG:
        raise ImproperlyConfigured("Set COMMENTS_XTD_SALT, or DEBUG=true for local development.")
    COMMENTS_XTD_SALT = "dev-only-comments-salt"
COMMENTS_XTD_SALT = COMMENTS_XTD_SALT.encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_MODEL = "comments.models.ArticleComment"
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENT_MAX_LENGTH = 3000
COMMENTS_TIMEOUT = 2 * 60 * 60  # a comment form older than this must be sent again
# Per-IP limit on stored comments: COMMENTS_RATE_LIMIT comments per COMMENTS_RATE_PERIOD seconds.
COMMENTS_RATE_LIMIT = int(os.environ.get("COMMENTS_RATE_LIMIT", "5"))
COMMENTS_RATE_PERIOD = int(os.environ.get("COMMENTS_RATE_PERIOD", "600"))
# Who gets an email for each held comment; empty means every user with the moderation permission.
COMMENTS_MODERATOR_EMAILS = env_list("COMMENTS_MODERATOR_EMAILS")
# How long the signed one-click approve/spam links in those emails stay valid, in seconds.
COMMENTS_QUICK_LINK_MAX_AGE = int(os.environ.get("COMMENTS_QUICK_LINK_MAX_AGE", str(7 * 24 * 3600)))
# Days a comment's IP address is kept for spam and abuse checks; `manage.py clear_comment_ips`
# (run daily) clears older ones. The privacy notice states this period.
COMMENTS_IP_RETENTION_DAYS = int(os.environ.get("COMMENTS_IP_RETENTION_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The daily IP clean-up says how many addresses it cleared.
        "comments.retention": {"level": "INFO"},
    },
}

# Security. SECURE_HTTPS says the site is served over HTTPS (on by default in production);
# turn it off only for a plain-HTTP server on a private machine, such as `make serve`.
SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)
# How many reverse proxies in front of the site append to X-Forwarded-For; 0 trusts only
# REMOTE_ADDR. Sign-in lockouts, comment rate limits and comment records all use it (core/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if SECURE_HTTPS else 0
# Subdomains and the browsers' preload list bind the organisation's whole domain, for years:
# opt in only when every subdomain is served over HTTPS. The deploy check is told so.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = SECURE_HTTPS and env_bool("SECURE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SECURE_HTTPS
# The CSRF cookie stays readable by forms only through the page; no script needs it.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy for the public site: nothing inline runs, nothing loads from elsewhere
# (editors' video embeds excepted). The Wagtail admin sets its own rules.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures, that user name
# and, separately, that address are locked out for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The database keeps the counts: a lockout must hold when Redis is down (axes' cache handler
# fails open, with 500s, when the cache does).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

# Uploads: images are decoded by Pillow with a pixel cap against decompression bombs.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Only PDFs open in the browser; every other document downloads as an attachment.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# Anonymous full-page cache (core/cache.py): seconds a page stays in the cache, and whether
# shared caches (a CDN) may keep public pages, which is safe only with purging configured.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)

# Purge sets name each language's URLs themselves (articles/purging.py); Wagtail would
# otherwise copy every URL into every language, addresses that do not exist.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Optional CDN purge through Wagtail's frontend cache app.
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
if FRONTEND_CACHE_PURGE_URL or CLOUDFLARE_ZONE_ID:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {}
    if FRONTEND_CACHE_PURGE_URL:
        WAGTAILFRONTENDCACHE["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    if CLOUDFLARE_ZONE_ID:
        WAGTAILFRONTENDCACHE["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": CLOUDFLARE_ZONE_ID,
        }
