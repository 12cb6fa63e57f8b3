"""A background import's progress page in a browser: the package's script follows the
import through its status endpoint and shows the result when it ends, with no reload by
the reader. (A module of its own: it writes an import to the shared demo database.)"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail_employer.imports.service import ImportReport
from wagtail_employer.models import ImportProgress, PendingImport

from .conftest import admin_login, screenshot


def test_the_progress_page_follows_a_running_import_and_shows_its_result(demo_page):
    report = ImportReport(kind="units", file_name="enheter.csv", total_rows=300, new=300)
    pending = PendingImport.objects.create(
        kind="units",
        file_name="enheter.csv",
        content=b"code;name;parent code;kind\n",
        status=PendingImport.Status.QUEUED,
        summary=report.to_summary(),
        created_by=get_user_model().objects.get(username="admin"),
    )
    progress = ImportProgress.objects.create(pending_import=pending, done=100, total=300)
    admin_login(demo_page)

    demo_page.goto(reverse("wagtail_employer:import_progress", args=["units", pending.pk]))
    bar = demo_page.locator("progress")
    assert bar.get_attribute("value") == "100"
    assert "100 av 300" in demo_page.locator("[data-import-progress-text]").inner_text()

    # A worker writes progress: the script polls the status endpoint and moves the bar.
    progress.done = 200
    progress.save()
    demo_page.wait_for_function("document.querySelector('progress').value === 200")
    assert "200 av 300" in demo_page.locator("[data-import-progress-text]").inner_text()
    screenshot(demo_page, "admin-import-progress")

    # The import commits: the page shows its result without the reader doing anything.
    PendingImport.objects.filter(pk=pending.pk).update(status=PendingImport.Status.CONFIRMED)
    result = demo_page.locator("#import-result")
    result.wait_for()
    assert "300" in result.inner_text()
    assert demo_page.locator("progress").count() == 0
