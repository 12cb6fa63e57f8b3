"""The one import service behind both the admin upload view and the management commands.

An import happens in two steps, possibly on different application servers:

1. :meth:`Importer.preview` reads the file, validates every row, runs a dry-run import
   (django-import-export inside a transaction that is rolled back; the survey results
   compare without writing) and keeps the file in a
   :class:`~wagtail_employer.models.PendingImport` row together with the report.
2. :meth:`Importer.confirm` reads the stored file again, validates it against the
   database as it is now and imports it for real, all or nothing.

Each import kind subclasses :class:`Importer` and registers itself with
:func:`register_importer`; :func:`get_importer` finds it by the kind in the URL.
"""

import dataclasses
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DataError, IntegrityError, transaction
from django.db import Error as DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks.signals import task_finished

from ..models import ImportProgress, PendingImport
from ..settings import employer_settings
from .headers import HeaderMismatch, match_headers
from .reading import FileReadError, read_tabular_file


@dataclass
class RowError:
    """A problem with one row (``row`` is the spreadsheet row number) or, when ``row``
    is None, with the whole file. ``column`` is the header as written in the file."""

    row: int | None
    column: str
    message: str
    code: str = "invalid"

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class PreviewRow:
    """A row that the import will create or update, for the preview table."""

    row: int
    action: str  # "new" or "update"
    cells: list[str]  # in the order of ImportReport.columns
    changed: list[str] = field(default_factory=list)  # keys of the columns that change

    @property
    def is_new(self):
        return self.action == "new"


@dataclass
class ImportRecord:
    """A data row on its way into the import: its row number and values by column key."""

    number: int
    values: dict[str, str]


@dataclass
class ImportReport:
    kind: str
    file_name: str
    file_format: str = ""
    encoding: str = ""
    delimiter: str = ""
    columns: list[list[str]] = field(default_factory=list)  # [key, header in the file]
    ignored_columns: list[str] = field(default_factory=list)
    total_rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    preview_rows: list[PreviewRow] = field(default_factory=list)
    more_preview_rows: int = 0
    pending_import_id: str | None = None
    # What the file is imported into, e.g. the survey, when the import kind has options.
    target: str = ""
    # When one file row holds several values (a survey's wide layout), the counts are of
    # values, and this is how many the file holds.
    total_values: int | None = None

    @property
    def has_errors(self):
        return bool(self.errors)

    @property
    def file_errors(self):
        return [error for error in self.errors if error.row is None]

    @property
    def row_errors(self):
        return [error for error in self.errors if error.row is not None]

    @property
    def column_headers(self):
        return [header for _key, header in self.columns]

    def add_file_error(self, message, code="file"):
        self.errors.append(RowError(None, "", str(message), code))

    def add_row_error(self, row, column, message, code="invalid"):
        self.errors.append(RowError(row, column, str(message), code))

    def sort_errors(self):
        self.errors.sort(key=lambda error: (error.row or 0, error.column))

    def to_summary(self):
        """A JSON-ready dict for ``PendingImport.summary``."""
        return dataclasses.asdict(self)

    @classmethod
    def from_summary(cls, summary):
        data = dict(summary)
        data["errors"] = [RowError(**error) for error in data.get("errors", [])]
        data["preview_rows"] = [PreviewRow(**row) for row in data.get("preview_rows", [])]
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    def counts_text(self):
        if self.total_values is not None:
            return ngettext(
                "%(total)s value: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
                "%(total)s values: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
                self.total_values,
            ) % {
                "total": self.total_values,
                "new": self.new,
                "updated": self.updated,
                "unchanged": self.unchanged,
            }
        return ngettext(
            "%(total)s row: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
            "%(total)s rows: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
            self.total_rows,
        ) % {
            "total": self.total_rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }

    def summary_lines(self, include_errors=True):
        """The preview as plain text, for the management commands."""
        lines = [_("File: %(name)s") % {"name": self.file_name}]
        if self.target:
            lines.append(_("Imported into: %(target)s") % {"target": self.target})
        if self.file_format == "csv":
            lines.append(
                _("Read as CSV, encoding %(encoding)s, separated by %(delimiter)s.")
                % {"encoding": self.encoding, "delimiter": delimiter_name(self.delimiter)}
            )
        elif self.file_format == "xlsx":
            lines.append(_("Read as an Excel workbook (first worksheet)."))
        if self.ignored_columns:
            lines.append(
                _("Ignored columns: %(columns)s") % {"columns": ", ".join(self.ignored_columns)}
            )
        lines.append(row_numbering_note())
        if self.total_rows:
            lines.append(self.counts_text())
        if include_errors:
            lines.extend(self.error_lines())
        return lines

    def error_lines(self):
        if not self.errors:
            return []
        heading = ngettext(
            "%(count)s error; nothing will be imported:",
            "%(count)s errors; nothing will be imported:",
            len(self.errors),
        ) % {"count": len(self.errors)}
        return [heading, *(f"  {error}" for error in self.errors)]


