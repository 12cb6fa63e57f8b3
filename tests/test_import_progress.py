"""Imports above ``IMPORT_BACKGROUND_ROWS`` run in a background task (the immediate
backend of Django's tasks framework in the tests: the task runs at once, in the request)
and show their progress; the commands print a progress bar. All or nothing still holds.
"""

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail_employer.imports import ImportRefused, get_importer
from wagtail_employer.imports.progress import ProgressRecorder
from wagtail_employer.models import ImportProgress, OrganisationUnit, PendingImport

from .fault_helpers import WriteFault, snapshot

pytestmark = pytest.mark.django_db

UNITS_FILE = (Path(__file__).parent / "files" / "units-300.csv").read_bytes()
UPLOAD_URL = reverse("wagtail_employer:import_upload", args=["units"])
LISTING_URL = reverse("wagtail_employer_organisationunit_modeladmin_index")
SMALL_THRESHOLD = {"IMPORT_BACKGROUND_ROWS": 50}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def page_text(response):
    return soup(response).get_text(" ", strip=True)


def upload(client, content=UNITS_FILE):
    response = client.post(UPLOAD_URL, {"file": SimpleUploadedFile("enheter.csv", content)})
    assert response.status_code == 302, page_text(response)
    return response["Location"]


def urls_of(pending):
    return (
        reverse("wagtail_employer:import_progress", args=["units", pending.pk]),
        reverse("wagtail_employer:import_status", args=["units", pending.pk]),
    )


