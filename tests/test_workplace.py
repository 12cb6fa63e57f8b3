"""The workplace presentation page: themed sections in the editor's order, the unit and its
goals, contact details and people with real Wagtail images and alt text."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from wagtail_employer.models import WorkplacePage

from .test_goals import make_goal
from .test_values import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(db):
    return get_image_model().objects.create(
        title="Kari på kjøkkenet", file=get_test_image_file(filename="kari.png")
    )


def section(theme, text, heading="", image=None, alt_text=""):
    return (
        "section",
        {
            "theme": theme,
            "heading": heading,
            "text": f"<p>{text}</p>",
            "image": (
                {"image": image, "decorative": False, "alt_text": alt_text} if image else None
            ),
            "caption": "",
        },
    )


def make_workplace(parent, unit, photo=None, **extra):
    fields = {
        "title": "Bø sjukeheim",
        "unit": unit,
        "intro": "<p>Velkomen til oss.</p>",
        "sections": [
            section("core_story", "Vi er gode på omsorg og stolte av fagmiljøet vårt."),
            section("goals", "Måla våre for året."),
            section("meet_an_employee", "Kari har jobba her i 20 år.", heading="Møt Kari"),
        ],
        "phone": "35 06 18 00",
        "email": "sjukeheimen@example.invalid",
        "visiting_address": "Gullbringvegen 1\n3800 Bø",
        "opening_hours": "",
        "people": [
            (
                "person",
                {
                    "name": "Kari Nordmann",
                    "role": "Hjelpepleiar",
                    "photo": (
                        {
                            "image": photo,
                            "decorative": False,
                            "alt_text": "Kari smiler på kjøkkenet",
                        }
                        if photo
                        else None
                    ),
                    "phone": "",
                    "email": "kari@example.invalid",
                    "about": "",
                },
            )
        ],
    }
    fields.update(extra)
    page = WorkplacePage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_workplace_page_shows_sections_in_order_with_people_and_contact(
    client, home_page, unit_tree, photo
):
    page = make_workplace(home_page, unit_tree["nursing_home"], photo=photo)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == "Bø sjukeheim"
    assert "Sykehjem, Helse og omsorg" in article.select_one(".we-workplace-page__unit").get_text()
    headings = [h2.get_text(strip=True) for h2 in article.find_all("h2")]
    assert headings == [
        "På denne siden",
        "Vår kjernefortelling",
        "Mål og planer",
        "Møt Kari",
        "Folk",
        "Kontakt",
    ]
    contents = [a["href"] for a in article.select("nav a")]
    assert contents == ["#we-section-1", "#we-section-2", "#we-section-3"]
    person = article.select_one(".we-person")
    assert person.h3.get_text(strip=True) == "Kari Nordmann"
    img = person.img
    assert img["alt"] == "Kari smiler på kjøkkenet"
    assert img["src"].endswith(".png")
    contact = article.select_one(".we-contact dl")
    assert [dt.get_text(strip=True) for dt in contact("dt")] == [
        "Telefon",
        "E-post",
        "Besøksadresse",
    ]
    assert contact.select_one("a[href='tel:35061800']")


def test_goals_section_shows_the_units_goals(client, home_page, unit_tree):
    vision = make_goal(unit_tree["municipality"], "Visjon", is_vision=True)
    sector = make_goal(unit_tree["health"], "Mål for helse", parent=vision)
    make_goal(unit_tree["nursing_home"], "Trygge bebuarar", parent=sector)
    page = make_workplace(home_page, unit_tree["nursing_home"])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    goals = soup.select_one(".we-workplace-section--goals")
    assert [h3.get_text(" ", strip=True) for h3 in goals.select("h3")] == [
        "Enhetsmål: Trygge bebuarar"
    ]
    assert soup.select_one(".we-workplace-section--core_story .we-goals") is None


def workplace_form_data(unit, sections, people=()):
    return nested_form_data(
        {
            "title": "Bø barnehage",
            "slug": "bo-barnehage",
            "unit": unit.pk,
            "intro": rich_text(""),
            "sections": streamfield(sections),
            "show_unit_goals": "on",
            "phone": "",
            "email": "",
            "visiting_address": "",
            "opening_hours": "",
            "people": streamfield(people),
            "action-publish": "publish",
        }
    )


def form_section(theme, text):
    return (
        "section",
        {
            "theme": theme,
            "heading": "",
            "text": rich_text(f"<p>{text}</p>"),
            "image": {"image": "", "decorative": "", "alt_text": ""},
            "caption": "",
        },
    )


ADD_ARGS = ["wagtail_employer", "workplacepage"]


def test_editor_creates_a_workplace_page_with_a_person_and_photo(
    admin_user_client, client, home_page, unit_tree, photo
):
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=[*ADD_ARGS, home_page.pk]),
        workplace_form_data(
            unit_tree["school"],
            [form_section("service", "Vi har 40 born."), form_section("work_here", "Søk hos oss.")],
            people=[
                (
                    "person",
                    {
                        "name": "Ola",
                        "role": "Styrar",
                        "photo": {
                            "image": photo.pk,
                            "decorative": "",
                            "alt_text": "Ola i sandkassa",
                        },
                        "phone": "",
                        "email": "",
                        "about": "",
                    },
                )
            ],
        ),
    )
    assert response.status_code == 302, page_text(response)
    soup = BeautifulSoup(client.get("/bo-barnehage/").content, "html.parser")
    assert soup.select_one(".we-person img")["alt"] == "Ola i sandkassa"


def test_a_photo_without_alt_text_is_refused(admin_user_client, home_page, unit_tree, photo):
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=[*ADD_ARGS, home_page.pk]),
        workplace_form_data(
            unit_tree["school"],
            [form_section("service", "Vi har 40 born.")],
            people=[
                (
                    "person",
                    {
                        "name": "Ola",
                        "role": "",
                        "photo": {"image": photo.pk, "decorative": "", "alt_text": ""},
                        "phone": "",
                        "email": "",
                        "about": "",
                    },
                )
            ],
        ),
    )
    assert response.status_code == 200
    assert not WorkplacePage.objects.exists()


def test_a_theme_used_twice_is_refused_naming_the_section(admin_user_client, home_page, unit_tree):
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=[*ADD_ARGS, home_page.pk]),
        workplace_form_data(
            unit_tree["school"],
            [
                form_section("service", "Vi har 40 born."),
                form_section("other", "Anna."),
                form_section("service", "Igjen."),
                form_section("other", "Meir anna."),
            ],
        ),
    )
    assert response.status_code == 200
    assert not WorkplacePage.objects.exists()
    # The error is on the third section's block (the admin draws it from this data).
    soup = BeautifulSoup(response.content, "html.parser")
    errors = [
        value
        for tag in soup.find_all(True)
        for value in tag.attrs.values()
        if isinstance(value, str) and "blockErrors" in value
    ]
    message = "The theme \\u201cAbout the service\\u201d is already section 1."
    assert any(f'"2": {{"messages": ["{message}"]}}' in value for value in errors)


def test_workplace_page_is_searchable_and_in_the_api(client, home_page, unit_tree):
    from wagtail.search.backends import get_search_backend

    page = make_workplace(home_page, unit_tree["nursing_home"])
    assert list(get_search_backend().search("fagmiljøet", WorkplacePage)) == [page.specific]
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["unit"] == {
        "id": unit_tree["nursing_home"].pk,
        "code": "HO-SYK",
        "name": "Sykehjem",
        "kind": "unit",
        "parent": "HO",
    }
    assert [block["value"]["theme"] for block in data["sections"]] == [
        "core_story",
        "goals",
        "meet_an_employee",
    ]
    assert data["people"][0]["value"]["name"] == "Kari Nordmann"
