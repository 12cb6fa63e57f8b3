"""Several servers behind a frontend cache: changing a value set, policy, survey or unit
purges the cached pages that show it (found through Wagtail's reference index), and only
those. A recording backend stands in for Varnish or Cloudflare."""

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale

from home.models import ContentPage
from wagtail_employer.frontend_cache import purge_pages_using
from wagtail_employer.models import (
    GoalHierarchyPage,
    ServicePolicyPage,
    SurveyResult,
    SurveyResultsPage,
    Value,
)

from .surveys_helpers import import_file, make_survey
from .test_service_policy import make_policy
from .test_strategy import make_strategy
from .test_values import blocks_page, make_value_set, make_values_page, value_set_form_data

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    """Records each batch of URLs it is asked to purge."""

    batches = []

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        RecordingBackend.batches.append(sorted(urls))


@pytest.fixture
def purged():
    """The URLs purged since the test's setup, as a set; ``purged.batches`` per purge."""
    RecordingBackend.batches = []
    settings = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=settings):
        yield RecordingBackend


def purged_urls():
    return {url for batch in RecordingBackend.batches for url in batch}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The test runs in a transaction that never commits: run what waits for the commit."""

    def commit():
        return django_capture_on_commit_callbacks(execute=True)

    return commit


def start_watching(purged):
    """The test's transaction never commits: run what the setup (fixtures included) left
    waiting for the commit, as a real commit would, then record afresh."""
    for _savepoints, callback, _robust in transaction.get_connection().run_on_commit:
        callback()
    purged.batches.clear()


def value_set_blocks(value_set):
    return [
        ("value_set", {"value_set": value_set, "display": "full", "heading_level": "h2"}),
    ]


def single_value_blocks(value):
    return [("single_value", {"value": value, "heading_level": "h3", "show_behaviours": True})]


def test_editing_a_value_set_purges_exactly_the_pages_that_show_it(
    admin_user_client, home_page, committed, purged
):
    real = make_value_set()
    other = make_value_set(name="Mod, glädje, respekt", acronym="")
    values_page = make_values_page(home_page, real)
    article = blocks_page(home_page, value_set_blocks(real), title="Artikkel")
    one_value = blocks_page(
        home_page, single_value_blocks(real.values.get(name="Likeverd")), title="Likeverd"
    )
    blocks_page(home_page, value_set_blocks(other), title="Andre verdier")
    blocks_page(home_page, [], title="Tom side")
    draft = home_page.add_child(
        instance=ContentPage(title="Utkast", body=value_set_blocks(real), live=False)
    )
    start_watching(purged)

    with committed():
        data = value_set_form_data(name="Felles verdier i Grue")
        data["values-INITIAL_FORMS"] = "4"
        data.update({f"values-{n}-id": str(v.pk) for n, v in enumerate(real.values.all())})
        response = admin_user_client.post(
            reverse("wagtailsnippets_wagtail_employer_valueset:edit", args=[real.pk]), data
        )
    assert response.status_code == 302

    assert purged_urls() == {
        values_page.full_url,
        article.full_url,
        one_value.full_url,
    }
    assert draft.full_url not in purged_urls()
    assert len(purged.batches) == 1, "one purge for the whole save, not one per value"


def test_editing_the_nynorsk_translation_purges_the_pages_that_show_it(
    home_page, committed, purged
):
    nynorsk = Locale.objects.create(language_code="nn")
    bokmal_set = make_value_set()
    page = make_values_page(home_page, bokmal_set)
    nynorsk_set = bokmal_set.copy_for_translation(nynorsk)
    nynorsk_set.save()
    start_watching(purged)

    with committed():
        nynorsk_set.name = "Felles verdiar i Grue kommune"
        nynorsk_set.save()

    assert purged_urls() == {page.full_url}


def test_a_page_showing_a_policy_is_purged_when_its_commitments_change(
    home_page, committed, purged
):
    policy = make_policy()
    policy_page = home_page.add_child(
        instance=ServicePolicyPage(title="Servicepolitikk", policy=policy)
    )
    policy_page.save_revision().publish()
    commitment = policy.focus_areas.first().commitments.first()
    commitment_page = blocks_page(
        home_page,
        [("commitment", {"commitment": commitment, "heading_level": "h3"})],
        title="Kjennetegn",
    )
    blocks_page(home_page, [], title="Tom side")
    start_watching(purged)

    with committed():
        commitment.text = "Vi holder alltid det vi lover."
        commitment.save()

    assert purged_urls() == {policy_page.full_url, commitment_page.full_url}


def test_a_page_showing_a_policy_is_purged_when_the_value_set_it_names_changes(
    home_page, committed, purged
):
    value_set = make_value_set()
    policy = make_policy(value_set=value_set)
    policy_page = home_page.add_child(
        instance=ServicePolicyPage(title="Servicepolitikk", policy=policy)
    )
    policy_page.save_revision().publish()
    start_watching(purged)

    with committed():
        value = Value.objects.get(value_set=value_set, name="Raushet")
        value.meaning = "<p>Vi deler.</p>"
        value.save()

    assert purged_urls() == {policy_page.full_url}


def test_importing_survey_results_purges_the_pages_that_show_the_survey_once(
    home_page, unit_tree, committed, purged
):
    survey = make_survey()
    results_page = home_page.add_child(
        instance=SurveyResultsPage(title="Medarbeiderundersøkelsen", survey=survey)
    )
    results_page.save_revision().publish()
    block_page = blocks_page(
        home_page,
        [
            (
                "survey_result",
                {
                    "survey": survey,
                    "unit": unit_tree["nursing_home"],
                    "dimension": "",
                    "heading_level": "h2",
                },
            )
        ],
        title="Resultater for sykehjemmet",
    )
    other_page = home_page.add_child(
        instance=SurveyResultsPage(title="Forrige", survey=make_survey(year=2022))
    )
    other_page.save_revision().publish()
    start_watching(purged)

    with committed():
        report = import_file(survey, "10-faktor-long-comma-utf8.csv")
    assert not report.has_errors
    assert SurveyResult.objects.filter(survey=survey).count() > 20

    assert purged_urls() == {results_page.full_url, block_page.full_url}
    assert len(purged.batches) == 1


def test_purge_pages_using_is_for_writes_without_signals(home_page, committed, purged):
    survey = make_survey()
    page = home_page.add_child(instance=SurveyResultsPage(title="Resultater", survey=survey))
    page.save_revision().publish()
    start_watching(purged)

    with committed():
        SurveyResult.objects.bulk_create([])  # an import that writes in bulk ...
        purge_pages_using(survey)  # ... says what it changed

    assert purged_urls() == {page.full_url}


def test_the_pages_to_purge_cost_the_same_queries_for_1_and_25_changed_rows(
    home_page, unit_tree, committed, purged
):
    survey = make_survey()
    page = home_page.add_child(instance=SurveyResultsPage(title="Resultater", survey=survey))
    page.save_revision().publish()
    dimensions = list(survey.dimensions.all())
    start_watching(purged)

    units = list(unit_tree.values())

    def save_results(count):
        for n in range(count):
            SurveyResult.objects.create(
                survey=survey,
                unit=units[n // len(dimensions)],
                dimension=dimensions[n % len(dimensions)],
                score=4,
                respondents=10 + n,
            )

    query_counts = []
    for count in (1, 25):
        SurveyResult.objects.filter(survey=survey).delete()
        with committed() as callbacks:
            save_results(count)
        # Count the purge alone: run the commit callbacks again under the counter.
        with CaptureQueriesContext(connection) as captured:
            for callback in callbacks:
                callback()
        query_counts.append(len(captured))
    assert query_counts[0] == query_counts[1]
    assert page.full_url in purged_urls()


def test_renaming_a_unit_purges_its_pages_and_every_goal_and_results_page(
    home_page, unit_tree, committed, purged
):
    card = blocks_page(
        home_page,
        [("unit_card", {"unit": unit_tree["school"], "heading_level": "h3"})],
        title="Skolen",
    )
    goals = home_page.add_child(instance=GoalHierarchyPage(title="Mål"))
    goals.save_revision().publish()
    blocks_page(
        home_page,
        [("unit_card", {"unit": unit_tree["nursing_home"], "heading_level": "h3"})],
        title="Sykehjemmet",
    )
    start_watching(purged)

    with committed():
        school = unit_tree["school"]
        school.name = "Myklerud barneskole"
        school.save()

    assert purged_urls() == {card.full_url, goals.full_url}


def test_publishing_a_strategy_purges_the_pages_that_show_one_of_its_focus_areas(
    home_page, committed, purged
):
    strategy = make_strategy(home_page)
    area = strategy.focus_areas.get()
    shows_the_area = blocks_page(
        home_page,
        [("strategy_focus_area", {"focus_area": area, "heading_level": "h2"})],
        title="Ledelse",
    )
    blocks_page(home_page, [], title="Tom side")
    start_watching(purged)

    with committed():
        strategy.vision = "Stolt, unik og raus"
        strategy.save_revision().publish()

    # Wagtail purges the strategy page itself; the package, the page showing its area.
    assert purged_urls() == {strategy.full_url, shows_the_area.full_url}
