"""Survey results for readers: the results page, the blocks, the API and search, with the
anonymity rule (including complementary suppression) checked on each surface; follow-up
plans in the admin and on the page; query counts."""

import datetime
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from wagtail_employer.models import (
    ActionStatus,
    FocusKind,
    FollowUpAction,
    FollowUpFocus,
    FollowUpPlan,
    FollowUpReview,
    OrganisationUnit,
    SurveyResult,
    SurveyResultsPage,
    UnitKind,
)
from wagtail_employer.survey_results import COMPLEMENTARY, TOO_FEW, load_results, suppress

from .surveys_helpers import import_file, make_survey

pytestmark = pytest.mark.django_db

TOO_FEW_NOTICE = "For få svar til å vise resultater."
TEAM_A_SCORES = ["3,1", "3,2", "3,3", "3,4", "3,5", "3,6", "3,7", "3,8", "3,9", "2,9"]


@pytest.fixture
def survey(unit_tree):
    survey = make_survey()
    report = import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    assert not report.has_errors
    return survey


def results_page(parent, survey, **extra):
    page = parent.add_child(
        instance=SurveyResultsPage(title="Medarbeiderundersøkelsen", survey=survey, **extra)
    )
    page.save_revision().publish()
    return page


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_rows(section):
    table = section.select_one("table.we-survey-table")
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.select("tbody tr")
    }


def chart_values(section):
    """{dimension: [(series label, value text), ...]} as drawn in the SVG."""
    chart = {}
    for group in section.select("svg g.we-chart__group"):
        label = group.select_one(".we-chart__group-label").get_text(strip=True)
        chart[label] = [
            (
                row.select_one(".we-chart__series-label").contents[0].strip(),
                row.select_one(".we-chart__value").get_text(strip=True),
            )
            for row in group.select("g.we-chart__row")
        ]
    return chart


# The rule itself.


def test_suppress_hides_units_with_too_few_answers_and_what_would_single_them_out():
    parents = {"K": None, "A": "K", "B": "K", "C": "K", "A1": "A", "A2": "A"}
    order = {unit: unit for unit in parents}
    # C has too few answers, but K minus A minus B is C's 2 answers and K's own 3:
    # nothing of fewer than 3 people can be worked out, so nothing more is hidden.
    hidden = suppress({"K": 30, "A": 15, "B": 10, "C": 2, "A1": 15}, parents, order, 3)
    assert hidden == {"C": TOO_FEW}
    # Without K's own staff, K − A − B is C alone: B (the fewest answers among the
    # units whose hiding helps; A adds nothing, A1 covers it) is hidden as well.
    hidden = suppress({"K": 27, "A": 15, "B": 10, "C": 2, "A1": 15}, parents, order, 3)
    assert hidden == {"C": TOO_FEW, "B": COMPLEMENTARY}
    # Two hidden siblings with 4 answers between them are safe together.
    hidden = suppress({"K": 30, "A": 15, "B": 2, "C": 2}, parents, order, 3)
    assert hidden == {"B": TOO_FEW, "C": TOO_FEW}
    # Two hidden siblings with 2 answers between them are not: hide another.
    hidden = suppress({"K": 17, "A": 15, "B": 1, "C": 1}, parents, order, 3)
    assert hidden == {"B": TOO_FEW, "C": TOO_FEW, "A": COMPLEMENTARY}
    # A lone hidden child: its parent has at least 3 answers the child's are mixed with,
    # and no sibling to subtract, so the parent stays.
    hidden = suppress({"K": 30, "A": 4, "A1": 2}, parents, order, 3)
    assert hidden == {"A1": TOO_FEW}
    # No unit is hidden for too few answers, yet A − A1 − A2 is A's own 2 people
    # (Hjemmetjenesten in the demo): the smaller of A's units is hidden.
    hidden = suppress({"K": 40, "A": 20, "B": 20, "A1": 10, "A2": 8}, parents, order, 3)
    assert hidden == {"A2": COMPLEMENTARY}
    # Unknown respondents are never shown.
    assert suppress({"K": None}, parents, order, 3) == {"K": TOO_FEW}


