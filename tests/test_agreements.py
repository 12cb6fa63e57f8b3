"""Leader agreements: from template to signed agreement to next year's, through the
admin forms; validation; the HR overview and its export; the page and its print view."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from wagtail.test.utils.form_data import rich_text

from wagtail_employer.models import (
    AgreementStatus,
    AgreementTemplate,
    LeaderAgreementPage,
)

from .agreement_helpers import (
    SECRET_GOAL,
    agreement_form_data,
    filled_in_body,
    make_template,
)
from .conftest import use_admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement_template(db):
    return make_template()


def login(client, user, language="en"):
    use_admin_language(user, language)
    client.force_login(user)
    return client


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def create_from_template(client, template, unit, index, **extra):
    data = {
        "agreement_template": template.pk,
        "unit": unit.pk,
        "leader": "",
        "period_start": "2012-01-01",
        "period_end": "2012-12-31",
        "access_level": "private",
        "parent_page": index.pk,
        **extra,
    }
    return client.post(reverse("wagtail_employer:agreement_create"), data)


def make_agreement(client, template, unit_tree, index, **extra):
    response = create_from_template(client, template, unit_tree["nursing_home"], index, **extra)
    assert response.status_code == 302, text_of(response)
    return LeaderAgreementPage.objects.latest("pk")


def fill_in(client, agreement, **changes):
    agreement = agreement.get_latest_revision_as_object()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[agreement.pk]),
        agreement_form_data(agreement, body=filled_in_body(agreement), **changes),
    )
    return response


def sign(client, agreement):
    return client.post(
        reverse("wagtail_employer:agreement_sign", args=[agreement.pk]), {"confirm": "on"}
    )


def test_agreement_lifecycle_template_fill_in_sign_next_year(
    client, people, agreement_template, unit_tree, index
):
    """The whole year: HR creates the agreement from the template, the leader fills it in,
    the superior signs it, next year's is started from it, and a later change to the
    template leaves the signed agreement as it was signed."""
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    assert agreement.leader == people["leader"]  # the unit's leader, by default
    assert agreement.agreement_template == agreement_template
    assert [child.value["heading"] for child in agreement.body] == [
        child.value["heading"] for child in agreement_template.body
    ]
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.live

    login(client, people["leader"])
    response = fill_in(client, agreement)
    assert response.status_code == 302, text_of(response)
    agreement.refresh_from_db()
    goals = [goal["goal"] for goal in agreement.body[1].value["goals"]]
    assert goals == [SECRET_GOAL]

    # The leader cannot sign their own agreement; the superior records the signature.
    assert sign(client, agreement).status_code == 403
    login(client, people["superior"])
    response = sign(client, agreement)
    assert response.status_code == 302, text_of(response)
    assert response.url == agreement.url, response.url
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_by == people["superior"]
    assert agreement.signed_at is not None

    # Signed: the leader and the superior can no longer edit it.
    for person in ("leader", "superior"):
        login(client, people[person])
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[agreement.pk]))
        assert edit.status_code == 302 and edit.url == reverse("wagtailadmin_home")
        refused = fill_in(client, agreement, title="Endret tittel")
        assert refused.status_code == 302
        agreement.refresh_from_db()
        assert agreement.title != "Endret tittel"

    # Next year's agreement starts from this year's text, as a draft.
    response = client.post(reverse("wagtail_employer:agreement_next_year", args=[agreement.pk]))
    assert response.status_code == 302, text_of(response)
    next_year = LeaderAgreementPage.objects.get(period_start=datetime.date(2013, 1, 1))
    assert next_year.period_end == datetime.date(2013, 12, 31)
    assert next_year.status == AgreementStatus.DRAFT
    assert next_year.signed_at is None
    assert [goal["goal"] for goal in next_year.body[1].value["goals"]] == [SECRET_GOAL]
    assert next_year.body.raw_data[0]["id"] != agreement.body.raw_data[0]["id"]

    # HR changes the template afterwards: the signed agreement keeps what was signed.
    agreement_template.body = [
        ("perspective", {"heading": "Nytt perspektiv", "goals": [], "scope": "local"})
    ]
    agreement_template.save()
    agreement.refresh_from_db()
    assert agreement.body[0].value["heading"] == "1 Økonomi"
    assert len(agreement.body) == 8

    response = client.get(agreement.url)
    text = text_of(response)
    assert SECRET_GOAL in text
    assert "Nytt perspektiv" not in text
    assert "Signert" in text  # the status, in the reader's language (nb)


def test_hr_amends_a_signed_agreement_as_a_new_revision(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    fill_in(client, agreement)
    sign(client, agreement)
    agreement.refresh_from_db()
    revisions_before = agreement.revisions.count()

    # The title follows the period: HR shortens it, and the title says so.
    response = fill_in(client, agreement, period_end="2012-06-30")
    assert response.status_code == 302, text_of(response)
    agreement.refresh_from_db()
    assert agreement.title == "Lederavtale 01.01.2012–30.06.2012: Sykehjem (Kari Nordmann)"
    assert agreement.status == AgreementStatus.SIGNED
    latest = agreement.revisions.order_by("-created_at").first()
    assert agreement.revisions.count() == revisions_before + 1
    assert latest.user == people["hr"]
    text = text_of(client.get(agreement.url))
    assert "Endret etter signering" in text and "Hanne HR" in text


def test_signing_with_required_sections_empty_is_refused(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    response = sign(client, agreement)
    assert response.status_code == 200
    assert (
        "These sections must be filled in before the agreement can be signed: “1 Økonomi”, "
        "“2 Tjeneste og brukere”, “Personlige utviklingsmål”." in text_of(response)
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.signed_at is None
    assert agreement.revisions.count() == 1


def test_the_page_form_cannot_sign_or_unsign(client, people, agreement_template, unit_tree, index):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    response = fill_in(client, agreement, status="signed")
    assert response.status_code == 200
    assert "Use “Sign agreement” to sign it" in text_of(response)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT

    sign(client, agreement.get_latest_revision_as_object())
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT  # still empty: nothing signed
    fill_in(client, agreement)
    assert sign(client, agreement).status_code == 302
    response = fill_in(client, agreement, status="draft")
    assert "A signed agreement can only be archived." in text_of(response)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_only_hr_archives(client, people, agreement_template, unit_tree, index):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    login(client, people["superior"])
    response = fill_in(client, agreement, status="archived")
    assert "Only HR can archive an agreement." in text_of(response)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    login(client, people["hr"])
    assert fill_in(client, agreement, status="archived").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ARCHIVED


def test_emptying_a_required_section_of_a_signed_agreement_is_refused(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    fill_in(client, agreement)
    sign(client, agreement)
    agreement.refresh_from_db()
    body = [dict(child) for child in agreement.body.raw_data]
    body[2]["value"]["goals"] = []
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[agreement.pk]),
        agreement_form_data(agreement, body=body),
    )
    assert response.status_code == 200
    assert "“Personlige utviklingsmål”" in text_of(response)
    agreement.refresh_from_db()
    assert agreement.body[2].value["goals"]


def test_period_ending_before_it_starts_is_refused(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    response = create_from_template(
        client,
        agreement_template,
        unit_tree["nursing_home"],
        index,
        period_start="2012-12-31",
        period_end="2012-01-01",
    )
    assert response.status_code == 200
    assert "The period cannot end before it starts." in text_of(response)
    assert not LeaderAgreementPage.objects.exists()

    agreement = make_agreement(client, agreement_template, unit_tree, index)
    response = fill_in(client, agreement, period_end="2011-06-30")
    assert response.status_code == 200
    assert "The period cannot end before it starts." in text_of(response)
    agreement.refresh_from_db()
    assert agreement.period_end == datetime.date(2012, 12, 31)


def test_second_agreement_for_same_leader_unit_and_period_is_refused(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    make_agreement(client, agreement_template, unit_tree, index)
    response = create_from_template(client, agreement_template, unit_tree["nursing_home"], index)
    assert response.status_code == 200
    assert (
        "Kari Nordmann already has an agreement for Sykehjem for 2012, which overlaps this "
        "period." in text_of(response)
    )
    assert LeaderAgreementPage.objects.count() == 1

    # Through Wagtail's own "add page" form too.
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_employer", "leaderagreementpage", index.pk],
        ),
        agreement_form_data(
            LeaderAgreementPage(
                title="Dobbel",
                slug="dobbel",
                leader=people["leader"],
                unit=unit_tree["nursing_home"],
                period_start=datetime.date(2012, 1, 1),
                period_end=datetime.date(2012, 12, 31),
                access_level="private",
            ),
            body=[],
        ),
    )
    assert response.status_code == 200
    assert "already has an agreement for Sykehjem for 2012" in text_of(response)
    assert LeaderAgreementPage.objects.count() == 1


def test_next_year_refused_when_it_exists(client, people, agreement_template, unit_tree, index):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    url = reverse("wagtail_employer:agreement_next_year", args=[agreement.pk])
    assert client.post(url).status_code == 302
    response = client.post(url)
    assert response.status_code == 200
    assert "already has an agreement for Sykehjem for 2013" in text_of(response)
    assert LeaderAgreementPage.objects.count() == 2


def test_norwegian_admin_sees_translated_validation(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"], language="nb")
    response = create_from_template(
        client,
        agreement_template,
        unit_tree["nursing_home"],
        index,
        period_start="2012-12-31",
        period_end="2012-01-01",
    )
    assert "Perioden kan ikke slutte før den begynner." in text_of(response)


def test_add_page_form_copies_the_template(client, people, agreement_template, unit_tree, index):
    login(client, people["hr"])
    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_employer", "leaderagreementpage", index.pk],
        ),
        agreement_form_data(
            LeaderAgreementPage(
                title="Lederavtale Myklerud skole 2012",
                slug="myklerud-2012",
                leader=people["other_leader"],
                unit=unit_tree["school"],
                period_start=datetime.date(2012, 1, 1),
                period_end=datetime.date(2012, 12, 31),
                access_level="private",
                agreement_template=agreement_template,
            ),
            body=[],
        ),
    )
    assert response.status_code == 302, text_of(response)
    agreement = LeaderAgreementPage.objects.get(slug="myklerud-2012")
    assert len(agreement.body) == len(agreement_template.body)


def test_agreement_page_renders_sections_as_accessible_html(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    fill_in(client, agreement)
    agreement.refresh_from_db()
    soup = BeautifulSoup(client.get(agreement.url).content, "html.parser")
    article = soup.select_one("article.we-agreement")
    assert article.h1.get_text(strip=True) == agreement.title
    assert [h2.get_text(strip=True) for h2 in article.select("h2")][:3] == [
        "1 Økonomi",
        "2 Tjeneste og brukere",
        "Personlige utviklingsmål",
    ]
    delegation = article.select_one("table.we-delegation")
    assert delegation.caption.get_text(strip=True) == "Delegert myndighet: Økonomi"
    assert [th["scope"] for th in delegation.select("thead th")] == ["col"] * 3
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in delegation.select("tbody tr")
    ]
    assert rows[1] == ["Opprette nye stillinger", "Nei", "I samråd med HR"]
    assert delegation.select_one("tbody th")["scope"] == "row"
    indicators = article.select_one("table.we-agreement-indicators")
    kinds = [row.select("td")[0].get_text(strip=True) for row in indicators.select("tbody tr")]
    assert kinds == [
        "Driverindikator (innsats og aktivitet)",
        "Resultatindikator (effekt)",
    ]
    facts = article.select_one("dl.we-agreement-facts").get_text(" ", strip=True)
    assert "Kari Nordmann" in facts and "Ola Sektorsjef" in facts and "Utkast" in facts
    # An empty optional section says so in words, not by a missing heading.
    follow_up = article.select_one(".we-agreement-meetings")
    assert follow_up.h2.get_text(strip=True) == "Oppfølgingssamtaler"
    assert follow_up.select_one(".we-agreement-empty").get_text(strip=True) == "Ikke fylt ut ennå."


def test_print_view_is_a_clean_a4_document_with_signatures(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    fill_in(client, agreement)
    sign(client, agreement)
    agreement.refresh_from_db()
    page_soup = BeautifulSoup(client.get(agreement.url).content, "html.parser")
    print_link = page_soup.find("a", string="Utskriftsvisning (A4)")
    response = client.get(print_link["href"])
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert any(href.endswith("agreement-print.css") for href in stylesheets)
    assert soup.select_one(".site-header") is None  # no site chrome
    assert not soup.select("script") and not soup.select("[style]")
    signatures = soup.select_one(".we-agreement-signatures")
    names = [p.get_text(" ", strip=True) for p in signatures.select(".we-signature__name")]
    assert names == ["Kari Nordmann Leder", "Ola Sektorsjef Overordnet leder"]
    signed = signatures.select_one(".we-agreement-signed").get_text(" ", strip=True)
    assert signed.startswith("Signert ") and signed.endswith("registrert av Hanne HR.")


def test_hr_overview_lists_filters_and_names_units_without_agreement(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    make_agreement(client, agreement_template, unit_tree, index)
    url = reverse("wagtail_employer_leaderagreementpage_modeladmin_index")
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    listing = soup.select_one("table.listing")
    assert "Sykehjem" in listing.get_text() and "Kari Nordmann" in listing.get_text()
    assert units_without_agreement(response) == ["Helse og omsorg", "Oppvekst", "Myklerud skole"]

    def listed_leaders(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return [
            row.select("td")[1].get_text(strip=True)
            for row in soup.select(".result-list table.listing tbody tr")
        ]

    assert listed_leaders(client.get(url)) == ["Kari Nordmann"]
    assert listed_leaders(client.get(url, {"status": "signed"})) == []
    assert listed_leaders(
        client.get(url, {"status": "draft", "period": "2012-01-01_2012-12-31"})
    ) == ["Kari Nordmann"]
    response = client.get(url, {"sector": "OPP"})
    assert listed_leaders(response) == []
    assert units_without_agreement(response) == ["Oppvekst", "Myklerud skole"]


def units_without_agreement(response):
    """The units the overview's per-unit table says have no agreement."""
    table = BeautifulSoup(response.content, "html.parser").select_one("#we-unit-coverage")
    return [
        row.th.get_text(strip=True)
        for row in table.find_parent("section").select("tbody tr")
        if row.select_one('[data-coverage="none"]')
    ]


