"""What the import commands share: reading the file, preview then confirm through the
import service, the summary, the errors, and a progress bar for long imports."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wagtail_employer.imports import ImportRefused, get_importer
from wagtail_employer.imports.reading import FileReadError, check_file_size
from wagtail_employer.settings import employer_settings

PROGRESS_BAR_WIDTH = 30


def progress_bar(done, total, width=PROGRESS_BAR_WIDTH):
    """``Importing  42% [############..................] 4,200/10,000 rows``."""
    fraction = min(1, done / total) if total else 1
    filled = round(width * fraction)
    return _("Importing %(percent)3d%% [%(bar)s] %(done)s/%(total)s rows") % {
        "percent": int(fraction * 100),
        "bar": "#" * filled + "." * (width - filled),
        "done": number_format(done, force_grouping=True),
        "total": number_format(total, force_grouping=True),
    }


class ImportCommand(BaseCommand):
    """Base of ``import_units`` and ``import_survey_results``."""

    kind = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv, .txt, .tsv or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate the file and show what would change, without saving anything.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_false",
            dest="progress",
            help=(
                "Print no progress bar. It is printed when the file has more rows than "
                "WAGTAIL_EMPLOYER['IMPORT_BACKGROUND_ROWS'] or the output is a terminal, "
                "unless --verbosity 0."
            ),
        )

    def import_options(self, **options):
        """The import's options (say, the survey), from the command's own arguments."""
        return {}

    def handle(self, *args, file, dry_run=False, progress=True, verbosity=1, **options):
        import_options = self.import_options(**options)
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        try:
            check_file_size(path.stat().st_size)
        except FileReadError as error:
            raise CommandError(error.message) from None
        content = path.read_bytes()

        importer = get_importer(self.kind)
        try:
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
            show_progress = (
                progress
                and verbosity > 0
                and (
                    importer.import_size(report) > employer_settings.IMPORT_BACKGROUND_ROWS
                    or self.stdout.isatty()
                )
            )
            report = importer.confirm(
                importer.pending_import_for(report),
                user=None,
                progress=self.write_progress if show_progress else None,
            )
        except ImportRefused as refusal:
            raise CommandError(refusal.message) from None
        if report.has_errors:
            raise CommandError("\n".join(report.error_lines()))
        self.stdout.write(self.style.SUCCESS(importer.imported_message(report)))

    def write_progress(self, done, total):
        # On a terminal the bar is redrawn in place; in a log, one line per step.
        if self.stdout.isatty():
            self.stdout.write(
                "\r" + progress_bar(done, total), ending="\n" if done >= total else ""
            )
        else:
            self.stdout.write(progress_bar(done, total))
        self.stdout.flush()
