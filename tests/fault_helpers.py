"""Fault injection for the import tests: make the database fail on the N-th write, lose
the connection, or kill the process, and compare what the import touches before and after.
"""

import csv
import io
from contextlib import contextmanager
from decimal import Decimal

from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry

from wagtail_employer.models import (
    OrganisationUnit,
    PendingImport,
    Survey,
    SurveyDimension,
    SurveyResult,
)

WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE")
# Statements a dead connection would also refuse; transaction control is let through, so
# that the test's own transaction (around every ordinary test) survives the simulation.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


class ProcessKilled(BaseException):  # noqa: N818 (named after what it simulates)
    """Stands for the process dying mid-import (a BaseException, like SystemExit: no
    ``except Exception`` of the import catches it)."""


FAULT_KINDS = {
    # One write fails; the connection stays usable.
    "operational_error": lambda: OperationalError("database is locked"),
    "database_error": lambda: DatabaseError("disk I/O error"),
    # The connection is lost: this write fails, and so does every later query.
    "lost_connection": lambda: OperationalError("server closed the connection unexpectedly"),
    # The process dies while writing.
    "process_killed": lambda: ProcessKilled("killed"),
}


class WriteFault:
    """A ``connection.execute_wrapper`` that raises on the ``nth`` write statement
    (INSERT, UPDATE or DELETE; on ``table`` only when given).

    With ``kind="lost_connection"`` every later query fails too, as on a dead connection
    (``InterfaceError: connection already closed``, what Django raises then).
    """

    def __init__(self, nth, kind="operational_error", table=None):
        self.nth = nth
        self.kind = kind
        self.table = table
        self.writes = 0
        self.fired = False

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if self.fired and self.kind == "lost_connection":
            if not statement.startswith(TRANSACTION_CONTROL):
                raise InterfaceError("connection already closed")
        elif statement.startswith(WRITE_STATEMENTS) and (self.table is None or self.table in sql):
            self.writes += 1
            if self.writes == self.nth:
                self.fired = True
                raise FAULT_KINDS[self.kind]()
        return execute(sql, params, many, context)

    @contextmanager
    def installed(self):
        with connection.execute_wrapper(self):
            yield self


class WriteCounter:
    """Counts write statements (on ``table`` only when given), to pick N."""

    def __init__(self, table=None):
        self.writes = 0
        self.table = table

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITE_STATEMENTS) and (
            self.table is None or self.table in sql
        ):
            self.writes += 1
        return execute(sql, params, many, context)


def count_writes(action, table=None):
    """Run ``action`` in a transaction that is rolled back; return (its writes, result)."""
    counter = WriteCounter(table)
    with transaction.atomic():
        with connection.execute_wrapper(counter):
            result = action()
        transaction.set_rollback(True)
    return counter.writes, result


def snapshot():
    """Everything an import writes or could write, without database ids (they differ
    between an import and the same import retried): units, surveys, dimensions, results,
    and Wagtail's reference and search index rows. Objects are named by natural keys."""
    unit_code = dict(OrganisationUnit.objects.values_list("pk", "code"))
    unit_type = OrganisationUnit._meta.label_lower

    def object_name(content_type_id, object_id, types={}):  # noqa: B006 (a cache)
        from django.contrib.contenttypes.models import ContentType

        if content_type_id not in types:
            types[content_type_id] = ContentType.objects.get_for_id(content_type_id)
        model = types[content_type_id].model_class()
        if model is not None and model._meta.label_lower == unit_type:
            return ("unit", unit_code.get(int(object_id), f"?{object_id}"))
        return (types[content_type_id].model, object_id)

    return {
        "units": sorted(
            OrganisationUnit.objects.values_list(
                "code", "name", "parent__code", "kind", "tree_path", "depth", "leader_id"
            ),
            key=str,
        ),
        "surveys": sorted(
            Survey.objects.values_list("slug", "name", "year", "scale_min", "scale_max"), key=str
        ),
        "dimensions": sorted(
            SurveyDimension.objects.values_list("survey__slug", "name", "sort_order"), key=str
        ),
        "results": sorted(
            SurveyResult.objects.values_list(
                "survey__slug",
                "unit__code",
                "dimension__name",
                "score",
                "respondents",
                "invited",
                "response_rate",
            ),
            key=str,
        ),
        "references": sorted(
            (
                object_name(entry.base_content_type_id, entry.object_id),
                object_name(entry.to_content_type_id, entry.to_object_id),
                entry.model_path,
                entry.content_path,
            )
            for entry in ReferenceIndex.objects.all()
        ),
        "search": sorted(
            (
                object_name(entry.content_type_id, entry.object_id),
                entry.title,
                entry.autocomplete,
                entry.body,
            )
            for entry in IndexEntry.objects.all()
        ),
    }


def pending_statuses():
    return list(PendingImport.objects.order_by("created_at").values_list("status", flat=True))


def csv_bytes(rows):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode()


# Random but valid (or, on request, one invalid row) files, from a seeded random.Random.


def random_units_file(rng, rows, invalid=False):
    """About ``rows`` units: renames of existing units, new units under the sectors and
    new teams under units (old or new); in file order or children first."""
    existing = {unit.code: unit for unit in OrganisationUnit.objects.select_related("parent")}
    parents_by_kind = {"sector": [], "unit": []}
    for unit in existing.values():
        if unit.kind in parents_by_kind:
            parents_by_kind[unit.kind].append(unit.code)
    lines = [("code", "name", "parent code", "kind")]
    listed = set()
    for number in range(rows):
        if rng.random() < 0.2:
            unit = existing[rng.choice(sorted(existing))]
            if unit.code in listed:
                continue
            listed.add(unit.code)
            parent = unit.parent.code if unit.parent else ""
            lines.append((unit.code, f"{unit.name} {rng.randint(1, 99)}", parent, unit.kind))
            continue
        code = f"R{number}-{rng.randint(0, 10**6)}"
        if parents_by_kind["sector"] and rng.random() < 0.4:
            lines.append((code, f"Enhet {number}", rng.choice(parents_by_kind["sector"]), "unit"))
            parents_by_kind["unit"].append(code)
        else:
            parent = rng.choice(parents_by_kind["unit"])
            lines.append(
                (code, f"Arbeidslag {number} {rng.choice(['nord', 'sør'])}", parent, "team")
            )
        listed.add(code)
    if rng.random() < 0.5:
        lines[1:] = reversed(lines[1:])
    if invalid:
        bad = (f"X{rng.randint(0, 999)}", "Feil", "K", "planet")
        lines.insert(rng.randint(1, len(lines)), bad)
    return csv_bytes(lines)


def random_survey_file(rng, survey, unit_codes, values, invalid=False):
    """Up to ``values`` scores of ``survey`` in the long layout, for random units and
    dimensions, some with respondents."""
    dimensions = list(survey.dimensions.values_list("name", flat=True))
    pairs = [(unit, dimension) for unit in [*unit_codes, "Land"] for dimension in dimensions]
    rng.shuffle(pairs)
    lines = [("unit", "dimension", "score", "respondents")]
    for unit, dimension in pairs[:values]:
        score = Decimal(rng.randint(10, 50)) / 10
        respondents = str(rng.randint(3, 40)) if rng.random() < 0.5 else ""
        lines.append((unit, dimension, str(score).replace(".", ","), respondents))
    if invalid:
        lines.insert(rng.randint(1, len(lines)), (unit_codes[0], dimensions[0], "9,5", ""))
    return csv_bytes(lines)
