"""``manage.py import_survey_results FILE --survey ID_OR_SLUG [--dry-run] [--no-progress]``.

The admin's survey-results import from a shell: the same import service (preview, then
confirm), the same summary, and an error listing the row errors when the file has any;
then nothing is written.
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from wagtail_employer.imports.surveys import find_survey
from wagtail_employer.management.import_command import ImportCommand
from wagtail_employer.models import Survey


class Command(ImportCommand):
    help = "Import employee-survey results (long, wide or table layout) from a CSV or XLSX file."
    kind = "survey_results"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--survey", required=True, help="The survey's id or slug (see the admin listing)."
        )

    def import_options(self, *, survey, **options):
        try:
            return {"survey": find_survey(survey).pk}
        except Survey.DoesNotExist:
            raise CommandError(
                _("No survey with the id or slug “%(survey)s”.") % {"survey": survey}
            ) from None
