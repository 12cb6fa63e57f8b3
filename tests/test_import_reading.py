"""Reading uploaded tables: encodings, delimiters, XLSX, refusals, header aliases and
formula escaping. Files are built here from Python so their bytes are exact."""

import codecs
import io
import zipfile

import openpyxl
import pytest
from django.test import override_settings
from django.utils import translation

from wagtail_employer.imports.formulae import escape_formula, unescape_formula
from wagtail_employer.imports.headers import (
    UNIT_COLUMNS,
    UNIT_KIND_VALUES,
    HeaderMismatch,
    match_headers,
)
from wagtail_employer.imports.reading import (
    FileReadError,
    decode_text,
    read_tabular_file,
    sniff_delimiter,
)

NORWEGIAN_TEXT = "kode;navn\nK1;Bjørnemyr skole og Ålesund\nK2;Sæter\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def xlsx_bytes(rows, start_row=1):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=start_row + offset, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refusal(content, file_name):
    with pytest.raises(FileReadError) as caught:
        read_tabular_file(content, file_name)
    return caught.value.message


# Encodings


@pytest.mark.parametrize(
    ("content", "expected_encoding"),
    [
        (NORWEGIAN_TEXT.encode("utf-8"), "utf-8"),
        (NORWEGIAN_TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (NORWEGIAN_TEXT.encode("cp1252"), "cp1252"),
        (codecs.BOM_UTF16_LE + NORWEGIAN_TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + NORWEGIAN_TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "utf-16 LE", "utf-16 BE"],
)
def test_text_encodings_are_detected_and_æøå_survive(content, expected_encoding):
    table = read_tabular_file(content, "enheter.csv")

    assert table.encoding == expected_encoding
    assert table.headers == ("kode", "navn")  # no BOM left in the first header
    assert [row.cells for row in table.rows] == [
        ("K1", "Bjørnemyr skole og Ålesund"),
        ("K2", "Sæter"),
    ]


def test_undecodable_bytes_ask_for_utf8():
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8.
    with pytest.raises(FileReadError, match="CSV UTF-8"):
        decode_text(b"kode;navn\nK1;\x81\x81\n")


# Delimiters


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_delimiter_is_sniffed_from_the_header(delimiter):
    text = delimiter.join(["code", "name", "parent code", "kind"]) + "\n"
    text += delimiter.join(["K", '"Nesodden, kommune"', "", "kommune"]) + "\n"

    table = read_tabular_file(text.encode(), "units.txt")

    assert table.delimiter == delimiter
    assert table.rows[0].cells == ("K", "Nesodden, kommune", "", "kommune")


def test_single_column_file_falls_back_to_comma():
    assert sniff_delimiter("code") == ","
    assert sniff_delimiter("code;name;kind") == ";"


def test_cells_are_stripped_and_blank_lines_keep_row_numbers():
    content = b"code , name\n\n  K ,  Nesodden kommune  \n\n\nHO,Helse\n"

    table = read_tabular_file(content, "units.csv")

    assert table.headers == ("code", "name")
    assert [(row.number, row.cells) for row in table.rows] == [
        (3, ("K", "Nesodden kommune")),
        (6, ("HO", "Helse")),
    ]


# XLSX


def test_xlsx_first_sheet_with_empty_rows_numbers_and_formula_escapes():
    content = xlsx_bytes(
        [
            ["Kode", "Navn"],
            [None, None],
            [1001, "Bjørnemyr skole"],
            [1002.0, "'=SUM(A1)"],
        ],
        start_row=2,
    )

    table = read_tabular_file(content, "enheter.xlsx")

    assert table.file_format == "xlsx"
    assert table.header_row_number == 2
    assert [(row.number, row.cells) for row in table.rows] == [
        (4, ("1001", "Bjørnemyr skole")),
        (5, ("1002", "=SUM(A1)")),
    ]


# Refusals


def test_empty_files_are_refused():
    assert refusal(b"", "units.csv") == "The file is empty."
    assert refusal(b" \r\n\r\n", "units.csv") == "The file is empty."
    assert "header row but no data rows" in refusal(b"code,name\n\n", "units.csv")


@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_FILE_SIZE": 20})
def test_files_over_the_size_limit_are_refused():
    message = refusal(b"code,name\n" + b"K,Nesodden kommune\n" * 3, "units.csv")
    assert "files up to 20" in message


@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_ROWS": 2})
def test_files_over_the_row_limit_are_refused():
    assert read_tabular_file(b"code\nA\nB\n", "units.csv").rows
    message = refusal(b"code\nA\nB\nC\n", "units.csv")
    assert "more than 2 data rows" in message


def test_a_pdf_named_csv_is_not_a_csv_file():
    message = refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "units.csv")
    assert message.startswith("“units.csv” is not a CSV or text file.")


def test_binary_and_workbooks_named_csv_are_not_csv_files():
    assert "not a CSV or text file" in refusal(b"code\x00name\x00\x01\x02", "units.csv")
    assert "not a CSV or text file" in refusal(xlsx_bytes([["code"], ["K"]]), "units.csv")


def test_non_workbooks_named_xlsx_are_refused():
    assert "not an Excel workbook" in refusal(b"code,name\nK,Nesodden\n", "units.xlsx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "not an Excel workbook" in refusal(buffer.getvalue(), "units.xlsx")


def test_other_file_types_are_refused():
    assert "not a file type that can be imported" in refusal(b"code\nK\n", "units.pdf")


# Header aliases


@pytest.mark.parametrize(
    "headers",
    [
        ("code", "name", "parent code", "kind"),
        ("Kode", "Navn", "Overordnet kode", "Nivå"),  # bokmål
        ("kode", "namn", "overordna", "type"),  # nynorsk
        ("Kod", "Namn", "Överordnad kod", "Typ"),  # Swedish
        (" UNIT_CODE ", "NAME", "parent-code", "Level"),
    ],
)
def test_unit_headers_are_matched_in_every_language(headers):
    mapping = match_headers([*headers, "Kommentar"], UNIT_COLUMNS)

    assert mapping.positions == {"code": 0, "name": 1, "parent code": 2, "kind": 3}
    assert mapping.header_for("parent code") == headers[2]
    assert mapping.ignored_headers == ["Kommentar"]


def test_a_missing_column_names_it_and_lists_the_accepted_names():
    with pytest.raises(HeaderMismatch) as caught:
        match_headers(["kode", "navn", "overordnet"], UNIT_COLUMNS)

    (message,) = caught.value.messages
    assert "“kind” is missing" in message
    assert "kind, type, typ, nivå, level" in message


def test_a_column_given_twice_is_refused():
    with pytest.raises(HeaderMismatch, match="“kode” and “kod” both mean “code”"):
        match_headers(["kode", "navn", "overordnet", "type", "kod"], UNIT_COLUMNS)


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("Kommune", "municipality"),
        ("kommun", "municipality"),
        ("kommunalområde", "sector"),
        ("Verksamhet", "sector"),
        ("område", "sector"),
        ("eining", "unit"),
        ("ENHET", "unit"),
        ("arbetslag", "team"),
        (" lag ", "team"),
        ("team", "team"),
        ("avdeling", None),
    ],
)
def test_unit_kind_values_in_every_language(value, canonical):
    assert UNIT_KIND_VALUES.canonical(value) == canonical


# Formula escaping


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('=HYPERLINK("http://example.invalid","x")', '\'=HYPERLINK("http://example.invalid","x")'),
        ("+47 22 00 00 00", "'+47 22 00 00 00"),
        ("-Vikarpool", "'-Vikarpool"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("'=already quoted", "''=already quoted"),
        # Plain numbers run nothing and stay numbers; a sum does not.
        ("-0,3", "-0,3"),
        ("-0.3", "-0.3"),
        ("+4", "+4"),
        ("'-0.3", "''-0.3"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("-1e5", "'-1e5"),
        ("Nesodden kommune", "Nesodden kommune"),
        ("'Sitat'", "'Sitat'"),
        ("", ""),
        (None, None),
    ],
)
def test_formula_escaping_is_reversible(value, escaped):
    assert escape_formula(value) == escaped
    assert unescape_formula(escape_formula(value)) == value
