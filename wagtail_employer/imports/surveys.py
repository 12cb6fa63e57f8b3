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
"total" for participation), imported through :class:`SurveyResultResource`.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader

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


# django-import-export resource.


class PlainDecimalWidget(widgets.Widget):
    """Numbers as the import service normalised them ("4.5"); written without
    trailing zeros, so export → import compares equal."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        return Decimal(str(value))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return format(Decimal(value).normalize(), "f")


class PlainIntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        return int(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class SurveyUnitWidget(widgets.Widget):
    """The unit by code; empty for the national benchmark."""

    def __init__(self, units_by_code):
        super().__init__()
        self.units_by_code = units_by_code

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return self.units_by_code[value]
        except KeyError:
            raise ValueError(
                _("There is no unit with the code “%(code)s”.") % {"code": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.code if value is not None else benchmark_names()[0]


class SurveyDimensionWidget(widgets.Widget):
    """The dimension by name, within the resource's survey; empty for the unit's total."""

    def __init__(self, dimensions_by_name):
        super().__init__()
        self.dimensions_by_name = dimensions_by_name

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return self.dimensions_by_name[value.casefold()]
        except KeyError:
            raise ValueError(
                _("The survey has no dimension “%(name)s”.") % {"name": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.name if value is not None else ""


class SurveyResultLoader(BaseInstanceLoader):
    """Loads the survey's results once, keyed on (unit, dimension)."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = {
            (result.unit_id, result.dimension_id): result for result in resource.get_queryset()
        }

    def get_instance(self, row):
        unit = self.resource.fields["unit"].clean(row)
        dimension = self.resource.fields["dimension"].clean(row)
        return self.instances.get((unit.pk if unit else None, dimension.pk if dimension else None))


class SurveyResultResource(resources.ModelResource):
    """One survey's results; rows keyed on unit code and dimension name."""

    class Meta:
        model = SurveyResult
        fields = ("unit", "dimension", "score", "respondents", "invited", "response_rate")
        import_id_fields = ("unit", "dimension")
        instance_loader_class = SurveyResultLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        store_instance = True
        skip_html_diff = True

    def __init__(self, survey):
        super().__init__()
        self.survey = survey
        units_by_code = {unit.code: unit for unit in OrganisationUnit.objects.all()}
        dimensions = {d.name.casefold(): d for d in survey.dimensions.all()}
        self.fields = {
            "unit": fields.Field("unit", "unit", SurveyUnitWidget(units_by_code)),
            "dimension": fields.Field("dimension", "dimension", SurveyDimensionWidget(dimensions)),
            "score": fields.Field("score", "score", PlainDecimalWidget()),
            "respondents": fields.Field("respondents", "respondents", PlainIntegerWidget()),
            "invited": fields.Field("invited", "invited", PlainIntegerWidget()),
            "response_rate": fields.Field("response_rate", "response rate", PlainDecimalWidget()),
        }

    def get_queryset(self):
        # With the unit and dimension: comparing each row with what is stored reads both.
        return SurveyResult.objects.filter(survey=self.survey).select_related("unit", "dimension")

    def init_instance(self, row=None):
        return SurveyResult(survey=self.survey)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Uniqueness is checked for the whole file by the importer; Django's per-row
        # constraint queries would only repeat it, once per value.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=errors.keys(), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_import(self, dataset, result, **kwargs):
        # Not ModelResource.after_import: our files never carry ids, so there is no
        # sequence to reset (see resources.OrganisationUnitResource).
        pass


# The upload form and the importer.