def test_hr_overview_export_csv_and_xlsx(client, people, agreement_template, unit_tree, index):
    login(client, people["hr"])
    make_agreement(client, agreement_template, unit_tree, index)
    response = client.get(reverse("wagtail_employer:export_agreements", args=["csv"]))
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    header, row = content.splitlines()[:2]
    assert header.startswith("Period,Period start,Period end,Unit code,Unit,Sector,Leader")
    assert (
        "2012,2012-01-01,2012-12-31,HO-SYK,Sykehjem,Helse og omsorg,Kari Nordmann,Yes,Draft" in row
    )

    response = client.get(
        reverse("wagtail_employer:export_agreements", args=["xlsx"]), {"status": "signed"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1  # the header only: the filter applies to the export


def test_template_snippet_offers_create_agreement(client, people, agreement_template):
    login(client, people["hr"])
    response = client.get(reverse("wagtailsnippets_wagtail_employer_agreementtemplate:list"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    link = next(a for a in soup.select("a") if "Create leader agreement" in a.get_text())
    assert link["href"].endswith(f"?template={agreement_template.pk}")
    form = client.get(link["href"])
    assert form.status_code == 200


def test_template_period_must_be_in_order(client, people):
    login(client, people["hr"])
    response = client.post(
        reverse("wagtailsnippets_wagtail_employer_agreementtemplate:add"),
        {
            "name": "Mal",
            "version": "1",
            "valid_from": "2013-01-01",
            "valid_to": "2012-01-01",
            "status": "draft",
            "intro": rich_text(""),
            "body-count": "0",
        },
    )
    assert response.status_code == 200
    assert "The end of the valid period cannot be before its start." in text_of(response)
    assert not AgreementTemplate.objects.exists()


def test_lazy_messages_in_english():
    from wagtail_employer.models import AccessLevel

    with translation.override("en"):
        assert str(AccessLevel.PRIVATE.label) == "Private: the leader, the superior and HR"


@pytest.mark.parametrize("block_count", [1, 12])
def test_values_requirements_cost_the_same_queries_for_1_and_12_blocks(
    client, people, unit_tree, index, block_count, django_assert_max_num_queries
):
    """Value sets chosen in an agreement's sections are fetched in one go."""
    from wagtail_employer.models import Value, ValueSet

    value_sets = []
    for number in range(3):
        value_set = ValueSet.objects.create(name=f"Verdier {number}", status="adopted")
        Value.objects.create(value_set=value_set, name=f"Raushet {number}", sort_order=0)
        value_sets.append(value_set)
    agreement = LeaderAgreementPage(
        leader=people["leader"],
        unit=unit_tree["nursing_home"],
        period_start=datetime.date(2012, 1, 1),
        period_end=datetime.date(2012, 12, 31),
        title="Lederavtale",
        body=[
            (
                "values_requirement",
                {
                    "heading": f"Verdier {number}",
                    "value_set": value_sets[number % 3],
                    "expectations": "",
                    "required_before_signing": True,
                },
            )
            for number in range(block_count)
        ],
    )
    index.add_child(instance=agreement)
    agreement.save_revision().publish()
    login(client, people["hr"])
    client.get(agreement.url)  # warm Wagtail's site and locale caches
    with django_assert_max_num_queries(QUERIES_FOR_ANY_NUMBER_OF_VALUE_SETS):
        response = client.get(agreement.url)
    assert response.content.decode().count("we-agreement-values") == block_count
    for number in range(min(block_count, 3)):
        assert f"Raushet {number}" in response.content.decode()


# Most are Wagtail's own (site, session, user bar); the three value-set queries
# (sets, values, workshop candidates) are made once, whatever the number of blocks.
QUERIES_FOR_ANY_NUMBER_OF_VALUE_SETS = 25


def test_the_editor_offers_sign_next_year_and_print_to_the_right_people(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["hr"])
    agreement = make_agreement(client, agreement_template, unit_tree, index)
    edit_url = reverse("wagtailadmin_pages:edit", args=[agreement.pk])
    sign_url = reverse("wagtail_employer:agreement_sign", args=[agreement.pk])
    next_year_url = reverse("wagtail_employer:agreement_next_year", args=[agreement.pk])

    def links(person):
        login(client, people[person])
        soup = BeautifulSoup(client.get(edit_url).content, "html.parser")
        return {a["href"] for a in soup.select("a[href]")}

    superior = links("superior")
    assert sign_url in superior and next_year_url in superior
    assert agreement.url + "print/" in superior
    leader = links("leader")
    assert sign_url not in leader and next_year_url in leader
    end_url = reverse("wagtail_employer:agreement_end", args=[agreement.pk])
    assert end_url in links("hr") and end_url not in leader and end_url not in superior


def test_a_leader_makes_agreements_only_for_themselves_and_those_reporting_to_them(
    client, people, agreement_template, unit_tree, index
):
    login(client, people["other_leader"])  # leads Myklerud skole
    response = create_from_template(client, agreement_template, unit_tree["nursing_home"], index)
    assert response.status_code == 200
    assert (
        "You can only make agreements for yourself or for the leaders who report to you."
        in text_of(response)
    )
    assert not LeaderAgreementPage.objects.exists()
    response = create_from_template(client, agreement_template, unit_tree["school"], index)
    assert response.status_code == 302, text_of(response)
    login(client, people["superior"])  # Sykehjem reports to Helse og omsorg
    response = create_from_template(client, agreement_template, unit_tree["nursing_home"], index)
    assert response.status_code == 302, text_of(response)
    # Nor can a leader hand their agreement to someone else in the page editor.
    agreement = LeaderAgreementPage.objects.get(unit=unit_tree["school"])
    login(client, people["other_leader"])
    response = fill_in(client, agreement, leader=people["superior"].pk)
    assert "for the leaders who report to you" in text_of(response)
    agreement.refresh_from_db()
    assert agreement.leader == people["other_leader"]
