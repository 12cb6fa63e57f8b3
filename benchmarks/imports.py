"""Survey import of 10,000 and 100,000 rows (long layout) on about a thousand units.

Three ways to write the same rows, each into a fresh survey, each timed (seconds, rows per
second, queries per row) and, in a separate call, measured with tracemalloc (peak MB
above what Python held before):

* **package**: what a person's *Confirm import* (and ``manage.py import_survey_results``)
  runs: ``Importer.confirm()`` of a stored upload, which reads the file again, checks every
  row against the database and writes, all or nothing. The upload's preview (a dry run of
  the same checks) is not timed.
* **django-import-export default**: ``Resource.import_data`` of a plain ``ModelResource``
  (only ``fields`` and ``import_id_fields`` set, default widgets: foreign keys by id),
  with the flags the package used to pass (``use_transactions``,
  ``rollback_on_validation_errors``, ``collect_failed_rows``).
* **bulk_create floor**: ``SurveyResult.objects.bulk_create`` of the rows' instances, with
  units and dimensions already resolved: no file, no checks.

The survey has ten dimensions (KS 10-FAKTOR) for 10,000 rows and a hundred (questions)
for 100,000, over the same thousand units.
"""

import os
from decimal import Decimal

import tablib
from django.db import transaction
from import_export import resources

from benchmarks.timing import peak_memory, timed
from wagtail_employer.imports import get_importer
from wagtail_employer.imports.service import ImportReport
from wagtail_employer.models import (
    SURVEY_PRESETS,
    PendingImport,
    Survey,
    SurveyDimension,
    SurveyResult,
)

SIZES = (10_000, 100_000)
# django-import-export's default saves row by row (about 13 queries a row): 100,000 rows
# would take most of an hour, so it is measured at this size and its rate extrapolated.
DEFAULT_IMPORT_MAX_ROWS = int(os.environ.get("BENCH_DEFAULT_IMPORT_ROWS", "10000"))
# Its memory under tracemalloc takes minutes more (13 queries a row, each traced), so only
# when asked for: BENCH_DEFAULT_MEMORY=1.
DEFAULT_IMPORT_MEMORY = os.environ.get("BENCH_DEFAULT_MEMORY", "") == "1"
HEADER = "Enhet;Dimensjon;Snitt;Antall svar"
FACTORS = [name for name, _description in SURVEY_PRESETS["10-faktor"]["dimensions"]]


class DefaultSurveyResultResource(resources.ModelResource):
    """django-import-export as its documentation starts: the model, its fields and the
    natural key, nothing else."""

    class Meta:
        model = SurveyResult
        fields = ("survey", "unit", "dimension", "score", "respondents")
        import_id_fields = ("survey", "unit", "dimension")


def dimension_names(count):
    if count <= len(FACTORS):
        return FACTORS[:count]
    per_factor = count // len(FACTORS)
    return [
        f"{factor}: spørsmål {number}" for factor in FACTORS for number in range(1, per_factor + 1)
    ]


def make_survey(name, dimension_count, year=2025):
    survey = Survey.objects.create(
        name=name, year=year, scale_min=1, scale_max=5, anonymity_threshold=3
    )
    SurveyDimension.objects.bulk_create(
        SurveyDimension(survey=survey, name=dimension, sort_order=position)
        for position, dimension in enumerate(dimension_names(dimension_count))
    )
    return survey


def score_text(unit_number, dimension_number):
    """A score from 1,0 to 4,9 written with a decimal comma, as Norwegian files have it."""
    tenths = 10 + (unit_number * 7 + dimension_number * 3) % 40
    return f"{tenths // 10},{tenths % 10}"


def rows_for(units, dimensions):
    """(unit, dimension, score text, respondents) per row, unit by unit."""
    for unit_number, unit in enumerate(units):
        respondents = 5 + unit_number % 40
        for dimension_number, dimension in enumerate(dimensions):
            yield unit, dimension, score_text(unit_number, dimension_number), respondents


def long_file(rows):
    lines = [HEADER]
    lines.extend(
        f"{unit.code};{dimension.name};{score};{respondents}"
        for unit, dimension, score, respondents in rows
    )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def stored_upload(survey, content):
    """What the upload's preview keeps for *Confirm import*."""
    return PendingImport.objects.create(
        kind="survey_results",
        options={"survey": survey.pk},
        file_name=f"resultater-{survey.pk}.csv",
        content=content,
        status=PendingImport.Status.PREVIEWED,
        # What a preview stores; confirm reads it again (the benchmark times confirm only).
        summary=ImportReport(
            kind="survey_results", file_name=f"resultater-{survey.pk}.csv"
        ).to_summary(),
    )


def package_import(survey, content):
    importer = get_importer("survey_results")
    pending = stored_upload(survey, content)
    return lambda: importer.confirm(pending, user=None)


def default_import(survey, rows):
    dataset = tablib.Dataset(headers=["survey", "unit", "dimension", "score", "respondents"])
    for unit, dimension, score, respondents in rows:
        dataset.append([survey.pk, unit.pk, dimension.pk, score.replace(",", "."), respondents])
    resource = DefaultSurveyResultResource()
    return lambda: resource.import_data(
        dataset,
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        collect_failed_rows=True,
    )


