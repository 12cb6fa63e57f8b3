"""The demo intranet in a browser under the production settings' Content-Security-Policy
and security headers (``intranet/settings/production.py``, applied over plain HTTP without
the HTTPS-only settings): every public page type works with nothing inline allowed, and so
does a background survey import's progress page in the admin, with no console error and no
policy violation anywhere. (A module of its own: it serves its own demo under those
settings, and it writes a read confirmation and an import.)"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from tests.production_helpers import UNSAFE_SOURCE, policy_directives, production_security_over_http

from .conftest import admin_login, log_in_as, screenshot

DEMO_SURVEY_FILES = Path(__file__).resolve().parents[2] / "example_site/home/demo/survey_files"
SIGNED_AGREEMENT = "/lederavtaler/lederavtale-2012-sykehjemmet-liv-leder/"

# Chromium reports each violation as a console error too; the listener also catches those
# a report would leave out (a blocked style attribute, for one), with what was blocked.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture(scope="module", autouse=True)
def production_security(tmp_path_factory):
    """Production's security settings for the whole module, from before its live server
    starts (the server builds its middleware once)."""
    with override_settings(**production_security_over_http(tmp_path_factory.mktemp("prod"))):
        yield


class WatchedPage:
    """A browser tab that records console errors, uncaught errors and CSP violations."""

    def __init__(self, page):
        self.page = page
        self.errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.add_init_script(RECORD_VIOLATIONS)

    def goto(self, path):
        response = self.page.goto(path)
        assert response.status == 200, path
        assert_strict_policy(response, path)
        return response

    def problems(self):
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate("window.__cspViolations || []")
        return self.errors + violations


def assert_strict_policy(response, path):
    """Public pages: nothing inline, nothing from elsewhere, never framed. The admin: the
    same but inline script and style (intranet/csp.py: ADMIN_ADDITIONS)."""
    header = response.headers.get("content-security-policy")
    assert header, f"{path} has no Content-Security-Policy"
    directives = policy_directives(header)
    assert directives["default-src"] == ["'self'"], header
    assert directives["frame-ancestors"] == ["'none'"], header
    if urlsplit(path).path.startswith("/admin/"):
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"], header
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"], header
        header = header.replace(" 'unsafe-inline'", "")
    else:
        assert directives["script-src"] == ["'self'"], header
        assert directives["style-src"] == ["'self'"], header
    assert not UNSAFE_SOURCE.search(header), header


@pytest.fixture
def watched(demo_page):
    return WatchedPage(demo_page)


# (screenshot name, demo login or None, path, heading)
PUBLIC_PAGES = [
    ("home", None, "/", "Eksempel kommune"),
    ("values-page", None, "/verdiene-vare/", "Verdiene våre: REAL"),
    ("survey-results-page", None, "/medarbeiderundersokelsen/", "Medarbeiderundersøkelsen 2024"),
    ("strategy-page", None, "/arbeidsgiverstrategi/", "Arbeidsgiverstrategi for Grue kommune"),
    ("goal-hierarchy-page", None, "/sv/malhierarki/", "Från vision till lönekriterier"),
    ("workplace-page", None, "/nn/sunnhagen-barnehage/", "Sunnhagen barnehage"),
    ("content-page", None, "/ny-i-kommunen/", "Ny i Eksempel kommune"),
    (
        "content-page-survey-blocks",
        None,
        "/sykehjemmet-medarbeiderundersokelsen/",
        "Medarbeiderundersøkelsen på Sykehjemmet",
    ),
    ("agreement-index", "hr", "/lederavtaler/", "Lederavtaler"),
    (
        "agreement-page",
        "leder",
        SIGNED_AGREEMENT,
        "Lederavtale 2012: Sykehjemmet (Liv Leder)",
    ),
    (
        "agreement-print",
        "leder",
        SIGNED_AGREEMENT + "print/",
        "Lederavtale 2012: Sykehjemmet (Liv Leder)",
    ),
]


@pytest.mark.parametrize(
    ("name", "username", "path", "heading"), PUBLIC_PAGES, ids=[row[0] for row in PUBLIC_PAGES]
)
def test_public_page_works_under_the_production_policy(watched, name, username, path, heading):
    if username:
        log_in_as(watched.page, username, path)  # the userbar's script and styles load too
    watched.goto(path)
    assert watched.page.locator("h1").inner_text() == heading
    # The stylesheets applied: the package's layout, not the browser's defaults.
    assert watched.page.evaluate("document.styleSheets.length") >= 2
    screenshot(watched.page, f"production-csp-{name}")
    assert watched.problems() == []


def test_staff_confirm_reading_the_service_policy_under_the_production_policy(watched):
    log_in_as(watched.page, "ansatt", "/servicepolitikk/")
    watched.goto("/servicepolitikk/")
    watched.page.get_by_role("button", name="Jeg har lest dette").click()
    watched.page.wait_for_url("**/servicepolitikk/#we-read-confirmation")
    assert "Du bekreftet" in watched.page.locator("#we-read-confirmation").inner_text()
    assert watched.problems() == []


def test_choosing_a_unit_on_the_survey_results_page_under_the_production_policy(watched):
    watched.goto("/medarbeiderundersokelsen/")
    picker = watched.page.get_by_label("Enhet", exact=True)
    other_unit = picker.locator("option").nth(1)
    code, name = other_unit.get_attribute("value"), other_unit.inner_text().strip()
    picker.select_option(code)
    watched.page.get_by_role("button", name="Vis resultater").click()
    watched.page.wait_for_url(f"**/medarbeiderundersokelsen/?unit={code}")
    assert watched.page.locator(".we-survey-unit__name").inner_text() == name
    assert watched.problems() == []


def test_the_page_editor_and_its_preview_work_under_the_admin_policy(watched):
    """The admin's policy adds inline script and style (intranet/csp.py); the preview
    panel frames the page under its public policy, which lets only its own site frame it."""
    from wagtail_employer.models import ValuesPage

    values_page = ValuesPage.objects.get(url_path__endswith="/verdiene-vare/")
    admin_login(watched.page)
    watched.goto(f"/admin/pages/{values_page.pk}/edit/")
    watched.page.locator("button[data-side-panel-toggle='preview']").first.click()
    preview = watched.page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Verdiene våre: REAL")
    preview_response = watched.page.context.request.get(
        f"/admin/pages/{values_page.pk}/edit/preview/?in_preview_panel=true"
    )
    directives = policy_directives(preview_response.headers["content-security-policy"])
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert watched.problems() == []


@pytest.mark.parametrize(
    ("directive", "blocked"),
    [("script-src", "Executing inline script"), ("style-src", "Applying inline style")],
)
def test_the_admin_needs_each_of_its_additions(watched, monkeypatch, directive, blocked):
    """Without one of ADMIN_ADDITIONS the page editor is blocked: when a Wagtail release no
    longer needs one, this fails and the addition can go."""
    import intranet.csp

    from wagtail_employer.models import ValuesPage

    values_page = ValuesPage.objects.get(url_path__endswith="/verdiene-vare/")
    admin_login(watched.page)
    additions = {
        name: sources for name, sources in intranet.csp.ADMIN_ADDITIONS.items() if name != directive
    }
    monkeypatch.setattr(intranet.csp, "ADMIN_ADDITIONS", additions)
    watched.page.goto(f"/admin/pages/{values_page.pk}/edit/")
    watched.page.wait_for_load_state("networkidle")
    assert any(problem.startswith(blocked) for problem in watched.problems())


def test_a_background_survey_import_shows_its_progress_under_the_production_policy(watched):
    """An import large enough for the background, queued for a worker (the dummy backend
    keeps the task): the progress page's script follows it and shows the result."""
    from tests.surveys_helpers import make_survey
    from wagtail_employer.models import ImportProgress, PendingImport
    from wagtail_employer.tasks import run_background_import

    survey = make_survey(name="Medarbeiderundersøkelsen 2026", year=2026)
    page = watched.page
    with override_settings(
        WAGTAIL_EMPLOYER={"IMPORT_BACKGROUND_ROWS": 50},
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    ):
        admin_login(page)
        watched.goto("/admin/employer/import/survey_results/")
        page.get_by_label("Undersøkelse").select_option(str(survey.pk))
        page.set_input_files("input[type=file]", str(DEMO_SURVEY_FILES / "10-faktor-2024.csv"))
        page.get_by_role("button", name="Last opp og forhåndsvis").click()
        page.wait_for_url("**/import/survey_results/*/")
        page.get_by_role("button", name="Bekreft import").click()
        page.wait_for_url("**/progress/")
        assert_strict_policy(page.context.request.get(page.url), page.url)
        pending = PendingImport.objects.get(status=PendingImport.Status.QUEUED)
        total = ImportProgress.objects.get(pending_import=pending).total
        assert total > 50

        # A worker reports progress: the script moves the bar without a reload.
        ImportProgress.objects.filter(pending_import=pending).update(done=total // 2)
        # (Locator assertions, not wait_for_function: that evaluates a string, which the
        # policy rightly refuses.)
        expect(page.locator("progress")).to_have_attribute("value", str(total // 2))
        expect(page.locator("[data-import-progress-text]")).to_contain_text(
            f"{total // 2} av {total}"
        )
        screenshot(page, "production-csp-import-progress")

        # The worker runs the queued task: the page shows the result.
        # (The dummy backend keeps its tasks in the server's thread, so the test runs it.)
        run_background_import.call(str(pending.pk), "nb")
        result = page.locator("#import-result")
        result.wait_for()
        assert f"{total} nye" in result.inner_text()
        assert survey.results.count() == total
    assert watched.problems() == []
