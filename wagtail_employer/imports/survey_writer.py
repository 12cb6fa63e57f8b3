"""Writing one survey's validated values: the model's own checks, then ``bulk_create`` and
``bulk_update`` in batches, in the caller's transaction.

Why not django-import-export here: a 100,000-value file (a thousand units, a hundred
questions) must import in seconds, in a few MB and a few queries per thousand values.
django-import-export saves row by row (a dozen queries per value with its lookups and
checks), keeps a result object per row for its report, and its ``use_bulk`` mode still
builds, cleans and reports one resource row at a time; ``make bench`` shows the difference.
The checks django-import-export ran (``clean_model_instances``: the model's field
validators and ``SurveyResult.clean()``) run here, value by value, with the same messages.
Bulk writes send no ``post_save``: results have no search fields and are not in Wagtail's
reference index (see ``SurveyResult``), and :data:`survey_results_imported` tells anyone
else.

Values arrive in file order, in chunks; each chunk costs one query to find the results it
replaces (none when the survey has no results yet) and one statement per batch of rows
written, so the queries do not grow with the number of values.
"""

import bisect
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.dispatch import Signal

from ..models import SurveyDimension, SurveyResult
from ..settings import employer_settings
from .service import PreviewRow

# How many values are checked against the database and written at a time.
CHUNK_SIZE = 2000
# Rows per UPDATE: bulk_update writes one CASE per field, which grows with the batch.
UPDATE_BATCH_SIZE = 500

# The model fields a file sets, and the column key of each.
VALUE_FIELDS = {
    "score": "score",
    "respondents": "respondents",
    "invited": "invited",
    "response_rate": "response rate",
}
# Where SurveyResult.clean() errors on the keys are shown.
COLUMN_OF_FIELD = {**VALUE_FIELDS, "unit": "unit", "dimension": "dimension"}

# Sent, once the transaction commits, after an import wrote results (in bulk, so no
# ``post_save`` is sent per result): ``survey``, ``created`` and ``updated`` counts.
survey_results_imported = Signal()


@dataclass(slots=True)
class PlannedValue:
    """One checked value of the file, ready to compare and write."""

    number: int  # the file's row number
    headers: dict  # column key → the file's header, for messages
    unit_code: str  # "" for the national benchmark
    unit_id: int | None
    dimension: SurveyDimension | None
    score: Decimal | None
    respondents: int | None
    invited: int | None
    response_rate: Decimal | None

    @property
    def key(self):
        return (self.unit_id, self.dimension.pk if self.dimension else None)


def plain_number(number):
    """A number as imports and exports write it: "4.5", never "4.50" or "4,5"."""
    if number is None:
        return ""
    return format(number.normalize(), "f") if isinstance(number, Decimal) else str(number)


