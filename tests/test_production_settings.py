"""The demo intranet's production settings (``intranet/settings/production.py``): Django's
deployment check finds nothing, they refuse to start without their secrets, and every
response carries the Content-Security-Policy, with nothing inline allowed on public pages.
The same policy in a browser: tests/browser/test_production_csp.py."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from .production_helpers import (
    EXAMPLE_SITE,
    UNSAFE_SOURCE,
    policy_directives,
    production_environment,
    production_security_over_http,
)

REPOSITORY = Path(__file__).resolve().parents[1]


def manage(args, environment):
    """``manage.py`` in a process of its own, with only ``environment`` as its settings'
    environment (not the test run's DATABASE_URL or settings module)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "WAGTAILADMIN_"))
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE_SITE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "extra_environment",
    [{}, {"DJANGO_BEHIND_TLS_PROXY": "true", "DJANGO_HSTS_PRELOAD": "false"}],
    ids=["defaults", "behind-a-proxy-without-preload"],
)
def test_the_deployment_check_reports_nothing(tmp_path, extra_environment):
    environment = production_environment(tmp_path / "db.sqlite3") | extra_environment

    result = manage(["check", "--deploy", "--fail-level", "DEBUG"], environment)

    assert result.returncode == 0, result.stderr
    silenced = "1 silenced" if extra_environment.get("DJANGO_HSTS_PRELOAD") else "0 silenced"
    assert result.stdout.strip() == f"System check identified no issues ({silenced}).", (
        result.stdout + result.stderr
    )


def test_the_deployment_check_would_report_a_weak_setting(tmp_path):
    """The check itself: a short secret key is reported and fails the command."""
    environment = production_environment(tmp_path / "db.sqlite3") | {
        "DJANGO_SECRET_KEY": "too-short"
    }

    result = manage(["check", "--deploy", "--fail-level", "WARNING"], environment)

    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without_a_required_variable(tmp_path, missing):
    environment = production_environment(tmp_path / "db.sqlite3")
    del environment[missing]

    result = manage(["check"], environment)

    assert result.returncode != 0
    assert f"ImproperlyConfigured: Set the environment variable {missing}" in result.stderr


@pytest.fixture
def production_security(tmp_path):
    with override_settings(**production_security_over_http(tmp_path)):
        yield


@pytest.mark.django_db
def test_public_pages_allow_nothing_inline_and_nothing_from_elsewhere(
    client, production_security, home_page
):
    response = client.get("/")

    assert response.status_code == 200
    directives = policy_directives(response["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert not UNSAFE_SOURCE.search(response["Content-Security-Policy"])
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_admin_adds_inline_script_and_style_and_nothing_else(admin_client, production_security):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    directives = policy_directives(header)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert not UNSAFE_SOURCE.search(header.replace(" 'unsafe-inline'", ""))


def test_a_preview_is_the_public_policy_framed_by_its_own_site(production_security, rf):
    """Wagtail renders a preview for a made-up request to the page's address, marked
    ``is_preview``, and the editor shows it in an iframe (the browser test opens one)."""
    from django.http import HttpResponse
    from intranet.csp import AdminCSPMiddleware

    middleware = AdminCSPMiddleware(lambda request: HttpResponse("<h1>Verdiene våre</h1>"))
    request = rf.get("/verdiene-vare/")
    request.is_preview = True

    directives = policy_directives(middleware(request)["Content-Security-Policy"])

    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]


@pytest.mark.django_db
def test_redirects_carry_the_policy_too(client, production_security):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "Content-Security-Policy" in response


# Every template of the package and of the demo site: what a strict policy would block.
INLINE_CODE = [
    ("an inline script", re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)),
    ("a style element", re.compile(r"<style\b", re.IGNORECASE)),
    ("a style attribute", re.compile(r"\sstyle\s*=", re.IGNORECASE)),
    ("an event-handler attribute", re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)),
    ("a javascript: address", re.compile(r"javascript:", re.IGNORECASE)),
    ("an external address", re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//""", re.I)),
]
TEMPLATE_FOLDERS = [
    REPOSITORY / "wagtail_employer" / "templates",
    EXAMPLE_SITE / "intranet" / "templates",
    EXAMPLE_SITE / "home" / "templates",
]


def test_no_template_has_inline_script_or_style():
    templates = sorted(
        path for folder in TEMPLATE_FOLDERS for path in folder.rglob("*.html") if path.is_file()
    )
    assert len(templates) > 40
    found = [
        f"{path.relative_to(REPOSITORY)}: {what}"
        for path in templates
        for what, pattern in INLINE_CODE
        if pattern.search(path.read_text())
    ]
    assert found == []
