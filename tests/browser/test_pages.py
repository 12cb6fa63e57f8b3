"""Every demo page type in a real browser: it renders, axe-core finds no WCAG 2.1 AA
violation, and it works by keyboard alone."""

import pytest

from .conftest import axe_violations, screenshot

# (screenshot name, path, heading a reader sees first, html lang)
DEMO_PAGES = [
    ("home", "/", "Eksempel kommune", "nb"),
    ("values-page-nb", "/verdiene-vare/", "Verdiene våre: REAL", "nb"),
    ("home-sv", "/sv/", "Exempel kommun", "sv"),
    ("values-page-sv", "/sv/var-vardegrund/", "Vår värdegrund: Mod, Glädje och Respekt", "sv"),
]


@pytest.mark.parametrize(("name", "path", "heading", "language"), DEMO_PAGES)
def test_demo_page_renders_and_has_no_axe_violations(
    demo, browser_page, name, path, heading, language
):
    response = browser_page.goto(path)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == heading
    assert browser_page.locator("html").get_attribute("lang") == language
    screenshot(browser_page, name)
    assert axe_violations(browser_page) == []


def test_skip_link_takes_keyboard_users_to_the_content(demo, browser_page):
    browser_page.goto("/verdiene-vare/")
    browser_page.keyboard.press("Tab")
    skip_link = browser_page.locator(":focus")
    assert skip_link.inner_text() == "Hopp til hovedinnholdet"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main"


def test_language_links_reach_the_swedish_site_by_keyboard(demo, browser_page):
    browser_page.goto("/")
    browser_page.get_by_role("link", name="Svenska").focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/sv/")
    assert browser_page.locator("h1").inner_text() == "Exempel kommun"


def test_not_found_page_is_accessible(demo, browser_page):
    response = browser_page.goto("/finnes-ikke/")
    assert response.status == 404
    assert browser_page.locator("h1").inner_text() == "Fant ikke siden"
    assert axe_violations(browser_page) == []


def test_axe_check_reports_a_real_violation(chromium):
    """The harness itself: a page with an unlabelled image and no language fails."""
    page = chromium.new_page()
    page.set_content("<!doctype html><html><body><img src='x.png'></body></html>")
    violations = axe_violations(page)
    page.close()
    assert any(line.startswith("image-alt") for line in violations)
    assert any(line.startswith("html-has-lang") for line in violations)


def test_staff_confirm_reading_by_keyboard(demo, browser_page, django_user_model):
    from wagtail_employer.models import ReadConfirmation, ValuesPage

    page = ValuesPage.objects.get(slug="verdiene-vare")
    page.asks_for_read_confirmation = True
    page.save_revision().publish()
    django_user_model.objects.create_user(username="kari", password="lese-passord")

    browser_page.goto("/admin/login/?next=/verdiene-vare/")
    browser_page.fill("#id_username", "kari")
    browser_page.fill("#id_password", "lese-passord")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/verdiene-vare/")
    button = browser_page.get_by_role("button", name="Jeg har lest dette")
    button.focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/verdiene-vare/#we-read-confirmation")
    assert "Du bekreftet" in browser_page.locator("#we-read-confirmation").inner_text()
    assert ReadConfirmation.objects.filter(user__username="kari", page=page).exists()
    assert axe_violations(browser_page) == []
