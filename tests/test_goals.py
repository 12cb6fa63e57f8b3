"""The goal hierarchy: goals through the admin form and its refusals, the chain page from
the vision down to a team, the unit goals block, salary criteria, API and query counts."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from wagtail_employer.models import Goal, GoalHierarchyPage, SalaryCriterion

from .conftest import use_admin_language
from .test_values import make_value_set, page_text

pytestmark = pytest.mark.django_db

GOAL_ADD_URL = "wagtailsnippets_wagtail_employer_goal:add"
CRITERION_ADD_URL = "wagtailsnippets_wagtail_employer_salarycriterion:add"


def make_goal(unit, title, parent=None, is_vision=False, position=0, **fields):
    fields.setdefault("statement", f"{title}: what we want.")
    if unit.kind == "team":
        fields.setdefault("how", "Vi planlegger sammen.")
        fields.setdefault("follow_up", "Vi følger opp på personalmøtet hver måned.")
    goal = Goal(
        unit=unit, title=title, parent=parent, is_vision=is_vision, sort_order=position, **fields
    )
    goal.full_clean()
    goal.save()
    return goal


@pytest.fixture
def hierarchy(unit_tree):
    """Vision → overall goal → sector goal → unit goal → two team goals, on Nesodden's tree."""
    vision = make_goal(
        unit_tree["municipality"],
        "Visjon",
        is_vision=True,
        statement="Et livskraftig samfunn der vi skaper et godt liv sammen.",
    )
    overall = make_goal(unit_tree["municipality"], "Overordnet mål", parent=vision)
    sector = make_goal(unit_tree["health"], "Mål for helse og omsorg", parent=overall)
    unit = make_goal(unit_tree["nursing_home"], "Mål for sykehjemmet", parent=sector)
    team_goals = [
        make_goal(unit_tree["team"], f"Teammål {n}", parent=unit, position=n) for n in (1, 2)
    ]
    school_sector = make_goal(unit_tree["education"], "Mål for oppvekst", parent=overall)
    return {
        "vision": vision,
        "overall": overall,
        "sector": sector,
        "unit": unit,
        "team_goals": team_goals,
        "school_sector": school_sector,
    }


def goal_form_data(unit, title, parent=None, **extra):
    data = {
        "unit": unit.pk,
        "title": title,
        "statement": "Brukerne opplever trygghet i hverdagen.",
        "how": "Faste primærkontakter for alle brukere.",
        "follow_up": "Brukerundersøkelse hvert år; gjennomgang på personalmøtet.",
        "parent": parent.pk if parent else "",
        "sort_order": 0,
    }
    data.update(extra)
    return data


def test_editor_creates_a_team_goal_that_serves_its_unit_goal(
    admin_user_client, unit_tree, hierarchy
):
    response = admin_user_client.post(
        reverse(GOAL_ADD_URL),
        goal_form_data(unit_tree["team"], "Teammål 3", parent=hierarchy["unit"]),
    )
    assert response.status_code == 302, page_text(response)
    goal = Goal.objects.get(title="Teammål 3")
    assert goal.parent == hierarchy["unit"]
    with translation.override("en"):
        assert goal.get_level_display() == "Team goal"


