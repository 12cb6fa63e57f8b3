"""The demo intranet's Content-Security-Policy, built in one place: the production settings
send it (``intranet/settings/production.py``), and the browser tests serve the demo under
exactly this policy (``tests/browser/test_production_csp.py``).

Public pages allow nothing inline and nothing from another origin: the package's and the
demo's templates have no inline script or style, no ``style`` attribute, no event-handler
attribute and nothing external. Wagtail's admin, under ``ADMIN_PREFIX``, gets the few
additions it needs (``ADMIN_ADDITIONS``); each one says why.

Django 5.2 has no Content-Security-Policy of its own, so django-csp 4 sends the header.
Django 6.0 brings ``django.middleware.csp.ContentSecurityPolicyMiddleware`` and
``SECURE_CSP``; moving to it means turning ``public_policy()`` into ``SECURE_CSP`` (same
directive names, ``django.utils.csp.CSP`` constants) and replacing ``AdminCSPMiddleware``
with a middleware that sets ``request._csp_config`` for the admin prefix.
"""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts

# Where the demo mounts Wagtail's admin (intranet/urls.py), and Django's admin.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

CSP_MIDDLEWARE = "intranet.csp.AdminCSPMiddleware"


def public_policy():
    """The directives every response carries; django-csp's ``CONTENT_SECURITY_POLICY``."""
    return {
        "DIRECTIVES": {
            # Anything not named below: this origin only.
            "default-src": [SELF],
            # Scripts and stylesheets from this origin's static files; no inline code.
            "script-src": [SELF],
            "style-src": [SELF],
            # Images from the media library and the static files.
            "img-src": [SELF],
            "font-src": [SELF],
            # The import progress page polls its status endpoint on this origin.
            "connect-src": [SELF],
            # No plugins, no <base> rewriting addresses, forms post to this origin only.
            "object-src": [NONE],
            "base-uri": [NONE],
            "form-action": [SELF],
            # No other site may frame a page (clickjacking), as X_FRAME_OPTIONS = "DENY"
            # says to browsers without CSP. Wagtail's preview is under the admin prefix.
            "frame-ancestors": [NONE],
        },
    }


# What Wagtail's admin adds to public_policy(), measured in the browser tests (Wagtail 8.0
# and 7.4): without these Chromium reports violations on the admin's pages.
ADMIN_ADDITIONS = {
    # The page editor previews the page in an iframe of the same origin (Wagtail's preview
    # views send X-Frame-Options: SAMEORIGIN themselves).
    "frame-ancestors": [SELF],
    "frame-src": [SELF],
}


def admin_policy():
    """public_policy() with ADMIN_ADDITIONS: what the admin prefixes send."""
    directives = {name: list(sources) for name, sources in public_policy()["DIRECTIVES"].items()}
    for name, sources in ADMIN_ADDITIONS.items():
        if name == "frame-ancestors":
            directives[name] = list(sources)
        else:
            directives[name] = [*directives.get(name, []), *sources]
    return directives


class AdminCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, sending admin_policy() under ADMIN_PREFIXES.

    A view's own django-csp decorator (``@csp_replace``, ``@csp_update``) still applies on
    top of either policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_PREFIXES)
        ):
            parts.config = admin_policy()
        return parts


def with_csp_middleware(middleware):
    """``middleware`` with the CSP middleware right after Django's SecurityMiddleware, so
    that every response, the redirects of the middleware below it included, carries it."""
    middleware = [name for name in middleware if name != CSP_MIDDLEWARE]
    position = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    return [*middleware[:position], CSP_MIDDLEWARE, *middleware[position:]]
