"""Import and export of employee-survey results.

Three layouts are recognised from the header row, whatever the language of the headers:

* **long**: one row per unit and dimension (columns unit, dimension, score, and
  optionally respondents, invited, response rate). A row with an empty dimension holds
  the unit's own respondents, invited and response rate; this is what exports write.
* **wide**: one row per unit, one column per dimension, as providers export it; the
  row's respondents, invited and response rate belong to the unit.
* **table**: one row per dimension, one column per unit, as in a report (Nesodden's
  2012 table: Dimensjon; Nesodden; Land). Rows named like the respondents, invited or
  response-rate columns hold those figures per unit.

Units are matched by code, then by exact name (ignoring case); a unit named like the
national benchmark (``BENCHMARK_UNIT_NAMES``) fills the benchmark. Empty cells, "-" and
"*" mean "no value", never zero.

Every layout becomes the same records, one per value (unit × dimension, or unit ×
"total" for participation), read lazily so that a 100,000-row file is never held twice,
checked here and written by :class:`~.survey_writer.SurveyResultWriter` in bulk.
"""

import difflib
from dataclasses import dataclass, field
from itertools import islice

import tablib
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import OrganisationUnit, Survey, SurveyResult
from ..settings import employer_settings
from .formulae import escape_dataset
from .headers import (
    SURVEY_RESULT_COLUMNS,
    ColumnMapping,
    find_column,
    match_named_columns,
    normalise_label,
)
from .reading import is_no_value, parse_decimal, parse_whole_number
from .service import Importer, ImportRecord, register_importer
from .survey_writer import (
    CHUNK_SIZE,
    PlannedValue,
    SurveyResultWriter,
    plain_number,
    survey_results_imported,
)

VALUE_KEYS = ("score", "respondents", "invited", "response rate")
EXPORT_HEADERS = ("unit", "unit name", "dimension", *VALUE_KEYS)


@dataclass
class SurveyRecord(ImportRecord):
    """One value on its way in; ``headers`` names, per key, the file's column."""

    headers: dict = field(default_factory=dict)


def benchmark_names():
    return [str(name) for name in employer_settings.BENCHMARK_UNIT_NAMES]


def is_benchmark_name(text):
    wanted = normalise_label(text)
    return any(normalise_label(name) == wanted for name in benchmark_names())


def find_survey(identifier):
    """A survey by id or slug (for the command); raises ``Survey.DoesNotExist``."""
    identifier = str(identifier).strip()
    if identifier.isdigit():
        survey = Survey.objects.filter(pk=int(identifier)).first()
        if survey is not None:
            return survey
    return Survey.objects.get(slug=identifier)


# The upload form and the importer.