def row_numbering_note():
    return _(
        "Rows are numbered as in a spreadsheet: the header is row 1 and the first "
        "data row is row 2."
    )


def delimiter_name(delimiter):
    return {",": _("commas"), ";": _("semicolons"), "\t": _("tabs")}.get(delimiter, delimiter)


class ImportRefused(Exception):
    """A pending import cannot be confirmed (expired, already confirmed, failed)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ImportInterrupted(ImportRefused):
    """The database failed while a file was checked or imported (a lost connection, a
    timeout, a full disk): nothing was written, and the preview, if there was one, can
    be confirmed again. It says nothing about the file."""


def is_interruption(error):
    """Whether ``error`` is a failure of the database rather than of the data.

    (``DatabaseError`` here is Django's ``db.Error``, the base of ``InterfaceError``
    too: what a closed connection raises.) ``IntegrityError`` and ``DataError`` say
    something about the rows (a code taken
    meanwhile, a value too long) and are reported as row errors; every other database
    error (``OperationalError``, ``InterfaceError``, ...) interrupts the import.
    """
    return isinstance(error, DatabaseError) and not isinstance(error, (IntegrityError, DataError))


def interrupted_confirm_message():
    return _(
        "The database failed during the import, so nothing was imported. The preview is "
        "kept: confirm it again in a moment."
    )


def interrupted_preview_message():
    return _(
        "The database failed while the file was checked, so nothing was kept. "
        "Upload the file again in a moment."
    )


class _SideTaskFailed(Exception):
    """A task run during the import (Wagtail's search or reference indexing) failed."""


@contextmanager
def failed_side_tasks():
    """Collects the django-tasks tasks that fail in this thread while the block runs.

    A site's own handlers may run tasks when a unit is saved (the import writes Wagtail's
    search and reference index rows itself, see ``OrganisationUnitResource``). The
    immediate backend runs a task at once, inside the import's transaction, and only logs
    a failure, which would leave the units imported without what the task was to write.
    The import checks this list before it commits. (A queueing backend only stores the
    task, in the same transaction, so it commits or rolls back with the import.)
    """
    failures = []
    thread = threading.get_ident()

    def collect(sender, task_result, **kwargs):
        # Compared by value: the status enum's name changed between django-tasks releases.
        if threading.get_ident() == thread and task_result.status == "FAILED":
            failures.append(task_result)

    task_finished.connect(collect, weak=False)
    try:
        yield failures
    finally:
        task_finished.disconnect(collect)


def raise_interruption(result):
    """Re-raise a database failure that django-import-export caught and reported as a
    row error: it is not the row's fault, and the import must stop as a whole."""
    for error_row in result.error_rows:
        for error in error_row.errors:
            if is_interruption(error.error):
                raise error.error
    for base_error in result.base_errors:
        if is_interruption(base_error.error):
            raise base_error.error


class _ImportFailed(Exception):
    """Raised inside the confirm transaction so that it rolls back."""

    def __init__(self, report):
        super().__init__(report)
        self.report = report


class Importer:
    """Base class of an import kind. Subclasses set the class attributes and implement
    :meth:`plan` (row validation and import order)."""

    kind = None
    resource_class = None
    columns = ()
    # Column key → ChoiceAliases, for columns whose values are choices (shown on the form).
    choice_values = {}
    required_permissions = ()
    title = ""
    # The admin listing to return to after an import, and its name in breadcrumbs.
    listing_url_name = None
    listing_label = ""
    # Paragraphs for the upload form: what a row is and how rows are matched.
    instructions = ()
    # The upload form; an import kind with options (say, the survey) adds fields to it
    # and turns them into ``options`` with :meth:`options_from_form`.
    upload_form_class = None

    def options_from_form(self, cleaned_data):
        """The JSON-ready options of an upload, kept with the pending import."""
        return {}

    def describe_target(self, options):
        """What the file is imported into, for the preview; empty when self-evident."""
        return ""

    def get_resource(self, options):
        return self.resource_class()

    def read_records(self, table, report, options):
        """Turn the file's rows into :class:`ImportRecord` s and a column mapping.

        Returns ``(records, mapping)``, or None after adding file errors to ``report``.
        """
        try:
            mapping = match_headers(table.headers, self.columns, table.header_row_number)
        except HeaderMismatch as mismatch:
            for message in mismatch.messages:
                report.add_file_error(message, code="missing_column")
            return None
        records = [ImportRecord(row.number, mapping.values(row.cells)) for row in table.rows]
        return records, mapping

    def has_permission(self, user):
        return user.is_active and user.has_perms(self.required_permissions)

    def imported_message(self, report):
        """The success message after a confirmed import."""
        raise NotImplementedError

    def plan(self, records, mapping, report):
        """Validate ``records`` (adding row errors to ``report``) and return the records
        that can be handed to django-import-export, in the order to import them."""
        return list(records)

    # The two steps.

    def check(self, content, file_name, options=None):
        """Validate and dry-run the import of ``content``; store nothing."""
        return self.run(content, file_name, dry_run=True, options=options)

    def preview(self, content, file_name, user, options=None):
        """Validate and dry-run the import, then keep the file for :meth:`confirm`.

        A file that cannot be read at all (file errors) is not kept; the report's
        ``pending_import_id`` is then None.
        """
        try:
            # One transaction: a failure while keeping the file leaves nothing behind,
            # also when the caller is in a transaction of its own (ATOMIC_REQUESTS).
            with transaction.atomic(), failed_side_tasks() as side_task_failures:
                report = self._preview(content, file_name, user, options)
                if side_task_failures:
                    raise _SideTaskFailed(side_task_failures)
                return report
        except _SideTaskFailed as failure:
            raise ImportInterrupted(interrupted_preview_message()) from failure
        except DatabaseError as error:
            if not is_interruption(error):
                raise
            raise ImportInterrupted(interrupted_preview_message()) from error

    def _preview(self, content, file_name, user, options):
        report = self.check(content, file_name, options)
        if report.file_errors:
            return report
        self.delete_expired_previews()
        pending_id = uuid.uuid4()
        report.pending_import_id = str(pending_id)
        PendingImport.objects.create(
            id=pending_id,
            kind=self.kind,
            options=options or {},
            file_name=file_name[:255],
            content=content,
            created_by=user if user is not None and user.is_authenticated else None,
            status=(
                PendingImport.Status.FAILED if report.has_errors else PendingImport.Status.PREVIEWED
            ),
            summary=report.to_summary(),
        )
        return report

    @staticmethod
    def pending_import_for(report):
        """The stored file of a preview ``report``."""
        return PendingImport.objects.get(pk=report.pending_import_id)

    @staticmethod
    def import_size(report):
        """How many rows (for survey results: values) a previewed import writes or
        compares: what ``IMPORT_BACKGROUND_ROWS`` and the progress count."""
        if report.total_values is not None:
            return report.total_values
        return report.total_rows

    def confirm(self, pending_import, user, progress=None, queued=False):
        """Import the previewed file for real, all or nothing.

        Raises :class:`ImportRefused` when the preview has expired or was already
        confirmed or failed, and :class:`ImportInterrupted` (after rolling back) when the
        database fails meanwhile; the preview can then be confirmed again. Returns the
        report; when it has errors nothing was written and the pending import is marked
        failed.

        ``progress``, when given, is called as ``progress(done, total)`` while the rows
        are written (``total`` as counted by the preview) and once more at the end. It
        runs inside the import's transaction: it must not write through this database
        connection (see :mod:`wagtail_employer.imports.progress`).

        ``queued`` is for the background task: it confirms an import that
        :meth:`queue` handed to it, and nothing else.
        """
        try:
            with transaction.atomic(), failed_side_tasks() as side_task_failures:
                # The row lock makes a second submit of the same preview wait here and
                # then find it confirmed, so a double click cannot import twice.
                pending = PendingImport.objects.select_for_update().get(pk=pending_import.pk)
                self.check_confirmable(pending, queued=queued)
                total = self.import_size(ImportReport.from_summary(pending.summary))
                report = self.run(
                    bytes(pending.content),
                    pending.file_name,
                    dry_run=False,
                    options=pending.options,
                    progress=_bounded_progress(progress, total),
                )
                report.pending_import_id = str(pending.pk)
                if side_task_failures:
                    raise _SideTaskFailed(side_task_failures)
                if report.has_errors:
                    raise _ImportFailed(report)
                pending.status = PendingImport.Status.CONFIRMED
                pending.confirmed_at = timezone.now()
                pending.summary = report.to_summary()
                pending.save(update_fields=["status", "confirmed_at", "summary"])
                if progress is not None:
                    progress(total, total)
        except _ImportFailed as failure:
            report = failure.report
            self._mark_failed(pending_import, report.to_summary())
            return report
        except ImportRefused:
            raise
        except _SideTaskFailed as failure:
            raise ImportInterrupted(interrupted_confirm_message()) from failure
        except DatabaseError as error:
            # Rolled back. The connection may be gone: the preview is left as it was, to
            # be confirmed again, and nothing more is written now.
            if not is_interruption(error):
                self._mark_failed(pending_import)
                raise
            raise ImportInterrupted(interrupted_confirm_message()) from error
        except Exception:
            # Everything in the transaction is rolled back; record the failure apart.
            self._mark_failed(pending_import)
            raise
        return report

    def check_confirmable(self, pending_import, queued=False):
        if pending_import.kind != self.kind:
            raise ImportRefused(_("This preview belongs to another kind of import."))
        if pending_import.status == PendingImport.Status.QUEUED and not queued:
            raise ImportRefused(_("This file is being imported."))
        if queued and pending_import.status == PendingImport.Status.PREVIEWED:
            raise ImportRefused(_("This import was not confirmed."))
        if pending_import.status == PendingImport.Status.CONFIRMED:
            raise ImportRefused(_("This file has already been imported."))
        if pending_import.status == PendingImport.Status.FAILED:
            raise ImportRefused(
                _(
                    "This import has errors and cannot be confirmed. "
                    "Fix the file and upload it again."
                )
            )
        # A queued import was in time when it was confirmed; a queue may be slow.
        if not queued and self.is_expired(pending_import):
            raise ImportRefused(
                ngettext(
                    "This preview is more than %(minutes)s minute old. Upload the file again "
                    "to see what it would change now.",
                    "This preview is more than %(minutes)s minutes old. Upload the file again "
                    "to see what it would change now.",
                    self.max_age_minutes(),
                )
                % {"minutes": self.max_age_minutes()}
            )

    @staticmethod
    def delete_expired_previews():
        """Drop stored files nobody can confirm any more (they may hold personal data)."""
        cutoff = timezone.now() - timedelta(seconds=employer_settings.IMPORT_PREVIEW_MAX_AGE)
        # Except a background import that is still moving (one that has not for as long
        # lost its worker).
        PendingImport.objects.filter(created_at__lt=cutoff).exclude(
            status=PendingImport.Status.QUEUED, progress__updated_at__gte=cutoff
        ).delete()

    @staticmethod
    def max_age_minutes():
        return max(1, employer_settings.IMPORT_PREVIEW_MAX_AGE // 60)

    @staticmethod
    def is_expired(pending_import):
        max_age = timedelta(seconds=employer_settings.IMPORT_PREVIEW_MAX_AGE)
        return pending_import.created_at < timezone.now() - max_age

    def _mark_failed(self, pending_import, summary=None):
        changes = {"status": PendingImport.Status.FAILED}
        if summary is not None:
            changes["summary"] = summary
        PendingImport.objects.filter(
            pk=pending_import.pk,
            status__in=[PendingImport.Status.PREVIEWED, PendingImport.Status.QUEUED],
        ).update(**changes)

    # Imports in the background.

    def runs_in_background(self, report):
        """Whether the admin hands the confirmed import to a background task."""
        return self.import_size(report) > employer_settings.IMPORT_BACKGROUND_ROWS

    def queue(self, pending_import, language_code):
        """Confirm ``pending_import`` in a background task (``run_background_import``).

        The preview is marked queued first, in a statement of its own that only one
        submit can win (a double submit is refused here, as :meth:`confirm` refuses it);
        its progress starts at 0 of the preview's count. With Django's default
        (immediate) task backend the import runs right here, before this returns.
        """
        from ..tasks import run_background_import

        pending = PendingImport.objects.defer("content").get(pk=pending_import.pk)
        self.check_confirmable(pending)
        claimed = PendingImport.objects.filter(
            pk=pending.pk, status=PendingImport.Status.PREVIEWED
        ).update(status=PendingImport.Status.QUEUED, failure_message="")
        if not claimed:
            # Someone confirmed it in between: say what became of it.
            self.check_confirmable(PendingImport.objects.defer("content").get(pk=pending.pk))
            raise ImportRefused(_("This file is being imported."))
        total = self.import_size(ImportReport.from_summary(pending.summary))
        ImportProgress.objects.update_or_create(
            pending_import_id=pending.pk,
            defaults={"done": 0, "total": total, "updated_at": timezone.now()},
        )
        try:
            run_background_import.enqueue(str(pending.pk), language_code)
        except Exception:
            # Not queued after all (the task backend is down): confirmable again.
            PendingImport.objects.filter(pk=pending.pk, status=PendingImport.Status.QUEUED).update(
                status=PendingImport.Status.PREVIEWED
            )
            raise

    @staticmethod
    def record_background_failure(pending_import, refusal):
        """Keep why a background import stopped. After a database failure the preview
        can be confirmed again; otherwise it is failed."""
        status = (
            PendingImport.Status.PREVIEWED
            if isinstance(refusal, ImportInterrupted)
            else PendingImport.Status.FAILED
        )
        PendingImport.objects.filter(
            pk=pending_import.pk, status=PendingImport.Status.QUEUED
        ).update(status=status)
        PendingImport.objects.filter(pk=pending_import.pk).update(
            failure_message=str(refusal.message)
        )

    # Running an import.

    def run(self, content, file_name, *, dry_run, options=None, progress=None):
        options = options or {}
        report = ImportReport(
            kind=self.kind, file_name=file_name, target=str(self.describe_target(options))
        )
        try:
            table = read_tabular_file(content, file_name)
        except FileReadError as error:
            report.add_file_error(error.message)
            return report
        report.file_format = table.file_format
        report.encoding = table.encoding
        report.delimiter = table.delimiter
        read = self.read_records(table, report, options)
        if read is None:
            return report
        records, mapping = read
        report.columns = [[key, mapping.header_for(key)] for key in mapping.keys]
        report.ignored_columns = list(mapping.ignored_headers)
        report.total_rows = len(table.rows)
        planned = self.plan(records, mapping, report)
        self.import_planned(planned, mapping, report, options, dry_run=dry_run, progress=progress)
        report.sort_errors()
        return report

    def import_planned(self, planned, mapping, report, options, *, dry_run, progress=None):
        """Import the records :meth:`plan` returned through django-import-export, all or
        nothing, and copy its counts, errors and changes into ``report``. ``progress``
        (when given) is called with the number of rows done so far.

        An import kind may write another way (the survey results write in bulk) as long
        as it keeps the rule: a real import writes nothing unless every row is valid.
        """
        # A real import only runs on a clean file: one bad row means nothing is written.
        # A dry run still imports the rows that passed, to find their errors too.
        if planned and (dry_run or not report.has_errors):
            resource = self.get_resource(options)
            resource.progress = progress
            result = resource.import_data(
                mapping.to_dataset(record.values for record in planned),
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
                collect_failed_rows=True,
            )
            raise_interruption(result)
            self.collect_result(resource, result, planned, mapping, report)

    def collect_result(self, resource, result, planned, mapping, report):
        """Copy django-import-export's counts, errors and changes into ``report``,
        with the file's own row numbers and column headers."""
        columns_by_attribute = {
            resource_field.attribute: mapping.header_for(resource_field.column_name)
            for resource_field in resource.get_import_fields()
        }
        for invalid_row in result.invalid_rows:
            record = planned[invalid_row.number - 1]
            for attribute, messages in invalid_row.error_dict.items():
                column = columns_by_attribute.get(attribute, "")
                if attribute != NON_FIELD_ERRORS and not column:
                    messages = [f"{attribute}: {message}" for message in messages]
                for message in messages:
                    report.add_row_error(record.number, column, message)
        for error_row in result.error_rows:
            record = planned[error_row.number - 1]
            for error in error_row.errors:
                report.add_row_error(record.number, "", str(error.error), code="error")
        for base_error in result.base_errors:
            report.add_file_error(str(base_error.error), code="error")

        report.new = result.totals["new"]
        report.updated = result.totals["update"]
        report.unchanged = result.totals["skip"]

        # report_skipped=True puts every row in result.rows, in dataset order.
        changes = sorted(
            (
                (record, row_result)
                for record, row_result in zip(planned, result.rows, strict=False)
                if row_result.is_new() or row_result.is_update()
            ),
            key=lambda pair: pair[0].number,
        )
        preview_limit = employer_settings.IMPORT_PREVIEW_ROWS
        report.more_preview_rows = max(0, len(changes) - preview_limit)
        # Cells in the order of report.columns, which the preview table's headers follow.
        fields_by_column = {f.column_name: f for f in resource.get_export_fields()}
        export_fields = [fields_by_column[key] for key in mapping.keys if key in fields_by_column]
        for record, row_result in changes[:preview_limit]:
            cells = [resource.export_field(f, row_result.instance) for f in export_fields]
            changed = []
            if row_result.is_update() and row_result.original is not None:
                changed = [
                    f.column_name
                    for f, cell in zip(export_fields, cells, strict=True)
                    if resource.export_field(f, row_result.original) != cell
                ]
            report.preview_rows.append(
                PreviewRow(record.number, row_result.import_type, cells, changed)
            )


def _bounded_progress(progress, total):
    """``progress(done, total)`` as ``report(done)``, never past the preview's total
    (the file is read again on confirm and may count a little differently if the data
    changed meanwhile)."""
    if progress is None:
        return None

    def report(done):
        progress(min(done, total), total)

    return report


_IMPORTERS = {}


def register_importer(importer_class):
    """Class decorator: make an :class:`Importer` available by its ``kind``."""
    _IMPORTERS[importer_class.kind] = importer_class
    return importer_class


def get_importer(kind):
    """The importer for ``kind`` (e.g. "units"); raises ``LookupError`` if unknown."""
    try:
        return _IMPORTERS[kind]()
    except KeyError:
        raise LookupError(kind) from None
