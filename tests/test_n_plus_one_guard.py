"""The N+1 guard (django-zeal, intranet/settings/test.py and tests/conftest.py) is on for
every request of the suite: a block that fetched its objects one by one, or a template that
followed a relation the block did not prefetch, fails the test that renders it."""

import pytest
from zeal import NPlusOneError

from wagtail_employer.blocks import values as value_blocks
from wagtail_employer.models import ValueSet

from .test_values import blocks_page, make_value_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_three_value_sets(home_page):
    sets = [make_value_set(name=f"Sett {n}", acronym="") for n in range(3)]
    blocks = [
        ("value_set", {"value_set": value_set, "display": "full", "heading_level": "h2"})
        for value_set in sets
    ]
    return blocks_page(home_page, blocks)


def test_the_page_renders_with_the_package_as_it_is(client, page_with_three_value_sets):
    assert client.get(page_with_three_value_sets.url).status_code == 200


def fetch_each_value_set_by_itself(self, values):
    return [ValueSet.objects.get(pk=pk) for pk in values]


def test_a_block_that_fetches_one_object_per_block_fails(
    client, page_with_three_value_sets, monkeypatch
):
    monkeypatch.setattr(
        value_blocks.ValueSetChooserBlock, "bulk_to_python", fetch_each_value_set_by_itself
    )
    with pytest.raises(NPlusOneError) as error:
        client.get(page_with_three_value_sets.url)
    # The guard names the line that ran the query, not the test's client.get().
    assert "wagtail_employer.ValueSet.get()" in str(error.value)
    assert "tests/test_n_plus_one_guard.py" in str(error.value)


def test_a_template_following_a_relation_that_was_not_prefetched_fails(
    client, page_with_three_value_sets, monkeypatch
):
    monkeypatch.setattr(
        value_blocks, "_value_sets", lambda: ValueSet.objects.select_related("locale")
    )
    with pytest.raises(NPlusOneError, match=r"wagtail_employer\.ValueSet\.values"):
        client.get(page_with_three_value_sets.url)
