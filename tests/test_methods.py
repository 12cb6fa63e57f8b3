"""Working-method blocks: the meeting agenda and its total, the action plan, the method
card and the process timeline, rendered on a page as a reader sees them."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from wagtail_employer.blocks import MeetingAgendaBlock
from wagtail_employer.templatetags.wagtail_employer_tags import duration

from .test_goals import blocks_page
from .test_values import page_text

pytestmark = pytest.mark.django_db

# Bø's two-hour staff meeting (seed 001).
BO_AGENDA = [
    (5, "Opning ved leiar", "presentation", "Leiar"),
    (10, "Introduksjon til temaet", "presentation", "Endringsagenten"),
    (5, "Introduksjon: Kjerneforteljingsoppgåva", "presentation", "Endringsagenten"),
    (30, "Arbeid i gruppene – kjerneforteljingsoppgåva", "groups", ""),
    (15, "Presentasjon i plenum av svara frå gruppene", "plenary", "Endringsagenten"),
    (5, "Introduksjon: «Tema-oppgåva»", "presentation", "Endringsagenten"),
    (10, "Summing – forslag til tema – påmelding til tema", "pairs", ""),
    (40, "Oppstart arbeid i gruppene, oppsummering og vegen vidare", "groups", "Leiar"),
]


def agenda(items=BO_AGENDA, starts_at=None, title="Personalmøte – idéverkstad"):
    return {
        "title": title,
        "heading_level": "h2",
        "starts_at": starts_at,
        "items": [
            {"minutes": minutes, "activity": activity, "method": method, "led_by": led_by}
            for minutes, activity, method, led_by in items
        ],
    }


def soup_of(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_agenda_total_is_the_sum_of_its_items():
    value = MeetingAgendaBlock().to_python(agenda())
    assert value.total_minutes() == 120
    assert MeetingAgendaBlock().to_python(agenda(items=BO_AGENDA[:2])).total_minutes() == 15


def test_agenda_renders_a_table_with_the_total(client, home_page):
    page = blocks_page(home_page, [("meeting_agenda", agenda())])
    block = soup_of(client, page).select_one(".we-agenda")
    assert block.h2.get_text(strip=True) == "Personalmøte – idéverkstad"
    total = block.select_one(".we-agenda__total time")
    assert total["datetime"] == "PT120M"
    assert total.get_text(strip=True) == "2 timer"
    table = block.table
    assert table.caption.get_text(strip=True)
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 4
    first_row = [
        cell.get_text(strip=True)
        for cell in table.select("tbody tr")[0]("th") + table.select("tbody tr")[0]("td")
    ]
    assert first_row == ["Opning ved leiar", "5", "Presentasjon", "Leiar"]
    assert table.select_one("tbody tr:nth-of-type(4) td:nth-of-type(2)").get_text(strip=True) == (
        "I grupper"
    )
    assert table.tfoot.get_text(" ", strip=True) == "Sum 120"
    assert table.tfoot.th["scope"] == "row"


def test_agenda_with_a_start_time_shows_when_each_item_starts(client, home_page):
    page = blocks_page(
        home_page, [("meeting_agenda", agenda(items=BO_AGENDA[:3], starts_at=datetime.time(13)))]
    )
    table = soup_of(client, page).select_one(".we-agenda table")
    assert [th.get_text(strip=True) for th in table.select("thead th")][:3] == [
        "Starter",
        "Aktivitet",
        "Minutter",
    ]
    assert [row.td.get_text(strip=True) for row in table.select("tbody tr")] == [
        "13:00",
        "13:05",
        "13:15",
    ]
    assert soup_of(client, page).select_one(".we-agenda__total time").get_text() == "20 minutter"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (90, "1 hour 30 minutes"),
        (0, "0 minutes"),
    ],
)
def test_duration_reads_naturally(minutes, expected):
    from django.utils import translation

    with translation.override("en"):
        assert duration(minutes) == expected


def test_action_plan_is_a_table_with_status_in_words(client, home_page):
    page = blocks_page(
        home_page,
        [
            (
                "action_plan",
                {
                    "title": "Tidsplan med arbeidsfordeling",
                    "heading_level": "h2",
                    "actions": [
                        {
                            "what": "Skrive kjerneforteljinga",
                            "who": "Redaksjonsgruppa",
                            "when": datetime.date(2014, 3, 1),
                            "status": "done",
                        },
                        {
                            "what": "Ta nye bilete",
                            "who": "Kari",
                            "when": None,
                            "status": "in_progress",
                        },
                    ],
                },
            )
        ],
    )
    table = soup_of(client, page).select_one(".we-action-plan table")
    assert table.caption.get_text(strip=True).startswith("Tidsplan med arbeidsfordeling")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Hva",
        "Hvem",
        "Når",
        "Status",
    ]
    rows = [[cell.get_text(strip=True) for cell in row(["th", "td"])] for row in table.tbody("tr")]
    assert rows == [
        ["Skrive kjerneforteljinga", "Redaksjonsgruppa", "01.03.2014", "Gjennomført"],
        ["Ta nye bilete", "Kari", "", "Pågår"],
    ]
    assert table.select_one("tbody th")["scope"] == "row"


SIX_HATS = [
    ("Den hvite hatten", "Hvilke fakta og tall har vi?"),
    ("Den røde hatten", "Hva føler vi om dette?"),
    ("Den svarte hatten", "Hva kan gå galt?"),
    ("Den gule hatten", "Hva er fordelene?"),
    ("Den grønne hatten", "Hvilke nye ideer har vi?"),
    ("Den blå hatten", "Hvordan organiserer vi tenkningen?"),
]


def test_method_card_lists_each_hat_with_its_question(client, home_page):
    page = blocks_page(
        home_page,
        [
            (
                "method_card",
                {
                    "name": "De Bonos seks tenkehatter",
                    "heading_level": "h2",
                    "summary": "Se en endring fra seks sider, én hatt om gangen.",
                    "steps": [
                        {"name": name, "question": question, "description": ""}
                        for name, question in SIX_HATS
                    ],
                    "source": "Edward de Bono",
                },
            )
        ],
    )
    card = soup_of(client, page).select_one(".we-method-card")
    assert card.h2.get_text(strip=True) == "De Bonos seks tenkehatter"
    steps = card.select("ol > li")
    assert [(li.h3.get_text(strip=True), li.p.get_text(strip=True)) for li in steps] == SIX_HATS


def test_process_timeline_shows_dates_in_the_readers_format(client, home_page):
    page = blocks_page(
        home_page,
        [
            (
                "process_timeline",
                {
                    "heading": "Slik ble strategien til",
                    "heading_level": "h2",
                    "steps": [
                        {
                            "title": "Verdiverksted",
                            "date": datetime.date(2010, 3, 16),
                            "date_precision": "day",
                            "participants": "Alle",
                            "description": "",
                        },
                        {
                            "title": "Dialogmøte",
                            "date": datetime.date(2010, 9, 1),
                            "date_precision": "month",
                            "participants": "Tillitsvalgte og ledere",
                            "description": "",
                        },
                    ],
                },
            )
        ],
    )
    timeline = soup_of(client, page).select_one(".we-process")
    assert timeline.h2.get_text(strip=True) == "Slik ble strategien til"
    steps = timeline.select("ol.we-timeline > li")
    assert [step.h3.get_text(strip=True) for step in steps] == ["Verdiverksted", "Dialogmøte"]
    times = [step.time for step in steps]
    assert [(t["datetime"], t.get_text(strip=True)) for t in times] == [
        ("2010-03-16", "16. mars 2010"),
        ("2010-09", "september 2010"),
    ]
    assert "Hvem var med: Tillitsvalgte og ledere" in steps[1].get_text(" ", strip=True)


def test_editor_adds_an_agenda_through_the_page_form(admin_user_client, client, home_page):
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=["home", "contentpage", home_page.pk]),
        nested_form_data(
            {
                "title": "Personalmøte",
                "slug": "personalmote",
                "intro": "",
                "body": streamfield(
                    [
                        (
                            "meeting_agenda",
                            {
                                "title": "Personalmøte",
                                "heading_level": "h2",
                                "starts_at": "",
                                "items": streamfield(
                                    [
                                        (
                                            "item",
                                            {
                                                "minutes": 5,
                                                "activity": "Opning",
                                                "method": "",
                                                "led_by": "",
                                            },
                                        ),
                                        (
                                            "item",
                                            {
                                                "minutes": 25,
                                                "activity": "Gruppearbeid",
                                                "method": "groups",
                                                "led_by": "",
                                            },
                                        ),
                                    ]
                                ),
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, page_text(response)
    assert "30 minutter" in page_text(client.get("/personalmote/"))


@pytest.mark.parametrize("block_count", [1, 50])
def test_method_blocks_cost_no_queries_of_their_own(
    client, home_page, block_count, django_assert_num_queries
):
    blocks = []
    for _n in range(block_count):
        blocks.append(("meeting_agenda", agenda()))
        blocks.append(
            (
                "method_card",
                {
                    "name": "Individ – gruppe – plenum",
                    "heading_level": "h2",
                    "summary": "",
                    "steps": [{"name": "Individuelt", "question": "", "description": ""}],
                    "source": "",
                },
            )
        )
    page = blocks_page(home_page, blocks)
    client.get(page.url)
    with django_assert_num_queries(EXPECTED_METHOD_BLOCK_QUERIES):
        response = client.get(page.url)
    assert response.content.decode().count('class="we-agenda"') == block_count


EXPECTED_METHOD_BLOCK_QUERIES = 7


@pytest.mark.parametrize(
    "name", ["meeting_agenda", "action_plan", "method_card", "process_timeline"]
)
def test_each_method_block_has_a_preview_for_the_block_picker(name):
    from wagtail_employer.blocks import EmployerStreamBlock

    block = EmployerStreamBlock().child_blocks[name]
    html = block.render(block.get_preview_value())
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(["h2", "table", "ol"])
    assert block.get_description()
