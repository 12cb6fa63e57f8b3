"""Import of the organisation tree: code, name, parent code and kind per unit."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import OrganisationUnit, UnitKind
from .headers import UNIT_COLUMNS, UNIT_KIND_VALUES
from .resources import OrganisationUnitResource
from .service import Importer, register_importer


@register_importer
class UnitTreeImporter(Importer):
    """Creates and updates organisation units from a file; never deletes any.

    Besides the checks of django-import-export and ``OrganisationUnit.clean()``, it
    checks what those cannot see row by row: duplicate codes in the file, parents that
    exist neither in the file nor in the database, and cycles in the tree as it will be
    after the import. Rows are handed to django-import-export parents first, so a file
    may list a unit before its parent.
    """

    kind = "units"
    resource_class = OrganisationUnitResource
    columns = UNIT_COLUMNS
    choice_values = {"kind": UNIT_KIND_VALUES}
    required_permissions = (
        "wagtail_employer.add_organisationunit",
        "wagtail_employer.change_organisationunit",
    )
    title = gettext_lazy("Import organisation units")
    listing_url_name = "wagtail_employer_organisationunit_modeladmin_index"
    listing_label = gettext_lazy("Organisation units")
    instructions = (
        gettext_lazy(
            "One row per unit. Units are matched on their code: an existing code updates "
            "that unit, a new code creates one. Units that are not in the file are left "
            "as they are."
        ),
        gettext_lazy(
            "A unit may be listed before its parent. Leave the parent code empty only for "
            "the municipality."
        ),
    )

    def imported_message(self, report):
        return ngettext(
            "Imported %(count)s unit: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
            "Imported %(count)s units: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
            report.total_rows,
        ) % {
            "count": report.total_rows,
            "new": report.new,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }

    def plan(self, records, mapping, report):
        column = mapping.header_for
        invalid = set()  # row numbers that must not be imported

        def error(record, key, message, code):
            report.add_row_error(record.number, column(key), message, code)
            invalid.add(record.number)

        rows_by_code = {}
        for record in records:
            self._check_values(record, error)
            code = record.values["code"]
            if not code:
                continue
            first = rows_by_code.get(code)
            if first is None:
                rows_by_code[code] = record
                continue
            # Which of the two rows is meant is anyone's guess, so both are errors.
            for this, other in ((record, first), (first, record)):
                error(
                    this,
                    "code",
                    _(
                        "The code “%(code)s” is also used in row %(row)s; "
                        "each unit needs its own code."
                    )
                    % {"code": code, "row": other.number},
                    "duplicate_code",
                )

        existing = {
            code: (parent_code, kind)
            for code, parent_code, kind in OrganisationUnit.objects.values_list(
                "code", "parent__code", "kind"
            )
        }
        for record in records:
            parent_code = record.values["parent code"]
            if parent_code and parent_code not in rows_by_code and parent_code not in existing:
                error(
                    record,
                    "parent code",
                    _(
                        "There is no unit with the code “%(code)s”, neither in this file "
                        "nor among the existing units."
                    )
                    % {"code": parent_code},
                    "unknown_parent",
                )

        # The tree as it will be after the import: existing units moved by the file.
        final_parents = {code: parent for code, (parent, _kind) in existing.items()}
        final_parents.update(
            {code: record.values["parent code"] or None for code, record in rows_by_code.items()}
        )
        for cycle in find_cycles(rows_by_code, final_parents):
            cycle_rows = [rows_by_code[code].number for code in cycle if code in rows_by_code]
            message = _(
                "The units %(chain)s form a cycle (rows %(rows)s): a unit cannot be "
                "placed under itself or under one of its own units."
            ) % {
                "chain": " → ".join([*cycle, cycle[0]]),
                "rows": ", ".join(str(number) for number in sorted(cycle_rows)),
            }
            for code in cycle:
                if code in rows_by_code:
                    error(rows_by_code[code], "parent code", message, "cycle")

        self._check_units_left_below(rows_by_code, existing, error)
        return order_parents_first(records, rows_by_code, invalid)

    def collect_result(self, resource, result, planned, mapping, report):
        super().collect_result(resource, result, planned, mapping, report)
        # When a parent row fails in the dry run (say, a rule of clean()), its children
        # cannot find it and would report "no unit with the code"; name the real cause.
        rows_with_errors = {error.row for error in report.row_errors}
        row_by_code = {record.values["code"]: record.number for record in planned}
        parent_header = mapping.header_for("parent code")
        for record in planned:
            parent_code = record.values["parent code"]
            parent_row = row_by_code.get(parent_code)
            if parent_row is None or parent_row not in rows_with_errors:
                continue
            if record.number not in rows_with_errors:
                continue
            report.errors = [
                error
                for error in report.errors
                if not (error.row == record.number and error.column == parent_header)
            ]
            report.add_row_error(
                record.number,
                parent_header,
                _("The parent unit “%(code)s” in row %(row)s has errors; fix that row first.")
                % {"code": parent_code, "row": parent_row},
                "parent_has_errors",
            )
        report.sort_errors()

    def _check_values(self, record, error):
        values = record.values
        for key, model_field in (("code", "code"), ("name", "name")):
            if not values[key]:
                error(
                    record,
                    key,
                    _("The %(column)s is empty.") % {"column": _column_label(key)},
                    "required",
                )
                continue
            try:
                OrganisationUnit._meta.get_field(model_field).run_validators(values[key])
            except ValidationError as validation_error:
                for message in validation_error.messages:
                    error(record, key, message, f"invalid_{key}")

        kind = UNIT_KIND_VALUES.canonical(values["kind"])
        if kind is None:
            accepted = ", ".join(UNIT_KIND_VALUES.accepted_values)
            if values["kind"]:
                message = _("“%(value)s” is not a kind of unit. Use one of: %(accepted)s.") % {
                    "value": values["kind"],
                    "accepted": accepted,
                }
            else:
                message = _("The kind is empty. Use one of: %(accepted)s.") % {"accepted": accepted}
            error(record, "kind", message, "invalid_kind")
        else:
            values["kind"] = kind

    def _check_units_left_below(self, rows_by_code, existing, error):
        """A unit whose kind the file changes must still fit above the units that stay
        under it without being in the file (``clean()`` only looks upwards)."""
        children_outside_file = defaultdict(list)
        for code, (parent_code, kind) in existing.items():
            if code not in rows_by_code and parent_code in rows_by_code:
                children_outside_file[parent_code].append((code, kind))
        for code, children in children_outside_file.items():
            record = rows_by_code[code]
            kind = record.values["kind"]
            if kind not in UnitKind.values:
                continue
            for child_code, child_kind in children:
                if UnitKind.level(kind) >= UnitKind.level(child_kind):
                    error(
                        record,
                        "kind",
                        _(
                            "The unit “%(child)s”, which is not in the file, lies under this "
                            "unit, and a %(child_kind)s cannot be placed under a %(kind)s."
                        )
                        % {
                            "child": child_code,
                            "child_kind": UnitKind(child_kind).label.lower(),
                            "kind": UnitKind(kind).label.lower(),
                        },
                        "kind_order",
                    )


def _column_label(key):
    return next(str(spec.label) for spec in UNIT_COLUMNS if spec.key == key)


def find_cycles(rows_by_code, final_parents):
    """Cycles through the units of the file, each as a list of codes in parent order.

    Every unit is walked at most once, so this is linear in the size of the tree.
    """
    finished = set()
    cycles = []
    for start in rows_by_code:
        path, position = [], {}
        code = start
        while code is not None and code not in finished and code not in position:
            position[code] = len(path)
            path.append(code)
            code = final_parents.get(code)
        if code is not None and code in position:
            cycles.append(path[position[code] :])
        finished.update(path)
    return cycles


def order_parents_first(records, rows_by_code, invalid):
    """The importable records, each after its parent when the parent is in the file.

    Rows with errors are left out, and so is everything under them in the file: their
    parent will not exist, so their own results would only repeat the error.
    """
    children = defaultdict(list)
    roots = []
    for record in records:
        if rows_by_code.get(record.values["code"]) is not record:
            continue
        parent_code = record.values["parent code"]
        if parent_code in rows_by_code:
            children[parent_code].append(record)
        else:
            roots.append(record)
    ordered = []
    stack = [record for record in reversed(roots) if record.number not in invalid]
    while stack:
        record = stack.pop()
        ordered.append(record)
        stack.extend(
            child
            for child in reversed(children[record.values["code"]])
            if child.number not in invalid
        )
    return ordered
