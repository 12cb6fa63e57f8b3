"""Reading uploaded tables (CSV/text or XLSX) the way people actually save them.

tablib neither detects encodings nor delimiters, and spreadsheets saved in Norway and
Sweden arrive as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or
Windows-1252, separated by commas, semicolons (Excel with a Nordic locale) or tabs. This
module turns such a file into plain rows of stripped strings and refuses, with a message
a person can act on, anything that is not a table.

Row numbers are kept as a person sees them in a spreadsheet: the header is row 1 and the
first data row is row 2. Fully empty rows are skipped but still counted, so numbers stay
right when a file has blank lines in it.
"""

import codecs
import csv
import datetime
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import tablib
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..settings import employer_settings
from .formulae import unescape_formula

TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
XLSX_EXTENSIONS = (".xlsx",)
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS + XLSX_EXTENSIONS

CANDIDATE_DELIMITERS = (",", ";", "\t")

# Signatures of files people upload by mistake under a .csv/.xlsx name.
_ZIP_SIGNATURE = b"PK\x03\x04"
_BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"\xd0\xcf\x11\xe0",  # OLE2: old .xls and .doc
    _ZIP_SIGNATURE,  # .xlsx, .docx, .zip
)


class FileReadError(Exception):
    """The file cannot be read as a table; ``message`` is translated and names why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row: its spreadsheet row number and its stripped cell values.

    Slotted: a survey file can hold 100,000 rows, and a ``__dict__`` per row would cost
    more than the row's cells."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class TabularFile:
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    file_format: str  # "csv" or "xlsx"
    encoding: str = ""  # text files only, e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252"
    delimiter: str = ""  # text files only
    header_row_number: int = 1


def read_tabular_file(content, file_name, *, max_size=None, max_rows=None, max_columns=None):
    """Read ``content`` (bytes) as a table; the format follows ``file_name``'s extension.

    Raises :class:`FileReadError` for empty, oversized, too long, too wide or unreadable
    files and for files that are not what their name says.
    """
    max_size = employer_settings.IMPORT_MAX_FILE_SIZE if max_size is None else max_size
    max_rows = employer_settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
    max_columns = employer_settings.IMPORT_MAX_COLUMNS if max_columns is None else max_columns
    check_file_size(len(content), max_size)
    if not content.strip():
        raise FileReadError(_("The file is empty."))

    extension = os.path.splitext(file_name)[1].lower()
    if extension in XLSX_EXTENSIONS:
        headers, rows, header_number = _read_xlsx(content, file_name, max_rows, max_columns)
        table = TabularFile(headers, rows, "xlsx", header_row_number=header_number)
    elif extension in TEXT_EXTENSIONS:
        text, encoding = decode_text(content, file_name)
        delimiter = sniff_delimiter(_first_non_empty_line(text))
        del text
        # Read the rows from the bytes again, decoding as it goes: a StringIO of the
        # whole text would hold it once more at four bytes a character (20 MB for a
        # 100,000-row survey file).
        lines = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
        headers, rows, header_number = _split_rows(
            _csv_rows(lines, delimiter), max_rows, max_columns
        )
        table = TabularFile(headers, rows, "csv", encoding, delimiter, header_number)
    else:
        raise FileReadError(
            _("“%(name)s” is not a file type that can be imported. Use one of: %(types)s.")
            % {"name": file_name, "types": ", ".join(ACCEPTED_EXTENSIONS)}
        )
    if not table.rows:
        raise FileReadError(_("The file has a header row but no data rows."))
    return table


def check_file_size(size, max_size=None):
    max_size = employer_settings.IMPORT_MAX_FILE_SIZE if max_size is None else max_size
    if size > max_size:
        raise FileReadError(
            _("The file is %(size)s; files up to %(max_size)s can be imported.")
            % {"size": filesizeformat(size), "max_size": filesizeformat(max_size)}
        )


def decode_text(content, file_name=""):
    """Decode a text file: UTF-16 by its BOM, then UTF-8 (BOM or not), then Windows-1252.

    Returns ``(text, encoding)``. Refuses binary files such as PDFs or workbooks named
    ``.csv``.
    """
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FileReadError(_not_text_message(file_name)) from None
    if content.startswith(_BINARY_SIGNATURES) or b"\x00" in content:
        raise FileReadError(_not_text_message(file_name))
    if content.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        # cp1252 decodes almost any byte string, so it must come last.
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise FileReadError(_not_text_message(file_name))
        return text, encoding
    raise FileReadError(
        _(
            "The text encoding of the file could not be recognised. "
            "Save it as “CSV UTF-8” and upload it again."
        )
    )


def sniff_delimiter(header_line):
    """Pick the delimiter among comma, semicolon and tab from the header line."""
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters="".join(CANDIDATE_DELIMITERS))
        if delimiter.delimiter in header_line:
            return delimiter.delimiter
    except csv.Error:
        pass
    # The sniffer gives up on short or irregular lines; the most frequent candidate
    # is then the best guess, and a single-column file falls back to a comma.
    counts = {candidate: header_line.count(candidate) for candidate in CANDIDATE_DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def to_dataset(headers, rows):
    """Build a ``tablib.Dataset`` from canonical ``headers`` and rows of values."""
    dataset = tablib.Dataset(headers=list(headers))
    for row in rows:
        dataset.append(list(row))
    return dataset


def clean_cell(value):
    """Turn a raw cell into a stripped string; undo spreadsheet formula escaping."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        # Excel stores a code such as 1001 as the number 1001.0.
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date | datetime.time):
        value = value.isoformat()
    return unescape_formula(str(value).strip())


