"""Fault injection: the database fails in the middle of an import, the process dies
between preview and confirm or during confirm, the same preview is confirmed twice.

After each fault the data (units, surveys, results, Wagtail's reference and search index
rows: ``fault_helpers.snapshot``) is exactly as before, the person is told in words what
happened, and the preview can still be confirmed, which then leaves the data exactly as
a clean import does. Never half.

Faults are raised through ``connection.execute_wrapper`` on the N-th INSERT, UPDATE or
DELETE (``fault_helpers.WriteFault``); on PostgreSQL a real lost connection
(``pg_terminate_backend``) and a real concurrent double submit run too. The randomised
runs count partial writes; the 100-run version is marked slow (it runs in ``make test``'s
SQLite and PostgreSQL runs, which do not deselect slow tests).
"""

import io
import json
import os
import random
import threading
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from wagtail_employer.imports import ImportInterrupted, ImportRefused, get_importer
from wagtail_employer.imports.service import interrupted_confirm_message
from wagtail_employer.models import OrganisationUnit, PendingImport, SurveyResult
from wagtail_employer.settings import employer_settings

from .conftest import use_admin_language
from .fault_helpers import (
    FAULT_KINDS,
    ProcessKilled,
    WriteFault,
    count_writes,
    csv_bytes,
    pending_statuses,
    random_survey_file,
    random_units_file,
    snapshot,
)
from .surveys_helpers import SURVEY_FILES, make_survey

pytestmark = pytest.mark.django_db

SURVEY_UPLOAD_URL = reverse("wagtail_employer:import_upload", args=["survey_results"])
UNITS_UPLOAD_URL = reverse("wagtail_employer:import_upload", args=["units"])
SURVEY_LISTING = reverse("wagtail_employer_survey_modeladmin_index")
UNITS_LISTING = reverse("wagtail_employer_organisationunit_modeladmin_index")
INTERRUPTED = "The database failed during the import, so nothing was imported."
INTERRUPTED_PREVIEW = "The database failed while the file was checked, so nothing was kept."

UNITS_FILE = csv_bytes(
    [
        ("code", "name", "parent code", "kind"),
        ("HO-SYK-B", "Team B", "HO-SYK", "team"),  # new, under an existing unit
        ("OPP-SKO", "Skoletorget skole", "OPP", "unit"),  # new
        ("OPP-SKO-1", "Lag 1", "OPP-SKO", "team"),  # new, under a new unit
        ("OPP-MYK", "Myklerud barneskole", "OPP", "unit"),  # renamed
        ("HO-SYK-A", "Team A", "OPP-MYK", "team"),  # moved
    ]
)
SURVEY_FILE = "10-faktor-long-comma-utf8.csv"
SURVEY_UPDATE_FILE = "10-faktor-wide-semicolon-cp1252.csv"  # updates and adds values


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def survey(unit_tree):
    """A survey that already holds results, so that an import both updates and adds."""
    survey = make_survey()
    importer = get_importer("survey_results")
    content = (SURVEY_FILES / SURVEY_FILE).read_bytes()
    report = importer.preview(content, SURVEY_FILE, None, options={"survey": survey.pk})
    importer.confirm(importer.pending_import_for(report), None)
    # Scores that the next file changes back.
    SurveyResult.objects.filter(survey=survey, unit__code="HO").update(score=Decimal("1.5"))
    return survey


def preview(kind, content, file_name, options=None, user=None):
    importer = get_importer(kind)
    report = importer.preview(content, file_name, user, options=options)
    assert not report.has_errors, report.errors
    return importer, importer.pending_import_for(report)


def clean_result(importer, pending):
    """The data after a clean confirm, and how many writes it takes (rolled back)."""
    writes, after = count_writes(lambda: (importer.confirm(pending, None), snapshot())[1])
    return writes, after


def confirm_with_fault(importer, pending, fault):
    """Confirm with ``fault`` installed; the fault must fire, the confirm must fail."""
    with fault.installed():
        with pytest.raises((ImportInterrupted, ProcessKilled)) as failure:
            importer.confirm(pending, None)
    assert fault.fired, f"write {fault.nth} of {fault.writes} never came"
    return failure.value


