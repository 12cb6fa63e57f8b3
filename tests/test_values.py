"""Value sets: admin forms and their validation, rendering on pages and in blocks,
search, API, deletion, and query counts."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from wagtail_employer.models import Value, ValueSet, ValueSetStatus, ValuesPage, WorkshopCandidate

from .conftest import use_admin_language

pytestmark = pytest.mark.django_db

REAL = [
    ("Raushet", "Våre handlinger og holdninger bygger på samarbeid, toleranse og aksept."),
    ("Engasjement", "Vi utfører vårt arbeid med glede og begeistring."),
    ("Anerkjennelse", "Vi erkjenner det fundamentale behovet for å bli akseptert."),
    ("Likeverd", "Alle skal ha de samme muligheter og rettigheter."),
]


def value_set_form_data(
    name="Felles verdier i Grue kommune", acronym="REAL", values=REAL, candidates=(), **extra
):
    data = {
        "name": name,
        "acronym": acronym,
        "intro": rich_text(""),
        "status": "adopted",
        "adopted_by": "Kommunestyret",
        "adopted_on": "2010-11-22",
        "adoption_reference": "KS 22.11.2010",
        "workshop_held_on": "2010-03-16",
        "workshop_summary": rich_text(""),
        "values": inline_formset(
            [
                {
                    "name": value_name,
                    "meaning": rich_text(meaning),
                    "behaviours": streamfield([]),
                    "token": "",
                }
                for value_name, meaning in values
            ]
        ),
        "workshop_candidates": inline_formset(
            [
                {"group_name": group, "candidate": candidate, "grouped_under": grouped_under}
                for group, candidate, grouped_under in candidates
            ]
        ),
    }
    data.update(extra)
    return nested_form_data(data)


def make_value_set(
    name="Felles verdier i Grue kommune",
    acronym="REAL",
    values=REAL,
    behaviours=None,
    locale=None,
    status=ValueSetStatus.ADOPTED,
):
    value_set = ValueSet(
        name=name,
        acronym=acronym,
        status=status,
        adopted_by="Kommunestyret",
        locale=locale or Locale.get_default(),
    )
    value_set.save()
    for position, (value_name, meaning) in enumerate(values):
        Value.objects.create(
            value_set=value_set,
            name=value_name,
            meaning=f"<p>{meaning}</p>",
            sort_order=position,
            behaviours=[("behaviour", text) for text in (behaviours or {}).get(value_name, [])],
        )
    return value_set


EXPECTED_BLOCK_QUERIES = 11
ADD_URL = "wagtailsnippets_wagtail_employer_valueset:add"


def post_value_set(client, data):
    return client.post(reverse(ADD_URL), data)


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_editor_creates_the_real_value_set(admin_user_client):
    response = post_value_set(
        admin_user_client,
        value_set_form_data(
            candidates=[
                ("Gruppe 1", "Raushet", "Raushet"),
                ("Gruppe 1", "Toleranse", "Raushet"),
                ("Gruppe 2", "Glede", "Engasjement"),
            ]
        ),
    )
    assert response.status_code == 302, page_text(response)
    value_set = ValueSet.objects.get()
    assert [value.name for value in value_set.values.all()] == [name for name, _ in REAL]
    assert value_set.workshop_candidates.count() == 3


def test_acronym_mismatch_names_the_value_and_saves_nothing(admin_user_client):
    values = [REAL[0], REAL[2], REAL[1], REAL[3]]  # R A E L
    response = post_value_set(admin_user_client, value_set_form_data(values=values))
    assert response.status_code == 200
    text = page_text(response)
    assert "Letter 2 of “REAL” is “E”, but value 2, “Anerkjennelse”, starts with “A”." in text
    assert not ValueSet.objects.exists()


def test_acronym_with_too_few_values_is_refused(admin_user_client):
    response = post_value_set(admin_user_client, value_set_form_data(values=REAL[:3]))
    assert "The acronym “REAL” has 4 letters, but the set has 3 values." in page_text(response)
    assert not ValueSet.objects.exists()


def test_empty_value_name_is_a_form_error(admin_user_client):
    values = [REAL[0], ("", "Uten navn"), REAL[2], REAL[3]]
    response = post_value_set(admin_user_client, value_set_form_data(acronym="", values=values))
    assert response.status_code == 200
    assert "This field is required." in page_text(response)
    assert not ValueSet.objects.exists()


def test_duplicate_values_are_refused(admin_user_client):
    values = [REAL[0], ("raushet", "Igjen"), REAL[2]]
    response = post_value_set(admin_user_client, value_set_form_data(acronym="", values=values))
    assert "“raushet” is already value 1 of this set." in page_text(response)
    assert not ValueSet.objects.exists()


def test_workshop_candidate_must_be_grouped_under_an_adopted_value(admin_user_client):
    response = post_value_set(
        admin_user_client,
        value_set_form_data(candidates=[("Gruppe 1", "Humor", "Humor")]),
    )
    assert "“Humor” is not one of this set's values" in page_text(response)
    assert not ValueSet.objects.exists()


def test_norwegian_editor_sees_translated_errors(admin_user_client, admin_user):
    use_admin_language(admin_user, "nb")
    response = post_value_set(admin_user_client, value_set_form_data(values=REAL[:3]))
    assert "Akronymet «REAL» har 4 bokstaver, men settet har 3 verdier." in page_text(response)


def make_values_page(parent, value_set, title="Våre verdier", **extra):
    page = parent.add_child(
        instance=ValuesPage(
            title=title, value_set=value_set, intro="<p>Verdiene våre.</p>", **extra
        )
    )
    page.save_revision().publish()
    return page


def test_values_page_renders_semantic_html(client, home_page):
    value_set = make_value_set(behaviours={"Raushet": ["Dele kunnskap", "Gi støtte"]})
    value_set.adopted_on = "2010-11-22"
    value_set.adoption_reference = "KS-sak 45/10"
    value_set.save()
    page = make_values_page(home_page, value_set)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == "Våre verdier"
    assert article.h2.get_text(strip=True) == "Felles verdier i Grue kommune"
    assert [h3.get_text(strip=True) for h3 in article.select("ol.we-values h3")] == [
        "Raushet",
        "Engasjement",
        "Anerkjennelse",
        "Likeverd",
    ]
    raushet = article.select("ol.we-values > li")[0]
    assert [li.get_text(strip=True) for li in raushet.select("ul li")] == [
        "Dele kunnskap",
        "Gi støtte",
    ]
    # The reader's language: Norwegian date format and wording.
    assert "Vedtatt av Kommunestyret 22.11.2010 (KS-sak 45/10)." in article.get_text(
        " ", strip=True
    )


def test_values_page_tells_where_the_values_came_from(client, home_page):
    value_set = make_value_set()
    for position, (group, candidate, grouped_under) in enumerate(
        [
            ("Gruppe 1", "Toleranse", "Raushet"),
            ("Gruppe 1", "Glede", "Engasjement"),
            ("Gruppe 2", "Respekt", "Likeverd"),
        ]
    ):
        WorkshopCandidate.objects.create(
            value_set=value_set,
            group_name=group,
            candidate=candidate,
            grouped_under=grouped_under,
            sort_order=position,
        )
    page = make_values_page(home_page, value_set)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    table = soup.select_one(".we-workshop table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Gruppe",
        "Verdikandidat",
        "Samlet under",
    ]
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in table.select("tbody tr")
    ]
    assert rows == [
        ["Gruppe 1", "Toleranse", "Raushet"],
        ["Glede", "Engasjement"],
        ["Gruppe 2", "Respekt", "Likeverd"],
    ]


def test_editor_creates_a_values_page_through_the_admin(admin_user_client, home_page):
    value_set = make_value_set()
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=["wagtail_employer", "valuespage", home_page.pk]),
        nested_form_data(
            {
                "title": "Verdiene våre",
                "slug": "verdiene-vare",
                "intro": rich_text("<p>Slik jobber vi.</p>"),
                "value_set": value_set.pk,
                "show_workshop": "on",
                "body": streamfield([]),
                "change_log": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, page_text(response)
    page = ValuesPage.objects.get(slug="verdiene-vare")
    assert page.live and page.value_set == value_set


def test_editor_puts_a_value_set_block_on_an_article_through_the_admin(
    admin_user_client, client, home_page
):
    value_set = make_value_set()
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:add", args=["home", "contentpage", home_page.pk]),
        nested_form_data(
            {
                "title": "Om oss",
                "slug": "om-oss",
                "intro": "",
                "body": streamfield(
                    [
                        (
                            "value_set",
                            {
                                "value_set": value_set.pk,
                                "display": "acronym",
                                "heading_level": "h2",
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, page_text(response)
    banner = BeautifulSoup(client.get("/om-oss/").content, "html.parser").select_one(
        "ul.we-acronym-banner"
    )
    assert banner["aria-label"] == "REAL"
    assert [item.get_text() for item in banner("li")] == [
        "Raushet",
        "Engasjement",
        "Anerkjennelse",
        "Likeverd",
    ]


def blocks_page(parent, blocks, title="Forside"):
    from home.models import ContentPage

    page = parent.add_child(instance=ContentPage(title=title, body=blocks))
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        ("full", ["Raushet", "Engasjement", "Anerkjennelse", "Likeverd"]),
        ("behaviours", ["Raushet", "Engasjement", "Anerkjennelse", "Likeverd"]),
    ],
)
def test_value_set_block_renders_each_value_under_a_heading(client, home_page, display, expected):
    value_set = make_value_set(behaviours={"Raushet": ["Dele kunnskap"]})
    page = blocks_page(
        home_page,
        [("value_set", {"value_set": value_set, "display": display, "heading_level": "h2"})],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    block = soup.select_one(".we-value-set")
    assert block.h2.get_text(strip=True) == "Felles verdier i Grue kommune"
    assert [h3.get_text(strip=True) for h3 in block.select("h3")] == expected
    meanings = block.select(".we-value__meaning")
    assert bool(meanings) == (display == "full")
    assert block.select_one("ul li").get_text(strip=True) == "Dele kunnskap"


def test_value_set_block_as_acronym_banner(client, home_page):
    value_set = make_value_set()
    page = blocks_page(
        home_page,
        [("value_set", {"value_set": value_set, "display": "acronym", "heading_level": "h2"})],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    banner = soup.select_one(".we-acronym-banner")
    assert banner["aria-label"] == "REAL"
    assert [li.strong.get_text() for li in banner.select("li")] == ["R", "E", "A", "L"]
    assert [li.get_text() for li in banner.select("li")] == [
        "Raushet",
        "Engasjement",
        "Anerkjennelse",
        "Likeverd",
    ]


def test_single_value_block(client, home_page):
    value_set = make_value_set(behaviours={"Likeverd": ["Ta alle på alvor"]})
    likeverd = value_set.values.get(name="Likeverd")
    page = blocks_page(
        home_page,
        [("single_value", {"value": likeverd, "heading_level": "h2", "show_behaviours": True})],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    block = soup.select_one(".we-value--single")
    assert block.h2.get_text(strip=True) == "Likeverd"
    assert "Felles verdier i Grue kommune" in block.get_text()
    assert block.select_one("ul li").get_text(strip=True) == "Ta alle på alvor"


def render_queries(client, page, django_assert_num_queries, count):
    with django_assert_num_queries(count):
        response = client.get(page.url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("block_count", [1, 50])
def test_value_blocks_cost_the_same_queries_for_1_and_50_blocks(
    client, home_page, block_count, django_assert_num_queries
):
    sets = [make_value_set(name=f"Sett {n}", acronym="") for n in range(3)]
    blocks = []
    for n in range(block_count):
        value_set = sets[n % 3]
        blocks.append(
            ("value_set", {"value_set": value_set, "display": "full", "heading_level": "h2"})
        )
        blocks.append(
            (
                "single_value",
                {
                    "value": value_set.values.all()[n % 4],
                    "heading_level": "h3",
                    "show_behaviours": True,
                },
            )
        )
    page = blocks_page(home_page, blocks)
    client.get(page.url)  # warm Wagtail's site and locale caches
    response = render_queries(client, page, django_assert_num_queries, EXPECTED_BLOCK_QUERIES)
    assert response.content.decode().count('class="we-value--single') >= 0


def test_page_never_renders_a_deleted_value_set(client, home_page):
    value_set = make_value_set()
    page = blocks_page(
        home_page,
        [("value_set", {"value_set": value_set, "display": "full", "heading_level": "h2"})],
    )
    ValueSet.objects.filter(pk=value_set.pk).delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert b"we-value-set" not in response.content


def test_value_set_used_by_a_page_cannot_be_deleted(admin_user_client, home_page):
    value_set = make_value_set()
    blocks_page(
        home_page,
        [("value_set", {"value_set": value_set, "display": "full", "heading_level": "h2"})],
        title="Om oss",
    )
    delete_url = reverse("wagtailsnippets_wagtail_employer_valueset:delete", args=[value_set.pk])
    confirm = BeautifulSoup(admin_user_client.get(delete_url).content, "html.parser")
    text = confirm.get_text(" ", strip=True)
    assert "This value set is referenced 1 time." in text
    assert "cannot be deleted while this content uses it" in text
    assert "Om oss" in text
    assert not confirm.find("button", string=lambda label: label and "Yes, delete" in label)

    response = admin_user_client.post(delete_url, follow=True)
    assert ValueSet.objects.filter(pk=value_set.pk).exists()
    assert "was not deleted: it is used by “Om oss”" in page_text(response)
    assert "Om oss" in page_text(response)  # the usage view it lands on


def test_value_set_whose_single_value_is_used_cannot_be_bulk_deleted(admin_user_client, home_page):
    value_set = make_value_set()
    likeverd = value_set.values.get(name="Likeverd")
    blocks_page(
        home_page,
        [("single_value", {"value": likeverd, "heading_level": "h2", "show_behaviours": True})],
        title="Likeverd i praksis",
    )
    bulk_delete_url = (
        reverse("wagtail_bulk_action", args=["wagtail_employer", "valueset", "delete"])
        + f"?id={value_set.pk}"
    )
    response = admin_user_client.post(bulk_delete_url, follow=True)
    assert ValueSet.objects.filter(pk=value_set.pk).exists()
    assert "it is used by “Likeverd i praksis”" in page_text(response)


def test_unused_value_set_is_deleted(admin_user_client):
    value_set = make_value_set()
    delete_url = reverse("wagtailsnippets_wagtail_employer_valueset:delete", args=[value_set.pk])
    response = admin_user_client.post(delete_url)
    assert response.status_code == 302
    assert not ValueSet.objects.exists()


def test_values_page_is_found_by_search_and_served_by_the_api(client, home_page):
    from wagtail.search.backends import get_search_backend

    value_set = make_value_set()
    page = make_values_page(home_page, value_set)
    results = get_search_backend().search("Anerkjennelse", ValuesPage)
    assert list(results) == [page.specific]

    response = client.get(f"/api/v2/pages/{page.pk}/")
    data = response.json()
    assert data["value_set"]["acronym"] == "REAL"
    assert [value["name"] for value in data["value_set"]["values"]] == [
        "Raushet",
        "Engasjement",
        "Anerkjennelse",
        "Likeverd",
    ]


def test_a_page_in_nynorsk_shows_the_nynorsk_translation_of_its_value_set(client, home_page):
    nynorsk = Locale.objects.create(language_code="nn")
    bokmal_set = make_value_set()
    nynorsk_set = bokmal_set.copy_for_translation(nynorsk)
    nynorsk_set.name = "Felles verdiar i Grue kommune"
    nynorsk_set.save()
    page = make_values_page(home_page, bokmal_set)
    nynorsk_page = page.copy_for_translation(nynorsk, copy_parents=True)
    nynorsk_page.save_revision().publish()
    response = client.get(nynorsk_page.url)
    assert "Felles verdiar i Grue kommune" in response.content.decode()
    assert [value.locale for value in nynorsk_set.values.all()] == [nynorsk] * 4