@register_importer
class SurveyResultsImporter(Importer):
    """Creates and updates one survey's results from a provider's file; never deletes."""

    kind = "survey_results"
    resource_class = SurveyResultResource
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

    def get_resource(self, options):
        return SurveyResultResource(self.survey)

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

        if "unit" in specs and "dimension" in specs:
            records = self._read_long(table, specs, report)
        elif "unit" in specs and dimension_columns:
            records = self._read_wide(table, specs, dimension_columns)
        elif "dimension" in specs and "unit" not in specs:
            records = self._read_table(table, specs, report)
        else:
            report.add_file_error(self._layout_message(table), "missing_column")
            return None
        if records is None:
            return None
        # The row limit bounds one value per row; a wide or table layout holds many.
        max_values = employer_settings.IMPORT_MAX_ROWS
        if len(records) > max_values:
            report.add_file_error(
                ngettext(
                    "The file holds %(count)s values; one import accepts at most %(max)s "
                    "value. Split it into smaller files.",
                    "The file holds %(count)s values; one import accepts at most %(max)s "
                    "values. Split it into smaller files.",
                    max_values,
                )
                % {"count": len(records), "max": max_values},
                "too_many_values",
            )
            return None
        used = {*specs.values(), *dimension_columns}
        report.ignored_columns = [
            header for index, header in enumerate(table.headers) if header and index not in used
        ]
        report.total_values = len(records)
        keys = [spec.key for spec in SURVEY_RESULT_COLUMNS]
        mapping = ColumnMapping(
            SURVEY_RESULT_COLUMNS,
            {key: position for position, key in enumerate(keys)},
            {
                spec.key: table.headers[specs[spec.key]] if spec.key in specs else str(spec.label)
                for spec in SURVEY_RESULT_COLUMNS
            },
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

    def _read_long(self, table, specs, report):
        if "score" not in specs:
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
            return None
        headers = {key: table.headers[index] for key, index in specs.items()}
        records = []
        unit_totals = {}  # unit → its figures, which a long file may repeat on every row
        for row in table.rows:
            values = {
                key: row.cells[index] if index < len(row.cells) else ""
                for key, index in specs.items()
            }
            base = dict.fromkeys(("unit", "dimension", *VALUE_KEYS), "")
            base.update(values)
            if not base["dimension"]:
                records.append(SurveyRecord(row.number, base, headers))
                continue
            figures = (base["invited"], base["response rate"])
            base["invited"] = base["response rate"] = ""
            records.append(SurveyRecord(row.number, base, headers))
            if all(is_no_value(figure) for figure in figures):
                continue
            # Providers repeat the unit's invited count on each of its rows: one total
            # per unit, with the most respondents of its rows. Different figures for the
            # same unit stay apart and are reported as a duplicate.
            total = unit_totals.get(base["unit"])
            if total is not None and figures == (
                total.values["invited"],
                total.values["response rate"],
            ):
                total.values["respondents"] = _larger_count(
                    total.values["respondents"], base["respondents"]
                )
                continue
            total = SurveyRecord(
                row.number,
                {
                    "unit": base["unit"],
                    "dimension": "",
                    "score": "",
                    "respondents": base["respondents"],
                    "invited": figures[0],
                    "response rate": figures[1],
                },
                headers,
            )
            unit_totals.setdefault(base["unit"], total)
            records.append(total)
        return records

    def _read_wide(self, table, specs, dimension_columns):
        headers = {key: table.headers[index] for key, index in specs.items()}
        records = []
        for row in table.rows:

            def cell(index, cells=row.cells):
                return cells[index] if index < len(cells) else ""

            unit = cell(specs["unit"])
            respondents = cell(specs["respondents"]) if "respondents" in specs else ""
            for index, (header, dimension) in dimension_columns.items():
                records.append(
                    SurveyRecord(
                        row.number,
                        {
                            "unit": unit,
                            "dimension": dimension.name,
                            "score": cell(index),
                            "respondents": respondents,
                            "invited": "",
                            "response rate": "",
                        },
                        {**headers, "score": header, "dimension": header},
                    )
                )
            unit_values = {
                key: cell(specs[key]) if key in specs else ""
                for key in ("respondents", "invited", "response rate")
            }
            if any(not is_no_value(value) for value in unit_values.values()):
                records.append(
                    SurveyRecord(
                        row.number,
                        {"unit": unit, "dimension": "", "score": "", **unit_values},
                        headers,
                    )
                )
        return records

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
        survey = self.survey
        planned, seen, reported = [], {}, set()

        def error(record, key, message, code):
            header = record.headers.get(key) or mapping.header_for(key)
            # A wide row is several values; its unit's error is told once.
            if (record.number, header, str(message)) not in reported:
                reported.add((record.number, header, str(message)))
                report.add_row_error(record.number, header, message, code)

        for record in records:
            values = record.values
            before = len(report.errors)
            unit_code = self._resolve_unit(record, error)
            dimension = self._resolve_dimension(record, error)
            numbers = {}
            for key in VALUE_KEYS:
                text = values.get(key, "")
                try:
                    if key in ("respondents", "invited"):
                        numbers[key] = parse_whole_number(text)
                    else:
                        numbers[key] = parse_decimal(text)
                except ValueError:
                    if key in ("respondents", "invited"):
                        message = _("“%(value)s” is not a whole number.") % {"value": text}
                    else:
                        message = _("“%(value)s” is not a number.") % {"value": text}
                    error(record, key, message, f"invalid_{key.replace(' ', '_')}")
            score = numbers.get("score")
            if score is not None and not survey.scale_min <= score <= survey.scale_max:
                error(
                    record,
                    "score",
                    _("%(value)s is outside the survey's scale %(scale)s.")
                    % {"value": values["score"], "scale": survey.scale_text},
                    "out_of_scale",
                )
            rate = numbers.get("response rate")
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
                    "row": first.number,
                }
                error(record, "dimension" if dimension else "unit", message, "duplicate")
                continue
            seen[key] = record
            values.update(
                {
                    "unit": unit_code,
                    "dimension": dimension.name if dimension else "",
                    "score": _plain(numbers["score"]),
                    "respondents": _plain(numbers["respondents"]),
                    "invited": _plain(numbers["invited"]),
                    "response rate": _plain(numbers["response rate"]),
                }
            )
            planned.append(record)
        return planned

    def _resolve_unit(self, record, error):
        """The unit's code, "" for the benchmark, or False after an error."""
        text = record.values.get("unit", "").strip()
        if not text:
            error(record, "unit", _("The unit is empty."), "required")
            return False
        if is_benchmark_name(text):
            return ""
        if text in self.units_by_code:
            return text
        matches = self.units_by_name.get(text.casefold(), [])
        if len(matches) == 1:
            return matches[0].code
        if len(matches) > 1:
            error(
                record,
                "unit",
                _("Several units are named “%(name)s”; use the code (%(codes)s).")
                % {"name": text, "codes": ", ".join(unit.code for unit in matches)},
                "ambiguous_unit",
            )
            return False
        names = [units[0].name for units in self.units_by_name.values()]
        close = difflib.get_close_matches(text, names, n=3, cutoff=0.6)
        message = _("There is no unit “%(unit)s”.") % {"unit": text}
        if close:
            message += " " + _("Did you mean: %(names)s?") % {"names": ", ".join(close)}
        error(record, "unit", message, "unknown_unit")
        return False

    def _resolve_dimension(self, record, error):
        """The dimension, None for a unit's totals, or False after an error."""
        text = record.values.get("dimension", "").strip()
        if not text:
            return None
        dimension = self.dimensions.get(text.casefold())
        if dimension is not None:
            return dimension
        names = [d.name for d in self.dimensions.values()]
        close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
        message = _("The survey has no dimension “%(name)s”.") % {"name": text}
        if close:
            message += " " + _("Did you mean: %(names)s?") % {"names": close[0]}
        else:
            message += " " + _("Its dimensions are: %(names)s.") % {"names": ", ".join(names)}
        error(record, "dimension", message, "unknown_dimension")
        return False


def _larger_count(first, second):
    try:
        return str(max(parse_whole_number(first) or 0, parse_whole_number(second) or 0))
    except ValueError:
        return first  # the row's own record reports the bad number


def _plain(number):
    if number is None:
        return ""
    return format(number.normalize(), "f") if isinstance(number, Decimal) else str(number)


# Export, in the long layout the import reads back.


def export_dataset(survey, reveal_hidden=False):
    """The survey's results as a ``tablib.Dataset`` in the long layout.

    Unless ``reveal_hidden`` (HR), scores that readers may not see are left empty.
    """
    from ..survey_results import load_results

    loader = load_results([survey.pk])
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
        score = result.score
        if (
            not reveal_hidden
            and result.unit_id
            and result.dimension_id
            and shown.score(result.unit_id, result.dimension_id).hidden
        ):
            score = None
        dataset.append(
            [
                result.unit.code if result.unit_id else benchmark,
                result.unit.name if result.unit_id else "",
                result.dimension.name if result.dimension_id else "",
                _plain(score),
                _plain(result.respondents),
                _plain(result.invited),
                _plain(result.response_rate),
            ]
        )
    return escape_dataset(dataset)