def survey_preview(survey):
    content = (SURVEY_FILES / SURVEY_UPDATE_FILE).read_bytes()
    return preview("survey_results", content, SURVEY_UPDATE_FILE, {"survey": survey.pk})


# An error on the N-th write, for every write of the import.


@pytest.mark.parametrize("kind", list(FAULT_KINDS))
def test_survey_import_failing_on_any_write_leaves_the_data_as_before(survey, english, kind):
    importer, pending = survey_preview(survey)
    before = snapshot()
    writes, after = clean_result(importer, pending)
    assert writes >= 3  # results inserted, results updated, the preview marked confirmed
    assert after != before

    for nth in range(1, writes + 1):
        failure = confirm_with_fault(importer, pending, WriteFault(nth, kind))
        assert snapshot() == before, f"{kind} on write {nth} of {writes}"
        assert pending_statuses()[-1] == PendingImport.Status.PREVIEWED
        if kind != "process_killed":
            assert str(failure.message).startswith(INTERRUPTED)

    report = importer.confirm(pending, None)
    assert report.new > 0 and report.updated >= 10
    assert snapshot() == after


@pytest.mark.parametrize("kind", list(FAULT_KINDS))
def test_unit_import_failing_on_any_write_leaves_the_data_as_before(unit_tree, english, kind):
    importer, pending = preview("units", UNITS_FILE, "enheter.csv")
    before = snapshot()
    writes, after = clean_result(importer, pending)
    # Units, their search and reference index rows, the tree paths, the preview.
    assert writes > 10
    assert {"units", "references", "search"} <= {
        name for name in before if before[name] != after[name]
    }

    # Every write for one kind of fault; the first, a middle and the last for the others.
    positions = range(1, writes + 1) if kind == "operational_error" else {1, writes // 2, writes}
    for nth in positions:
        confirm_with_fault(importer, pending, WriteFault(nth, kind))
        assert snapshot() == before, f"{kind} on write {nth} of {writes}"
        assert pending_statuses()[-1] == PendingImport.Status.PREVIEWED

    report = importer.confirm(pending, None)
    assert (report.new, report.updated) == (3, 2)
    assert snapshot() == after


def test_a_failing_search_index_write_fails_the_unit_import(unit_tree, english):
    """The import writes the units' search and reference index rows itself, before it
    commits; it must not commit units whose index rows are missing."""
    importer, pending = preview("units", UNITS_FILE, "enheter.csv")
    before = snapshot()
    _writes, after = clean_result(importer, pending)

    for table in ("wagtailsearch_indexentry", "wagtailcore_referenceindex"):
        failure = confirm_with_fault(importer, pending, WriteFault(2, table=table))
        assert failure.message.startswith(INTERRUPTED)
        assert snapshot() == before

    importer.confirm(pending, None)
    assert snapshot() == after


@task()
def failing_task_of_the_site(code):
    raise RuntimeError(f"the site's own task failed for {code}")


def test_a_failing_task_of_the_site_s_own_fails_the_unit_import(unit_tree, english):
    """A site may run its own tasks when a unit is saved. The immediate backend only
    logs a task's failure, so the import checks for failed tasks before it commits."""
    importer, pending = preview("units", UNITS_FILE, "enheter.csv")
    before = snapshot()

    def enqueue(sender, instance, **kwargs):
        failing_task_of_the_site.enqueue(instance.code)

    post_save.connect(enqueue, sender=OrganisationUnit, weak=False)
    try:
        with pytest.raises(ImportInterrupted) as failure:
            importer.confirm(pending, None)
    finally:
        post_save.disconnect(enqueue, sender=OrganisationUnit)
    assert failure.value.message.startswith(INTERRUPTED)
    assert snapshot() == before
    assert importer.confirm(pending, None).new == 3


def test_a_fault_while_previewing_keeps_nothing(unit_tree, english):
    before = snapshot()
    importer = get_importer("units")
    for fault in (
        WriteFault(1, "lost_connection"),  # the dry run's first unit
        WriteFault(1, table="wagtail_employer_pendingimport"),  # keeping the file
    ):
        with fault.installed(), pytest.raises(ImportInterrupted) as failure:
            importer.preview(UNITS_FILE, "enheter.csv", None)
        assert fault.fired
        assert failure.value.message.startswith(INTERRUPTED_PREVIEW)
        assert snapshot() == before
        assert not PendingImport.objects.exists()


# Through the admin and the command.


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def page_text(response):
    return soup(response).get_text(" ", strip=True)


@pytest.mark.parametrize("kind", ["operational_error", "database_error"])
def test_admin_confirm_of_survey_results_fails_cleanly_then_succeeds(
    admin_user_client, survey, kind
):
    content = (SURVEY_FILES / SURVEY_UPDATE_FILE).read_bytes()
    response = admin_user_client.post(
        SURVEY_UPLOAD_URL,
        {"survey": survey.pk, "file": SimpleUploadedFile(SURVEY_UPDATE_FILE, content)},
    )
    preview_url = response["Location"]
    before = snapshot()
    pending = PendingImport.objects.get(status=PendingImport.Status.PREVIEWED)
    _writes, after = clean_result(get_importer("survey_results"), pending)

    fault = WriteFault(1, kind, table="wagtail_employer_surveyresult")
    with fault.installed():
        response = admin_user_client.post(preview_url, follow=True)
    assert fault.fired

    assert response.redirect_chain[-1][0] == preview_url
    assert INTERRUPTED in page_text(response)
    assert soup(response).select("form[method=post] button[type=submit]")  # can retry
    assert snapshot() == before

    response = admin_user_client.post(preview_url)
    assert response["Location"] == SURVEY_LISTING
    assert snapshot() == after


def test_admin_confirm_of_units_failing_in_the_search_index_is_retried(
    admin_user_client, unit_tree
):
    response = admin_user_client.post(
        UNITS_UPLOAD_URL, {"file": SimpleUploadedFile("enheter.csv", UNITS_FILE)}
    )
    preview_url = response["Location"]
    before = snapshot()
    _writes, after = clean_result(get_importer("units"), PendingImport.objects.get())

    # The first write: PostgreSQL's backend writes the index rows of all units in one.
    fault = WriteFault(1, table="wagtailsearch_indexentry")
    with fault.installed():
        response = admin_user_client.post(preview_url, follow=True)
    assert fault.fired
    assert INTERRUPTED in page_text(response)
    assert snapshot() == before

    assert admin_user_client.post(preview_url)["Location"] == UNITS_LISTING
    assert snapshot() == after


def test_the_admin_tells_in_the_editors_language(admin_user_client, admin_user, unit_tree):
    use_admin_language(admin_user, "nb")
    with translation.override("nb"):
        expected = interrupted_confirm_message()
    assert not expected.startswith(INTERRUPTED)  # translated

    response = admin_user_client.post(
        UNITS_UPLOAD_URL, {"file": SimpleUploadedFile("enheter.csv", UNITS_FILE)}
    )
    before = snapshot()
    with WriteFault(1, table="wagtail_employer_organisationunit").installed():
        response = admin_user_client.post(response["Location"], follow=True)

    assert expected in page_text(response)
    assert snapshot() == before


def test_admin_upload_failing_in_the_database_keeps_nothing(admin_user_client, unit_tree):
    before = snapshot()
    with WriteFault(1, table="wagtail_employer_pendingimport").installed():
        response = admin_user_client.post(
            UNITS_UPLOAD_URL, {"file": SimpleUploadedFile("enheter.csv", UNITS_FILE)}
        )
    assert response.status_code == 200  # the form again, with the error on the file
    assert INTERRUPTED_PREVIEW in page_text(response)
    assert not PendingImport.objects.exists()
    assert snapshot() == before


@pytest.mark.parametrize("kind", ["lost_connection", "operational_error"])
def test_command_fails_cleanly_then_imports(unit_tree, tmp_path, english, kind):
    path = tmp_path / "enheter.csv"
    path.write_bytes(UNITS_FILE)
    before = snapshot()
    _writes, after = count_writes(
        lambda: (call_command("import_units", str(path), stdout=io.StringIO()), snapshot())[1]
    )

    # The command previews (a dry run that writes units and rolls back), then confirms.
    table = "wagtail_employer_organisationunit"
    dry_run_writes, _report = count_writes(
        lambda: get_importer("units").check(UNITS_FILE, "enheter.csv"), table=table
    )
    fault = WriteFault(dry_run_writes + 2, kind, table=table)
    with fault.installed(), pytest.raises(CommandError) as failure:
        call_command("import_units", str(path), stdout=io.StringIO())
    assert fault.fired
    assert str(failure.value).startswith(INTERRUPTED)
    assert snapshot() == before

    output = io.StringIO()
    call_command("import_units", str(path), stdout=output)
    assert "Imported 5 units: 3 new, 2 updated, 0 unchanged." in output.getvalue()
    assert snapshot() == after


def test_survey_command_fails_cleanly_then_imports(survey, english):
    path = str(SURVEY_FILES / SURVEY_UPDATE_FILE)
    before = snapshot()
    fault = WriteFault(1, "lost_connection", table="wagtail_employer_surveyresult")
    with fault.installed(), pytest.raises(CommandError) as failure:
        call_command("import_survey_results", path, "--survey", survey.slug, stdout=io.StringIO())
    assert str(failure.value).startswith(INTERRUPTED)
    assert snapshot() == before

    call_command("import_survey_results", path, "--survey", survey.slug, stdout=io.StringIO())
    assert SurveyResult.objects.filter(survey=survey).count() == 76


# The process dies between preview and confirm, or during confirm.


def test_a_preview_that_is_never_confirmed_writes_nothing_and_another_server_confirms_it(
    admin_user_client, admin_user, survey
):
    before = snapshot()
    content = (SURVEY_FILES / SURVEY_UPDATE_FILE).read_bytes()
    response = admin_user_client.post(
        SURVEY_UPLOAD_URL,
        {"survey": survey.pk, "file": SimpleUploadedFile(SURVEY_UPDATE_FILE, content)},
    )
    preview_url = response["Location"]
    # The server that made the preview is gone: nothing of the file was written.
    assert snapshot() == before
    assert pending_statuses() == ["confirmed", "previewed"]  # the fixture's, this one

    # The same person, on another server (a new client, a new session).
    other_server = Client()
    other_server.force_login(admin_user)
    assert other_server.post(preview_url)["Location"] == SURVEY_LISTING
    assert SurveyResult.objects.filter(survey=survey).count() == 76
    assert pending_statuses()[-1] == "confirmed"


def test_a_process_killed_during_confirm_leaves_nothing_and_the_preview_confirmable(
    survey, english
):
    importer, pending = survey_preview(survey)
    before = snapshot()
    _writes, after = clean_result(importer, pending)

    confirm_with_fault(importer, pending, WriteFault(1, "process_killed"))
    assert snapshot() == before
    assert PendingImport.objects.get(pk=pending.pk).status == PendingImport.Status.PREVIEWED

    # Another process picks it up later.
    get_importer("survey_results").confirm(PendingImport.objects.get(pk=pending.pk), None)
    assert snapshot() == after


def age(pending, seconds):
    PendingImport.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_an_expired_preview_is_refused_with_nothing_written(survey, english):
    importer, pending = survey_preview(survey)
    before = snapshot()
    age(pending, employer_settings.IMPORT_PREVIEW_MAX_AGE + 1)

    with pytest.raises(ImportRefused, match="This preview is more than 60 minutes old"):
        importer.confirm(PendingImport.objects.get(pk=pending.pk), None)
    assert snapshot() == before


def test_an_expired_preview_is_cleaned_up_by_the_next_upload(admin_user_client, unit_tree):
    response = admin_user_client.post(
        UNITS_UPLOAD_URL, {"file": SimpleUploadedFile("enheter.csv", UNITS_FILE)}
    )
    old_preview_url = response["Location"]
    age(PendingImport.objects.get(), employer_settings.IMPORT_PREVIEW_MAX_AGE + 1)
    before = snapshot()

    response = admin_user_client.post(
        UNITS_UPLOAD_URL, {"file": SimpleUploadedFile("enheter.csv", UNITS_FILE)}
    )
    new_preview_url = response["Location"]
    assert PendingImport.objects.count() == 1  # the expired file is gone
    assert admin_user_client.post(old_preview_url).status_code == 404
    assert snapshot() == before

    assert admin_user_client.post(new_preview_url)["Location"] == UNITS_LISTING
    assert OrganisationUnit.objects.filter(code="OPP-SKO-1").exists()


# Double submit.


def test_confirming_the_same_preview_twice_imports_once(survey, english):
    importer, pending = survey_preview(survey)
    importer.confirm(pending, None)
    once = snapshot()

    with pytest.raises(ImportRefused, match="This file has already been imported."):
        get_importer("survey_results").confirm(pending, None)
    assert snapshot() == once


def test_posting_the_admin_confirm_twice_imports_once(admin_user_client, survey):
    content = (SURVEY_FILES / SURVEY_UPDATE_FILE).read_bytes()
    response = admin_user_client.post(
        SURVEY_UPLOAD_URL,
        {"survey": survey.pk, "file": SimpleUploadedFile(SURVEY_UPDATE_FILE, content)},
    )
    preview_url = response["Location"]

    first = admin_user_client.post(preview_url)
    once = snapshot()
    second = admin_user_client.post(preview_url, follow=True)

    assert first["Location"] == SURVEY_LISTING
    assert "This file has already been imported." in page_text(second)
    assert snapshot() == once


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks and a second session (SQLite has neither)")


@pytest.mark.django_db(transaction=True)
def test_two_servers_confirming_at_once_import_once_on_postgresql(unit_tree):
    require_postgresql()
    importer, pending = preview("units", UNITS_FILE, "enheter.csv")
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            barrier.wait()
            with translation.override("en"):
                get_importer("units").confirm(PendingImport.objects.get(pk=pending.pk), None)
            outcomes.append("imported")
        except ImportRefused as refusal:
            outcomes.append(refusal.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This file has already been imported.", "imported"]
    assert OrganisationUnit.objects.count() == 9
    assert PendingImport.objects.get(pk=pending.pk).status == PendingImport.Status.CONFIRMED


class TerminateConnection:
    """On the ``nth`` write, ends this session from a second one (``pg_terminate_backend``),
    then lets the write go to the dead connection: a real lost connection."""

    def __init__(self, nth):
        self.nth = nth
        self.writes = 0
        self.fired = False

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            self.writes += 1
            if self.writes == self.nth:
                self.fired = True
                pid = context["connection"].connection.info.backend_pid
                other = connections.create_connection("default")
                try:
                    with other.cursor() as cursor:
                        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                finally:
                    other.close()
        return execute(sql, params, many, context)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["units", "survey_results"])
def test_a_real_lost_connection_on_postgresql(unit_tree, english, kind):
    require_postgresql()
    if kind == "units":
        importer, pending = preview("units", UNITS_FILE, "enheter.csv")
    else:
        importer, pending = survey_preview(make_survey())
    before = snapshot()

    terminate = TerminateConnection(nth=2)
    with connection.execute_wrapper(terminate), pytest.raises(ImportInterrupted):
        importer.confirm(pending, None)
    assert terminate.fired

    # Django dropped the dead connection; the next query opens a new one.
    assert snapshot() == before
    assert PendingImport.objects.get(pk=pending.pk).status == PendingImport.Status.PREVIEWED
    importer.confirm(PendingImport.objects.get(pk=pending.pk), None)
    assert PendingImport.objects.get(pk=pending.pk).status == PendingImport.Status.CONFIRMED
    assert snapshot() != before


# Randomised runs: random files, fault kinds, phases and N; partial writes counted.


def random_runs(runs, seed):
    """Preview and confirm ``runs`` random files, each with one random fault, and count
    the runs that left the data neither as before nor as after a clean import."""
    rng = random.Random(seed)
    survey = make_survey(name="Tilfeldig", year=2030)
    counts = Counter()
    for _run in range(runs):
        counts["runs"] += 1
        kind = rng.choice(["units", "survey_results"])
        invalid = rng.random() < 0.15
        fault_kind = rng.choice(list(FAULT_KINDS))
        phase = "preview" if rng.random() < 0.25 else "confirm"
        if kind == "units":
            content = random_units_file(rng, rng.randint(1, 10), invalid=invalid)
            options = None
        else:
            codes = list(OrganisationUnit.objects.values_list("code", flat=True))
            content = random_survey_file(rng, survey, codes, rng.randint(1, 30), invalid=invalid)
            options = {"survey": survey.pk}
        importer = get_importer(kind)
        before = snapshot()
        counts[f"kind {kind}"] += 1

        if phase == "preview":
            preview_writes, _report = count_writes(
                lambda: importer.preview(content, "fil.csv", None, options)  # noqa: B023
            )
            fault = WriteFault(rng.randint(1, preview_writes), fault_kind)
            pending_before = PendingImport.objects.count()
            with fault.installed():
                try:
                    importer.preview(content, "fil.csv", None, options)
                except (ImportInterrupted, ProcessKilled):
                    pass
            counts["faults injected"] += fault.fired
            counts[f"fault {fault_kind} in preview"] += fault.fired
            if snapshot() != before:
                counts["partial writes"] += 1
            if fault.fired and PendingImport.objects.count() != pending_before:
                counts["previews kept after a fault"] += 1

        report = importer.preview(content, "fil.csv", None, options)
        pending = importer.pending_import_for(report)
        if report.has_errors:
            counts["invalid files"] += 1
            with pytest.raises(ImportRefused):
                importer.confirm(pending, None)
            if snapshot() != before:
                counts["partial writes"] += 1
            continue
        if phase == "preview":
            importer.confirm(pending, None)
            continue

        writes, after = clean_result(importer, pending)
        fault = WriteFault(rng.randint(1, writes), fault_kind)
        with fault.installed():
            try:
                importer.confirm(pending, None)
            except (ImportInterrupted, ProcessKilled):
                pass
        counts["faults injected"] += fault.fired
        counts[f"fault {fault_kind} in confirm"] += fault.fired
        state = snapshot()
        if state != before and state != after:
            counts["partial writes"] += 1
        try:
            importer.confirm(PendingImport.objects.get(pk=pending.pk), None)
        except ImportRefused:
            counts["previews lost after a fault"] += 1
        if snapshot() != after:
            counts["wrong data after the retry"] += 1
    return counts


def record_counts(counts, record_property, name):
    """Print the counts and keep them in the JUnit report (and test-artifacts/), so the
    closing note of a run can quote them."""
    for key, value in sorted(counts.items()):
        record_property(key, value)
    print(f"{name}: {dict(sorted(counts.items()))}")  # noqa: T201
    artifacts = Path(os.environ.get("IMPORT_FAULTS_ARTIFACTS", "test-artifacts"))
    if artifacts.is_dir():
        (artifacts / f"{name}-{connection.vendor}.json").write_text(
            json.dumps(dict(counts), indent=2, sort_keys=True)
        )


def assert_no_partial_writes(counts, runs):
    assert counts["runs"] == runs
    assert counts["faults injected"] >= runs * 0.7  # invalid files take no fault on confirm
    assert counts["partial writes"] == 0
    assert counts["previews kept after a fault"] == 0
    assert counts["previews lost after a fault"] == 0
    assert counts["wrong data after the retry"] == 0


def test_10_randomised_fault_runs_write_nothing_partial(unit_tree, english, record_property):
    counts = random_runs(10, seed=11)
    record_counts(counts, record_property, "import-faults-10")
    assert_no_partial_writes(counts, 10)


@pytest.mark.slow
def test_100_randomised_fault_runs_write_nothing_partial(unit_tree, english, record_property):
    counts = random_runs(100, seed=2026)
    record_counts(counts, record_property, "import-faults-100")
    assert_no_partial_writes(counts, 100)
    assert {key.split()[1] for key in counts if key.startswith("fault ")} == set(FAULT_KINDS)
