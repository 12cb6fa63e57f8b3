"""The admin's import, as an editor does it in a browser: upload, preview, confirm."""

from pathlib import Path

from wagtail_employer.models import OrganisationUnit

from .conftest import admin_login, screenshot

FILES = Path(__file__).resolve().parents[1] / "files"


def test_unit_import_preview_then_confirm_in_the_browser(demo_page):
    units_before = OrganisationUnit.objects.count()
    admin_login(demo_page)
    demo_page.goto("/admin/employer/import/units/")
    demo_page.set_input_files("input[type=file]", str(FILES / "units-300.csv"))
    demo_page.get_by_role("button", name="Last opp og forhåndsvis").click()
    demo_page.wait_for_url("**/import/units/*/")
    assert demo_page.get_by_role("heading", name="Sammendrag").is_visible()
    screenshot(demo_page, "admin-import-preview")
    assert OrganisationUnit.objects.count() == units_before

    demo_page.get_by_role("button", name="Bekreft import").click()
    demo_page.wait_for_load_state()
    screenshot(demo_page, "admin-import-confirmed")
    assert OrganisationUnit.objects.count() > units_before
