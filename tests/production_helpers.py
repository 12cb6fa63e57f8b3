"""The demo intranet's production settings (``intranet/settings/production.py``) as the
tests use them: read with a made-up environment, and applied to the test settings over
plain HTTP."""

import importlib
import os
import re
import secrets
import sys
from pathlib import Path
from unittest import mock

EXAMPLE_SITE = Path(__file__).resolve().parents[1] / "example_site"
PRODUCTION_SETTINGS = "intranet.settings.production"


def production_environment(database_path):
    """What a municipality's server puts in the environment: a secret key as strong as
    Django's check asks for (50 characters, not Django's insecure default)."""
    return {
        "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "intranett.eksempel-kommune.no",
        "DATABASE_URL": f"sqlite:///{database_path}",
    }


def production_settings(tmp_path):
    """``intranet.settings.production`` as a module, imported with a made-up environment
    (and not left in ``sys.modules``, where Django never looks for it in the tests)."""
    with mock.patch.dict(os.environ, production_environment(tmp_path / "production.sqlite3")):
        sys.modules.pop(PRODUCTION_SETTINGS, None)
        try:
            return importlib.import_module(PRODUCTION_SETTINGS)
        finally:
            sys.modules.pop(PRODUCTION_SETTINGS, None)


# The production settings that a test server on plain HTTP cannot use: it would redirect
# every request to HTTPS, and a browser would never send the cookies back.
HTTPS_ONLY = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
# What the production settings send to browsers: the Content-Security-Policy (its middleware
# and policy exactly as production.py builds them) and the other security headers.
SECURITY_SETTINGS = (
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_HTTPONLY",
    "WAGTAIL_ENABLE_UPDATE_CHECK",
)


def production_security_over_http(tmp_path):
    """Settings for ``override_settings``: production's security settings but
    ``HTTPS_ONLY``. The middleware is production's own list, so django-zeal's N+1 guard of
    the test settings is not in it."""
    production = production_settings(tmp_path)
    assert all(getattr(production, name) is True for name in HTTPS_ONLY)
    return {name: getattr(production, name) for name in SECURITY_SETTINGS}


def policy_directives(header):
    """A Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


UNSAFE_SOURCE = re.compile(r"'unsafe-|\*|https?:|data:|blob:")
