"""Every demo page type in a real browser: it renders, axe-core finds no WCAG 2.1 AA
violation, and it works by keyboard alone. One demo serves the whole module."""

import pytest

from .conftest import axe_violations, broken_images, log_in_as, screenshot

AGREEMENTS = "/lederavtaler/"
SIGNED_AGREEMENT = "/lederavtaler/lederavtale-2012-sykehjemmet-liv-leder/"
DRAFT_AGREEMENT = "/lederavtaler/lederavtale-2012-helse-og-omsorg-kare-kommunalsjef/"

# (screenshot name, demo login or None, path, heading a reader sees first, html lang)
DEMO_PAGES = [
    ("home", None, "/", "Eksempel kommune", "nb"),
    ("home-nn", None, "/nn/", "Eksempel kommune", "nn"),
    ("home-sv", None, "/sv/", "Exempel kommun", "sv"),
    ("values-page-nb", None, "/verdiene-vare/", "Verdiene våre: REAL", "nb"),
    (
        "values-page-sv",
        None,
        "/sv/var-vardegrund/",
        "Vår värdegrund: Mod, Glädje och Respekt",
        "sv",
    ),
    ("service-policy-page", None, "/servicepolitikk/", "Servicepolitikken", "nb"),
    (
        "survey-results-page",
        None,
        "/medarbeiderundersokelsen/",
        "Medarbeiderundersøkelsen 2024",
        "nb",
    ),
    (
        "survey-results-page-2012",
        None,
        "/medarbeiderundersokelsen-2012/",
        "Medarbeiderundersøkelsen 2012",
        "nb",
    ),
    (
        "strategy-page",
        None,
        "/arbeidsgiverstrategi/",
        "Arbeidsgiverstrategi for Grue kommune",
        "nb",
    ),
    ("goal-hierarchy-page", None, "/sv/malhierarki/", "Från vision till lönekriterier", "sv"),
    ("workplace-page", None, "/nn/sunnhagen-barnehage/", "Sunnhagen barnehage", "nn"),
    (
        "content-page-methods",
        None,
        "/nn/personalmote-synleg/",
        "Personalmøte: idéverkstad for synleg-prosessen",
        "nn",
    ),
    (
        "content-page-survey-blocks",
        None,
        "/sykehjemmet-medarbeiderundersokelsen/",
        "Medarbeiderundersøkelsen på Sykehjemmet",
        "nb",
    ),
    ("content-page-newcomers", None, "/ny-i-kommunen/", "Ny i Eksempel kommune", "nb"),
    (
        "content-page-team-goals",
        None,
        "/sv/arbetslag-centrum/",
        "Arbetslag Centrum: våra mål",
        "sv",
    ),
    ("agreement-index-hr", "hr", AGREEMENTS, "Lederavtaler", "nb"),
    (
        "agreement-page-signed",
        "leder",
        SIGNED_AGREEMENT,
        "Lederavtale 2012: Sykehjemmet (Liv Leder)",
        "nb",
    ),
    (
        "agreement-page-draft",
        "kommunalsjef",
        DRAFT_AGREEMENT,
        "Lederavtale 2012: Helse og omsorg (Kåre Kommunalsjef)",
        "nb",
    ),
    (
        "agreement-print",
        "leder",
        SIGNED_AGREEMENT + "print/",
        "Lederavtale 2012: Sykehjemmet (Liv Leder)",
        "nb",
    ),
    ("home-logged-in", "hr", "/", "Eksempel kommune", "nb"),
    (
        "report-read-confirmations",
        "leder",
        "/admin/employer/reports/read-confirmations/",
        "Lesebekreftelser",
        "nb",
    ),
    (
        "report-policies-due-for-review",
        "hr",
        "/admin/employer/reports/policy-reviews/",
        "Retningslinjer som skal revideres",
        "nb",
    ),
]


@pytest.mark.parametrize(
    ("name", "username", "path", "heading", "language"),
    DEMO_PAGES,
    ids=[row[0] for row in DEMO_PAGES],
)
def test_demo_page_renders_and_has_no_axe_violations(
    demo_page, name, username, path, heading, language
):
    if username:
        log_in_as(demo_page, username, path)
    response = demo_page.goto(path)
    assert response.status == 200
    assert demo_page.locator("h1").inner_text() == heading
    assert demo_page.locator("html").get_attribute("lang") == language
    assert broken_images(demo_page) == []
    screenshot(demo_page, name)
    assert axe_violations(demo_page) == []


def test_skip_link_takes_keyboard_users_to_the_content(demo_page):
    demo_page.goto("/verdiene-vare/")
    demo_page.keyboard.press("Tab")
    skip_link = demo_page.locator(":focus")
    assert skip_link.inner_text() == "Hopp til hovedinnholdet"
    demo_page.keyboard.press("Enter")
    assert demo_page.evaluate("location.hash") == "#main"


def test_language_links_reach_the_swedish_site_by_keyboard(demo_page):
    demo_page.goto("/")
    demo_page.get_by_role("link", name="Svenska").focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**/sv/")
    assert demo_page.locator("h1").inner_text() == "Exempel kommun"


def test_not_found_page_is_accessible(demo_page):
    response = demo_page.goto("/finnes-ikke/")
    assert response.status == 404
    assert demo_page.locator("h1").inner_text() == "Fant ikke siden"
    assert axe_violations(demo_page) == []


def test_axe_check_reports_a_real_violation(chromium):
    """The harness itself: a page with an unlabelled image and no language fails."""
    page = chromium.new_page()
    page.set_content("<!doctype html><html><body><img src='x.png'></body></html>")
    violations = axe_violations(page)
    page.close()
    assert any(line.startswith("image-alt") for line in violations)
    assert any(line.startswith("html-has-lang") for line in violations)