def _split_rows(raw_rows, max_rows, max_columns):
    """Find the header (first non-empty row) and the data rows after it.

    ``raw_rows`` yields every row of the file from row 1, empty rows included. Cells
    right of the header's last column have no name, so they are dropped before cleaning:
    a sparse row reaching far to the right costs no more than the header is wide.
    """
    headers = None
    header_number = 0
    width = 0
    rows = []
    # Big files repeat the same cells (unit codes, dimension names, "4,5") on many rows:
    # clean each distinct text once and keep one string for it instead of one per row,
    # so a 100,000-row survey file costs a few MB here rather than tens.
    cleaned_texts, shared = {}, {}

    def clean(value):
        if type(value) is str:
            cleaned = cleaned_texts.get(value)
            if cleaned is None:
                cleaned = clean_cell(value)
                cleaned = cleaned_texts[value] = shared.setdefault(cleaned, cleaned)
            return cleaned
        cleaned = clean_cell(value)
        return shared.setdefault(cleaned, cleaned)

    for number, raw_row in enumerate(raw_rows, start=1):
        if headers is None:
            cells = tuple(clean_cell(value) for value in raw_row)
            if not any(cells):
                continue
            while not cells[-1]:
                cells = cells[:-1]
            if len(cells) > max_columns:
                raise FileReadError(
                    ngettext(
                        "The header row (row %(row)s) has %(count)s columns; an import "
                        "accepts at most %(max)s column.",
                        "The header row (row %(row)s) has %(count)s columns; an import "
                        "accepts at most %(max)s columns.",
                        max_columns,
                    )
                    % {"row": number, "count": len(cells), "max": max_columns}
                )
            headers, header_number, width = cells, number, len(cells)
            continue
        cells = tuple(map(clean, raw_row[:width]))
        if not any(cells):
            continue
        if len(rows) >= max_rows:
            raise FileReadError(
                ngettext(
                    "The file has more than %(max)s data row; that is the most one "
                    "import accepts. Split it into smaller files.",
                    "The file has more than %(max)s data rows; that is the most one "
                    "import accepts. Split it into smaller files.",
                    max_rows,
                )
                % {"max": max_rows}
            )
        rows.append(SourceRow(number, cells))
    if headers is None:
        raise FileReadError(_("The file is empty."))
    return headers, tuple(rows), header_number


def _csv_rows(lines, delimiter):
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        yield from reader
    except csv.Error:
        # A cell longer than the csv module's limit (128 KiB), or a stray NUL.
        raise FileReadError(
            _(
                "Row %(row)s of the file cannot be read as CSV: a cell is far too long or "
                "holds characters a table cannot. Check the file in a spreadsheet."
            )
            % {"row": reader.line_num}
        ) from None


# An Excel workbook is a zip archive of XML parts. Real workbooks compress their parts
# well under 100 times (Apache POI, which reads them for Excel's own ecosystem, refuses
# parts that inflate more than 100 times); anything beyond is built to overload.
XLSX_MAX_COMPRESSION_RATIO = 100
XLSX_RATIO_CHECKED_FROM = 1024 * 1024  # small parts (styles) compress beyond it harmlessly
XLSX_MAX_PARTS = 10_000

# What openpyxl and zipfile raise on a damaged workbook. SyntaxError is xml.etree's
# ParseError; ValueError covers defusedxml's refusal of entity expansion ("billion
# laughs"), zlib.error and EOFError a broken or truncated compressed part.
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    SyntaxError,
    EOFError,
    zlib.error,
)


