"""``manage.py import_units FILE [--dry-run] [--no-progress]``: the admin's unit import,
from a shell.

It runs the same import service as the admin (preview, then confirm), prints the same
summary, and exits with an error listing the row errors when the file has any; in that
case nothing is written.
"""

from wagtail_employer.management.import_command import ImportCommand


class Command(ImportCommand):
    help = "Import organisation units (code, name, parent code, kind) from a CSV or XLSX file."
    kind = "units"
