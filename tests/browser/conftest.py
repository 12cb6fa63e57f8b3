"""Browser tests: Playwright drives Debian's Chromium (``/usr/bin/chromium``, installed by
``make browser-deps``; Playwright's own browser download is never used) against
pytest-django's live server, with axe-core checking WCAG 2.1 AA.

Screenshots land in ``test-artifacts/screenshots/``."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import require_system_component, restore_wagtail_initial_data

CHROMIUM = os.environ.get("WAGTAIL_EMPLOYER_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in the test's thread, which makes Django's
# async-safety check refuse ORM calls made by the test itself (fixtures, assertions).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    require_system_component(
        "Chromium",
        shutil.which(CHROMIUM) or Path(CHROMIUM).exists(),
        "run `make browser-deps` (Debian's chromium)",
    )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The demo intranet's content, as ``make demo`` loads it."""
    restore_wagtail_initial_data()
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def browser_page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="nb-NO"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page):
    """axe-core's WCAG 2.1 A and AA violations on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_21_AA},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def admin_login(page, username="admin", password="demo-admin"):  # noqa: S107 - demo login
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
