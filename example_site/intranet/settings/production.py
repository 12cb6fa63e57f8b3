"""Production settings of the demo intranet: a starting point for a municipality's own.

Everything secret or site-specific comes from the environment; the process refuses to start
without ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``. ``manage.py check --deploy``
reports nothing with these settings (tests/test_production_settings.py), and the demo's
pages work under their Content-Security-Policy (tests/browser/test_production_csp.py).
README: Production checklist.

Environment:
    DJANGO_SECRET_KEY          required; 50 or more random characters, never in git
    DJANGO_ALLOWED_HOSTS       required; comma-separated host names, e.g. intranett.kommune.no
    DATABASE_URL               required; postgres://user:password@host:5432/name
    WAGTAILADMIN_BASE_URL      the address in notification e-mails; default https:// + the
                               first allowed host
    DJANGO_STATIC_ROOT         where collectstatic writes; default <project>/static
    DJANGO_MEDIA_ROOT          uploaded images and documents; default <project>/media
    DJANGO_BEHIND_TLS_PROXY    "true" when a proxy or load balancer ends HTTPS (see below)
    DJANGO_HSTS_PRELOAD        "false" to leave the preload flag out of HSTS (see below)
    REDIS_URL                  a shared cache, e.g. redis://cache.intranet.internal:6379/1
    EMAIL_HOST                 the mail relay; default localhost
    DJANGO_FROM_EMAIL          sender of notifications; default intranett@<first host>
    DJANGO_LOG_LEVEL           default INFO
"""

import os

from django.core.exceptions import ImproperlyConfigured

from intranet.csp import public_policy, with_csp_middleware

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the environment variable {name}: the production settings do not guess it "
            "(README: Production checklist)."
        )
    return value


def _flag(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _required("DJANGO_ALLOWED_HOSTS").split(",")]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# PostgreSQL in production (SQLite has one writer at a time: README: Large imports).
# Connections are kept for a minute and checked before reuse.
import dj_database_url  # noqa: E402 - after reading the environment it needs

DATABASES = {
    "default": dj_database_url.parse(
        _required("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
    )
}

# The demo's home page lists the demo logins; a real intranet never shows them.
DEMO_HOME_PAGE_TOUR = False

# --- HTTPS -----------------------------------------------------------------------------
# Every request over HTTPS: plain HTTP is redirected.
SECURE_SSL_REDIRECT = True
# When a proxy or load balancer ends HTTPS and talks HTTP to Django, Django learns that the
# request was secure from the proxy's X-Forwarded-Proto header. Turn this on ONLY behind a
# proxy that sets that header on every request and strips it from clients; otherwise anyone
# can claim HTTPS with it. Without it behind such a proxy, SECURE_SSL_REDIRECT loops.
if _flag("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS: browsers that have seen the site use only HTTPS for it, for a year, and for its
# subdomains too. Once sent, it cannot be taken back before the year is out: serve every
# subdomain of the intranet's host over HTTPS first (or start with a few minutes).
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" only says the site consents to the browsers' built-in HTTPS list; nothing
# happens until someone submits the domain at hstspreload.org, which only takes a
# registrable domain (kommune.no, not intranett.kommune.no) and applies to all of it.
# Set DJANGO_HSTS_PRELOAD=false to leave it out (then also silence security.W021).
SECURE_HSTS_PRELOAD = _flag("DJANGO_HSTS_PRELOAD", default=True)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Cookies ---------------------------------------------------------------------------
# Session and CSRF cookies only over HTTPS; the session cookie out of JavaScript's reach
# (Django's default, said here so nobody turns it off by accident).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True

# --- Headers ---------------------------------------------------------------------------
# No other site may frame a page. Wagtail's page preview frames pages of the same origin and
# sends SAMEORIGIN on its own preview views, so DENY is right for everything else.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Addresses of intranet pages (they may name units and people) do not leave the site.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (intranet/csp.py): nothing inline, nothing from another origin on
# public pages; the admin adds only what Wagtail's admin needs.
MIDDLEWARE = with_csp_middleware(MIDDLEWARE)  # noqa: F405
CONTENT_SECURITY_POLICY = public_policy()

# The admin's dashboard would ask releases.wagtail.org for Wagtail's latest version: an
# intranet contacts no other site (and the policy's connect-src would refuse it anyway).
# Upgrades are the municipality's own routine.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Static files and media --------------------------------------------------------------
# collectstatic writes hashed names (employer.3f2a….css), so a browser never runs an old
# stylesheet or script after an upgrade and static files can be cached for a year.
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "static"))  # noqa: F405
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# --- Cache -------------------------------------------------------------------------------
# One cache for all servers when there are several (README: Running on several servers);
# Django's Redis backend needs `pip install redis`.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Background tasks and e-mail ----------------------------------------------------------
# Without TASKS, large imports run in the request that confirms them; to run them on a
# worker, see README: Large imports in the background.
# Wagtail's moderation and comment notifications go through the site's mail relay.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get(
    "DJANGO_FROM_EMAIL", f"intranett@{ALLOWED_HOSTS[0]}"
)

# --- Logging -----------------------------------------------------------------------------
# Everything to standard error, where systemd's journal or the container runtime keeps it.
# django.security logs refused hosts and CSRF failures; django.request logs server errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["stderr"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        "wagtail_employer": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
