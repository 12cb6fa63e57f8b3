"""Imports and exports of tabular files: reading, header matching, resources and the
import service. Importing this package registers the built-in import kinds."""

from . import surveys, units  # noqa: F401  (register the "survey_results" and "units" importers)
from .service import (
    Importer,
    ImportInterrupted,
    ImportRefused,
    ImportReport,
    RowError,
    get_importer,
)

__all__ = [
    "ImportInterrupted",
    "ImportRefused",
    "ImportReport",
    "Importer",
    "RowError",
    "get_importer",
]
