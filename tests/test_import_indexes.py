"""After an import, Wagtail's search index and reference index are right.

The unit import saves unit by unit, so Wagtail's own signal handlers index each unit (its
name and code for search; its parent and leader as references). The survey import writes
results in bulk, without signals; results have no search fields and are left out of the
reference index on purpose (``SurveyResult.wagtail_reference_index_ignore``), so the
index must hold exactly what it held before, and a unit with results must still be
protected from deletion."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from wagtail_employer.imports import get_importer
from wagtail_employer.models import OrganisationUnit, SurveyResult, SurveyResultsPage

from .surveys_helpers import import_file, make_survey

pytestmark = pytest.mark.django_db


def index_entries():
    return set(
        ReferenceIndex.objects.values_list(
            "base_content_type_id",
            "object_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
        )
    )


def rebuilt_index_entries():
    """What Wagtail records when it indexes everything again from scratch."""
    call_command("rebuild_references_index", stdout=io.StringIO())
    return index_entries()


def import_units(csv_text):
    importer = get_importer("units")
    report = importer.preview(csv_text.encode(), "enheter.csv", None)
    assert not report.has_errors, report.errors
    report = importer.confirm(importer.pending_import_for(report), None)
    assert not report.has_errors, report.errors
    return report


def test_unit_import_updates_the_search_index(unit_tree):
    import_units(
        "code,name,parent code,kind\n"
        "HO-SOL,Solbakken sykehjem,HO,unit\n"  # new
        "OPP-MYK,Myklerud barneskole,OPP,unit\n"  # renamed from Myklerud skole
    )

    def search(query, **options):
        return [unit.code for unit in backend.search(query, OrganisationUnit, **options)]

    backend = get_search_backend()
    assert search("Solbakken") == ["HO-SOL"]
    assert search("barneskole") == ["OPP-MYK"]
    assert search("Myklerud skole", operator="and") == []
    assert search("HO-SOL") == ["HO-SOL"]


def test_unit_import_keeps_the_reference_index_right(unit_tree):
    unit_type = ContentType.objects.get_for_model(OrganisationUnit)
    import_units(
        "code,name,parent code,kind\n"
        "HO-SOL,Solbakken sykehjem,HO,unit\n"
        "HO-SYK-A,Team A,HO-SOL,team\n"  # moved from Sykehjem to the new unit
    )
    team = OrganisationUnit.objects.get(code="HO-SYK-A")
    new_unit = OrganisationUnit.objects.get(code="HO-SOL")
    parent_references = ReferenceIndex.objects.filter(
        base_content_type=unit_type, object_id=str(team.pk), model_path="parent"
    )
    assert list(parent_references.values_list("to_object_id", flat=True)) == [str(new_unit.pk)]
    assert index_entries() == rebuilt_index_entries()


def test_survey_import_leaves_the_reference_index_as_wagtail_would_build_it(unit_tree, home_page):
    survey = make_survey()
    page = SurveyResultsPage(
        title="Medarbeiderundersøkelsen",
        survey=survey,
        unit=unit_tree["nursing_home"],
        body=[
            (
                "survey_result",
                {
                    "survey": survey,
                    "unit": unit_tree["health"],
                    "dimension": "",
                    "heading_level": "h2",
                },
            )
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    before = index_entries()

    report = import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    assert not report.has_errors and report.new == 76

    assert index_entries() == before == rebuilt_index_entries()
    result_type = ContentType.objects.get_for_model(SurveyResult)
    assert not ReferenceIndex.objects.filter(base_content_type=result_type).exists()
    # What refers to Helse og omsorg: the page's block and the unit under it, no results.
    sources = {
        (type(source).__name__, source.pk)
        for source, _references in ReferenceIndex.get_references_to(
            unit_tree["health"]
        ).group_by_source_object()
    }
    assert sources == {
        ("Page", page.pk),
        ("OrganisationUnit", unit_tree["nursing_home"].pk),
    }
    assert Page.objects.live().search("Medarbeiderundersøkelsen")


def test_a_unit_with_imported_results_cannot_be_deleted(admin_user_client, unit_tree):
    survey = make_survey()
    import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    team = unit_tree["team"]
    url = reverse("wagtail_employer_organisationunit_modeladmin_delete", args=[team.pk])
    response = admin_user_client.post(url)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "could not be deleted" in text
    assert "Medarbeiderundersøkelsen 2024: Team A, Mestringstro" in text
    assert OrganisationUnit.objects.filter(pk=team.pk).exists()
    assert SurveyResult.objects.filter(unit=team).count() == 11


def test_migration_drops_the_entries_earlier_imports_recorded(unit_tree):
    from importlib import import_module

    from django.apps import apps

    survey = make_survey()
    import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    result = SurveyResult.objects.filter(unit__isnull=False).first()
    result_type = ContentType.objects.get_for_model(SurveyResult)
    unit_type = ContentType.objects.get_for_model(OrganisationUnit)
    # What Wagtail recorded for each result before results left the index.
    ReferenceIndex.objects.create(
        content_type=result_type,
        base_content_type=result_type,
        object_id=str(result.pk),
        to_content_type=unit_type,
        to_object_id=str(result.unit_id),
        model_path="unit",
        content_path="unit",
        content_path_hash=ReferenceIndex._get_content_path_hash("unit"),
    )
    others = index_entries() - {
        (result_type.pk, str(result.pk), unit_type.pk, str(result.unit_id), "unit", "unit")
    }
    migration = import_module(
        "wagtail_employer.migrations.0011_import_drop_survey_result_references"
    )
    migration.drop_survey_result_references(apps, None)
    assert index_entries() == others
