"""The survey import at scale, without timings (``make bench`` times it): its queries do
not grow with the rows, it writes all or nothing although it writes batch by batch, and it
still runs the model's checks and builds the preview that django-import-export used to."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation

from wagtail_employer.imports import get_importer
from wagtail_employer.imports.survey_writer import survey_results_imported
from wagtail_employer.models import OrganisationUnit, PendingImport, SurveyResult, UnitKind

from .surveys_helpers import TEN_FACTORS, make_survey

pytestmark = pytest.mark.django_db

HEADER = "Enhet;Dimensjon;Snitt;Antall svar"


@pytest.fixture
def units(unit_tree):
    """A hundred units under Helse og omsorg, U000 to U099."""
    OrganisationUnit.objects.bulk_create(
        OrganisationUnit(
            name=f"Avdeling {number}",
            code=f"U{number:03d}",
            kind=UnitKind.UNIT,
            parent=unit_tree["health"],
        )
        for number in range(100)
    )
    OrganisationUnit.objects.rebuild_tree()
    return [f"U{number:03d}" for number in range(100)]


def long_file(codes, score=lambda unit, dimension: "4,1", extra_lines=()):
    lines = [HEADER]
    for unit_number, code in enumerate(codes):
        for dimension_number, dimension in enumerate(TEN_FACTORS):
            lines.append(f"{code};{dimension};{score(unit_number, dimension_number)};12")
    lines.extend(extra_lines)
    return ("\n".join(lines) + "\n").encode("utf-8")


def preview(survey, content):
    importer = get_importer("survey_results")
    report = importer.preview(content, "resultater.csv", None, options={"survey": survey.pk})
    assert not report.has_errors, report.errors[:3]
    return importer, PendingImport.objects.get(pk=report.pending_import_id)


def confirmed_queries(survey, content):
    """The SQL of confirming ``content``, split into writes of results and the rest."""
    importer, pending = preview(survey, content)
    with CaptureQueriesContext(connection) as captured:
        report = importer.confirm(pending, None)
    assert not report.has_errors, report.errors[:3]
    statements = [query["sql"] for query in captured.captured_queries]
    table = SurveyResult._meta.db_table
    writes = [sql for sql in statements if sql.startswith(("INSERT", "UPDATE")) and table in sql]
    others = [sql for sql in statements if sql not in writes]
    return report, writes, others


def test_confirm_queries_do_not_grow_with_rows(units):
    small, large = make_survey(name="Liten"), make_survey(name="Stor")
    report_small, writes_small, others_small = confirmed_queries(small, long_file(units[:10]))
    report_large, writes_large, others_large = confirmed_queries(large, long_file(units))
    assert (report_small.new, report_large.new) == (100, 1000)
    # Every query but the inserts is the same for 100 rows as for 1,000 …
    assert len(others_small) == len(others_large), (others_small, others_large)
    # … and the inserts come in batches (SQLite takes about 140 rows a statement).
    assert len(writes_small) == 1
    assert len(writes_large) <= 1000 // 100


def test_reimport_queries_do_not_grow_with_rows(units):
    small, large = make_survey(name="Liten"), make_survey(name="Stor")
    confirmed_queries(small, long_file(units[:10]))
    confirmed_queries(large, long_file(units))
    # Every fifth score changes: updates, the rest unchanged.
    changed = lambda unit, dimension: "3,2" if (unit + dimension) % 5 == 0 else "4,1"  # noqa: E731
    report_small, writes_small, others_small = confirmed_queries(
        small, long_file(units[:10], changed)
    )
    report_large, writes_large, others_large = confirmed_queries(large, long_file(units, changed))
    assert (report_small.updated, report_small.unchanged) == (20, 80)
    assert (report_large.updated, report_large.unchanged) == (200, 800)
    assert len(others_small) == len(others_large)
    assert len(writes_large) <= 200 // 10
    scores = SurveyResult.objects.filter(survey=large, unit__code="U000")
    assert scores.get(dimension__name=TEN_FACTORS[0]).score == Decimal("3.2")
    assert scores.get(dimension__name=TEN_FACTORS[1]).score == Decimal("4.1")


def test_preview_queries_do_not_grow_with_rows(units):
    importer = get_importer("survey_results")
    counts = []
    for codes in (units[:10], units):
        survey = make_survey(name=f"Forhåndsvisning {len(codes)}")
        with CaptureQueriesContext(connection) as captured:
            report = importer.check(long_file(codes), "resultater.csv", {"survey": survey.pk})
        assert report.new == len(codes) * 10
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert not SurveyResult.objects.exists()


def test_a_row_failing_after_batches_were_written_writes_nothing(units, monkeypatch):
    """The preview passed; then HR lowered the survey's top score, so at confirm the last
    row is out of scale, after 1,000 values went to the database in 50-value batches."""
    monkeypatch.setattr("wagtail_employer.imports.surveys.CHUNK_SIZE", 50)
    survey = make_survey()
    content = long_file(units, lambda *_: "3,1", extra_lines=["K;Mestringstro;4,5;120"])
    importer, pending = preview(survey, content)
    survey.scale_max = 4
    survey.save()

    with translation.override("en"):
        report = importer.confirm(pending, None)
        errors = [str(error) for error in report.errors]
    assert errors == ["Row 1002, column “Snitt”: 4,5 is outside the survey's scale 1–4."]
    assert not SurveyResult.objects.exists()
    pending.refresh_from_db()
    assert pending.status == PendingImport.Status.FAILED


def test_a_database_failure_midway_writes_nothing(units, monkeypatch):
    monkeypatch.setattr("wagtail_employer.imports.surveys.CHUNK_SIZE", 100)
    survey = make_survey()
    importer, pending = preview(survey, long_file(units))
    bulk_create = SurveyResult.objects.bulk_create
    calls = []

    def failing_bulk_create(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 3:
            raise IntegrityError("the database gave up")
        return bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(SurveyResult.objects, "bulk_create", failing_bulk_create)
    with pytest.raises(IntegrityError):
        importer.confirm(pending, None)
    assert calls == [100, 100, 100]
    assert not SurveyResult.objects.exists()
    pending.refresh_from_db()
    assert pending.status == PendingImport.Status.FAILED


def test_the_models_own_checks_name_row_and_column(units):
    survey = make_survey()
    content = (
        b"Enhet;Dimensjon;Snitt;Antall svar;Inviterte\n"
        b"U000;Mestringstro;4,125;12;20\n"  # three decimals: the field allows two
        b"U001;Mestringstro;4,1;60;55\n"  # more respondents than invited
    )
    with translation.override("en"):
        report = get_importer("survey_results").check(content, "r.csv", {"survey": survey.pk})
        errors = [str(error) for error in report.errors]
    assert errors == [
        "Row 2, column “Snitt”: Ensure that there are no more than 2 decimal places.",
        "Row 3, column “Antall svar”: There cannot be more respondents than invited.",
    ]


@override_settings(WAGTAIL_EMPLOYER={"IMPORT_PREVIEW_ROWS": 3})
def test_preview_lists_the_first_changes_in_file_order(units):
    survey = make_survey()
    importer = get_importer("survey_results")
    report = importer.check(long_file(units), "r.csv", {"survey": survey.pk})
    assert [(row.row, row.action) for row in report.preview_rows] == [
        (2, "new"),
        (3, "new"),
        (4, "new"),
    ]
    assert report.more_preview_rows == 997
    assert report.preview_rows[0].cells == ["U000", TEN_FACTORS[0], "4.1", "12", "", ""]

    importer.confirm(preview(survey, long_file(units))[1], None)
    changed = lambda unit, dimension: "2,5" if unit == 1 else "4,1"  # noqa: E731
    report = importer.check(long_file(units, changed), "r.csv", {"survey": survey.pk})
    assert (report.new, report.updated, report.unchanged) == (0, 10, 990)
    assert [(row.row, row.action, row.changed) for row in report.preview_rows] == [
        (12, "update", ["score"]),
        (13, "update", ["score"]),
        (14, "update", ["score"]),
    ]
    assert report.more_preview_rows == 7


def test_a_signal_tells_what_an_import_wrote_once_it_is_committed(
    units, django_capture_on_commit_callbacks
):
    survey = make_survey()
    received = []

    def receiver(sender, survey, created, updated, **kwargs):
        received.append((survey.pk, created, updated))

    survey_results_imported.connect(receiver)
    try:
        importer, pending = preview(survey, long_file(units[:3]))
        with django_capture_on_commit_callbacks(execute=True):
            importer.confirm(pending, None)
            assert received == [], "not before the transaction commits"
        assert received == [(survey.pk, 30, 0)]
    finally:
        survey_results_imported.disconnect(receiver)