def floor_import(survey, rows):
    prepared = [
        (unit.pk, dimension.pk, Decimal(score.replace(",", ".")), respondents)
        for unit, dimension, score, respondents in rows
    ]

    def write():
        with transaction.atomic():
            SurveyResult.objects.bulk_create(
                [
                    SurveyResult(
                        survey_id=survey.pk,
                        unit_id=unit_id,
                        dimension_id=dimension_id,
                        score=score,
                        respondents=respondents,
                    )
                    for unit_id, dimension_id, score, respondents in prepared
                ],
                batch_size=2000,
            )

    return write


def forget(survey):
    """Delete a measured survey's results, so each measurement starts from the same table."""
    SurveyResult.objects.filter(survey=survey).delete()
    survey.delete()


def figures(size, make_call, check, memory=True):
    """Time one fresh import and (unless not ``memory``) measure another's memory. Each
    call returns (survey, outcome); ``check`` verifies the outcome, then the survey is
    deleted."""
    timing, (survey, outcome) = timed(make_call())
    check(survey, outcome)
    forget(survey)
    memory_mb = None
    if memory:
        memory_mb, (survey, outcome) = peak_memory(make_call())
        check(survey, outcome)
        forget(survey)
    return {**speed(size, timing), "memory_mb": memory_mb}


def speed(size, timing):
    return {
        "rows": size,
        "seconds": timing.seconds,
        "cpu_seconds": timing.cpu_seconds,
        "rows_per_second": size / timing.seconds,
        "queries": timing.queries,
        "queries_per_row": timing.queries / size,
    }


def measure_size(units, size):
    dimension_count = size // len(units)
    prefix = f"Benchmark {size}"
    template = make_survey(f"{prefix} rows", dimension_count)
    dimensions = list(template.dimensions.order_by("sort_order"))
    rows = list(rows_for(units, dimensions))
    assert len(rows) == size, (len(rows), size)
    content = long_file(rows)
    surveys = iter(range(1, 100))

    def fresh_survey():
        return make_survey(f"{prefix} #{next(surveys)}", dimension_count)

    def rows_in(survey):
        return SurveyResult.objects.filter(survey=survey).count()

    results = {"file_mb": len(content) / 1_000_000, "dimensions": dimension_count}

    def package_call():
        survey = fresh_survey()
        call = package_import(survey, content)
        return lambda: (survey, call())

    def check_package(survey, report):
        assert not report.has_errors, report.errors[:5]
        assert report.new == size and rows_in(survey) == size, (report.new, rows_in(survey))

    results["package"] = figures(size, package_call, check_package)

    # The same file again: every value unchanged, nothing written.
    survey = fresh_survey()
    package_import(survey, content)()
    timing, report = timed(package_import(survey, content))
    assert report.unchanged == size and not report.new and not report.updated
    forget(survey)
    results["package_again"] = speed(size, timing)

    if size <= DEFAULT_IMPORT_MAX_ROWS:

        def default_call():
            survey = fresh_survey()
            call = default_import(survey, rows_for(units, list(survey.dimensions.all())))
            return lambda: (survey, call())

        def check_default(survey, result):
            assert not result.has_errors() and not result.has_validation_errors()
            assert rows_in(survey) == size

        results["default"] = figures(
            size, default_call, check_default, memory=DEFAULT_IMPORT_MEMORY
        )
    else:
        results["default"] = None

    def floor_call():
        survey = fresh_survey()
        call = floor_import(survey, rows_for(units, list(survey.dimensions.all())))
        return lambda: (survey, call())

    def check_floor(survey, _outcome):
        assert rows_in(survey) == size

    results["floor"] = figures(size, floor_call, check_floor)
    forget(template)
    return results


def all_or_nothing(units, size):
    """A file of ``size`` rows whose last row is out of the scale: confirming it must
    write nothing, although the rows before it were written batch by batch."""
    survey = make_survey(f"Benchmark {size} rows, last row bad", size // len(units))
    rows = list(rows_for(units, list(survey.dimensions.order_by("sort_order"))))
    unit, dimension, _score, respondents = rows[-1]
    rows[-1] = (unit, dimension, "9,9", respondents)
    report = package_import(survey, long_file(rows))()
    written = SurveyResult.objects.filter(survey=survey).count()
    forget(survey)
    return {
        "rows": size,
        "errors": len(report.errors),
        "error_row": report.errors[0].row if report.errors else None,
        "written": written,
        "holds": report.has_errors and written == 0,
    }


def measure_imports(units):
    # The machine's load while measuring: rows/s are wall-clock figures.
    results = {"units": len(units), "sizes": {}, "load_average": os.getloadavg()[0]}
    for size in SIZES:
        results["sizes"][size] = measure_size(units, size)
    results["all_or_nothing"] = all_or_nothing(units, SIZES[-1])
    return results
