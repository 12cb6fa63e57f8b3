"""The demo intranet's Content-Security-Policy, built in one place: the production settings
send it (``intranet/settings/production.py``), and the browser tests serve the demo under
exactly this policy (``tests/browser/test_production_csp.py``).

Public pages allow nothing inline and nothing from another origin: the package's and the
demo's templates have no inline script or style, no ``style`` attribute, no event-handler
attribute and nothing external (tests/test_production_settings.py checks every template).
Wagtail's admin, under ``ADMIN_PREFIXES``, adds inline script and style, which it cannot do
without (``ADMIN_ADDITIONS`` says why); a page preview keeps the public policy and may be
framed by the admin (``preview_policy``).

Django 5.2 has no Content-Security-Policy of its own, so django-csp 4 sends the header.
Django 6.0 has one (``SECURE_CSP`` and ``ContentSecurityPolicyMiddleware``), but needs
Python 3.12; a project on it can give ``public_policy()``'s directives to ``SECURE_CSP``
and keep a middleware like ``AdminCSPMiddleware`` for the admin and previews.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Where the demo mounts Wagtail's admin (intranet/urls.py). Django's admin (/django-admin/)
# works under the public policy.
ADMIN_PREFIXES = ("/admin/",)

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
            # says to browsers without CSP. The editor's preview panel: preview_policy().
            "frame-ancestors": [NONE],
        },
    }


# What Wagtail's admin adds to public_policy(), measured in Chromium with Wagtail 8.0: without
# these the page explorer's filters, the page editor and its choosers are blocked. (The
# browser tests pass with them on Wagtail 7.4 too.)
ADMIN_ADDITIONS = {
    # Wagtail's form widgets start themselves with inline scripts (date choosers, snippet and
    # page choosers: <script>initDateChooser(...)</script>), and its modals insert HTML with
    # such scripts through jQuery. A hash per script is no way out: they carry field ids.
    "script-src": [UNSAFE_INLINE],
    # Wagtail's admin scripts (the page editor, StreamField, the rich text editor, the
    # date picker) insert <style> elements and style attributes.
    "style-src": [UNSAFE_INLINE],
}


def admin_policy():
    """public_policy() with ADMIN_ADDITIONS: what the admin prefixes send."""
    directives = {name: list(sources) for name, sources in public_policy()["DIRECTIVES"].items()}
    for name, sources in ADMIN_ADDITIONS.items():
        directives[name] = [*directives.get(name, []), *sources]
    return directives


def preview_policy():
    """public_policy() for a page or snippet preview, which the editor shows in an iframe of
    the admin (of the same origin; Wagtail's preview views send X-Frame-Options: SAMEORIGIN
    themselves): the page under its public policy, framed by its own site only."""
    directives = {name: list(sources) for name, sources in public_policy()["DIRECTIVES"].items()}
    directives["frame-ancestors"] = [SELF]
    return directives


class AdminCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, sending admin_policy() under ADMIN_PREFIXES and
    preview_policy() for previews.

    Wagtail renders a preview through the whole middleware chain once more, for a made-up
    request to the page's own address (``request.is_preview``); that inner response's
    policy is the one the browser gets. A view's own django-csp decorator (``@csp_replace``,
    ``@csp_update``) still applies on top of either policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            parts.config = preview_policy()
        elif request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = admin_policy()
        return parts


def with_csp_middleware(middleware):
    """``middleware`` with the CSP middleware right after Django's SecurityMiddleware, so
    that every response, the redirects of the middleware below it included, carries it."""
    middleware = [name for name in middleware if name != CSP_MIDDLEWARE]
    position = middleware.index("django.middleware.security.SecurityMiddleware") + 1
    return [*middleware[:position], CSP_MIDDLEWARE, *middleware[position:]]