def check_workbook_archive(content, file_name, max_uncompressed_size=None):
    """Refuse a zip archive that is not a plausible workbook before anything unpacks it:
    too many parts, parts that unpack to more than ``IMPORT_MAX_UNCOMPRESSED_SIZE`` in
    all, or parts compressed beyond any real spreadsheet ("zip bombs").

    The sizes checked are the ones the archive declares; Python's zipfile never unpacks
    a part beyond its declared size (it fails the part's checksum instead), so the
    declared sizes bound what openpyxl can unpack.
    """
    if max_uncompressed_size is None:
        max_uncompressed_size = employer_settings.IMPORT_MAX_UNCOMPRESSED_SIZE
    if not content.startswith(_ZIP_SIGNATURE):
        raise FileReadError(_not_xlsx_message(file_name))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise FileReadError(_not_xlsx_message(file_name)) from None
    too_big = _(
        "“%(name)s” would unpack to more than %(max_size)s. A workbook that small on disk "
        "cannot hold that much; it is damaged or made to overload the server, and was "
        "not opened."
    ) % {"name": file_name, "max_size": filesizeformat(max_uncompressed_size)}
    if len(parts) > XLSX_MAX_PARTS:
        raise FileReadError(_not_xlsx_message(file_name))
    if sum(part.file_size for part in parts) > max_uncompressed_size:
        raise FileReadError(too_big)
    for part in parts:
        if (
            part.file_size > XLSX_RATIO_CHECKED_FROM
            and part.file_size > XLSX_MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
        ):
            raise FileReadError(too_big)


def _read_xlsx(content, file_name, max_rows, max_columns):
    # Imported lazily: openpyxl is only needed for workbooks.
    from openpyxl import load_workbook

    check_workbook_archive(content, file_name)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except _WORKBOOK_ERRORS as error:
        raise FileReadError(_not_xlsx_message(file_name)) from error
    try:
        if not workbook.worksheets:
            raise FileReadError(_("The workbook has no worksheets."))
        return _split_rows(_xlsx_rows(workbook.worksheets[0], file_name), max_rows, max_columns)
    finally:
        workbook.close()


def _xlsx_rows(sheet, file_name):
    """Every row's values from row 1, empty rows included, so that ``enumerate`` in
    :func:`_split_rows` gives the row numbers Excel shows.

    The dimension a sheet declares is not trusted: with it openpyxl pads every row (and
    every missing row) to the declared width, which a file can set to 16,384 columns and
    a million rows. Without it a row is as wide as its last cell.
    """
    sheet.reset_dimensions()
    try:
        # openpyxl reads a read-only sheet while we iterate, so broken XML or a part
        # failing its checksum shows up here rather than in load_workbook().
        yield from sheet.iter_rows(min_row=1, values_only=True)
    except _WORKBOOK_ERRORS:
        raise FileReadError(_not_xlsx_message(file_name)) from None


def _first_non_empty_line(text):
    # The header is near the top: look there first rather than split a whole big file.
    for part in (text[:65536], text):
        for line in part.splitlines():
            if line.strip():
                return line
    return ""


def _looks_binary(text):
    """Control characters other than tab and line breaks mean it is not a text table."""
    sample = text[:4096]
    control = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\f")
    return control > max(2, len(sample) // 100)


def _not_text_message(file_name):
    return _(
        "“%(name)s” is not a CSV or text file. Save the table as CSV from your "
        "spreadsheet, or upload the workbook itself as .xlsx."
    ) % {"name": file_name}


def _not_xlsx_message(file_name):
    return _(
        "“%(name)s” is not an Excel workbook (.xlsx). Save it as “Excel Workbook "
        "(.xlsx)” or as CSV and upload it again."
    ) % {"name": file_name}


# Cells that mean "no value" in a results table: providers write "-" or "*" where a
# unit has too few answers, and an empty cell is never zero.
NO_VALUE_MARKERS = ("", "-", "*", "–", "—", "n/a", "i/a")


def is_no_value(text):
    return str(text).strip().casefold() in NO_VALUE_MARKERS


def parse_decimal(text):
    """A number written with a decimal comma or point ("4,5", "4.5", "68 %", "1 234,5").

    Returns a ``Decimal``, None for a "no value" cell, and raises ``ValueError`` for
    anything else.
    """
    if is_no_value(text):
        return None
    cleaned = str(text).strip().rstrip("%").strip()
    # Thousands separators: spaces (also non-breaking) always; a point or comma only
    # when the other one is the decimal mark.
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", cleaned)
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def parse_whole_number(text):
    """A count such as respondents: "12", "12,0" or "12.0"; None for "no value".

    Raises ``ValueError`` for fractions and anything that is not a number.
    """
    number = parse_decimal(text)
    if number is None:
        return None
    if number != number.to_integral_value() or number < 0:
        raise ValueError(text)
    return int(number)
