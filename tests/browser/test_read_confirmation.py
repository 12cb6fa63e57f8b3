"""Read confirmation in a real browser, by keyboard alone."""

from .conftest import axe_violations


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
