"""``manage.py import_units FILE [--dry-run]``: the admin's unit import, from a shell.

It runs the same import service as the admin (preview, then confirm), prints the same
summary, and exits with an error listing the row errors when the file has any; in that
case nothing is written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_employer.imports import get_importer
from wagtail_employer.imports.reading import FileReadError, check_file_size


class Command(BaseCommand):
    help = "Import organisation units (code, name, parent code, kind) from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv, .txt, .tsv or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate the file and show what would change, without saving anything.",
        )

    def handle(self, *args, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            check_file_size(path.stat().st_size)
        except FileReadError as error:
            raise CommandError(error.message) from None
        content = path.read_bytes()

        importer = get_importer("units")
        if dry_run:
            report = importer.check(content, path.name)
        else:
            report = importer.preview(content, path.name, user=None)
        self._write_summary(report)
        if report.has_errors:
            raise CommandError(self._errors_message(report))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
            return

        pending_import = importer.pending_import_for(report)
        report = importer.confirm(pending_import, user=None)
        if report.has_errors:
            raise CommandError(self._errors_message(report))
        self.stdout.write(self.style.SUCCESS(importer.imported_message(report)))

    def _write_summary(self, report):
        for line in report.summary_lines(include_errors=False):
            self.stdout.write(line)

    @staticmethod
    def _errors_message(report):
        return "\n".join(report.error_lines())