@register_importer
class SurveyResultsImporter(Importer):
    """Creates and updates one survey's results from a provider's file; never deletes."""

    kind = "survey_results"
    columns = SURVEY_RESULT_COLUMNS
    required_permissions = (
        "wagtail_employer.add_surveyresult",
        "wagtail_employer.change_surveyresult",
    )
    title = gettext_lazy("Import survey results")
    listing_url_name = "wagtail_employer_survey_modeladmin_index"
    listing_label = gettext_lazy("Employee surveys")

    @property
    def upload_form_class(self):
        from ..forms.surveys import SurveyResultsUploadForm

        return SurveyResultsUploadForm

    instructions = (
        gettext_lazy(
            "Three layouts are recognised: one row per unit and dimension (columns unit, "
            "dimension, score); one row per unit with one column per dimension, named as "
            "in the survey; or one row per dimension with one column per unit, as in a "
            "report."
        ),
        gettext_lazy(
            "Units are matched by code or by their exact name. A unit named Land, Landet, "
            "Norge, Sverige or Riket is the national benchmark. Empty cells, “-” and “*” "
            "mean no value. Scores may use a decimal comma or point."
        ),
    )

    survey = None

    def options_from_form(self, cleaned_data):
        return {"survey": cleaned_data["survey"].pk}

    def describe_target(self, options):
        survey = Survey.objects.filter(pk=options.get("survey")).first()
        return survey.name if survey else ""

    def imported_message(self, report):
        return ngettext(
            "Imported %(count)s value into “%(survey)s”: %(new)s new, %(updated)s updated, "
            "%(unchanged)s unchanged.",
            "Imported %(count)s values into “%(survey)s”: %(new)s new, %(updated)s updated, "
            "%(unchanged)s unchanged.",
            report.total_values or 0,
        ) % {
            "count": report.total_values or 0,
            "survey": report.target,
            "new": report.new,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }

    # Reading the layouts.

    def read_records(self, table, report, options):
        self.survey = Survey.objects.filter(pk=options.get("survey")).first()
        if self.survey is None:
            report.add_file_error(_("Choose the survey the results belong to."), "no_survey")
            return None
        self.dimensions = {d.name.casefold(): d for d in self.survey.dimensions.all()}
        self.units_by_code = {}
        self.units_by_name = {}
        for unit in OrganisationUnit.objects.only("pk", "code", "name"):
            self.units_by_code[unit.code] = unit
            self.units_by_name.setdefault(unit.name.casefold(), []).append(unit)

        specs = {}
        dimension_columns = match_named_columns(
            table.headers, {d.name: d for d in self.dimensions.values()}
        )
        for index, header in enumerate(table.headers):
            spec = find_column(header, SURVEY_RESULT_COLUMNS) if header else None
            if spec is None or index in dimension_columns:
                continue
            if spec.key in specs:
                report.add_file_error(
                    _("The columns “%(first)s” and “%(second)s” both mean “%(column)s”.")
                    % {
                        "first": table.headers[specs[spec.key]],
                        "second": header,
                        "column": spec.label,
                    },
                    "missing_column",
                )
            specs[spec.key] = index
        if report.has_errors:
            return None

        # The records are generated as plan() asks for them, not kept in a list.
        if "unit" in specs and "dimension" in specs:
            if not self._check_long(table, specs, report):
                return None
            records = self._read_long(table, specs)
        elif "unit" in specs and dimension_columns:
            records = self._read_wide(table, specs, dimension_columns)
        elif "dimension" in specs and "unit" not in specs:
            records = self._read_table(table, specs, report)
            if records is None:
                return None
        else:
            report.add_file_error(self._layout_message(table), "missing_column")
            return None
        used = {*specs.values(), *dimension_columns}
        ignored = [
            header for index, header in enumerate(table.headers) if header and index not in used
        ]
        # Counted by plan() as it reads the records.
        report.total_values = 0
        keys = [spec.key for spec in SURVEY_RESULT_COLUMNS]
        mapping = ColumnMapping(
            SURVEY_RESULT_COLUMNS,
            {key: position for position, key in enumerate(keys)},
            {
                spec.key: table.headers[specs[spec.key]] if spec.key in specs else str(spec.label)
                for spec in SURVEY_RESULT_COLUMNS
            },
            ignored,
        )
        return records, mapping

    def _layout_message(self, table):
        names = ", ".join(d.name for d in self.dimensions.values())
        return _(
            "The header row (row %(row)s) fits none of the layouts. Name a unit column and "
            "either a dimension and a score column (one row per unit and dimension), or one "
            "column per dimension (one row per unit); or name a dimension column and one "
            "column per unit. The dimensions of this survey are: %(names)s."
        ) % {"row": table.header_row_number, "names": names or "–"}

    def _check_long(self, table, specs, report):
        if "score" in specs:
            return True
        column = next(spec for spec in SURVEY_RESULT_COLUMNS if spec.key == "score")
        report.add_file_error(
            _(
                "The column “%(column)s” is missing from the header row (row %(row)s). "
                "Name it one of: %(names)s."
            )
            % {
                "column": column.label,
                "row": table.header_row_number,
                "names": ", ".join(column.accepted_names),
            },
            "missing_column",
        )
        return False

    @staticmethod
    def _long_values(row, specs):
        values = dict.fromkeys(("unit", "dimension", *VALUE_KEYS), "")
        for key, index in specs.items():
            if index < len(row.cells):
                values[key] = row.cells[index]
        return values

    def _long_unit_totals(self, table, specs):
        """Providers repeat the unit's invited count on each of its rows: one total per
        unit, from its first row with the figures, with the most respondents of the rows
        repeating those figures. Different figures for the same unit stay apart (each
        row its own total) and are reported as a duplicate.

        Returns unit → (row number of its first total, its figures, its respondents),
        found in a first pass so that the records can be generated in one more."""
        totals = {}
        for row in table.rows:
            values = self._long_values(row, specs)
            if not values["dimension"]:
                continue
            figures = (values["invited"], values["response rate"])
            if all(is_no_value(figure) for figure in figures):
                continue
            total = totals.get(values["unit"])
            if total is None:
                totals[values["unit"]] = (row.number, figures, values["respondents"])
            elif figures == total[1]:
                respondents = _larger_count(total[2], values["respondents"])
                totals[values["unit"]] = (total[0], figures, respondents)
        return totals

    def _read_long(self, table, specs):
        headers = {key: table.headers[index] for key, index in specs.items()}
        has_figures = "invited" in specs or "response rate" in specs
        unit_totals = self._long_unit_totals(table, specs) if has_figures else {}
        for row in table.rows:
            values = self._long_values(row, specs)
            if not values["dimension"]:
                yield SurveyRecord(row.number, values, headers)
                continue
            figures = (values["invited"], values["response rate"])
            values["invited"] = values["response rate"] = ""
            yield SurveyRecord(row.number, values, headers)
            if not has_figures or all(is_no_value(figure) for figure in figures):
                continue
            first_number, first_figures, respondents = unit_totals[values["unit"]]
            if figures == first_figures:
                if row.number != first_number:
                    continue  # merged into the unit's total
            else:
                respondents = values["respondents"]
            yield SurveyRecord(
                row.number,
                {
                    "unit": values["unit"],
                    "dimension": "",
                    "score": "",
                    "respondents": respondents,
                    "invited": figures[0],
                    "response rate": figures[1],
                },
                headers,
            )

    def _read_wide(self, table, specs, dimension_columns):
        headers = {key: table.headers[index] for key, index in specs.items()}
        dimension_headers = {
            index: {**headers, "score": header, "dimension": header}
            for index, (header, _dimension) in dimension_columns.items()
        }
        for row in table.rows:

            def cell(index, cells=row.cells):
                return cells[index] if index < len(cells) else ""

            unit = cell(specs["unit"])
            respondents = cell(specs["respondents"]) if "respondents" in specs else ""
            for index, (_header, dimension) in dimension_columns.items():
                yield SurveyRecord(
                    row.number,
                    {
                        "unit": unit,
                        "dimension": dimension.name,
                        "score": cell(index),
                        "respondents": respondents,
                        "invited": "",
                        "response rate": "",
                    },
                    dimension_headers[index],
                )
            unit_values = {
                key: cell(specs[key]) if key in specs else ""
                for key in ("respondents", "invited", "response rate")
            }
            if any(not is_no_value(value) for value in unit_values.values()):
                yield SurveyRecord(
                    row.number,
                    {"unit": unit, "dimension": "", "score": "", **unit_values},
                    headers,
                )

    def _read_table(self, table, specs, report):
        names = {}
        for unit in self.units_by_code.values():
            names.setdefault(unit.name, unit.code)
            names[unit.code] = unit.code
        for name in benchmark_names():
            names[name] = ""
        unit_columns = {
            index: found
            for index, found in match_named_columns(table.headers, names).items()
            if index not in specs.values()
        }
        if not unit_columns:
            report.add_file_error(self._layout_message(table), "missing_column")
            return None
        dimension_index = specs["dimension"]
        records = []
        for row in table.rows:
            label = row.cells[dimension_index] if dimension_index < len(row.cells) else ""
            value_spec = find_column(label, SURVEY_RESULT_COLUMNS) if label else None
            value_key = None
            if value_spec is not None and value_spec.key in (
                "respondents",
                "invited",
                "response rate",
            ):
                value_key = value_spec.key
            for index, (header, code) in unit_columns.items():
                value = row.cells[index] if index < len(row.cells) else ""
                values = dict.fromkeys(("unit", "dimension", *VALUE_KEYS), "")
                values["unit"] = code or header
                if value_key:
                    values[value_key] = value
                    column_headers = {"unit": header, value_key: header}
                else:
                    values["dimension"] = label
                    values["score"] = value
                    column_headers = {
                        "unit": header,
                        "score": header,
                        "dimension": table.headers[dimension_index],
                    }
                records.append(SurveyRecord(row.number, values, column_headers))
        # The participation rows of one unit come from several file rows: merge them.
        merged, by_unit = [], {}
        for record in records:
            if record.values["dimension"] or record.values["score"]:
                merged.append(record)
                continue
            first = by_unit.get(record.values["unit"])
            if first is None:
                by_unit[record.values["unit"]] = record
                merged.append(record)
            else:
                for key in ("respondents", "invited", "response rate"):
                    if record.values[key]:
                        first.values[key] = record.values[key]
                        first.headers[key] = record.headers.get(key, key)
        # A unit's column may be empty in those rows (Land has no respondents).
        return [
            record
            for record in merged
            if record.values["dimension"]
            or any(not is_no_value(record.values[key]) for key in VALUE_KEYS)
        ]

    # Validation.

    def plan(self, records, mapping, report):
        """Check each record and yield a :class:`PlannedValue` for each one that passes,
        as the writer asks for them; errors go into ``report``, by row and column."""
        survey = self.survey
        seen = {}  # (unit code, dimension id) → the row it was first seen in
        reported = set()
        unit_outcomes, dimension_outcomes, numbers_read = {}, {}, {}

        def error(record, key, message, code):
            header = record.headers.get(key) or mapping.header_for(key)
            # A wide row is several values; its unit's error is told once.
            if (record.number, header, str(message)) not in reported:
                reported.add((record.number, header, str(message)))
                report.add_row_error(record.number, header, message, code)

        def read_number(key, text):
            """The number in ``text``, or the error (message, code); read once per text."""
            whole = key in ("respondents", "invited")
            outcome = numbers_read.get((whole, text))
            if outcome is None:
                try:
                    outcome = (parse_whole_number if whole else parse_decimal)(text), None
                except ValueError:
                    if whole:
                        message = _("“%(value)s” is not a whole number.") % {"value": text}
                    else:
                        message = _("“%(value)s” is not a number.") % {"value": text}
                    outcome = None, (message, f"invalid_{key.replace(' ', '_')}")
                numbers_read[(whole, text)] = outcome
            return outcome

        # The row limit bounds one value per row; a wide or table layout holds many.
        max_values = employer_settings.IMPORT_MAX_ROWS
        for record in records:
            report.total_values += 1
            if report.total_values > max_values:
                report.total_values += sum(1 for _record in records)
                report.add_file_error(
                    ngettext(
                        "The file holds %(count)s values; one import accepts at most %(max)s "
                        "value. Split it into smaller files.",
                        "The file holds %(count)s values; one import accepts at most %(max)s "
                        "values. Split it into smaller files.",
                        max_values,
                    )
                    % {"count": report.total_values, "max": max_values},
                    "too_many_values",
                )
                return
            values = record.values
            before = len(report.errors)
            unit_text = values.get("unit", "").strip()
            if unit_text not in unit_outcomes:
                unit_outcomes[unit_text] = self._resolve_unit(unit_text)
            unit_code, unit_error = unit_outcomes[unit_text]
            if unit_error:
                error(record, "unit", *unit_error)
            dimension_text = values.get("dimension", "").strip()
            if dimension_text not in dimension_outcomes:
                dimension_outcomes[dimension_text] = self._resolve_dimension(dimension_text)
            dimension, dimension_error = dimension_outcomes[dimension_text]
            if dimension_error:
                error(record, "dimension", *dimension_error)
            numbers = {}
            for key in VALUE_KEYS:
                numbers[key], number_error = read_number(key, values.get(key, ""))
                if number_error:
                    error(record, key, *number_error)
            score = numbers["score"]
            if score is not None and not survey.scale_min <= score <= survey.scale_max:
                error(
                    record,
                    "score",
                    _("%(value)s is outside the survey's scale %(scale)s.")
                    % {"value": values["score"], "scale": survey.scale_text},
                    "out_of_scale",
                )
            rate = numbers["response rate"]
            if rate is not None and not 0 <= rate <= 100:
                error(
                    record,
                    "response rate",
                    _("A response rate is between 0 and 100 %."),
                    "invalid_response_rate",
                )
            if len(report.errors) > before or unit_code is False or dimension is False:
                continue
            key = (unit_code, dimension.pk if dimension else None)
            first = seen.get(key)
            if first is not None:
                unit_label = unit_code or _("the national benchmark")
                message = (
                    _("“%(unit)s” and “%(dimension)s” are also in row %(row)s.")
                    if dimension
                    else _("The response figures of “%(unit)s” are also in row %(row)s.")
                ) % {
                    "unit": unit_label,
                    "dimension": dimension.name if dimension else "",
                    "row": first,
                }
                error(record, "dimension" if dimension else "unit", message, "duplicate")
                continue
            seen[key] = record.number
            yield PlannedValue(
                number=record.number,
                headers=record.headers,
                unit_code=unit_code,
                unit_id=self.units_by_code[unit_code].pk if unit_code else None,
                dimension=dimension,
                score=score,
                respondents=numbers["respondents"],
                invited=numbers["invited"],
                response_rate=rate,
            )

    def _resolve_unit(self, text):
        """(the unit's code, or "" for the benchmark, or False; the error or None)."""
        if not text:
            return False, (_("The unit is empty."), "required")
        if is_benchmark_name(text):
            return "", None
        if text in self.units_by_code:
            return text, None
        matches = self.units_by_name.get(text.casefold(), [])
        if len(matches) == 1:
            return matches[0].code, None
        if len(matches) > 1:
            message = _("Several units are named “%(name)s”; use the code (%(codes)s).") % {
                "name": text,
                "codes": ", ".join(unit.code for unit in matches),
            }
            return False, (message, "ambiguous_unit")
        names = [units[0].name for units in self.units_by_name.values()]
        close = difflib.get_close_matches(text, names, n=3, cutoff=0.6)
        message = _("There is no unit “%(unit)s”.") % {"unit": text}
        if close:
            message += " " + _("Did you mean: %(names)s?") % {"names": ", ".join(close)}
        return False, (message, "unknown_unit")

    def _resolve_dimension(self, text):
        """(the dimension, None for a unit's totals, or False; the error or None)."""
        if not text:
            return None, None
        dimension = self.dimensions.get(text.casefold())
        if dimension is not None:
            return dimension, None
        names = [d.name for d in self.dimensions.values()]
        close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
        message = _("The survey has no dimension “%(name)s”.") % {"name": text}
        if close:
            message += " " + _("Did you mean: %(names)s?") % {"names": close[0]}
        else:
            message += " " + _("Its dimensions are: %(names)s.") % {"names": ", ".join(names)}
        return False, (message, "unknown_dimension")

    # Writing.

    def import_planned(self, planned, mapping, report, options, *, dry_run, progress=None):
        """Check, compare and write the values as plan() yields them, a chunk at a time,
        all or nothing: once any row has an error nothing more is written, and what was
        written is rolled back at the end."""
        writer = SurveyResultWriter(
            self.survey,
            report,
            mapping,
            dry_run=dry_run,
            benchmark_name=benchmark_names()[0],
        )
        planned = iter(planned)
        with transaction.atomic():
            while chunk := list(islice(planned, CHUNK_SIZE)):
                writer.add(chunk)
                if progress is not None:
                    # Values read so far, valid or not: the preview counted them all.
                    progress(report.total_values)
            if report.has_errors:
                transaction.set_rollback(True)
        writer.finish()
        if not dry_run and not report.has_errors and (writer.created or writer.updated):
            survey = self.survey
            transaction.on_commit(
                lambda: survey_results_imported.send(
                    sender=SurveyResult,
                    survey=survey,
                    created=writer.created,
                    updated=writer.updated,
                )
            )


