"""Shared setup of the survey tests: surveys from presets and imports of real files."""

from pathlib import Path

from wagtail_employer.imports import get_importer
from wagtail_employer.models import Survey

SURVEY_FILES = Path(__file__).parent / "files" / "surveys"
TEN_FACTORS = [
    "Oppgavemotivasjon",
    "Mestringstro",
    "Opplevd selvstendighet",
    "Bruk av kompetanse",
    "Mestringsorientert ledelse",
    "Rolleklarhet",
    "Relevant kompetanseutvikling",
    "Fleksibilitetsvilje",
    "Mestringsklima",
    "Nyttemotivasjon",
]


def make_survey(preset="10-faktor", name="Medarbeiderundersøkelsen 2024", year=2024, **extra):
    survey = Survey(name=name, year=year, **extra)
    survey.save()
    survey.apply_preset(preset)
    return survey


def import_file(survey, file_name, content=None):
    """Preview and confirm ``file_name`` from tests/files/surveys; returns the report."""
    importer = get_importer("survey_results")
    content = content if content is not None else (SURVEY_FILES / file_name).read_bytes()
    report = importer.preview(content, file_name, None, options={"survey": survey.pk})
    if report.has_errors:
        return report
    return importer.confirm(importer.pending_import_for(report), None)
