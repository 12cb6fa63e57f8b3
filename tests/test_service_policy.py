"""The service policy: admin forms (numbering follows the editors' order), the page and
each block as a reader sees them, query counts, versions, search, API and protected
deletes. Self-assessments are in test_self_assessment.py."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.demo.service_policy import FOCUS_AREAS, POLICY_TITLE, SLOGAN, USAGES
from wagtail_employer.models import (
    Commitment,
    FocusArea,
    FocusAreaExemplar,
    OrganisationUnit,
    PolicyUsage,
    ServicePolicy,
    ServicePolicyPage,
    ServicePolicyStatus,
)

from .conftest import use_admin_language

pytestmark = pytest.mark.django_db

# Rendering a page with service policy, focus area and commitment blocks: the page, the
# site and locale, then a fixed number of bulk fetches and one active-locale lookup per
# block family.
EXPECTED_BLOCK_QUERIES = 16

ADD_URL = "wagtailsnippets_wagtail_employer_servicepolicy:add"
EDIT_URL = "wagtailsnippets_wagtail_employer_servicepolicy:edit"
DELETE_URL = "wagtailsnippets_wagtail_employer_servicepolicy:delete"
NEW_VERSION_URL = "wagtailsnippets_wagtail_employer_servicepolicy:new_version"

# Letter, numbers and title of each of Nesodden's focus areas (seed 002, slide 58).
NESODDEN_AREAS = [
    ("A", [1, 2, 3], "God kommunikasjon med brukere, innbyggere og samarbeidspartnere"),
    ("B", [4, 5, 6], "Det gode møtet"),
    ("C", [7, 8, 9], "God faglig kvalitet på tjenestene"),
    ("D", [10], "God oppfølging"),
]


def page_text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def make_policy(areas=None, title=POLICY_TITLE, units=None, usages=(), **fields):
    """A policy from [(title, [commitment texts], [units])], Nesodden's by default."""
    areas = areas if areas is not None else [(t, texts, []) for t, texts, _codes in FOCUS_AREAS]
    policy = ServicePolicy(
        title=title,
        slogan=SLOGAN,
        locale=Locale.get_default(),
        status=ServicePolicyStatus.ADOPTED,
        **fields,
    )
    policy.focus_areas = [
        FocusArea(
            title=area_title,
            sort_order=position,
            commitments=[
                Commitment(text=text, sort_order=index) for index, text in enumerate(texts)
            ],
            exemplar_units=[
                FocusAreaExemplar(unit=unit, sort_order=index) for index, unit in enumerate(units)
            ],
        )
        for position, (area_title, texts, units) in enumerate(areas)
    ]
    policy.usages = [
        PolicyUsage(title=usage_title, description=description, sort_order=index)
        for index, (usage_title, description) in enumerate(usages)
    ]
    policy.save()
    return policy


def numbering(policy):
    return [
        (commitment.code, commitment.text)
        for commitment in Commitment.objects.filter(focus_area__policy=policy)
        .select_related("focus_area")
        .order_by("number")
    ]


# --- Admin: create, reorder, validate ---------------------------------------------------