def _larger_count(first, second):
    try:
        return str(max(parse_whole_number(first) or 0, parse_whole_number(second) or 0))
    except ValueError:
        return first  # the row's own record reports the bad number


# Export, in the long layout the import reads back.


def export_dataset(survey, reveal_hidden=False):
    """The survey's results as a ``tablib.Dataset`` in the long layout.

    Unless ``reveal_hidden`` (HR), the figures that readers may not see are left empty:
    the scores, respondents and response rates of hidden units, and scores with too few
    respondents (:meth:`~wagtail_employer.survey_results.SurveyResults.hides`).
    """
    from ..survey_results import load_results

    loader = load_results([survey.pk], all_units=True)
    shown = loader.for_survey(survey.pk)
    dataset = tablib.Dataset(headers=list(EXPORT_HEADERS))
    results = (
        SurveyResult.objects.filter(survey=survey)
        .select_related("unit", "dimension")
        .order_by("unit__tree_path", "dimension__sort_order", "dimension__name")
    )
    benchmark = benchmark_names()[0]
    # Benchmark rows last, as in providers' tables.
    for result in sorted(results, key=lambda result: result.unit_id is None):
        score, respondents, rate = result.score, result.respondents, result.response_rate
        if not reveal_hidden and shown.hides(result):
            score = respondents = rate = None
        dataset.append(
            [
                result.unit.code if result.unit_id else benchmark,
                result.unit.name if result.unit_id else "",
                result.dimension.name if result.dimension_id else "",
                plain_number(score),
                plain_number(respondents),
                plain_number(result.invited),
                plain_number(rate),
            ]
        )
    return escape_dataset(dataset)