def test_a_fourth_team_goal_is_refused_naming_the_unit_field(
    admin_user_client, unit_tree, hierarchy
):
    make_goal(unit_tree["team"], "Teammål 3", parent=hierarchy["unit"], position=3)
    response = admin_user_client.post(
        reverse(GOAL_ADD_URL),
        goal_form_data(unit_tree["team"], "Teammål 4", parent=hierarchy["unit"]),
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    message = "Team A already has 3 goals, and a team may have at most 3."
    unit_field = soup.select_one("[data-field-wrapper]:has(#id_unit)")
    assert message in unit_field.get_text(" ", strip=True)
    title_field = soup.select_one("[data-field-wrapper]:has(#id_title)")
    assert message not in title_field.get_text(" ", strip=True)
    assert not Goal.objects.filter(title="Teammål 4").exists()
    assert Goal.objects.filter(unit=unit_tree["team"]).count() == 3


@override_settings(WAGTAIL_EMPLOYER={"TEAM_GOALS_MAX": 2})
def test_the_team_goal_limit_is_a_setting(unit_tree, hierarchy):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        make_goal(unit_tree["team"], "Teammål 3", parent=hierarchy["unit"])
    assert refused.value.message_dict["unit"] == [
        "Team A already has 2 goals, and a team may have at most 2."
    ]


def test_editing_one_of_three_team_goals_is_allowed(unit_tree, hierarchy):
    third = make_goal(unit_tree["team"], "Teammål 3", parent=hierarchy["unit"])
    third.title = "Teammål 3, omskrevet"
    third.full_clean()
    third.save()


def test_a_parent_goal_of_a_unit_that_is_not_above_is_refused(
    admin_user_client, unit_tree, hierarchy
):
    response = admin_user_client.post(
        reverse(GOAL_ADD_URL),
        goal_form_data(unit_tree["team"], "Teammål 3", parent=hierarchy["school_sector"]),
    )
    assert response.status_code == 200
    assert (
        "“Mål for oppvekst” is a goal of Oppvekst, which is not above Team A in the "
        "organisation." in page_text(response)
    )
    assert not Goal.objects.filter(title="Teammål 3").exists()


def test_a_goal_below_the_municipality_must_serve_a_goal(admin_user_client, unit_tree, hierarchy):
    response = admin_user_client.post(
        reverse(GOAL_ADD_URL), goal_form_data(unit_tree["school"], "Skolens mål")
    )
    assert "Choose the goal one level up that this goal serves" in page_text(response)
    assert not Goal.objects.filter(title="Skolens mål").exists()


def test_a_team_goal_needs_how_and_follow_up(admin_user_client, unit_tree, hierarchy):
    response = admin_user_client.post(
        reverse(GOAL_ADD_URL),
        goal_form_data(
            unit_tree["team"], "Teammål 3", parent=hierarchy["unit"], how="", follow_up=""
        ),
    )
    text = page_text(response)
    assert "Say how the team will reach the goal." in text
    assert "Say how the team will follow the goal up." in text
    assert not Goal.objects.filter(title="Teammål 3").exists()


def test_only_the_municipality_has_one_vision(unit_tree, hierarchy):
    with translation.override("en"):
        with pytest.raises(ValidationError) as second:
            make_goal(unit_tree["municipality"], "Ny visjon", is_vision=True)
        assert second.value.message_dict["is_vision"] == [
            "Nesodden kommune already has a vision: “Visjon”."
        ]
        with pytest.raises(ValidationError) as on_a_unit:
            make_goal(unit_tree["school"], "Skolens visjon", is_vision=True)
        assert on_a_unit.value.message_dict["is_vision"] == [
            "Only the municipality has a vision; Myklerud skole is a unit."
        ]


def test_an_overall_goal_serves_the_vision(unit_tree, hierarchy):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        make_goal(unit_tree["municipality"], "Overordnet 2", parent=hierarchy["sector"])
    assert refused.value.message_dict["parent"] == [
        "An overall goal serves the vision of Nesodden kommune."
    ]


def test_a_norwegian_editor_reads_the_refusal_in_norwegian(
    admin_user_client, admin_user, unit_tree, hierarchy
):
    use_admin_language(admin_user, "nb")
    make_goal(unit_tree["team"], "Teammål 3", parent=hierarchy["unit"], position=3)
    response = admin_user_client.post(
        reverse(GOAL_ADD_URL),
        goal_form_data(unit_tree["team"], "Teammål 4", parent=hierarchy["unit"]),
    )
    assert "Team A har allerede 3 mål, og et arbeidslag kan ha høyst 3." in page_text(response)


def make_chain_page(parent, default_unit=None, title="Fra visjon til lønnskriterier"):
    page = parent.add_child(
        instance=GoalHierarchyPage(
            title=title, intro="<p>Målene våre henger sammen.</p>", default_unit=default_unit
        )
    )
    page.save_revision().publish()
    return page


def test_chain_page_shows_a_team_from_the_vision_down(client, home_page, unit_tree, hierarchy):
    page = make_chain_page(home_page)
    response = client.get(page.url, {"unit": "HO-SYK-A"})
    soup = BeautifulSoup(response.content, "html.parser")
    chain = soup.select_one(".we-goal-chain")
    assert chain.h2.get_text(strip=True) == "Fra visjonen til Team A"
    levels = chain.select("ol.we-goal-chain__levels > li")
    assert [level.h3.get_text(" ", strip=True) for level in levels] == [
        "Nesodden kommune (kommune)",
        "Helse og omsorg (sektor)",
        "Sykehjem (enhet)",
        "Team A (arbeidslag)",
    ]
    goal_titles = [[h4.get_text(" ", strip=True) for h4 in level.select("h4")] for level in levels]
    assert goal_titles == [
        ["Visjon: Visjon", "Overordnet mål: Overordnet mål"],
        ["Sektormål: Mål for helse og omsorg"],
        ["Enhetsmål: Mål for sykehjemmet"],
        ["Arbeidslagsmål: Teammål 1", "Arbeidslagsmål: Teammål 2"],
    ]
    assert levels[-1].get("aria-current") == "true"
    team_text = levels[-1].get_text(" ", strip=True)
    assert "Slik følger vi opp Vi følger opp på personalmøtet hver måned." in team_text
    assert "Tjener «Mål for sykehjemmet» (Sykehjem)" in team_text
    # Oppvekst is not on Team A's chain.
    assert "Mål for oppvekst" not in chain.get_text()


def test_chain_page_unit_picker_is_a_plain_labelled_form(client, home_page, unit_tree, hierarchy):
    page = make_chain_page(home_page, default_unit=unit_tree["school"])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    form = soup.select_one("form.we-unit-picker")
    assert form["method"] == "get"
    select = form.select_one("select[name=unit]")
    assert soup.select_one(f"label[for={select['id']}]").get_text(strip=True)
    assert select.select_one("option[selected]")["value"] == "OPP-MYK"
    assert len(select.select("option")) == 6
    assert form.select_one("button[type=submit]")
    # The default unit's chain is shown before the reader picks one.
    assert soup.select_one(".we-goal-chain h2").get_text(strip=True) == (
        "Fra visjonen til Myklerud skole"
    )


def test_chain_page_tells_about_an_unknown_unit_code(client, home_page, unit_tree, hierarchy):
    page = make_chain_page(home_page)
    response = client.get(page.url, {"unit": "NOPE"})
    assert response.status_code == 200
    assert "Det finnes ingen enhet med koden «NOPE»." in page_text(response)


def test_chain_page_lists_salary_criteria_with_their_goals_and_values(
    client, home_page, unit_tree, hierarchy
):
    value_set = make_value_set()
    criterion = SalaryCriterion.objects.create(
        unit=unit_tree["nursing_home"],
        name="Bidrar til teamets mål",
        description="Tar ansvar for at teamets mål blir nådd.",
    )
    criterion.goals.set([hierarchy["unit"]])
    criterion.values.set([value_set.values.get(name="Raushet")])
    criterion.save()
    page = make_chain_page(home_page)
    soup = BeautifulSoup(client.get(page.url, {"unit": "HO-SYK-A"}).content, "html.parser")
    section = soup.select_one(".we-salary-criteria")
    assert section.h2.get_text(strip=True) == "Lønnskriterier for Team A"
    assert section.h3.get_text(strip=True) == "Bidrar til teamets mål"
    items = [li.get_text(strip=True) for li in section.select("ul li")]
    assert items == ["Mål for sykehjemmet (Sykehjem)", "Raushet"]
    assert "Gjelder hele Sykehjem." in section.get_text(" ", strip=True)


def test_editor_adds_a_salary_criterion_linked_to_goals_and_values(
    admin_user_client, unit_tree, hierarchy
):
    value_set = make_value_set()
    raushet = value_set.values.get(name="Raushet")
    response = admin_user_client.post(
        reverse(CRITERION_ADD_URL),
        {
            "unit": unit_tree["team"].pk,
            "name": "Tar ansvar",
            "description": "Tar ansvar for teamets mål.",
            "goals": [hierarchy["team_goals"][0].pk, hierarchy["sector"].pk],
            "values": [raushet.pk],
            "sort_order": 0,
        },
    )
    assert response.status_code == 302, page_text(response)
    criterion = SalaryCriterion.objects.get()
    assert set(criterion.goals.all()) == {hierarchy["team_goals"][0], hierarchy["sector"]}
    assert list(criterion.values.all()) == [raushet]


def test_a_salary_criterion_cannot_support_goals_of_another_branch(
    admin_user_client, unit_tree, hierarchy
):
    response = admin_user_client.post(
        reverse(CRITERION_ADD_URL),
        {
            "unit": unit_tree["team"].pk,
            "name": "Tar ansvar",
            "description": "Tar ansvar.",
            "goals": [hierarchy["school_sector"].pk],
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert "not “Mål for oppvekst” (Oppvekst)" in page_text(response)
    assert not SalaryCriterion.objects.exists()


def test_editor_creates_a_goal_hierarchy_page_through_the_admin(
    admin_user_client, home_page, unit_tree
):
    response = admin_user_client.post(
        reverse(
            "wagtailadmin_pages:add", args=["wagtail_employer", "goalhierarchypage", home_page.pk]
        ),
        nested_form_data(
            {
                "title": "Målhierarkiet",
                "slug": "malhierarkiet",
                "intro": rich_text("<p>Fra visjon til lønnskriterier.</p>"),
                "default_unit": unit_tree["team"].pk,
                "body": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, page_text(response)
    assert GoalHierarchyPage.objects.get(slug="malhierarkiet").live


def blocks_page(parent, blocks, title="Mål"):
    from home.models import ContentPage

    page = parent.add_child(instance=ContentPage(title=title, body=blocks))
    page.save_revision().publish()
    return page


def test_unit_goals_block_shows_one_units_goals(client, home_page, unit_tree, hierarchy):
    page = blocks_page(
        home_page,
        [("unit_goals", {"unit": unit_tree["team"], "heading_level": "h2", "show_how": True})],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    block = soup.select_one(".we-unit-goals")
    assert block.h2.get_text(strip=True) == "Mål for Team A"
    assert [h3.get_text(" ", strip=True) for h3 in block.select("h3")] == [
        "Arbeidslagsmål: Teammål 1",
        "Arbeidslagsmål: Teammål 2",
    ]
    facts = block.select_one("dl")
    assert [dt.get_text(strip=True) for dt in facts.select("dt")] == [
        "Hvordan",
        "Slik følger vi opp",
    ]


def test_editor_puts_a_unit_goals_block_on_an_article(
    admin_user_client, client, home_page, unit_tree, hierarchy
):
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=["home", "contentpage", home_page.pk]),
        nested_form_data(
            {
                "title": "Sykehjemmets mål",
                "slug": "sykehjemmets-mal",
                "intro": "",
                "body": streamfield(
                    [
                        (
                            "unit_goals",
                            {
                                "unit": unit_tree["nursing_home"].pk,
                                "heading_level": "h2",
                                "show_how": "on",
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, page_text(response)
    text = page_text(client.get("/sykehjemmets-mal/"))
    assert "Enhetsmål: Mål for sykehjemmet" in text


@pytest.mark.parametrize("block_count", [1, 50])
def test_unit_goals_blocks_cost_the_same_queries_for_1_and_50_blocks(
    client, home_page, unit_tree, hierarchy, block_count, django_assert_num_queries
):
    units = [unit_tree["team"], unit_tree["nursing_home"], unit_tree["health"]]
    page = blocks_page(
        home_page,
        [
            ("unit_goals", {"unit": units[n % 3], "heading_level": "h2", "show_how": True})
            for n in range(block_count)
        ],
    )
    client.get(page.url)  # warm Wagtail's site and locale caches
    with django_assert_num_queries(EXPECTED_GOAL_BLOCK_QUERIES):
        response = client.get(page.url)
    assert response.content.decode().count('class="we-unit-goals"') == block_count


EXPECTED_GOAL_BLOCK_QUERIES = 9


@pytest.mark.parametrize("team", ["HO-SYK-A", "HO-SYK"])
def test_chain_page_costs_a_fixed_number_of_queries(
    client, home_page, unit_tree, hierarchy, team, django_assert_num_queries
):
    page = make_chain_page(home_page)
    client.get(page.url, {"unit": team})
    with django_assert_num_queries(EXPECTED_CHAIN_PAGE_QUERIES):
        client.get(page.url, {"unit": team})


EXPECTED_CHAIN_PAGE_QUERIES = 10


def test_goals_are_searchable_and_the_chain_is_in_the_api(client, home_page, unit_tree, hierarchy):
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search("sykehjemmet", Goal)
    assert hierarchy["unit"] in list(results)
    page = make_chain_page(home_page, default_unit=unit_tree["team"])
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    levels = data["goal_chain"]["levels"]
    assert [level["unit"]["code"] for level in levels] == ["K", "HO", "HO-SYK", "HO-SYK-A"]
    assert [goal["level"] for goal in levels[0]["goals"]] == ["vision", "overall"]
    assert levels[-1]["goals"][0]["serves"] == hierarchy["unit"].pk


def test_a_goal_that_others_serve_cannot_be_deleted(admin_user_client, hierarchy):
    delete_url = reverse(
        "wagtailsnippets_wagtail_employer_goal:delete", args=[hierarchy["unit"].pk]
    )
    response = admin_user_client.post(delete_url, follow=True)
    assert Goal.objects.filter(pk=hierarchy["unit"].pk).exists()
    assert "Teammål 1" in page_text(response)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_wagtail_employer_goal:list",
        "wagtailsnippets_wagtail_employer_goal:add",
        "wagtailsnippets_wagtail_employer_salarycriterion:list",
        "wagtailsnippets_wagtail_employer_salarycriterion:add",
    ],
)
def test_goal_admin_screens_open_and_list_the_goals(admin_user_client, hierarchy, url_name):
    response = admin_user_client.get(reverse(url_name))
    assert response.status_code == 200
    if url_name.endswith("goal:list"):
        assert "Mål for sykehjemmet" in page_text(response)


def test_the_employer_menu_offers_goals_and_salary_criteria(admin_user_client):
    # The sidebar menu is drawn from JSON in a script tag.
    content = admin_user_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Employer strategy", "Value sets", "Goals", "Salary criteria"):
        assert f'"label": "{label}"' in content


@pytest.mark.parametrize(
    "page_type", ["goalhierarchypage", "employerstrategypage", "workplacepage"]
)
def test_the_new_page_types_open_in_the_page_editor(admin_user_client, home_page, page_type):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_employer", page_type, home_page.pk])
    assert admin_user_client.get(url).status_code == 200
