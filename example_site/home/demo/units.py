"""The demo municipality's organisation tree, imported through the package's own
import service (the same path as an upload in the admin)."""

from pathlib import Path

from django.core.management.base import CommandError

from wagtail_employer.imports.service import get_importer

UNITS_FILE = Path(__file__).with_name("units.csv")


def load_units():
    importer = get_importer("units")
    report = importer.preview(UNITS_FILE.read_bytes(), UNITS_FILE.name, None)
    if report.has_errors:
        raise CommandError("\n".join(report.error_lines()))
    report = importer.confirm(importer.pending_import_for(report), None)
    if report.has_errors:
        raise CommandError("\n".join(report.error_lines()))
    return report.counts_text()
