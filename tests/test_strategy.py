"""The employer strategy page: vision, values, focus areas, adoption and process; focus
areas as blocks on other pages; search, API and query counts."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from wagtail_employer.models import EmployerStrategyPage, StrategyFocusArea

from .test_goals import blocks_page
from .test_values import make_value_set, page_text

pytestmark = pytest.mark.django_db

LEADERSHIP = {
    "title": "Ledelse av myndiggjorte medarbeidere",
    "goal": "Ledere gir medarbeiderne ansvar og tillit.",
    "success_factors": [("item", "Tydelige forventninger"), ("item", "Tillit")],
    "measures": [("item", "Lederutviklingsprogram")],
    "indicators": [
        (
            "indicator",
            {
                "name": "Medarbeidernes opplevelse av å bli hørt",
                "kind": "result",
                "target": "4,5 av 6",
            },
        ),
        ("indicator", {"name": "Antall medarbeidersamtaler", "kind": "driver", "target": ""}),
    ],
}


def make_strategy(parent, value_set=None, areas=(LEADERSHIP,), **extra):
    fields = {
        "title": "Arbeidsgiverstrategi for Grue kommune",
        "vision": "Stolt og unik",
        "value_set": value_set,
        "period_start": 2011,
        "period_end": 2015,
        "adopted_by": "Kommunestyret",
        "adopted_on": datetime.date(2010, 11, 22),
        "process": [
            (
                "step",
                {
                    "title": "Kommunestyrets vedtak",
                    "date": datetime.date(2010, 11, 22),
                    "date_precision": "day",
                    "participants": "Kommunestyret",
                    "description": "",
                },
            ),
            (
                "step",
                {
                    "title": "Verdiverksted",
                    "date": datetime.date(2010, 3, 16),
                    "date_precision": "day",
                    "participants": "Alle",
                    "description": "",
                },
            ),
        ],
    }
    fields.update(extra)
    page = EmployerStrategyPage(**fields)
    for position, area in enumerate(areas):
        page.focus_areas.add(StrategyFocusArea(sort_order=position, **area))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_strategy_page_renders_vision_values_focus_areas_and_process(client, home_page):
    page = make_strategy(home_page, value_set=make_value_set())
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == "Arbeidsgiverstrategi for Grue kommune"
    meta = article.select_one(".we-strategy-page__meta").get_text(" ", strip=True)
    assert "Periode: 2011–2015." in meta
    assert "Vedtatt av Kommunestyret 22.11.2010." in meta
    assert [h2.get_text(strip=True) for h2 in article.find_all("h2")] == [
        "Visjon",
        "Felles verdier i Grue kommune",
        "Satsingsområder",
        "Slik ble strategien til",
    ]
    area = article.select_one(".we-strategy-area")
    assert area.h3.get_text(strip=True) == "Ledelse av myndiggjorte medarbeidere"
    assert [h4.get_text(strip=True) for h4 in area.find_all("h4")] == [
        "Mål",
        "Suksessfaktorer",
        "Tiltak",
        "Indikatorer",
    ]
    indicators = [li.get_text(" ", strip=True) for li in area.select(".we-indicators li")]
    assert indicators == [
        "Medarbeidernes opplevelse av å bli hørt (resultatindikator) . Mål: 4,5 av 6",
        "Antall medarbeidersamtaler (driverindikator)",
    ]
    # The process in date order, whatever order the editor entered it in.
    steps = [h3.get_text(strip=True) for h3 in article.select(".we-timeline h3")]
    assert steps == ["Verdiverksted", "Kommunestyrets vedtak"]


def test_the_period_cannot_end_before_it_starts(admin_user_client, home_page):
    response = admin_user_client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_employer", "employerstrategypage", home_page.pk],
        ),
        strategy_form_data(period_start=2015, period_end=2011),
    )
    assert response.status_code == 200
    assert "The period cannot end before it starts." in page_text(response)
    assert not EmployerStrategyPage.objects.exists()


def strategy_form_data(**extra):
    data = {
        "title": "Arbeidsgiverstrategi",
        "slug": "arbeidsgiverstrategi",
        "intro": rich_text("<p>Felles fundament.</p>"),
        "vision": "Stolt og unik",
        "value_set": "",
        "period_start": 2011,
        "period_end": 2015,
        "adopted_by": "Kommunestyret",
        "adopted_on": "2010-11-22",
        "adoption_reference": "",
        "focus_areas": inline_formset(
            [
                {
                    "title": "Rekruttering",
                    "goal": "Vi rekrutterer og beholder kompetente medarbeidere.",
                    "success_factors": streamfield([("item", "Godt omdømme")]),
                    "measures": streamfield([("item", "Synleg-prosessen på alle arbeidsplasser")]),
                    "indicators": streamfield(
                        [
                            (
                                "indicator",
                                {"name": "Søkere per stilling", "kind": "driver", "target": ""},
                            )
                        ]
                    ),
                }
            ]
        ),
        "process": streamfield([]),
        "body": streamfield([]),
        "change_log": streamfield([]),
        "action-publish": "publish",
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_creates_a_strategy_with_a_focus_area_through_the_admin(
    admin_user_client, client, home_page
):
    response = admin_user_client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_employer", "employerstrategypage", home_page.pk],
        ),
        strategy_form_data(),
    )
    assert response.status_code == 302, page_text(response)
    page = EmployerStrategyPage.objects.get()
    assert [area.title for area in page.focus_areas.all()] == ["Rekruttering"]
    text = page_text(client.get(page.url))
    assert "Synleg-prosessen på alle arbeidsplasser" in text


def test_focus_area_block_shows_the_area_and_links_to_the_strategy(client, home_page):
    strategy = make_strategy(home_page)
    area = strategy.focus_areas.get()
    page = blocks_page(
        home_page, [("strategy_focus_area", {"focus_area": area, "heading_level": "h2"})]
    )
    block = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
        ".we-strategy-area"
    )
    assert block.h2.get_text(strip=True) == "Ledelse av myndiggjorte medarbeidere"
    assert [h3.get_text(strip=True) for h3 in block.find_all("h3")][0] == "Mål"
    link = block.select_one(".we-strategy-area__strategy a")
    assert link["href"] == strategy.url


@pytest.mark.parametrize("block_count", [1, 50])
def test_focus_area_blocks_cost_the_same_queries_for_1_and_50_blocks(
    client, home_page, block_count, django_assert_num_queries
):
    second = dict(LEADERSHIP, title="Rekruttering")
    areas = list(make_strategy(home_page, areas=(LEADERSHIP, second)).focus_areas.all())
    page = blocks_page(
        home_page,
        [
            ("strategy_focus_area", {"focus_area": areas[n % 2], "heading_level": "h2"})
            for n in range(block_count)
        ],
        title="Satsingsområder",
    )
    client.get(page.url)
    with django_assert_num_queries(EXPECTED_FOCUS_AREA_QUERIES):
        response = client.get(page.url)
    assert response.content.decode().count('class="we-strategy-area"') == block_count


EXPECTED_FOCUS_AREA_QUERIES = 8


def test_strategy_is_found_by_search_and_served_by_the_api(client, home_page):
    from wagtail.search.backends import get_search_backend

    page = make_strategy(home_page, value_set=make_value_set())
    results = get_search_backend().search("myndiggjorte", EmployerStrategyPage)
    assert list(results) == [page.specific]
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["vision"] == "Stolt og unik"
    assert data["value_set"]["acronym"] == "REAL"
    assert data["focus_areas"][0]["title"] == "Ledelse av myndiggjorte medarbeidere"
    assert data["focus_areas"][0]["indicators"][0]["value"]["kind"] == "result"
    assert [step["value"]["title"] for step in data["process"]] == [
        "Kommunestyrets vedtak",
        "Verdiverksted",
    ]


def test_indicator_names_the_survey_dimension_and_commitment_it_follows(client, home_page):
    from .surveys_helpers import make_survey
    from .test_service_policy import make_policy

    survey = make_survey(name="Medarbeiderundersøkelsen 2024", year=2024)
    dimension = survey.dimensions.get(name="Mestringsorientert ledelse")
    commitment = make_policy().focus_areas.get(sort_order=1).commitments.first()
    area = {
        **LEADERSHIP,
        "indicators": [
            (
                "indicator",
                {
                    "name": "Medarbeidernes opplevelse av ledelsen",
                    "kind": "result",
                    "target": "4,5",
                    "survey_dimension": dimension,
                    "commitment": commitment,
                },
            )
        ],
    }
    page = make_strategy(home_page, areas=(area,))
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    indicator = " ".join(soup.select_one(".we-indicators li").get_text().split())
    assert indicator == (
        "Medarbeidernes opplevelse av ledelsen (resultatindikator). Mål: 4,5. "
        "Målt med «Mestringsorientert ledelse» i Medarbeiderundersøkelsen 2024. "
        f"Følger opp kjennetegn B4: «{commitment.text}»"
    )
