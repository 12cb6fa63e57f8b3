"""Organisation units: tree rules, tree order, admin listing, forms, chooser and deletion."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import ReferenceIndex

from wagtail_employer.models import OrganisationUnit, UnitKind

from .conftest import use_admin_language

INDEX_URL = "wagtail_employer_organisationunit_modeladmin_index"
CREATE_URL = "wagtail_employer_organisationunit_modeladmin_create"
EDIT_URL = "wagtail_employer_organisationunit_modeladmin_edit"
DELETE_URL = "wagtail_employer_organisationunit_modeladmin_delete"

pytestmark = pytest.mark.django_db


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def names_in_tree_order():
    return list(OrganisationUnit.objects.in_tree_order().values_list("name", flat=True))


def test_tree_order_puts_children_under_their_parent_alphabetically(unit_tree):
    assert names_in_tree_order() == [
        "Nesodden kommune",
        "Helse og omsorg",
        "Sykehjem",
        "Team A",
        "Oppvekst",
        "Myklerud skole",
    ]
    assert [u.depth for u in OrganisationUnit.objects.in_tree_order()] == [1, 2, 3, 4, 2, 3]


def test_renaming_and_moving_reorders_the_tree(unit_tree):
    health = unit_tree["health"]
    health.name = "Velferd"
    health.save()
    school = unit_tree["school"]
    school.parent = unit_tree["health"]
    school.save()
    assert names_in_tree_order() == [
        "Nesodden kommune",
        "Oppvekst",
        "Velferd",
        "Myklerud skole",
        "Sykehjem",
        "Team A",
    ]


def test_ancestors_and_descendants(unit_tree):
    team = unit_tree["team"]
    assert [u.name for u in team.get_ancestors()] == [
        "Nesodden kommune",
        "Helse og omsorg",
        "Sykehjem",
    ]
    assert [u.name for u in unit_tree["health"].get_descendants()] == ["Sykehjem", "Team A"]
    assert unit_tree["municipality"].is_ancestor_of(team)
    assert not team.is_ancestor_of(unit_tree["municipality"])


@pytest.mark.parametrize(
    ("kind", "parent_key", "field", "message"),
    [
        (UnitKind.UNIT, None, "parent", "Only the municipality may have no parent unit."),
        (UnitKind.MUNICIPALITY, "health", "kind", "A municipality cannot have a parent unit."),
        (UnitKind.SECTOR, "nursing_home", "parent", "A sector cannot be placed under a unit."),
    ],
)
def test_clean_refuses_impossible_places_in_the_tree(unit_tree, kind, parent_key, field, message):
    unit = OrganisationUnit(
        name="Ny", code="NY", kind=kind, parent=unit_tree[parent_key] if parent_key else None
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert error.value.message_dict[field] == [message]


def test_clean_refuses_a_cycle(unit_tree):
    health = unit_tree["health"]
    health.kind = UnitKind.UNIT  # so that kind order alone would allow it
    health.parent = unit_tree["team"]
    with pytest.raises(ValidationError) as error:
        health.full_clean()
    assert "parent" in error.value.message_dict


def test_admin_listing_shows_the_tree_in_order_and_filters_by_branch(admin_user_client, unit_tree):
    response = admin_user_client.get(reverse(INDEX_URL))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in soup.select("table.listing tbody tr")]
    assert [row.split()[0] for row in rows] == [
        "Nesodden",
        "Helse",
        "Sykehjem",
        "Team",
        "Oppvekst",
        "Myklerud",
    ]
    filtered = admin_user_client.get(reverse(INDEX_URL), {"within": "OPP"})
    filtered_rows = BeautifulSoup(filtered.content, "html.parser").select("table.listing tbody tr")
    assert [row.get_text(" ", strip=True).split()[0] for row in filtered_rows] == [
        "Oppvekst",
        "Myklerud",
    ]


@pytest.mark.parametrize(
    "language, count, filter_heading, add_title",
    [
        ("nb", "6 av 6", "Etter type", "Legg til organisasjonsenhet"),
        ("nn", "6 av 6", "Etter type", "Legg til organisasjonseining"),
        ("sv", "6 av 6", "Efter typ", "Lägg till organisationsenhet"),
    ],
)
def test_admin_listing_speaks_the_editor_s_language_throughout(
    client, admin_user, unit_tree, language, count, filter_heading, add_title
):
    # wagtail-modeladmin has no nn catalogue and its nb one lacks these strings: the
    # package's catalogues carry them (modeladmin_messages.py).
    use_admin_language(admin_user, language)
    client.force_login(admin_user)
    soup = BeautifulSoup(client.get(reverse(INDEX_URL)).content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert soup.select_one(".result-count").get_text(strip=True) == count
    assert filter_heading in text
    add_button = soup.find("a", href=reverse(CREATE_URL))
    assert add_title in add_button["title"]
    assert "out of" not in text and "By " not in text


def test_an_empty_admin_listing_offers_to_add_a_unit_in_norwegian(client, admin_user):
    use_admin_language(admin_user, "nb")
    client.force_login(admin_user)
    soup = BeautifulSoup(client.get(reverse(INDEX_URL)).content, "html.parser")
    assert "Hvorfor ikke legge til en ?" in soup.get_text(" ", strip=True)
    assert soup.find("a", string="legge til en")["href"] == reverse(CREATE_URL)


def test_admin_search_finds_by_name_and_code(admin_user_client, unit_tree):
    response = admin_user_client.get(reverse(INDEX_URL), {"q": "HO-SYK-A"})
    rows = BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")
    assert len(rows) == 1
    assert "Team A" in rows[0].get_text()


def test_editor_creates_a_unit_through_the_admin_form(editor_client, unit_tree):
    response = editor_client.post(
        reverse(CREATE_URL),
        {
            "name": "Fjellstrand skole",
            "code": "OPP-FJE",
            "kind": "unit",
            "parent": unit_tree["education"].pk,
            "leader": "",
        },
    )
    assert response.status_code == 302
    unit = OrganisationUnit.objects.get(code="OPP-FJE")
    assert unit.parent == unit_tree["education"]
    assert names_in_tree_order()[-2:] == ["Fjellstrand skole", "Myklerud skole"]


def test_admin_form_names_the_field_in_error_and_saves_nothing(editor_client, unit_tree):
    response = editor_client.post(
        reverse(CREATE_URL),
        {
            "name": "Barnehage",
            "code": "with space",
            "kind": "sector",
            "parent": unit_tree["school"].pk,
            "leader": "",
        },
    )
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Use letters, digits, dots, hyphens or underscores" in text
    assert "A sector cannot be placed under a unit." in text
    assert not OrganisationUnit.objects.filter(name="Barnehage").exists()


def test_admin_form_refuses_a_duplicate_code(editor_client, unit_tree):
    response = editor_client.post(
        reverse(CREATE_URL),
        {
            "name": "Another",
            "code": "HO",
            "kind": "sector",
            "parent": unit_tree["municipality"].pk,
            "leader": "",
        },
    )
    assert response.status_code == 200
    assert OrganisationUnit.objects.filter(code="HO").count() == 1


def test_deleting_a_unit_with_sub_units_is_refused_naming_them(editor_client, unit_tree):
    response = editor_client.post(reverse(DELETE_URL, args=[unit_tree["nursing_home"].pk]))
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "could not be deleted" in text
    assert "Team A" in text
    assert OrganisationUnit.objects.filter(pk=unit_tree["nursing_home"].pk).exists()


def test_deleting_a_unit_used_on_a_page_is_refused_naming_the_page(
    editor_client, unit_tree, home_page, admin_user
):
    from home.models import ContentPage

    page = home_page.add_child(
        instance=ContentPage(
            title="Om sykehjemmet",
            body=[
                (
                    "unit_card",
                    {"unit": unit_tree["team"], "heading_level": "h2", "show_leader": True},
                )
            ],
        )
    )
    page.save_revision().publish()
    assert ReferenceIndex.get_references_to(unit_tree["team"]).exists()

    response = editor_client.post(reverse(DELETE_URL, args=[unit_tree["team"].pk]))
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "could not be deleted" in text
    assert "Om sykehjemmet" in text
    assert OrganisationUnit.objects.filter(pk=unit_tree["team"].pk).exists()

    usage_url = reverse("wagtail_employer:unit_usage", args=[unit_tree["team"].pk])
    # An editor without page permissions learns that a page uses it, not which.
    assert "(Private page)" in page_text(editor_client.get(usage_url))
    editor_client.force_login(admin_user)
    assert "Om sykehjemmet" in page_text(editor_client.get(usage_url))


def test_deleting_an_unused_leaf_unit_works(editor_client, unit_tree):
    response = editor_client.post(reverse(DELETE_URL, args=[unit_tree["school"].pk]))
    assert response.status_code == 302
    assert not OrganisationUnit.objects.filter(code="OPP-MYK").exists()


def test_unit_chooser_lists_units_and_searches(editor_client, unit_tree):
    response = editor_client.get(reverse("wagtail_employer_unit_chooser:choose"))
    assert response.status_code == 200
    assert "Myklerud skole" in response.json()["html"]
    results = editor_client.get(
        reverse("wagtail_employer_unit_chooser:choose_results"), {"q": "Myklerud"}
    )
    assert "Myklerud skole" in results.content.decode()
    assert "Sykehjem" not in results.content.decode()


def test_staff_without_permission_cannot_reach_the_listing(client, django_user_model, unit_tree):
    staff = django_user_model.objects.create_user(username="staff", password="x")
    client.force_login(staff)
    response = client.get(reverse(INDEX_URL))
    assert response.status_code in (302, 403)


def test_unit_card_renders_the_unit_and_its_place(client, unit_tree, home_page, django_user_model):
    from home.models import ContentPage

    leader = django_user_model.objects.create_user(
        username="leder", first_name="Per-Kristian", last_name="Larsen"
    )
    nursing_home = unit_tree["nursing_home"]
    nursing_home.leader = leader
    nursing_home.save()
    page = home_page.add_child(
        instance=ContentPage(
            title="Sykehjemmet",
            body=[
                ("unit_card", {"unit": nursing_home, "heading_level": "h2", "show_leader": True})
            ],
        )
    )
    page.save_revision().publish()
    response = client.get(page.url)
    soup = BeautifulSoup(response.content, "html.parser")
    card = soup.select_one(".we-unit-card")
    assert card.h2.get_text(strip=True) == "Sykehjem"
    facts = dict(
        zip(
            [dt.get_text() for dt in card.select("dt")],
            [dd.get_text() for dd in card.select("dd")],
            strict=True,
        )
    )
    assert facts["Del av"] == "Helse og omsorg"
    assert facts["Leder"] == "Per-Kristian Larsen"
