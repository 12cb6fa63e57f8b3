"""Query counts that keep pages fast whatever editors put on them.

- Every block of ``EmployerStreamBlock`` costs a page the same queries at 1 and at 20 blocks.
  The values come from ``benchmarks/samples.py`` (the demo's own content), so a block added
  without a sample fails here, as it fails the benchmark.
- Every page type of the package renders in a fixed number of queries (its demo page).

The demo is loaded once for the module, in a transaction rolled back at its end; each test
runs in a savepoint inside it."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from benchmarks.samples import block_samples, load_demo_content
from home.models import ContentPage
from wagtail_employer.blocks import EmployerStreamBlock

pytestmark = pytest.mark.django_db

BLOCK_NAMES = list(EmployerStreamBlock().child_blocks)

# Queries to render the demo's page of each type. A change here needs a reason: a new
# query for every page of that type on every request. The demo's policy pages name their
# content owner (a user: one query, the page itself comes from Wagtail's router).
PAGE_QUERIES = {
    "EmployerStrategyPage": 11,
    "GoalHierarchyPage": 14,
    "LeaderAgreementIndexPage": 12,
    "LeaderAgreementPage": 21,
    "ServicePolicyPage": 17,
    # The demo's results page names no unit: the first unit with results is found before
    # its scores are read (one query more than a page that names one).
    "SurveyResultsPage": 14,
    "ValuesPage": 11,
    "WorkplacePage": 11,
}


@pytest.fixture(scope="module")
def demo_samples(django_db_setup, django_db_blocker):
    """The demo intranet, and a stored value of every block taken from it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content()
        yield block_samples(BLOCK_NAMES)
        transaction.set_rollback(True)
    cache.clear()  # Wagtail's cached site root paths belong to the rolled-back demo


def queries_of(client, url):
    client.get(url)  # warm up: Wagtail's site and locale caches, template loading
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page_of(blocks, slug):
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=ContentPage(title=slug, slug=slug, body=blocks))
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("block_name", BLOCK_NAMES)
def test_a_block_costs_the_same_queries_at_1_and_at_20(
    block_name, demo_samples, client, django_assert_num_queries
):
    assert block_name in demo_samples, (
        f"benchmarks/samples.py has no sample of the {block_name!r} block"
    )
    stored = {"type": block_name, "value": demo_samples[block_name]}
    one = page_of([stored], f"one-{block_name}")
    twenty = page_of([stored] * 20, f"twenty-{block_name}")

    expected = queries_of(client, one.url)
    client.get(twenty.url)
    with django_assert_num_queries(expected):
        response = client.get(twenty.url)
    assert response.status_code == 200


def package_page_types():
    return sorted(
        model.__name__
        for model in apps.get_app_config("wagtail_employer").get_models()
        if issubclass(model, Page)
    )


def test_every_page_type_has_a_fixed_query_count():
    assert package_page_types() == sorted(PAGE_QUERIES)


@pytest.mark.parametrize("page_type", sorted(PAGE_QUERIES))
def test_a_page_type_renders_in_a_fixed_number_of_queries(
    page_type, demo_samples, client, admin_user, django_assert_num_queries
):
    model = apps.get_model("wagtail_employer", page_type)
    page = model.objects.live().order_by("path").first()
    assert page is not None, f"the demo has no live {page_type}"
    # Leader agreements are private: read them as HR (a superuser).
    if page_type.startswith("LeaderAgreement"):
        client.force_login(admin_user)
    client.get(page.url)
    with django_assert_num_queries(PAGE_QUERIES[page_type]):
        response = client.get(page.url)
    assert response.status_code == 200