class SurveyResultWriter:
    """Checks, compares and (unless ``dry_run``) writes one survey's values.

    Feed it values with :meth:`add`, then call :meth:`finish`. It counts new, updated and
    unchanged values into ``report``, adds the model's errors by row and column, and
    keeps the first changes for the preview. Once the report has an error it writes
    nothing more; the caller rolls back what was written.
    """

    def __init__(self, survey, report, mapping, *, dry_run, benchmark_name):
        self.survey = survey
        self.report = report
        self.mapping = mapping
        self.dry_run = dry_run
        self.benchmark_name = benchmark_name
        self.created = self.updated = 0
        self.preview_limit = employer_settings.IMPORT_PREVIEW_ROWS
        self.preview = []  # (row number, order, PreviewRow), the earliest rows only
        self.changes = 0
        self.field_errors = {}  # (field, value as text) → messages, the same for every row
        self.fields = {name: SurveyResult._meta.get_field(name) for name in VALUE_FIELDS}
        # A survey without results (the first import) needs no lookups.
        self.has_results = SurveyResult.objects.filter(survey=survey).exists()

    def new_result(self, value):
        instance = _new_result(
            survey_id=self.survey.pk,
            unit_id=value.unit_id,
            dimension_id=value.dimension.pk if value.dimension else None,
            score=value.score,
            respondents=value.respondents,
            invited=value.invited,
            response_rate=value.response_rate,
        )
        # clean() reads the survey and the dimension: give it the ones at hand.
        _survey_field.set_cached_value(instance, self.survey)
        if value.dimension is not None:
            _dimension_field.set_cached_value(instance, value.dimension)
        return instance

    # Checking.

    def model_errors(self, instance):
        """{field: [messages]} from the model's field validators and ``clean()``, as
        ``full_clean()`` gives them without the foreign-key lookups (the importer found
        the unit and dimension among the survey's own) and without the uniqueness
        queries (the importer refuses the same unit and dimension twice)."""
        errors = {}
        for name, field in self.fields.items():
            value = getattr(instance, field.attname)
            if value is None:
                continue
            cache_key = (name, str(value))
            messages = self.field_errors.get(cache_key)
            if messages is None:
                try:
                    field.clean(value, instance)
                    messages = ()
                except ValidationError as error:
                    messages = tuple(error.messages)
                self.field_errors[cache_key] = messages
            if messages:
                errors[name] = list(messages)
        # As full_clean(): clean() runs even when a field failed.
        try:
            instance.clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        return ValidationError(errors).message_dict if errors else {}

    def add_errors(self, value, errors):
        for name, messages in errors.items():
            key = COLUMN_OF_FIELD.get(name)
            column = ""
            if key is not None:
                column = value.headers.get(key) or self.mapping.header_for(key)
            elif name != NON_FIELD_ERRORS:
                messages = [f"{name}: {message}" for message in messages]
            for message in messages:
                self.report.add_row_error(value.number, column, message)

    # Comparing and writing.

    def add(self, values):
        """Check, compare and write one chunk of :class:`PlannedValue` s."""
        existing = self.existing_results(values)
        creates, updates = [], []
        for value in values:
            instance = self.new_result(value)
            errors = self.model_errors(instance)
            if errors:
                self.add_errors(value, errors)
                continue
            original = existing.get(value.key)
            if original is None:
                self.report.new += 1
                creates.append(instance)
                self.note_change(value, "new", None)
                continue
            pk, *original_values = original
            if all(
                old == new
                for old, new in zip(
                    original_values,
                    (value.score, value.respondents, value.invited, value.response_rate),
                    strict=True,
                )
            ):
                self.report.unchanged += 1
                continue
            self.report.updated += 1
            instance.pk = pk
            instance._state.adding = False
            updates.append(instance)
            self.note_change(value, "update", original_values)
        if not self.dry_run and not self.report.has_errors:
            self.write(creates, updates)

    def existing_results(self, values):
        """(unit id, dimension id) → (pk, score, respondents, invited, response rate) of
        the survey's results that ``values`` may replace: one query per chunk."""
        if not self.has_results:
            return {}
        unit_ids = {value.unit_id for value in values}
        dimension_ids = {value.dimension.pk if value.dimension else None for value in values}
        found = SurveyResult.objects.filter(survey=self.survey).filter(
            _in_or_null("unit", unit_ids), _in_or_null("dimension", dimension_ids)
        )
        return {
            (unit_id, dimension_id): rest
            for unit_id, dimension_id, *rest in found.order_by().values_list(
                "unit_id", "dimension_id", "pk", *VALUE_FIELDS
            )
        }

    def write(self, creates, updates):
        if creates:
            SurveyResult.objects.bulk_create(creates, batch_size=CHUNK_SIZE)
            self.created += len(creates)
        if updates:
            SurveyResult.objects.bulk_update(
                updates, list(VALUE_FIELDS), batch_size=UPDATE_BATCH_SIZE
            )
            self.updated += len(updates)

    # The preview.

    def note_change(self, value, action, original_values):
        """Keep the change for the preview when it is among the earliest rows."""
        self.changes += 1
        position = (value.number, self.changes)
        if len(self.preview) >= self.preview_limit and position > self.preview[-1][:2]:
            return
        cells_by_key = {
            "unit": value.unit_code or self.benchmark_name,
            "dimension": value.dimension.name if value.dimension else "",
            "score": plain_number(value.score),
            "respondents": plain_number(value.respondents),
            "invited": plain_number(value.invited),
            "response rate": plain_number(value.response_rate),
        }
        changed = []
        if original_values is not None:
            changed = [
                key
                for key, old in zip(VALUE_FIELDS.values(), original_values, strict=True)
                if plain_number(old) != cells_by_key[key]
            ]
        cells = [cells_by_key[key] for key in self.mapping.keys if key in cells_by_key]
        bisect.insort(self.preview, (*position, PreviewRow(value.number, action, cells, changed)))
        del self.preview[self.preview_limit :]

    def finish(self):
        self.report.more_preview_rows = max(0, self.changes - len(self.preview))
        self.report.preview_rows = [row for _number, _order, row in self.preview]


_survey_field = SurveyResult._meta.get_field("survey")
_dimension_field = SurveyResult._meta.get_field("dimension")
_ATTNAMES = tuple(field.attname for field in SurveyResult._meta.concrete_fields)


def _new_result(**values):
    """``SurveyResult(**values)``, by position: Django's fast path, twice as fast as
    keywords, which counts at 100,000 values."""
    return SurveyResult(*(values.get(attname) for attname in _ATTNAMES))


def _in_or_null(field, ids):
    """``field`` is one of ``ids``, where None stands for "no unit" or "no dimension"."""
    condition = Q(**{f"{field}_id__in": [pk for pk in ids if pk is not None]})
    if None in ids:
        condition |= Q(**{f"{field}__isnull": True})
    return condition
