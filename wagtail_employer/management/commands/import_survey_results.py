"""``manage.py import_survey_results FILE --survey ID_OR_SLUG [--dry-run]``.

The admin's survey-results import from a shell: the same import service (preview, then
confirm), the same summary, and an error listing the row errors when the file has any;
then nothing is written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_employer.imports import get_importer
from wagtail_employer.imports.reading import FileReadError, check_file_size
from wagtail_employer.imports.surveys import find_survey
from wagtail_employer.models import Survey


class Command(BaseCommand):
    help = "Import employee-survey results (long, wide or table layout) from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv, .txt, .tsv or .xlsx file.")
        parser.add_argument(
            "--survey", required=True, help="The survey's id or slug (see the admin listing)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate the file and show what would change, without saving anything.",
        )

    def handle(self, *args, file, survey, dry_run=False, **options):
        try:
            survey = find_survey(survey)
        except Survey.DoesNotExist:
            raise CommandError(
                _("No survey with the id or slug “%(survey)s”.") % {"survey": survey}
            ) from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            check_file_size(path.stat().st_size)
        except FileReadError as error:
            raise CommandError(error.message) from None
        content = path.read_bytes()

        importer = get_importer("survey_results")
        import_options = {"survey": survey.pk}
        if dry_run:
            report = importer.check(content, path.name, import_options)
        else:
            report = importer.preview(content, path.name, user=None, options=import_options)
        for line in report.summary_lines(include_errors=False):
            self.stdout.write(line)
        if report.has_errors:
            raise CommandError("\n".join(report.error_lines()))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
            return

        report = importer.confirm(importer.pending_import_for(report), user=None)
        if report.has_errors:
            raise CommandError("\n".join(report.error_lines()))
        self.stdout.write(self.style.SUCCESS(importer.imported_message(report)))
