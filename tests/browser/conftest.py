"""Browser tests: Playwright drives Debian's Chromium (``/usr/bin/chromium``, installed by
``make browser-deps``; Playwright's own browser download is never used) against one live
server per test module, serving the demo intranet (``demo_server``), with axe-core
checking WCAG 2.1 AA.

Screenshots land in ``test-artifacts/screenshots/``."""

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from django.test.utils import setup_databases, teardown_databases

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


@pytest.fixture(scope="module", autouse=True)
def media_on_disk(tmp_path_factory):
    """Uploaded images on disk, where the live server serves them from ``MEDIA_ROOT``:
    the test settings keep media in memory, which a browser cannot load."""
    from django.test import override_settings

    media_root = tmp_path_factory.mktemp("media")
    with override_settings(
        MEDIA_ROOT=str(media_root),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield media_root


def broken_images(page):
    """The addresses of the images on the page that did not load."""
    page.wait_for_load_state("load")
    return page.evaluate(
        "[...document.images].filter(image => !image.complete || image.naturalWidth === 0)"
        ".map(image => image.currentSrc || image.src)"
    )


def load_demo():
    restore_wagtail_initial_data()
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


# Read now, before pytest-django points the connection at the test database (and without
# opening a connection: a connection made at import would be left open).
DEVELOPER_DATABASE_NAME = settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"]


def is_test_database(connection):
    return connection.settings_dict["NAME"] != DEVELOPER_DATABASE_NAME


def ensure_test_database():
    """pytest-django sets up the test database only when some selected test asks for the
    ``db`` fixtures; a run of only the module-demo tests does not, and would otherwise
    load (and flush!) the developer's own database. Returns what to tear down, if any."""
    from django.db import connections

    connection = connections[DEFAULT_DB_ALIAS]
    if is_test_database(connection):
        return None
    created = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
    assert is_test_database(connection), connection.settings_dict["NAME"]
    return created


def wait_for_request_threads(timeout=10):
    """Lets the live server's request threads finish before it stops. A closed browser
    tab ends its kept-alive connections, and the thread that served each one then closes
    its database connection: after the server has stopped, that is the test database's
    connection no longer shared with it, and the thread fails (an unhandled-thread
    warning in the test run)."""
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout)


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker, media_on_disk):
    """The demo intranet loaded once for the whole module and served by the module's own
    live server: loading it takes several seconds, and most browser tests only read it.

    Tests that use it share one database, so they must not change what other tests of the
    module read (creating their own user is fine; a test that changes more, such as an
    import, gets a module of its own), and must not ask for pytest-django's ``db``
    fixtures (nor ``django_user_model``, which does): the test would run in a transaction
    that the server, on PostgreSQL, cannot see into. pytest-django's ``live_server`` is not
    used: it flushes the database after every test, and its transactional tests mixed with
    these left a PostgreSQL connection open that kept the test database from being dropped."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        created_test_database = ensure_test_database()
        load_demo()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
    yield server
    wait_for_request_threads()
    server._live_server_modified_settings.disable()
    server.stop()
    with django_db_blocker.unblock():
        if created_test_database:
            teardown_databases(created_test_database, verbosity=0)
        else:
            call_command("flush", interactive=False, verbosity=0)
            restore_wagtail_initial_data()


@pytest.fixture
def demo_page(chromium, demo_server, django_db_blocker):
    """A browser tab on the module's demo server. The database stays unblocked during the
    test: pytest-django's blocker works on every thread, the server's included."""
    with django_db_blocker.unblock():
        context = chromium.new_context(
            base_url=demo_server.url, viewport={"width": 1280, "height": 900}, locale="nb-NO"
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


def log_in_as(page, username, next_path):
    """Logs in with the demo login of ``username`` (see home/demo/users.py), as staff do
    on the demo intranet, and lands on ``next_path``."""
    from home.demo.users import DEMO_LOGINS

    password = next(login.password for login in DEMO_LOGINS if login.username == username)
    page.goto(f"/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    # Not a glob: "**/servicepolitikk/" also matches the login page's "?next=/servicepolitikk/".
    page.wait_for_url(lambda url: urlsplit(url).path == next_path)