# The page.


def test_page_shows_unit_parent_municipality_and_national_with_chart_equal_to_table(
    client, home_page, survey
):
    page = results_page(home_page, survey)
    soup = soup_of(client.get(page.url, {"unit": "HO-SYK"}))
    section = soup.select_one("section.we-survey-unit")
    assert section.h2.get_text(strip=True) == "Sykehjem"
    headers = [th.contents[0].strip() for th in section.select("thead th")[1:]]
    assert headers == ["Sykehjem", "Helse og omsorg", "Nesodden kommune", "Nasjonalt"]
    rows = table_rows(section)
    assert rows["Oppgavemotivasjon"] == ["4,6", "4,5", "4,4", "4,3"]  # decimal commas in nb
    chart = chart_values(section)
    assert list(chart) == list(rows)
    for dimension, bars in chart.items():
        assert [label for label, _value in bars] == headers
        assert [value for _label, value in bars] == rows[dimension]
    assert "Svarprosent: 80 % (12 av 15 svarte)." in section.get_text(" ", strip=True)
    # The SVG is self-contained: no scripts, no external references, a title and a desc.
    svg = section.svg
    assert svg["role"] == "img" and svg.title and svg.desc
    assert not soup.select("svg script") and "href" not in str(svg)
    # Headings in order: h1 page, h2 unit and sections.
    levels = [int(tag.name[1]) for tag in soup.select("article h1, article h2, article h3")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


@pytest.mark.parametrize(
    ("code", "columns"),
    [("HO", 3), ("K", 2)],  # a sector: unit, municipality, national; the municipality: itself
)
def test_page_renders_for_the_parent_and_the_municipality(client, home_page, survey, code, columns):
    page = results_page(home_page, survey)
    section = soup_of(client.get(page.url, {"unit": code})).select_one("section.we-survey-unit")
    rows = table_rows(section)
    assert len(rows) == 10 and all(len(values) == columns for values in rows.values())
    chart = chart_values(section)
    assert {d: [v for _l, v in bars] for d, bars in chart.items()} == rows


def test_page_starts_with_the_municipality_and_offers_the_tree(client, home_page, survey):
    page = results_page(home_page, survey)
    soup = soup_of(client.get(page.url))
    assert soup.select_one("section.we-survey-unit h2").get_text(strip=True) == "Nesodden kommune"
    picker = soup.select_one("form.we-unit-picker")
    assert picker["method"] == "get"
    assert picker.select_one("label")["for"] == picker.select_one("select")["id"]
    assert [option["value"] for option in picker.select("option")] == [
        "K",
        "HO",
        "HO-SYK",
        "HO-SYK-A",
        "OPP",
        "OPP-MYK",
    ]
    assert picker.button is not None


def test_unit_below_the_threshold_shows_only_the_notice(client, home_page, survey):
    page = results_page(home_page, survey)
    soup = soup_of(client.get(page.url, {"unit": "HO-SYK-A"}))
    section = soup.select_one("section.we-survey-unit")
    text = section.get_text(" ", strip=True)
    assert TOO_FEW_NOTICE in text
    assert not section.select("table, svg")
    for value in TEAM_A_SCORES:
        assert value not in text
    # The rule is explained on the page.
    assert "minst 3 svar" in soup.select_one("section.we-survey-anonymity").get_text()


def test_no_value_is_shown_as_words_never_as_zero(client, home_page, survey):
    page = results_page(home_page, survey)
    section = soup_of(client.get(page.url, {"unit": "OPP-MYK"})).select_one(
        "section.we-survey-unit"
    )
    assert table_rows(section)["Relevant kompetanseutvikling"][0] == "ingen verdi"


def differencing_survey(unit_tree):
    """Helse og omsorg (22 answers) = Sykehjem (12) + Hjemmetjenesten (8) + Dagsenter (2)."""
    health = unit_tree["health"]
    home_care = OrganisationUnit.objects.create(
        name="Hjemmetjenesten", code="HO-HJEM", kind=UnitKind.UNIT, parent=health
    )
    day_centre = OrganisationUnit.objects.create(
        name="Dagsenter", code="HO-DAG", kind=UnitKind.UNIT, parent=health
    )
    survey = make_survey(name="Differanse", year=2024)
    dimension = survey.dimensions.get(name="Mestringstro")
    rows = [
        (unit_tree["municipality"], 60, "4.0"),
        (health, 22, "4.10"),
        (unit_tree["nursing_home"], 12, "4.25"),
        (home_care, 8, "4.20"),
        (day_centre, 2, "2.80"),
    ]
    for unit, respondents, value in rows:
        SurveyResult.objects.create(
            survey=survey,
            unit=unit,
            dimension=dimension,
            score=Decimal(value),
            respondents=respondents,
        )
    return survey, home_care, day_centre


def test_differencing_a_hidden_unit_from_its_parent_and_siblings_is_prevented(
    client, home_page, unit_tree
):
    survey, home_care, day_centre = differencing_survey(unit_tree)
    # Without the rule: (22 × 4,10 − 12 × 4,25 − 8 × 4,20) / 2 = 2,8, the hidden score.
    assert (22 * Decimal("4.10") - 12 * Decimal("4.25") - 8 * Decimal("4.20")) / 2 == Decimal("2.8")
    results = load_results([survey.pk]).for_survey(survey.pk)
    assert results.hidden_reason(day_centre.pk) == TOO_FEW
    assert results.hidden_reason(home_care.pk) == COMPLEMENTARY
    assert not results.is_hidden(unit_tree["nursing_home"].pk)

    page = results_page(home_page, survey)
    section = soup_of(client.get(page.url, {"unit": "HO-HJEM"})).select_one(
        "section.we-survey-unit"
    )
    text = section.get_text(" ", strip=True)
    assert TOO_FEW_NOTICE in text and "4,2" not in text
    assert section.select_one("[data-anonymity]")["data-anonymity"] == COMPLEMENTARY
    # The parent still shows, beside it the hidden siblings show nothing.
    section = soup_of(client.get(page.url, {"unit": "HO"})).select_one("section.we-survey-unit")
    assert table_rows(section)["Mestringstro"][0] == "4,1"

    api = client.get(f"/api/v2/pages/{page.pk}/").json()["survey_results"]
    units = {unit["code"]: unit for unit in api["units"]}
    assert units["HO-DAG"]["hidden"] and units["HO-DAG"]["scores"] == {}
    assert units["HO-HJEM"]["hidden"] and units["HO-HJEM"]["scores"] == {}
    assert units["HO"]["scores"]["Mestringstro"] == 4.1


def test_api_leaves_hidden_units_without_scores(client, home_page, survey):
    page = results_page(home_page, survey)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()["survey_results"]
    units = {unit["code"]: unit for unit in data["units"]}
    assert units["HO-SYK-A"] == {
        "code": "HO-SYK-A",
        "name": "Team A",
        "parent_code": "HO-SYK",
        "hidden": True,
        "respondents": None,
        "response_rate": None,  # with the invited, the rate would give the respondents
        "scores": {},
    }
    assert units["HO"]["scores"]["Mestringstro"] == 4.2
    assert data["benchmark"]["Mestringstro"] == 4.2
    assert data["anonymity_threshold"] == 3
    assert "3.1" not in str(data) and "2.9" not in str(data)


def test_search_never_indexes_scores(client, home_page, survey):
    from wagtail.search.backends import get_search_backend

    page = results_page(home_page, survey)
    content = blocks_page(
        home_page, [("survey_result", result_block(survey, "HO-SYK-A"))], title="Teamside"
    )
    backend = get_search_backend()
    assert list(backend.search("Medarbeiderundersøkelsen 2024", SurveyResultsPage)) == [page]
    assert list(backend.search("Mestringsklima", SurveyResultsPage)) == [page]
    for value in ("3,1", "3.1", "2,9", "2.9"):
        assert not list(backend.search(value, SurveyResultsPage))
    from wagtail.search.models import IndexEntry

    for entry in IndexEntry.objects.all():
        indexed = f"{entry.title} {entry.body} {entry.autocomplete}"
        assert "2,9" not in indexed and "2.9" not in indexed, (entry, content)


# Trend.


def test_trend_shows_earlier_surveys_of_the_same_provider_with_their_own_anonymity(
    client, home_page, survey, unit_tree
):
    earlier = make_survey(name="Medarbeiderundersøkelsen 2022", year=2022)
    mastery = earlier.dimensions.get(name="Mestringstro")
    SurveyResult.objects.create(
        survey=earlier,
        unit=unit_tree["nursing_home"],
        dimension=mastery,
        score=Decimal("3.6"),
        respondents=14,
    )
    SurveyResult.objects.create(
        survey=earlier,
        unit=unit_tree["school"],
        dimension=mastery,
        score=Decimal("4.9"),
        respondents=2,
    )
    other_provider = make_survey("hme", name="HME 2020", year=2020)
    assert other_provider.provider != survey.provider
    page = results_page(home_page, survey)

    section = soup_of(client.get(page.url, {"unit": "HO-SYK"})).select_one("section.we-survey-unit")
    headers = [th.contents[0].strip() for th in section.select("thead th")]
    assert headers[-1] == "2022" and "2020" not in headers
    rows = table_rows(section)
    assert rows["Mestringstro"][-1] == "3,6"
    assert rows["Oppgavemotivasjon"][-1] == "ingen verdi"

    section = soup_of(client.get(page.url, {"unit": "OPP-MYK"})).select_one(
        "section.we-survey-unit"
    )
    assert table_rows(section)["Mestringstro"][-1] == "for få svar"
    assert "4,9" not in section.get_text()


# Blocks.


def blocks_page(parent, blocks, title="Forside"):
    from home.models import ContentPage

    page = parent.add_child(instance=ContentPage(title=title, body=blocks))
    page.save_revision().publish()
    return page


def result_block(survey, code, dimension="", level="h2"):
    return {
        "survey": survey,
        "unit": OrganisationUnit.objects.get(code=code),
        "dimension": dimension,
        "heading_level": level,
    }


def test_survey_result_block_with_all_dimensions(client, home_page, survey):
    page = blocks_page(home_page, [("survey_result", result_block(survey, "HO"))])
    section = soup_of(client.get(page.url)).select_one("section.we-survey-unit")
    assert section.h2.get_text(strip=True) == "Helse og omsorg"
    rows = table_rows(section)
    assert rows["Mestringstro"] == ["4,2", "4,3", "4,2"]
    assert {d: [v for _l, v in bars] for d, bars in chart_values(section).items()} == rows


def test_survey_result_block_with_one_dimension_and_its_trend(client, home_page, survey, unit_tree):
    earlier = make_survey(name="Medarbeiderundersøkelsen 2022", year=2022)
    SurveyResult.objects.create(
        survey=earlier,
        unit=unit_tree["health"],
        dimension=earlier.dimensions.get(name="Mestringstro"),
        score=Decimal("3.95"),
        respondents=35,
    )
    page = blocks_page(
        home_page,
        [("survey_result", result_block(survey, "HO", dimension="mestringstro", level="h3"))],
    )
    section = soup_of(client.get(page.url)).select_one("section.we-survey-unit")
    assert section.h3.get_text(strip=True) == "Helse og omsorg"
    rows = table_rows(section)
    assert rows == {
        "Medarbeiderundersøkelsen 2022": ["4,0"],
        "Medarbeiderundersøkelsen 2024": ["4,2"],
    }
    bars = chart_values(section)["Mestringstro"]
    assert bars == [("2022", "4,0"), ("2024", "4,2")]


def test_survey_result_block_for_a_hidden_unit_shows_the_notice(client, home_page, survey):
    page = blocks_page(home_page, [("survey_result", result_block(survey, "HO-SYK-A"))])
    text = soup_of(client.get(page.url)).select_one("section.we-survey-unit").get_text()
    assert TOO_FEW_NOTICE in text
    assert not any(value in text for value in TEAM_A_SCORES)


def test_survey_result_block_refuses_an_unknown_dimension(survey):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from wagtail_employer.blocks import SurveyResultBlock

    block = SurveyResultBlock()
    with pytest.raises(StructBlockValidationError) as failure:
        block.clean(
            block.to_python(
                {
                    "survey": survey.pk,
                    "unit": survey.results.filter(unit__isnull=False).first().unit_id,
                    "dimension": "Lønn",
                }
            )
        )
    assert "dimension" in failure.value.block_errors


# The survey results come in three queries whatever the number of blocks: totals and
# benchmark rows with the shown units' scores, every unit's respondents (the anonymity rule),
# and the surveys with their dimensions.
EXPECTED_BLOCK_QUERIES = 19


@pytest.mark.parametrize("block_count", [1, 50])
def test_survey_blocks_cost_the_same_queries_for_1_and_50_blocks(
    client, home_page, survey, block_count, django_assert_num_queries
):
    plan = make_plan(survey, "HO-SYK")
    codes = ["K", "HO", "HO-SYK", "HO-SYK-A", "OPP", "OPP-MYK"]
    blocks = []
    for number in range(block_count):
        dimension = "Mestringstro" if number % 2 else ""
        blocks.append(("survey_result", result_block(survey, codes[number % 6], dimension)))
        blocks.append(("follow_up_plan", {"plan": plan, "heading_level": "h2"}))
    page = blocks_page(home_page, blocks)
    client.get(page.url)  # warm Wagtail's site and locale caches
    with django_assert_num_queries(EXPECTED_BLOCK_QUERIES):
        response = client.get(page.url)
    soup = soup_of(response)
    assert len(soup.select("section.we-survey-unit")) == block_count
    assert len(soup.select("section.we-follow-up")) == block_count


# Follow-up plans.


def make_plan(survey, code, today=None):
    today = today or timezone.localdate()
    plan = FollowUpPlan.objects.create(
        survey=survey,
        unit=OrganisationUnit.objects.get(code=code),
        leader="Kari Leder",
        union_representative="Per Tillitsvalgt",
        safety_representative="Ola Verneombud",
    )
    keep = survey.dimensions.get(name="Nyttemotivasjon")
    improve = survey.dimensions.get(name="Relevant kompetanseutvikling")
    FollowUpFocus.objects.create(plan=plan, kind=FocusKind.KEEP, dimension=keep, goal="Holde")
    FollowUpFocus.objects.create(
        plan=plan, kind=FocusKind.IMPROVE, dimension=improve, goal="Kursplan for alle"
    )
    FollowUpAction.objects.create(
        plan=plan,
        dimension=improve,
        what="Lage kompetanseplan",
        who="Kari Leder",
        due_date=today - datetime.timedelta(days=10),
        status=ActionStatus.IN_PROGRESS,
    )
    FollowUpAction.objects.create(
        plan=plan,
        dimension=keep,
        what="Dele gode historier på personalmøtet",
        who="Alle",
        due_date=today + datetime.timedelta(days=30),
    )
    FollowUpReview.objects.create(plan=plan, date=today + datetime.timedelta(days=90))
    return plan


def test_results_page_shows_the_units_follow_up_plan(client, home_page, survey):
    make_plan(survey, "HO-SYK")
    page = results_page(home_page, survey)
    soup = soup_of(client.get(page.url, {"unit": "HO-SYK"}))
    plan = soup.select_one("section.we-follow-up")
    assert plan.h2.get_text(strip=True) == "Oppfølgingsplan for Sykehjem"
    assert [h.get_text(strip=True) for h in plan.select("h3")][:2] == [
        "Områder å bevare",
        "Områder å forbedre",
    ]
    people = dict(
        zip(
            [dt.get_text(strip=True) for dt in plan.select("dt")],
            [dd.get_text(strip=True) for dd in plan.select("dd")],
            strict=True,
        )
    )
    assert people["Tillitsvalgt"] == "Per Tillitsvalgt"
    assert people["Verneombud"] == "Ola Verneombud"
    actions = plan.select("table tbody tr")
    assert actions[0].th.get_text(strip=True) == "Lage kompetanseplan"
    assert "(forsinket)" in actions[0].get_text()
    assert "(forsinket)" not in actions[1].get_text()
    # Another unit has no plan.
    soup = soup_of(client.get(page.url, {"unit": "HO"}))
    assert soup.select_one("section.we-follow-up") is None


def plan_form(survey, unit, focus, actions=()):
    return nested_form_data(
        {
            "survey": survey.pk,
            "unit": unit.pk,
            "leader": "Kari Leder",
            "union_representative": "Per",
            "safety_representative": "Ola",
            "summary": "",
            "focus_areas": inline_formset(
                [{"kind": kind, "dimension": dimension.pk, "goal": ""} for kind, dimension in focus]
            ),
            "actions": inline_formset(
                [
                    {
                        "dimension": dimension.pk,
                        "what": what,
                        "who": "Kari",
                        "due_date": "2030-01-31",
                        "status": "planned",
                    }
                    for dimension, what in actions
                ]
            ),
            "reviews": inline_formset([{"date": "2030-03-31", "note": "Kvartalsvis"}]),
        }
    )


def test_hr_creates_a_follow_up_plan_in_the_admin(admin_user_client, survey, unit_tree):
    keep = survey.dimensions.get(name="Mestringsklima")
    improve = survey.dimensions.get(name="Rolleklarhet")
    response = admin_user_client.post(
        reverse("wagtail_employer_followupplan_modeladmin_create"),
        plan_form(
            survey,
            unit_tree["school"],
            [(FocusKind.KEEP, keep), (FocusKind.IMPROVE, improve)],
            [(improve, "Skrive stillingsbeskrivelser")],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = FollowUpPlan.objects.get()
    assert [area.dimension.name for area in plan.focus_areas.all()] == [
        "Mestringsklima",
        "Rolleklarhet",
    ]
    assert plan.actions.get().what == "Skrive stillingsbeskrivelser"
    assert plan.reviews.get().date == datetime.date(2030, 3, 31)


def test_follow_up_plan_keeps_to_the_surveys_counts(admin_user_client, survey, unit_tree):
    first, second, third = survey.dimensions.all()[:3]
    response = admin_user_client.post(
        reverse("wagtail_employer_followupplan_modeladmin_create"),
        plan_form(
            survey,
            unit_tree["school"],
            [(FocusKind.IMPROVE, first), (FocusKind.IMPROVE, second)],
            [(third, "Noe annet")],
        ),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "asks for at most 1 areas to improve" in text
    assert "Choose one of the plan&#x27;s focus areas." in text
    assert not FollowUpPlan.objects.exists()


def test_hr_lists_plans_with_overdue_actions(admin_user_client, survey):
    make_plan(survey, "HO-SYK")
    on_time = FollowUpPlan.objects.create(
        survey=survey, unit=OrganisationUnit.objects.get(code="HO")
    )
    listing = reverse("wagtail_employer_followupplan_modeladmin_index")
    soup = soup_of(admin_user_client.get(listing, {"overdue": "yes"}))
    rows = soup.select("table.listing tbody tr")
    assert len(rows) == 1 and "Sykehjem" in rows[0].get_text()
    assert re.search(r"\b1\b", rows[0].select("td")[3].get_text())
    soup = soup_of(admin_user_client.get(listing))
    assert len(soup.select("table.listing tbody tr")) == 2
    assert on_time.overdue_count == 0


# The admin.


def test_editor_creates_a_survey_results_page_through_the_admin(
    admin_user_client, home_page, survey, unit_tree
):
    from wagtail.test.utils.form_data import rich_text, streamfield

    url = reverse(
        "wagtailadmin_pages:add",
        args=["wagtail_employer", "surveyresultspage", home_page.pk],
    )
    response = admin_user_client.post(
        url,
        nested_form_data(
            {
                "title": "Medarbeiderundersøkelsen 2024",
                "slug": "mu-2024",
                "intro": rich_text("<p>Velg enheten din.</p>"),
                "survey": survey.pk,
                "unit": unit_tree["health"].pk,
                "show_follow_up": "on",
                "body": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = SurveyResultsPage.objects.get(slug="mu-2024")
    section = soup_of(client_get(page.url)).select_one("section.we-survey-unit")
    assert section.h2.get_text(strip=True) == "Helse og omsorg"


def client_get(url):
    from django.test import Client

    return Client().get(url)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtail_employer_survey_modeladmin_index",
        "wagtail_employer_survey_modeladmin_create",
        "wagtail_employer_surveyresult_modeladmin_index",
        "wagtail_employer_followupplan_modeladmin_index",
        "wagtail_employer_followupplan_modeladmin_create",
    ],
)
def test_admin_listings_and_forms_render(admin_user_client, survey, url_name):
    make_plan(survey, "HO-SYK")
    assert admin_user_client.get(reverse(url_name)).status_code == 200


def test_survey_edit_form_lists_its_dimensions(admin_user_client, survey):
    url = reverse("wagtail_employer_survey_modeladmin_edit", args=[survey.pk])
    soup = soup_of(admin_user_client.get(url))
    names = [field["value"] for field in soup.select("input[name$='-name'][name^='dimensions-']")]
    assert names[:2] == ["Oppgavemotivasjon", "Mestringstro"]


PAGE_QUERIES = 13


@pytest.mark.parametrize("code", ["K", "HO-SYK", "HO-SYK-A"])
def test_results_page_costs_a_fixed_number_of_queries(
    client, home_page, survey, code, django_assert_num_queries
):
    make_plan(survey, "HO-SYK")
    page = results_page(home_page, survey)
    client.get(page.url)  # warm Wagtail's site and locale caches
    # Where there is a plan, its parts come in five prefetch queries after it.
    expected = PAGE_QUERIES + (6 if code == "HO-SYK" else 0)
    with django_assert_num_queries(expected):
        client.get(page.url, {"unit": code})


def test_a_unit_s_report_reads_only_its_own_and_its_parents_results(survey, unit_tree):
    """A municipality of a thousand units has 15,000 scores a year: the results page reads
    the chosen unit's rows and its parents', and only respondent counts of the rest."""
    loader = load_results([survey.pk])
    report = loader.unit_report(survey.pk, unit_tree["nursing_home"])

    units_read = {unit_id for unit_id, _dimension in loader.scores[survey.pk]}
    assert units_read == {
        unit_tree["nursing_home"].pk,
        unit_tree["health"].pk,
        unit_tree["municipality"].pk,
    }
    # The anonymity rule still weighs every unit: the school's results are counted.
    assert report.results.has_results(unit_tree["school"].pk)
    assert [series.key for series in report.series][:3] == ["unit", "parent", "municipality"]


def test_the_api_and_exports_read_every_unit_at_once(survey, unit_tree):
    loader = load_results([survey.pk], all_units=True)
    results = loader.for_survey(survey.pk)
    with CaptureQueriesContext(connection) as captured:
        shown = [results.score(unit.pk, results.dimensions[0].pk) for unit in unit_tree.values()]
    assert len(captured) == 0
    assert any(score.value is not None for score in shown)
    # The same respondents as a page weighs for the anonymity rule, the benchmark once.
    page_loader = load_results([survey.pk])
    page_loader.for_survey(survey.pk)
    assert loader.respondents == page_loader.respondents
    assert len(loader.national[survey.pk]) == survey.results.filter(unit=None).count() > 0
