"""The admin listings the package adds cost the same number of queries whether they show 5
rows or 50: the HR overview of leader agreements, the read-confirmation report and the
modeladmin listings of organisation units, surveys, survey results and staff placements.
(``make bench`` measures the same with a thousand units.)"""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail_employer.models import (
    LeaderAgreementPage,
    OrganisationUnit,
    ReadConfirmation,
    SurveyResult,
    UnitKind,
    UnitMembership,
    ValuesPage,
)

from .agreement_helpers import make_index, make_people
from .conftest import use_admin_language
from .surveys_helpers import make_survey
from .test_values import make_value_set

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50


def add_units(parent, count, prefix):
    """``count`` units under ``parent``; returns them."""
    OrganisationUnit.objects.bulk_create(
        OrganisationUnit(
            name=f"{prefix} {number:03d}",
            code=f"{prefix.upper()}-{number:03d}",
            kind=UnitKind.UNIT,
            parent=parent,
        )
        for number in range(count)
    )
    OrganisationUnit.objects.rebuild_tree()
    return list(OrganisationUnit.objects.filter(code__startswith=f"{prefix.upper()}-"))


def queries_and_rows(client, url, row_selector):
    """(queries of one GET of ``url`` after a warm-up, rows the page shows)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select(row_selector)
    return len(captured), len(rows)


def assert_same_queries(few, many):
    (few_queries, few_rows), (many_queries, many_rows) = few, many
    assert few_rows < many_rows, (few_rows, many_rows)
    assert few_queries == many_queries, (
        f"{few_queries} queries for {few_rows} rows, {many_queries} for {many_rows}"
    )


# HR's overview of leader agreements.


@pytest.fixture
def hr_world(client, django_user_model, unit_tree, home_page):
    index = make_index(home_page)
    people = make_people(django_user_model, unit_tree, index)
    use_admin_language(people["hr"], "en")
    client.force_login(people["hr"])
    units = add_units(unit_tree["health"], MANY, "Avdeling")
    return {"index": index, "people": people, "units": units, "client": client}


def add_agreements(world, units):
    for unit in units:
        world["index"].add_child(
            instance=LeaderAgreementPage(
                title=f"Lederavtale {unit.name}",
                leader=world["people"]["leader"],
                unit=unit,
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 12, 31),
                status="signed",
                signed_by=world["people"]["superior"],
                signed_at=datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC),
                access_level="private",
            )
        )


def test_hr_overview_queries_do_not_grow_with_agreements(hr_world):
    url = (
        reverse("wagtail_employer_leaderagreementpage_modeladmin_index")
        + "?period=2026-01-01_2026-12-31"
    )
    rows = "table.listing.full-width tbody tr"
    add_agreements(hr_world, hr_world["units"][:FEW])
    few = queries_and_rows(hr_world["client"], url, rows)
    add_agreements(hr_world, hr_world["units"][FEW:MANY])
    many = queries_and_rows(hr_world["client"], url, rows)
    assert (few[1], many[1]) == (FEW, MANY)
    assert_same_queries(few, many)


# The read-confirmation report.


def test_read_confirmation_report_queries_do_not_grow_with_staff(
    client, django_user_model, admin_user, unit_tree, home_page
):
    policy = ValuesPage(
        title="Verdiene våre",
        slug="verdiene-vare",
        value_set=make_value_set(),
        asks_for_read_confirmation=True,
    )
    home_page.add_child(instance=policy)
    policy.save_revision().publish()
    units = add_units(unit_tree["health"], 10, "Post")

    def place(count, prefix):
        for number in range(count):
            user = django_user_model.objects.create_user(
                username=f"{prefix}{number}", first_name="Ansatt", last_name=f"{prefix}{number}"
            )
            UnitMembership.objects.create(user=user, unit=units[number % len(units)])
            if number % 2:
                ReadConfirmation.objects.create(page=policy, user=user, version=1)

    use_admin_language(admin_user, "en")
    client.force_login(admin_user)
    url = reverse("wagtail_employer:read_confirmations") + f"?policy={policy.pk}"
    rows = "table.listing tbody tr"
    place(FEW, "a")
    few = queries_and_rows(client, url, rows)
    place(MANY - FEW, "b")
    many = queries_and_rows(client, url, rows)
    assert (few[1], many[1]) == (FEW, MANY)
    assert_same_queries(few, many)


# The modeladmin listings.


def test_organisation_unit_listing_queries_do_not_grow_with_units(
    admin_user_client, unit_tree, django_user_model
):
    url = reverse("wagtail_employer_organisationunit_modeladmin_index") + "?kind=unit"
    rows = "table.listing.full-width tbody tr"
    leader = django_user_model.objects.create_user(username="leder", first_name="Lise")
    few_units = add_units(unit_tree["health"], FEW - 2, "Avd")  # + Sykehjem, Myklerud skole
    OrganisationUnit.objects.filter(pk__in=[unit.pk for unit in few_units]).update(leader=leader)
    few = queries_and_rows(admin_user_client, url, rows)
    add_units(unit_tree["education"], MANY - FEW, "Skole")
    OrganisationUnit.objects.filter(kind=UnitKind.UNIT).update(leader=leader)
    many = queries_and_rows(admin_user_client, url, rows)
    assert (few[1], many[1]) == (FEW, MANY)
    assert_same_queries(few, many)


def test_survey_listing_queries_do_not_grow_with_surveys(admin_user_client):
    url = reverse("wagtail_employer_survey_modeladmin_index")
    rows = "table.listing.full-width tbody tr"
    for year in range(2000, 2000 + FEW):
        make_survey(name=f"Medarbeiderundersøkelsen {year}", year=year)
    few = queries_and_rows(admin_user_client, url, rows)
    for year in range(2000 + FEW, 2000 + MANY):
        make_survey(name=f"Medarbeiderundersøkelsen {year}", year=year)
    many = queries_and_rows(admin_user_client, url, rows)
    assert (few[1], many[1]) == (FEW, MANY)
    assert_same_queries(few, many)


@pytest.mark.parametrize("reader", ["superuser", "analyst"])
def test_survey_result_listing_queries_do_not_grow_with_results(
    client, admin_user, django_user_model, unit_tree, reader
):
    """Outside HR (an analyst: admin access and the view permission), the anonymity
    rule marks the rows too, in a fixed number of queries."""
    if reader == "analyst":
        user = django_user_model.objects.create_user("analyst", password="x")
        user.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_surveyresult"),
        )
        client.force_login(user)
    else:
        client.force_login(admin_user)
    admin_user_client = client
    survey = make_survey()
    dimensions = list(survey.dimensions.all())
    units = add_units(unit_tree["health"], 5, "Enhet")
    url = reverse("wagtail_employer_surveyresult_modeladmin_index")
    rows = "table.listing.full-width tbody tr"

    def add_results(pairs):
        SurveyResult.objects.bulk_create(
            SurveyResult(
                survey=survey, unit=unit, dimension=dimension, score=Decimal("4.1"), respondents=12
            )
            for unit, dimension in pairs
        )

    # Four of one unit's scores and the national benchmark of one dimension (no unit).
    add_results([(units[0], dimension) for dimension in dimensions[:4]])
    add_results([(None, dimensions[0])])
    few = queries_and_rows(admin_user_client, url, rows)
    add_results([(units[0], dimension) for dimension in dimensions[4:]])
    add_results([(unit, dimension) for unit in units[1:5] for dimension in dimensions])
    many = queries_and_rows(admin_user_client, url, rows)
    assert (few[1], many[1]) == (FEW, 1 + 10 + 4 * 10)
    assert_same_queries(few, many)


def test_staff_placement_listing_queries_do_not_grow_with_staff(
    admin_user_client, unit_tree, django_user_model
):
    url = reverse("wagtail_employer_unitmembership_modeladmin_index")
    rows = "table.listing.full-width tbody tr"

    def place(count, prefix):
        for number in range(count):
            user = django_user_model.objects.create_user(username=f"{prefix}{number}")
            UnitMembership.objects.create(user=user, unit=unit_tree["school"])

    place(FEW, "a")
    few = queries_and_rows(admin_user_client, url, rows)
    place(MANY - FEW, "b")
    many = queries_and_rows(admin_user_client, url, rows)
    assert (few[1], many[1]) == (FEW, MANY)
    assert_same_queries(few, many)