@pytest.fixture
def recorded_progress(monkeypatch):
    """Every figure the background import reports (not thinned out by time)."""
    monkeypatch.setattr(ProgressRecorder, "min_interval", 0)
    calls = []
    original = ProgressRecorder.__call__

    def record(self, done, total):
        calls.append((done, total))
        original(self, done, total)

    monkeypatch.setattr(ProgressRecorder, "__call__", record)
    return calls


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
def test_a_large_import_runs_in_the_background_and_shows_its_result(
    admin_user_client, recorded_progress
):
    preview_url = upload(admin_user_client)
    pending = PendingImport.objects.get()
    progress_url, status_url = urls_of(pending)

    response = admin_user_client.post(preview_url)

    assert response["Location"] == progress_url
    assert OrganisationUnit.objects.count() == 300
    # Progress was reported as the rows were written, every 100 rows, and at the end.
    assert recorded_progress == [(100, 300), (200, 300), (300, 300), (300, 300)]
    page = admin_user_client.get(progress_url)
    result = soup(page).select_one("#import-result").get_text(" ", strip=True)
    assert result == "Imported 300 units: 300 new, 0 updated, 0 unchanged."
    assert not soup(page).select("progress")
    assert admin_user_client.get(status_url).json() == {
        "state": "done",
        "done": 300,
        "total": 300,
        "percent": 100,
        "text": "300 of 300 rows (100 %)",
        "message": "Imported 300 units: 300 new, 0 updated, 0 unchanged.",
    }
    # The preview says so too, and cannot be confirmed again.
    preview = admin_user_client.get(preview_url)
    assert "This file has already been imported." in page_text(preview)
    assert "already been imported" in page_text(admin_user_client.post(preview_url, follow=True))
    assert OrganisationUnit.objects.count() == 300


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD, TASKS=DUMMY_TASKS)
def test_a_running_import_shows_its_progress_and_refreshes_without_inline_script(
    admin_user_client,
):
    # The dummy backend keeps the task without running it: the import is "running".
    preview_url = upload(admin_user_client)
    pending = PendingImport.objects.get()
    progress_url, status_url = urls_of(pending)
    assert admin_user_client.post(preview_url)["Location"] == progress_url
    ImportProgress.objects.filter(pending_import=pending).update(done=4200, total=10_000)

    status = admin_user_client.get(status_url)
    assert "no-store" in status["Cache-Control"]  # Wagtail's admin views are never cached
    assert status.json() == {
        "state": "running",
        "done": 4200,
        "total": 10_000,
        "percent": 42,
        "text": "4,200 of 10,000 rows (42 %)",
        "message": "",
    }

    page = soup(admin_user_client.get(progress_url))
    section = page.select_one("[data-import-progress]")
    assert section["data-status-url"] == status_url
    bar = section.select_one("progress")
    assert (bar["max"], bar["value"], bar.get_text(strip=True)) == ("10000", "4200", "42 %")
    assert bar["aria-describedby"] == "import-progress-text"
    text = section.select_one("#import-progress-text")
    assert text["aria-live"] == "polite"
    assert text.get_text(strip=True) == "4,200 of 10,000 rows (42 %)"
    refresh = section.find("a", string=re.compile("Refresh"))
    assert refresh["href"] == progress_url
    assert not page.select("meta[http-equiv]")
    # The package's script, by URL; no inline script or style of its own.
    assert page.select('script[src$="wagtail_employer/js/import-progress.js"]')
    assert not section.select("script, style, [style]")
    assert not section.select("[onclick], [onload]")
    # Nothing is written until the import has run.
    assert OrganisationUnit.objects.count() == 0


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD, TASKS=DUMMY_TASKS)
def test_a_queued_import_refuses_a_second_submit(admin_user_client):
    preview_url = upload(admin_user_client)
    admin_user_client.post(preview_url)

    response = admin_user_client.post(preview_url, follow=True)

    assert "This file is being imported." in page_text(response)
    assert PendingImport.objects.get().status == PendingImport.Status.QUEUED
    assert PendingImport.objects.count() == 1
    with translation.override("en"), pytest.raises(ImportRefused, match="being imported"):
        get_importer("units").confirm(PendingImport.objects.get(), None)
    assert OrganisationUnit.objects.count() == 0


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
def test_a_background_import_failing_in_the_database_shows_the_error_and_writes_nothing(
    admin_user_client,
):
    preview_url = upload(admin_user_client)
    pending = PendingImport.objects.get()
    progress_url, status_url = urls_of(pending)
    before = snapshot()

    # The 150th unit written fails (after a first progress report at row 100).
    fault = WriteFault(150, table="wagtail_employer_organisationunit")
    with fault.installed():
        response = admin_user_client.post(preview_url, follow=True)
    assert fault.fired

    assert response.redirect_chain[-1][0] == progress_url
    message = "The database failed during the import, so nothing was imported."
    assert message in soup(response).select_one("#import-result").get_text()
    assert soup(response).find("a", string=re.compile("Back to the preview"))["href"] == preview_url
    status = admin_user_client.get(status_url).json()
    assert status["state"] == "failed" and status["message"].startswith(message)
    assert snapshot() == before
    # The preview can be confirmed again, and then imports everything.
    assert PendingImport.objects.get().status == PendingImport.Status.PREVIEWED
    assert admin_user_client.post(preview_url)["Location"] == progress_url
    assert OrganisationUnit.objects.count() == 300
    assert admin_user_client.get(status_url).json()["state"] == "done"


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
def test_a_background_import_with_row_errors_now_says_so_and_writes_nothing(
    admin_user_client,
):
    preview_url = upload(admin_user_client)
    pending = PendingImport.objects.get()
    progress_url, status_url = urls_of(pending)
    # Meanwhile someone creates a sector with a code the file uses for a unit, with a
    # unit under it: the file would leave a unit under a unit.
    sector = OrganisationUnit.objects.create(code="E01", name="Sektor", kind="sector")
    OrganisationUnit.objects.create(code="Z1", name="Enhet", kind="unit", parent=sector)
    before = snapshot()

    response = admin_user_client.post(preview_url, follow=True)

    assert response.redirect_chain[-1][0] == progress_url
    result = soup(response).select_one("#import-result").get_text(" ", strip=True)
    assert result == "Nothing was imported: the file no longer fits the data as it is now."
    assert soup(response).find("a", string=re.compile("See the errors"))["href"] == preview_url
    assert admin_user_client.get(status_url).json()["state"] == "failed"
    assert PendingImport.objects.get().status == PendingImport.Status.FAILED
    assert snapshot() == before


def test_below_the_threshold_the_import_runs_in_the_request(admin_user_client):
    preview_url = upload(admin_user_client)

    response = admin_user_client.post(preview_url)

    assert response["Location"] == LISTING_URL
    assert OrganisationUnit.objects.count() == 300
    assert not ImportProgress.objects.exists()


# Who may see the progress.


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
def test_only_the_uploader_sees_the_progress(admin_user_client, django_user_model, client, editor):
    upload(admin_user_client)
    pending = PendingImport.objects.get()
    admin_user_client.post(reverse("wagtail_employer:import_preview", args=["units", pending.pk]))
    urls = urls_of(pending)

    for url in urls:
        anonymous = Client().get(url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("wagtailadmin_login"))
        other = Client()
        other.force_login(
            django_user_model.objects.create_superuser(
                f"other{len(url)}", "o@example.invalid", "pw"
            )
        )
        assert other.get(url).status_code == 404
        without_permission = Client()
        reader = django_user_model.objects.create_user(f"reader{len(url)}", password="pw")
        reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
        without_permission.force_login(reader)
        assert without_permission.get(url).status_code == 403
        assert admin_user_client.get(url).status_code == 200


# The command's progress bar.


