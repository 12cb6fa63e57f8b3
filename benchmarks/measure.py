"""Measures one database (the one ``DATABASE_URL`` names, else SQLite) and prints JSON.

Run by ``benchmarks/run.py``; it creates a throwaway test database, so it never touches
the demo's data."""

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.bench")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from wagtail.models import Site  # noqa: E402

from benchmarks.imports import measure_imports  # noqa: E402
from benchmarks.listings import measure_listings  # noqa: E402
from benchmarks.organisation import make_leaders, make_municipality  # noqa: E402
from benchmarks.reference_blocks import measure_reference_blocks  # noqa: E402
from benchmarks.samples import block_samples, load_demo_content  # noqa: E402
from benchmarks.survey_page import measure_survey_page  # noqa: E402
from home.models import ContentPage  # noqa: E402
from wagtail_employer.blocks import EmployerStreamBlock  # noqa: E402

BLOCK_COUNTS = (1, 50, 250)
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "21"))


def timed_requests(client, url):
    """Median milliseconds of REQUESTS uncached GETs, and the queries of one GET."""
    client.get(url)  # warm up: template loading, renditions
    # The query log is a bounded deque: once full, its length no longer tells new queries.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Counted now: the next request empties the log the capture reads from.
    queries = len(captured)
    assert response.status_code == 200, (url, response.status_code)
    durations = []
    for _ in range(REQUESTS):
        gc.collect()
        started = time.perf_counter()
        client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations), queries


def page_with(parent, slug, blocks):
    page = ContentPage(title=slug, slug=slug, body=blocks)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.url


def measure_blocks():
    load_demo_content()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.add_child(instance=ContentPage(title="Bench", slug="bench"))
    samples = block_samples(EmployerStreamBlock().child_blocks)
    client = Client()
    floor_ms, floor_queries = timed_requests(client, page_with(home, "empty", []))
    results = {
        "floor": {"ms": floor_ms, "queries": floor_queries},
        "blocks": {},
        "reference": measure_reference_blocks(ContentPage.objects.get(slug="empty")),
    }
    for block_name, value in samples.items():
        rows = {}
        for count in BLOCK_COUNTS:
            blocks = [{"type": block_name, "value": value} for _ in range(count)]
            url = page_with(home, f"{block_name.replace('_', '-')}-{count}", blocks)
            median_ms, queries = timed_requests(client, url)
            rows[count] = {"ms": median_ms, "queries": queries}
        results["blocks"][block_name] = rows
    return results


def measure_large_municipality():
    """With the demo loaded (by measure_blocks), a municipality of a thousand units: the
    survey results page, the admin listings and the survey import."""
    units = make_municipality(1000)
    leaders = make_leaders(units)
    return {
        "survey_page": measure_survey_page(units),
        "listings": measure_listings(units, leaders),
        "imports": measure_imports(units),
    }


def database_version():
    if connection.vendor == "postgresql":
        return f"{connection.pg_version // 10000}.{connection.pg_version % 100}"
    return connection.Database.sqlite_version


def main():
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        results = {
            "database": connection.vendor,
            "version": database_version(),
            "render": measure_blocks(),
        }
        results.update(measure_large_municipality())
    finally:
        teardown_databases(old_config, verbosity=0)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