def policy_form_data(areas, usages=(), initial_areas=0, **extra):
    """``areas``: [{"title", "commitments": [{"text", ...}], "units": [pk], ...}]."""
    data = {
        "title": "Kjennetegn på god praksis",
        "slogan": SLOGAN,
        "intro": rich_text(""),
        "value_set": "",
        "version": "",
        "status": "draft",
        "adopted_by": "",
        "adopted_on": "",
        "valid_from": "",
        "valid_to": "",
        "previous_version": "",
        "scale_min": "1",
        "scale_max": "5",
        "scale_min_label": "",
        "scale_max_label": "",
        "focus_areas": inline_formset(
            [
                {
                    **{key: value for key, value in area.items() if key not in ("units",)},
                    "intro": rich_text(area.get("intro", "")),
                    "commitments": inline_formset(
                        area["commitments"], initial=area.get("initial_commitments", 0)
                    ),
                    "exemplar_units": inline_formset(
                        [{"unit": pk} for pk in area.get("units", [])],
                        initial=area.get("initial_units", 0),
                    ),
                }
                for area in areas
            ],
            initial=initial_areas,
        ),
        "usages": inline_formset(
            [
                {"title": title, "description": description, "link_page": "", "link_url": url}
                for title, description, url in usages
            ]
        ),
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_creates_a_policy_and_the_numbering_runs_across_focus_areas(
    admin_user_client, unit_tree
):
    school = unit_tree["school"]
    response = admin_user_client.post(
        reverse(ADD_URL),
        policy_form_data(
            [
                {
                    "title": "God kommunikasjon",
                    "commitments": [{"text": "Vi presenterer oss."}, {"text": "Vi inviterer."}],
                    "units": [school.pk, unit_tree["health"].pk],
                },
                {"title": "Det gode møtet", "commitments": [{"text": "Vi møter med respekt."}]},
            ],
            usages=[("Internrevisjon", "Vi besøker hverandre.", "https://example.invalid/ir")],
        ),
    )
    assert response.status_code == 302, page_text(response)
    policy = ServicePolicy.objects.get()
    assert numbering(policy) == [
        ("A1", "Vi presenterer oss."),
        ("A2", "Vi inviterer."),
        ("B3", "Vi møter med respekt."),
    ]
    first_area = policy.focus_areas.get(letter="A")
    assert [e.unit for e in first_area.exemplar_units.all()] == [school, unit_tree["health"]]
    assert policy.usages.get().url == "https://example.invalid/ir"


def test_reordering_commitments_and_focus_areas_renumbers(admin_user_client):
    policy = make_policy(
        [
            ("Kommunikasjon", ["Første", "Andre"], []),
            ("Møtet", ["Tredje"], []),
        ]
    )
    communication, meeting = policy.focus_areas.order_by("sort_order")
    first, second = communication.commitments.order_by("sort_order")
    third = meeting.commitments.get()
    # Move “Møtet” to the top and swap the two commitments of “Kommunikasjon”.
    data = policy_form_data(
        [
            {
                "id": communication.pk,
                "title": "Kommunikasjon",
                "ORDER": "2",
                "initial_commitments": 2,
                "commitments": [
                    {"id": first.pk, "text": "Første", "ORDER": "2"},
                    {"id": second.pk, "text": "Andre", "ORDER": "1"},
                ],
            },
            {
                "id": meeting.pk,
                "title": "Møtet",
                "ORDER": "1",
                "initial_commitments": 1,
                "commitments": [{"id": third.pk, "text": "Tredje", "ORDER": "1"}],
            },
        ],
        initial_areas=2,
    )
    response = admin_user_client.post(reverse(EDIT_URL, args=[policy.pk]), data)
    assert response.status_code == 302, page_text(response)
    assert numbering(policy) == [("A1", "Tredje"), ("B2", "Andre"), ("B3", "Første")]


def test_deleting_a_commitment_closes_the_gap(admin_user_client):
    policy = make_policy([("Kommunikasjon", ["En", "To", "Tre"], [])])
    area = policy.focus_areas.get()
    one, two, three = area.commitments.order_by("sort_order")
    data = policy_form_data(
        [
            {
                "id": area.pk,
                "title": "Kommunikasjon",
                "initial_commitments": 3,
                "commitments": [
                    {"id": one.pk, "text": "En"},
                    {"id": two.pk, "text": "To", "DELETE": "on"},
                    {"id": three.pk, "text": "Tre"},
                ],
            }
        ],
        initial_areas=1,
    )
    response = admin_user_client.post(reverse(EDIT_URL, args=[policy.pk]), data)
    assert response.status_code == 302, page_text(response)
    assert numbering(policy) == [("A1", "En"), ("A2", "Tre")]


def test_a_focus_area_needs_a_commitment(admin_user_client):
    response = admin_user_client.post(
        reverse(ADD_URL), policy_form_data([{"title": "Tomt område", "commitments": []}])
    )
    assert response.status_code == 200
    assert not ServicePolicy.objects.exists()


def test_scale_and_validity_errors_name_the_field_and_save_nothing(admin_user_client):
    response = admin_user_client.post(
        reverse(ADD_URL),
        policy_form_data(
            [{"title": "Møtet", "commitments": [{"text": "Vi lytter."}]}],
            scale_min="5",
            scale_max="3",
            valid_from="2013-01-01",
            valid_to="2012-01-01",
        ),
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "The highest score must be above the lowest." in text
    assert "“Valid to” cannot be before “valid from”." in text
    assert not ServicePolicy.objects.exists()


def test_a_use_links_to_a_page_or_an_address_not_both(admin_user_client, home_page):
    data = policy_form_data([{"title": "Møtet", "commitments": [{"text": "Vi lytter."}]}])
    data.update(
        {
            "usages-TOTAL_FORMS": "1",
            "usages-0-title": "Opplæring",
            "usages-0-description": "",
            "usages-0-link_page": str(home_page.pk),
            "usages-0-link_url": "https://example.invalid/",
            "usages-0-ORDER": "0",
            "usages-0-DELETE": "",
        }
    )
    response = admin_user_client.post(reverse(ADD_URL), data)
    assert "Link to a page or give a web address, not both." in page_text(response)
    assert not ServicePolicy.objects.exists()


def test_norwegian_editor_sees_translated_errors(admin_user_client, admin_user):
    use_admin_language(admin_user, "nb")
    response = admin_user_client.post(
        reverse(ADD_URL),
        policy_form_data(
            [{"title": "Møtet", "commitments": [{"text": "Vi lytter."}]}],
            scale_min="5",
            scale_max="3",
        ),
    )
    assert "Høyeste poengsum må være over den laveste." in page_text(response)


# --- Versions ---------------------------------------------------------------------------


def test_start_a_new_version_copies_the_policy_as_a_draft(admin_user_client, unit_tree):
    policy = make_policy(
        units=None,
        areas=[("Møtet", ["Vi lytter.", "Vi avklarer."], [unit_tree["school"]])],
        usages=[("Internrevisjon", "Besøk")],
        version="2012",
    )
    edit_page = page_text(admin_user_client.get(reverse(EDIT_URL, args=[policy.pk])))
    assert "Start a new version" in edit_page
    url = reverse(NEW_VERSION_URL, args=[policy.pk])
    assert "draft copy" in page_text(admin_user_client.get(url))

    response = admin_user_client.post(url)
    new_version = ServicePolicy.objects.exclude(pk=policy.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse(EDIT_URL, args=[new_version.pk])
    assert new_version.status == ServicePolicyStatus.DRAFT
    assert new_version.previous_version == policy
    assert numbering(new_version) == [("A1", "Vi lytter."), ("A2", "Vi avklarer.")]
    assert [e.unit for e in new_version.focus_areas.get().exemplar_units.all()] == [
        unit_tree["school"]
    ]
    assert [usage.title for usage in new_version.usages.all()] == ["Internrevisjon"]
    # The old version is untouched.
    assert numbering(policy) == [("A1", "Vi lytter."), ("A2", "Vi avklarer.")]


def test_starting_a_new_version_needs_the_add_permission(editor_client):
    policy = make_policy()
    response = editor_client.post(reverse(NEW_VERSION_URL, args=[policy.pk]))
    assert response.status_code == 403
    assert ServicePolicy.objects.count() == 1


# --- The page, as a reader sees it ------------------------------------------------------


def make_policy_page(parent, policy, title="Servicepolitikken", **extra):
    page = parent.add_child(instance=ServicePolicyPage(title=title, policy=policy, **extra))
    page.save_revision().publish()
    return page


def test_policy_page_shows_nesoddens_ten_commitments_with_numbers_and_letters(
    client, home_page, unit_tree
):
    policy = make_policy(usages=USAGES)
    page = make_policy_page(home_page, policy)
    soup = soup_of(client.get(page.url))
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == "Servicepolitikken"
    assert article.h2.get_text(strip=True) == POLICY_TITLE
    assert article.select_one(".we-service-policy__slogan").get_text(strip=True) == SLOGAN
    areas = article.select(".we-focus-area")
    assert [area.h3.get_text(strip=True) for area in areas] == [
        f"{letter}. {title}" for letter, _numbers, title in NESODDEN_AREAS
    ]
    for area, (_letter, numbers, _title), (_t, texts, _codes) in zip(
        areas, NESODDEN_AREAS, FOCUS_AREAS, strict=True
    ):
        ordered_list = area.select_one("ol")
        assert ordered_list["start"] == str(numbers[0])
        assert [int(li["value"]) for li in ordered_list.select("li")] == numbers
        assert [li.get_text(strip=True) for li in ordered_list.select("li")] == texts
    assert "Vi holder det vi lover." in areas[3].get_text()
    usages = article.select(".we-policy-usages li")
    assert [li.strong.get_text(strip=True) for li in usages] == [title for title, _d in USAGES]
    assert (
        article.select_one(".we-policy-usages h3").get_text(strip=True) == "Slik bruker vi policyen"
    )
    # Headings in order: h1, then h2, then h3s.
    levels = [int(tag.name[1]) for tag in article.find_all(["h1", "h2", "h3", "h4"])]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_policy_page_lists_the_units_each_area_was_drawn_from(client, home_page, unit_tree):
    policy = make_policy(
        [("Det gode møtet", ["Vi lytter."], [unit_tree["health"], unit_tree["school"]])]
    )
    page = make_policy_page(home_page, policy)
    area = soup_of(client.get(page.url)).select_one(".we-focus-area")
    assert "Hentet fra" in area.select_one(".we-focus-area__exemplars-label").get_text()
    assert [li.get_text(strip=True) for li in area.select(".we-focus-area__exemplars li")] == [
        "Helse og omsorg",
        "Myklerud skole",
    ]

    page.show_exemplar_units = False
    page.save_revision().publish()
    assert not soup_of(client.get(page.url)).select(".we-focus-area__exemplars")


def test_editor_creates_a_policy_page_through_the_admin(admin_user_client, home_page):
    policy = make_policy()
    response = admin_user_client.post(
        reverse(
            "wagtailadmin_pages:add", args=["wagtail_employer", "servicepolicypage", home_page.pk]
        ),
        nested_form_data(
            {
                "title": "Servicepolitikk",
                "slug": "servicepolitikk",
                "intro": rich_text("<p>Slik møter vi innbyggerne.</p>"),
                "policy": policy.pk,
                "show_exemplar_units": "on",
                "show_usages": "on",
                "body": streamfield([]),
                "change_log": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, page_text(response)
    page = ServicePolicyPage.objects.get(slug="servicepolitikk")
    assert page.live and page.policy == policy and not page.show_self_assessments


def test_policy_page_is_found_by_search_and_served_by_the_api(client, home_page):
    from wagtail.search.backends import get_search_backend

    page = make_policy_page(home_page, make_policy())
    results = get_search_backend().search("profesjonelle", ServicePolicyPage)
    assert list(results) == [page.specific]

    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    policy = data["policy"]
    assert policy["title"] == POLICY_TITLE
    codes = [c["code"] for area in policy["focus_areas"] for c in area["commitments"]]
    assert codes == ["A1", "A2", "A3", "B4", "B5", "B6", "C7", "C8", "C9", "D10"]


# --- Blocks -----------------------------------------------------------------------------


def blocks_page(parent, blocks, title="Om service"):
    from home.models import ContentPage

    page = parent.add_child(instance=ContentPage(title=title, body=blocks))
    page.save_revision().publish()
    return page


def test_service_policy_block_full_and_compact(client, home_page, unit_tree):
    policy = make_policy(
        [
            ("God kommunikasjon", ["En", "To"], [unit_tree["school"]]),
            ("Det gode møtet", ["Tre"], []),
        ],
        usages=[("Internrevisjon", "Besøk")],
    )
    page = blocks_page(
        home_page,
        [
            ("service_policy", {"policy": policy, "display": "full", "heading_level": "h2"}),
            ("service_policy", {"policy": policy, "display": "compact", "heading_level": "h2"}),
        ],
    )
    full, compact = soup_of(client.get(page.url)).select(".we-service-policy")
    for block in (full, compact):
        assert block.h2.get_text(strip=True) == POLICY_TITLE
        assert [h3.get_text(strip=True) for h3 in block.select(".we-focus-area h3")] == [
            "A. God kommunikasjon",
            "B. Det gode møtet",
        ]
        assert [li["value"] for li in block.select("ol li")] == ["1", "2", "3"]
    assert full.select(".we-focus-area__exemplars li")
    assert full.select(".we-policy-usages li")
    assert not compact.select(".we-focus-area__exemplars")
    assert not compact.select(".we-policy-usages")


def test_focus_area_block(client, home_page, unit_tree):
    policy = make_policy(
        [("God kommunikasjon", ["En"], []), ("Det gode møtet", ["To", "Tre"], [unit_tree["team"]])]
    )
    meeting = policy.focus_areas.get(letter="B")
    page = blocks_page(
        home_page,
        [
            (
                "focus_area",
                {"focus_area": meeting, "heading_level": "h2", "show_exemplar_units": True},
            )
        ],
    )
    block = soup_of(client.get(page.url)).select_one(".we-focus-area")
    assert block.h2.get_text(strip=True) == "B. Det gode møtet"
    assert block.ol["start"] == "2"
    assert [li.get_text(strip=True) for li in block.select("ol li")] == ["To", "Tre"]
    assert block.select_one(".we-focus-area__exemplars li").get_text(strip=True) == "Team A"


def test_commitment_block_shows_its_letter_and_number(client, home_page):
    policy = make_policy()
    b5 = Commitment.objects.get(focus_area__policy=policy, number=5)
    page = blocks_page(home_page, [("commitment", {"commitment": b5, "heading_level": "h2"})])
    block = soup_of(client.get(page.url)).select_one(".we-commitment")
    assert block.h2.get_text(strip=True) == "Kjennetegn B5"
    assert block.select_one(".we-commitment__text").get_text(strip=True) == FOCUS_AREAS[1][1][1]
    assert "B. Det gode møtet" in block.select_one(".we-commitment__source").get_text()


@pytest.mark.parametrize("block_count", [1, 50])
def test_policy_blocks_cost_the_same_queries_for_1_and_50_blocks(
    client, home_page, block_count, django_assert_num_queries
):
    policies = [make_policy(title=f"Policy {n}") for n in range(3)]
    blocks = []
    for n in range(block_count):
        policy = policies[n % 3]
        area = policy.focus_areas.all()[n % 4]
        commitment = Commitment.objects.get(focus_area__policy=policy, number=n % 10 + 1)
        blocks += [
            ("service_policy", {"policy": policy, "display": "full", "heading_level": "h2"}),
            (
                "focus_area",
                {"focus_area": area, "heading_level": "h2", "show_exemplar_units": True},
            ),
            ("commitment", {"commitment": commitment, "heading_level": "h2"}),
        ]
    page = blocks_page(home_page, blocks)
    client.get(page.url)  # warm Wagtail's site and locale caches
    with django_assert_num_queries(EXPECTED_BLOCK_QUERIES):
        response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="we-commitment"') == block_count


def test_policy_page_costs_the_same_queries_for_small_and_large_policies(
    client, home_page, django_assert_num_queries
):
    small = make_policy_page(home_page, make_policy([("Møtet", ["En"], [])]), title="Liten")
    large_areas = [(f"Område {n}", [f"Kjennetegn {n}.{m}" for m in range(5)], []) for n in range(8)]
    large = make_policy_page(home_page, make_policy(large_areas, title="Stor"), title="Stor")
    counts = []
    for page in (small, large):
        client.get(page.url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- Deleting what is in use ------------------------------------------------------------


def test_policy_shown_on_a_page_cannot_be_deleted(admin_user_client, home_page):
    policy = make_policy()
    make_policy_page(home_page, policy, title="Servicepolitikken")
    delete_url = reverse(DELETE_URL, args=[policy.pk])
    text = page_text(admin_user_client.get(delete_url))
    assert "cannot be deleted while this content uses it" in text
    assert "Servicepolitikken" in text
    response = admin_user_client.post(delete_url, follow=True)
    assert ServicePolicy.objects.filter(pk=policy.pk).exists()
    assert "was not deleted: it is used by “Servicepolitikken”" in page_text(response)


def test_policy_whose_commitment_a_block_shows_cannot_be_deleted(admin_user_client, home_page):
    policy = make_policy()
    b5 = Commitment.objects.get(focus_area__policy=policy, number=5)
    blocks_page(
        home_page, [("commitment", {"commitment": b5, "heading_level": "h2"})], title="Møtet"
    )
    response = admin_user_client.post(reverse(DELETE_URL, args=[policy.pk]), follow=True)
    assert ServicePolicy.objects.filter(pk=policy.pk).exists()
    assert "it is used by “Møtet”" in page_text(response)


def test_unused_policy_is_deleted(admin_user_client):
    policy = make_policy()
    response = admin_user_client.post(reverse(DELETE_URL, args=[policy.pk]))
    assert response.status_code == 302
    assert not ServicePolicy.objects.exists()
    assert not Commitment.objects.exists()


def test_exemplar_unit_cannot_be_deleted_and_its_usage_names_the_policy(
    admin_user_client, unit_tree
):
    school = unit_tree["school"]
    make_policy([("Det gode møtet", ["Vi lytter."], [school])])
    usage = page_text(
        admin_user_client.get(reverse("wagtail_employer:unit_usage", args=[school.pk]))
    )
    assert POLICY_TITLE in usage
    delete_url = reverse("wagtail_employer_organisationunit_modeladmin_delete", args=[school.pk])
    response = admin_user_client.post(delete_url)
    assert OrganisationUnit.objects.filter(pk=school.pk).exists()
    assert POLICY_TITLE in page_text(response)


def test_model_messages_are_translatable():
    with translation.override("nb"):
        assert str(ServicePolicy._meta.verbose_name) == "servicepolitikk"


def test_a_nynorsk_page_shows_the_nynorsk_translation_of_the_policy_and_its_parts(
    client, home_page
):
    nynorsk = Locale.objects.create(language_code="nn")
    policy = make_policy([("Det gode møtet", ["Vi lyttar ikkje."], []), ("Oppfølging", ["To"], [])])
    translated = policy.copy_for_translation(nynorsk)
    translated.save()
    area = translated.focus_areas.get(letter="A")
    area.title = "Det gode møtet (nynorsk)"
    area.save()
    commitment = Commitment.objects.get(focus_area__policy=translated, number=1)
    commitment.text = "Vi lyttar."
    commitment.save()
    bokmal_area = policy.focus_areas.get(letter="A")
    bokmal_commitment = Commitment.objects.get(focus_area__policy=policy, number=2)
    page = blocks_page(
        home_page,
        [
            (
                "focus_area",
                {"focus_area": bokmal_area, "heading_level": "h2", "show_exemplar_units": True},
            ),
            ("commitment", {"commitment": bokmal_commitment, "heading_level": "h2"}),
        ],
    )
    nynorsk_page = page.copy_for_translation(nynorsk, copy_parents=True)
    nynorsk_page.save_revision().publish()
    soup = soup_of(client.get(nynorsk_page.url))
    focus_area = soup.select_one(".we-focus-area")
    assert focus_area.h2.get_text(strip=True) == "A. Det gode møtet (nynorsk)"
    assert focus_area.select_one("li").get_text(strip=True) == "Vi lyttar."
    assert soup.select_one(".we-commitment h2").get_text(strip=True) == "Kjenneteikn B2"
    assert Commitment.objects.filter(focus_area__policy=translated).count() == 2


def test_the_add_form_offers_commitments_and_units_inside_each_focus_area(admin_user_client):
    soup = soup_of(admin_user_client.get(reverse(ADD_URL)))
    names = {field.get("name") for field in soup.select("input, select, textarea")}
    assert "focus_areas-TOTAL_FORMS" in names
    assert "focus_areas-__prefix__-commitments-TOTAL_FORMS" in soup.decode()
    assert "focus_areas-__prefix__-exemplar_units-TOTAL_FORMS" in soup.decode()
    assert "scale_max" in names


def test_choosers_list_focus_areas_and_commitments_with_their_codes(admin_user_client):
    make_policy()

    def chooser_text(name):
        html = admin_user_client.get(reverse(f"{name}:choose")).json()["html"]
        return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)

    assert "B. Det gode møtet" in chooser_text("wagtail_employer_focus_area_chooser")
    assert "B5 Vi avklarer behov" in chooser_text("wagtail_employer_commitment_chooser")


def test_a_policy_cannot_be_its_own_previous_version(admin_user_client):
    policy = make_policy([("Møtet", ["En"], [])])
    area = policy.focus_areas.get()
    data = policy_form_data(
        [
            {
                "id": area.pk,
                "title": "Møtet",
                "initial_commitments": 1,
                "commitments": [{"id": area.commitments.get().pk, "text": "En"}],
            }
        ],
        initial_areas=1,
        previous_version=str(policy.pk),
    )
    response = admin_user_client.post(reverse(EDIT_URL, args=[policy.pk]), data)
    assert "A policy cannot be its own previous version." in page_text(response)
    assert ServicePolicy.objects.get().previous_version is None


def test_policy_page_shows_adoption_and_validity_in_the_readers_format(client, home_page):
    import datetime

    policy = make_policy(
        adopted_by="Rådmannens ledergruppe",
        adopted_on=datetime.date(2012, 6, 12),
        valid_from=datetime.date(2012, 6, 12),
        valid_to=datetime.date(2013, 12, 31),
    )
    text = page_text(client.get(make_policy_page(home_page, policy).url))
    assert "Vedtatt av Rådmannens ledergruppe 12.06.2012." in text
    assert "Gjelder fra 12.06.2012 til 31.12.2013." in text


def test_the_employer_menu_lists_service_policies(admin_user_client):
    dashboard = admin_user_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_wagtail_employer_servicepolicy:list") in dashboard
    assert reverse("wagtail_employer:self_assessment_index") in dashboard
