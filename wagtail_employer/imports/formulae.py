"""Spreadsheet formula escaping, shared by every export and import of the package.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be run
as a formula when a person opens an exported file in Excel or LibreOffice (CSV and
formula injection). We prefix such cells with a single quote, the convention
spreadsheets themselves use for "this is text".

The rule is reversible so that export → import changes nothing: a value that already
starts with quotes followed by a trigger character gets one more quote, and import strips
exactly one. A name such as ``-Vikarpool`` is exported as ``'-Vikarpool`` and comes back
as ``-Vikarpool``.

A plain number is left alone: ``-0.3`` or ``-0,3`` (a score on a scale from -2 to 2)
cannot run anything, and a quote would turn it into text in the spreadsheet.
"""

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def escape_formula(value):
    """Return ``value`` made safe for a spreadsheet cell (non-strings pass through)."""
    if isinstance(value, str) and _NEEDS_ESCAPE.match(value):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def unescape_formula(value):
    """Undo :func:`escape_formula` on an imported cell."""
    if isinstance(value, str) and _ESCAPED.match(value):
        return value[1:]
    return value


def escape_dataset(dataset):
    """Escape every cell of a ``tablib.Dataset`` in place and return it.

    django-import-export's ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` drops the ``=``
    instead, which loses data and breaks the round trip; this keeps it.
    """
    escaped_rows = [tuple(escape_formula(cell) for cell in row) for row in dataset]
    headers = dataset.headers
    dataset.wipe()
    dataset.headers = headers
    for row in escaped_rows:
        dataset.append(row)
    return dataset
