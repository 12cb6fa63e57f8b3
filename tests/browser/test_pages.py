"""Every demo page type in a real browser: it renders, axe-core finds no WCAG 2.1 AA
violation, and it works by keyboard alone. One demo serves the whole module."""

from urllib.parse import urlsplit

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
        "admin-my-agreements",
        "kommunalsjef",
        "/admin/employer/agreements/",
        "Mine lederavtaler",
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
    # WCAG 1.4.10 Reflow: at 320 CSS pixels (1280 at 400 % zoom) nothing but a data table,
    # in its own scrolling region, may need horizontal scrolling.
    demo_page.set_viewport_size({"width": 320, "height": 640})
    assert demo_page.evaluate("document.documentElement.scrollWidth") <= 320


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


def press_tab_until(page, locator, limit=60):
    """Tabs through the page until ``locator`` has the focus, as a keyboard user would,
    and checks that the focus can be seen (WCAG 2.4.7)."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            outline = locator.evaluate(
                "element => [getComputedStyle(element).outlineStyle,"
                " getComputedStyle(element).outlineWidth]"
            )
            assert outline[0] != "none" and outline[1] != "0px", outline
            return
    raise AssertionError(f"{locator} was not reached in {limit} presses of Tab")


def test_survey_unit_picker_works_by_keyboard_alone(demo_page):
    demo_page.goto("/medarbeiderundersokelsen/")
    picker = demo_page.get_by_label("Enhet", exact=True)
    first_unit = demo_page.locator(".we-survey-unit__name").inner_text()
    press_tab_until(demo_page, picker)
    demo_page.keyboard.press("ArrowDown")
    chosen = picker.evaluate("select => select.selectedOptions[0].text.trim()")
    chosen_code = picker.input_value()
    assert chosen != first_unit
    demo_page.keyboard.press("Tab")
    assert demo_page.locator(":focus").inner_text() == "Vis resultater"
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**/medarbeiderundersokelsen/?unit={chosen_code}")
    assert demo_page.locator(".we-survey-unit__name").inner_text() == chosen
    assert demo_page.get_by_role("table", name=f"Resultater for {chosen}").is_visible()
    assert axe_violations(demo_page) == []


def test_survey_chart_has_a_text_equivalent_and_its_table_scrolls_by_keyboard(demo_page):
    demo_page.set_viewport_size({"width": 320, "height": 640})
    demo_page.goto("/medarbeiderundersokelsen-2012/")
    chart = demo_page.locator("svg.we-chart__svg").first
    # A screen reader announces the chart by its title and description; the same
    # numbers are in the table that follows it.
    assert chart.get_attribute("role") == "img"
    name = demo_page.evaluate(
        "chart => chart.getAttribute('aria-labelledby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')",
        chart.element_handle(),
    )
    assert "Eksempel kommune" in name
    table_region = demo_page.get_by_role("region", name="Resultater for Eksempel kommune")
    assert table_region.locator("tbody tr").count() >= 10
    press_tab_until(demo_page, table_region)
    assert table_region.evaluate("region => region.scrollWidth > region.clientWidth")
    demo_page.keyboard.press("ArrowRight")
    demo_page.wait_for_function(
        "region => region.scrollLeft > 0", arg=table_region.element_handle()
    )
    screenshot(demo_page, "survey-results-page-320px")


def test_agreement_print_view_applies_its_print_stylesheet(demo_page):
    log_in_as(demo_page, "leder", SIGNED_AGREEMENT + "print/")
    hint = demo_page.locator(".we-print-hint")
    assert hint.is_visible()
    signatures = demo_page.locator(".we-signatures")
    demo_page.emulate_media(media="print")
    assert not hint.is_visible()
    assert signatures.is_visible()
    assert "Liv Leder" in signatures.inner_text()
    heading_font = demo_page.locator("h1").evaluate("h1 => getComputedStyle(h1).fontFamily")
    assert heading_font.startswith("Georgia")
    pdf = demo_page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_staff_confirm_reading_by_keyboard(demo_page):
    from django.contrib.auth import get_user_model

    from wagtail_employer.models import ReadConfirmation

    # Not pytest-django's django_user_model: it would wrap the test in a transaction that
    # the live server, on its own PostgreSQL connection, cannot see into.
    get_user_model().objects.create_user(username="kari", password="lese-passord")
    demo_page.goto("/admin/login/?next=/verdiene-vare/")
    demo_page.fill("#id_username", "kari")
    demo_page.fill("#id_password", "lese-passord")
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(lambda url: urlsplit(url).path == "/verdiene-vare/")
    button = demo_page.get_by_role("button", name="Jeg har lest dette")
    press_tab_until(demo_page, button)
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**/verdiene-vare/#we-read-confirmation")
    assert "Du bekreftet" in demo_page.locator("#we-read-confirmation").inner_text()
    assert ReadConfirmation.objects.filter(
        user__username="kari", page__url_path__endswith="/verdiene-vare/"
    ).exists()
    assert axe_violations(demo_page) == []


def test_staff_are_asked_again_after_a_significant_change(demo_page):
    """Arne confirmed the service policy's first version; a significant change followed."""
    log_in_as(demo_page, "ansatt", "/servicepolitikk/")
    changes = demo_page.get_by_role("region", name="Hva er endret")
    assert "vesentlig endring" in changes.inner_text()
    confirmation = demo_page.locator("#we-read-confirmation")
    assert "siden du bekreftet versjon 1" in confirmation.inner_text()
    assert confirmation.get_by_role("button", name="Jeg har lest dette").is_visible()
    screenshot(demo_page, "service-policy-asks-again")
