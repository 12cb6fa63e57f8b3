"""The survey results page for one unit of a thousand, with 15 dimensions and 5 years of
history (five surveys of the same provider, each with every unit's scores and response
figures and the national benchmark)."""

from decimal import Decimal

from django.test import Client
from wagtail.models import Site

from benchmarks.timing import page_figures
from wagtail_employer.models import (
    Survey,
    SurveyDimension,
    SurveyProvider,
    SurveyResult,
    SurveyResultsPage,
    UnitKind,
)

YEARS = (2021, 2022, 2023, 2024, 2025)
DIMENSIONS = (
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
    "Nærmeste leder",
    "Samarbeid og trivsel",
    "Fysiske arbeidsforhold",
    "Stolthet over egen arbeidsplass",
    "Helhetsvurdering",
)


def make_history(units):
    """One survey per year of ``YEARS``, each with results for every unit; returns them."""
    surveys = []
    for year_number, year in enumerate(YEARS):
        survey = Survey.objects.create(
            name=f"Medarbeiderundersøkelse Storby {year}",
            year=year,
            provider=SurveyProvider.OTHER,
            scale_min=1,
            scale_max=5,
        )
        dimensions = SurveyDimension.objects.bulk_create(
            SurveyDimension(survey=survey, name=name, sort_order=position)
            for position, name in enumerate(DIMENSIONS)
        )
        results = []
        for unit_number, unit in enumerate(units):
            # Some small teams fall under the anonymity threshold, as in real surveys.
            respondents = 2 + (unit_number * 7 + year_number) % 40
            results.append(
                SurveyResult(
                    survey=survey, unit=unit, respondents=respondents, invited=respondents + 5
                )
            )
            for dimension_number, dimension in enumerate(dimensions):
                tenths = 15 + (unit_number * 3 + dimension_number * 7 + year_number) % 35
                results.append(
                    SurveyResult(
                        survey=survey,
                        unit=unit,
                        dimension=dimension,
                        score=Decimal(tenths) / 10,
                        respondents=respondents,
                    )
                )
        results.extend(
            SurveyResult(survey=survey, dimension=dimension, score=Decimal("3.9"))
            for dimension in dimensions
        )
        SurveyResult.objects.bulk_create(results, batch_size=2000)
        surveys.append(survey)
    return surveys


def results_page(survey, slug):
    root = Site.objects.get(is_default_site=True).root_page
    page = SurveyResultsPage(title=survey.name, slug=slug, survey=survey)
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


def measure_survey_page(units):
    surveys = make_history(units)
    # A unit with teams under it: its page shows its parent, the municipality, the
    # national benchmark, its teams and five years of trend.
    unit = next(unit for unit in units if unit.kind == UnitKind.UNIT)
    latest = results_page(surveys[-1], "bench-resultater")
    first = results_page(surveys[0], "bench-resultater-forste-ar")
    client = Client()
    latest_figures = page_figures(client, f"{latest.url}?unit={unit.code}")
    first_year = page_figures(client, f"{first.url}?unit={unit.code}", requests=1)
    results = SurveyResult.objects.filter(survey__in=surveys).count()
    return {
        "unit": unit.code,
        "dimensions": len(DIMENSIONS),
        "years": len(YEARS),
        "results": results,
        **latest_figures,
        "first_year_queries": first_year["queries"],
    }
