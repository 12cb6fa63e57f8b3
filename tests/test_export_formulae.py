"""Formula-safe exports: every CSV and XLSX file the package produces escapes text cells
that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return), whatever text field they come from.

The exports: the unit tree, a survey's results, the HR overview of leader agreements,
and the two reports (read confirmations, policies due for review), each as CSV and XLSX.
Every text that reaches them is set to one payload at a time; then no cell of any export
may start with a trigger character (plain numbers aside), no XLSX cell may be a formula,
and the payload must be there, escaped, so that the check is not vacuous.

Value sets themselves appear in no export; a values page, usually named after its set,
does (policies due for review, read confirmations), so the set's name and the page's
title both carry the payload here.
"""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail_employer.imports.formulae import FORMULA_TRIGGERS
from wagtail_employer.models import (
    LeaderAgreementIndexPage,
    LeaderAgreementPage,
    OrganisationUnit,
    SurveyResult,
    UnitKind,
    UnitMembership,
    ValuesPage,
)

from .surveys_helpers import make_survey
from .test_values import make_value_set

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://example.invalid","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

EXPORTS = {
    "units": lambda world, fmt: reverse("wagtail_employer:export_units", args=[fmt]),
    "survey results": lambda world, fmt: reverse(
        "wagtail_employer:export_survey_results", args=[world["survey"].pk, fmt]
    ),
    "leader agreements": lambda world, fmt: reverse(
        "wagtail_employer:export_agreements", args=[fmt]
    ),
    "read confirmations": lambda world, fmt: (
        reverse("wagtail_employer:read_confirmations") + f"?export={fmt}"
    ),
    "policies due for review": lambda world, fmt: (
        reverse("wagtail_employer:policy_reviews") + f"?export={fmt}"
    ),
}


def build_world(payload, home_page, admin_user, django_user_model):
    """Every text field that reaches an export holds ``payload`` (codes, which the
    import checks as codes, excepted)."""
    municipality = OrganisationUnit.objects.create(
        name=payload, code="K", kind=UnitKind.MUNICIPALITY
    )
    sector = OrganisationUnit.objects.create(
        name=payload, code="S", kind=UnitKind.SECTOR, parent=municipality
    )
    unit = OrganisationUnit.objects.create(
        name=payload, code="E", kind=UnitKind.UNIT, parent=sector
    )
    person = django_user_model.objects.create_user(
        username="leder", first_name=payload, last_name=payload
    )
    UnitMembership.objects.create(user=person, unit=unit)
    admin_user.first_name = admin_user.last_name = payload
    admin_user.save()

    survey = make_survey(name=payload)
    dimension = survey.dimensions.first()
    dimension.name = payload
    dimension.save()
    SurveyResult.objects.create(
        survey=survey, unit=unit, dimension=dimension, score=Decimal("4.5"), respondents=12
    )
    SurveyResult.objects.create(survey=survey, unit=None, dimension=dimension, score=Decimal(4))

    value_set = make_value_set()
    value_set.name = payload
    value_set.save()
    values_page = ValuesPage(
        title=payload,
        slug="verdier",
        value_set=value_set,
        content_owner=admin_user,
        contact=payload,
        next_review_on=timezone.localdate() - datetime.timedelta(days=1),
        asks_for_read_confirmation=True,
    )
    home_page.add_child(instance=values_page)
    values_page.save_revision().publish()

    index = home_page.add_child(instance=LeaderAgreementIndexPage(title="Lederavtaler"))
    agreement = LeaderAgreementPage(
        title=payload,
        slug="avtale",
        leader=person,
        unit=unit,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        signed_by=admin_user,
        signed_at=timezone.now(),
    )
    index.add_child(instance=agreement)
    return {"survey": survey}


@pytest.fixture
def export_client(client, admin_user):
    """A superuser: HR, who sees every export in full."""
    admin_user.groups.add(Group.objects.get_or_create(name="HR")[0])
    client.force_login(admin_user)
    return client


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Disposition"].startswith("attachment")
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def csv_cells(content):
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def xlsx_cells(content):
    """Every cell as (data type, value); a formula has data type "f"."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [(cell.data_type, cell.value) for row in sheet.iter_rows() for cell in row]


def runnable(text):
    """Would a spreadsheet take this text cell as a formula?"""
    if not text.startswith(FORMULA_TRIGGERS):
        return False
    try:
        Decimal(text.replace(",", "."))
    except ArithmeticError:
        return True
    return False


def exported_cells(client, world):
    """(export, format) → the text of each of its cells; XLSX formulas fail at once."""
    cells = {}
    for name, url in EXPORTS.items():
        cells[(name, "csv")] = csv_cells(download(client, url(world, "csv")))
        xlsx = xlsx_cells(download(client, url(world, "xlsx")))
        formulas = [value for data_type, value in xlsx if data_type == "f"]
        assert not formulas, f"{name} XLSX has formula cells: {formulas}"
        cells[(name, "xlsx")] = [value for _type, value in xlsx if isinstance(value, str)]
    return cells


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_every_export_escapes_formulae(
    export_client, home_page, admin_user, django_user_model, payload
):
    world = build_world(payload, home_page, admin_user, django_user_model)
    exported = exported_cells(export_client, world)
    # XML (XLSX) normalises a carriage return to a line feed; both are escaped.
    escaped = ("'" + payload).replace("\r", "\n")
    for (name, file_format), cells in exported.items():
        assert not [cell for cell in cells if runnable(cell)], (name, file_format, cells)
        cells = [cell.replace("\r", "\n") for cell in cells]
        assert any(cell.startswith(escaped) for cell in cells), (
            f"the payload does not reach the {name} {file_format} export: {cells}"
        )
    assert len(exported) == 10


@override_settings(IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT=True)
def test_django_import_export_setting_does_not_change_the_packages_exports(
    export_client, home_page, admin_user, django_user_model
):
    """The setting only acts on django-import-export's own admin export (its formats'
    ``export_data``), where it drops the "=" instead of quoting it. The package writes
    its files itself and escapes them either way, so export → import still round-trips."""
    payload = PAYLOADS[0]
    world = build_world(payload, home_page, admin_user, django_user_model)
    units_csv = csv_cells(download(export_client, EXPORTS["units"](world, "csv")))
    assert "'" + payload in units_csv


def test_negative_scores_stay_numbers(export_client, unit_tree):
    """A survey on a scale from -2 to 2: a score of -0.3 is a number, not a formula,
    so it is exported as it is (an escaped "'-0.3" would be text in the spreadsheet)."""
    survey = make_survey(scale_min=Decimal(-2), scale_max=Decimal(2))
    dimension = survey.dimensions.first()
    SurveyResult.objects.create(
        survey=survey,
        unit=unit_tree["school"],
        dimension=dimension,
        score=Decimal("-0.3"),
        respondents=12,
    )
    url = reverse("wagtail_employer:export_survey_results", args=[survey.pk, "csv"])
    rows = list(csv.reader(io.StringIO(download(export_client, url).decode("utf-8-sig"))))
    assert rows[1][:4] == ["OPP-MYK", "Myklerud skole", dimension.name, "-0.3"]
    url = reverse("wagtail_employer:export_survey_results", args=[survey.pk, "xlsx"])
    sheet = openpyxl.load_workbook(io.BytesIO(download(export_client, url))).active
    assert sheet["D2"].value == "-0.3"