def run_units_command(tmp_path, *args):
    path = tmp_path / "enheter.csv"
    path.write_bytes(UNITS_FILE)
    output = io.StringIO()
    with translation.override("en"):
        call_command("import_units", str(path), *args, stdout=output)
    return output.getvalue()


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
def test_the_command_prints_a_progress_bar_above_the_threshold(tmp_path):
    output = run_units_command(tmp_path)
    bars = [line for line in output.splitlines() if line.startswith("Importing")]
    assert bars == [
        "Importing  33% [##########....................] 100/300 rows",
        "Importing  66% [####################..........] 200/300 rows",
        "Importing 100% [##############################] 300/300 rows",
        "Importing 100% [##############################] 300/300 rows",
    ]
    assert output.splitlines()[-1] == "Imported 300 units: 300 new, 0 updated, 0 unchanged."


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
@pytest.mark.parametrize("args", [("--no-progress",), ("--verbosity", "0")])
def test_the_progress_bar_can_be_turned_off(tmp_path, args):
    output = run_units_command(tmp_path, *args)
    assert "Importing" not in output
    assert OrganisationUnit.objects.count() == 300


def test_no_progress_bar_below_the_threshold_when_not_on_a_terminal(tmp_path):
    assert "Importing" not in run_units_command(tmp_path)


# PostgreSQL: the progress is visible while the import's transaction is open.


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_to_other_servers_while_the_import_runs_on_postgresql(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has one writer at a time (see imports/progress.py)")
    monkeypatch.setattr(ProgressRecorder, "min_interval", 0)
    importer = get_importer("units")
    report = importer.preview(UNITS_FILE, "enheter.csv", None)
    pending = importer.pending_import_for(report)
    seen = []  # (progress, units) as another server sees them during the import
    other_server = connections.create_connection("default")
    original_write = ProgressRecorder.write

    def write_and_look(self, done, total):
        original_write(self, done, total)
        with other_server.cursor() as cursor:
            cursor.execute(
                "SELECT done, total FROM wagtail_employer_importprogress "
                "WHERE pending_import_id = %s",
                [pending.pk],
            )
            progress = cursor.fetchone()
            cursor.execute("SELECT count(*) FROM wagtail_employer_organisationunit")
            seen.append((progress, cursor.fetchone()[0]))

    monkeypatch.setattr(ProgressRecorder, "write", write_and_look)
    try:
        with translation.override("en"):
            importer.queue(pending, "en")
    finally:
        other_server.close()

    # Progress moved while the units were not yet visible (all or nothing), and the
    # import's commit came after the last figure.
    assert seen == [((100, 300), 0), ((200, 300), 0), ((300, 300), 0), ((300, 300), 0)]
    assert OrganisationUnit.objects.count() == 300
    assert PendingImport.objects.get().status == PendingImport.Status.CONFIRMED


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD)
def test_a_large_survey_import_runs_in_the_background(admin_user_client, unit_tree):
    from .surveys_helpers import SURVEY_FILES, make_survey

    survey = make_survey()
    file_name = "10-faktor-wide-semicolon-cp1252.csv"
    response = admin_user_client.post(
        reverse("wagtail_employer:import_upload", args=["survey_results"]),
        {
            "survey": survey.pk,
            "file": SimpleUploadedFile(file_name, (SURVEY_FILES / file_name).read_bytes()),
        },
    )
    pending = PendingImport.objects.get()
    progress_url = reverse("wagtail_employer:import_progress", args=["survey_results", pending.pk])

    response = admin_user_client.post(response["Location"], follow=True)

    assert response.redirect_chain[-1][0] == progress_url
    assert soup(response).select_one("#import-result").get_text(" ", strip=True) == (
        "Imported 76 values into “Medarbeiderundersøkelsen 2024”: 76 new, 0 updated, 0 unchanged."
    )
    assert survey.results.count() == 76


@override_settings(WAGTAIL_EMPLOYER=SMALL_THRESHOLD, TASKS=DUMMY_TASKS)
def test_a_queued_import_whose_worker_died_is_cleaned_up_but_a_moving_one_is_kept(
    admin_user_client,
):
    from datetime import timedelta

    from django.utils import timezone

    from wagtail_employer.settings import employer_settings

    long_ago = timezone.now() - timedelta(seconds=employer_settings.IMPORT_PREVIEW_MAX_AGE + 1)
    for _number in range(2):
        admin_user_client.post(upload(admin_user_client))
    stalled, moving = PendingImport.objects.order_by("created_at")
    PendingImport.objects.update(created_at=long_ago)
    ImportProgress.objects.filter(pending_import=stalled).update(updated_at=long_ago)

    upload(admin_user_client)  # a new upload cleans up

    assert set(PendingImport.objects.values_list("status", flat=True)) == {"queued", "previewed"}
    assert not PendingImport.objects.filter(pk=stalled.pk).exists()
    assert PendingImport.objects.filter(pk=moving.pk).exists()
    assert OrganisationUnit.objects.count() == 0
