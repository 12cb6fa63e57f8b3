"""Upload limits and refused files, for every import kind through both ways in: the admin
upload form (posted through the test client) and the management commands.

Each refused file must name the problem in words and leave nothing behind: no stored
preview (``PendingImport``), no units, no results.
"""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail_employer.imports.reading import FileReadError, read_tabular_file
from wagtail_employer.models import OrganisationUnit, PendingImport, SurveyResult

from .conftest import use_admin_language
from .surveys_helpers import TEN_FACTORS, make_survey
from .test_units_import import xlsx_bytes

pytestmark = pytest.mark.django_db

KINDS = ["units", "survey_results"]
ENTRY_POINTS = ["admin", "command"]
COMMANDS = {"units": "import_units", "survey_results": "import_survey_results"}

# A file each kind would import; the cases below break it in one way at a time.
GOOD_ROWS = {
    "units": [
        ("code", "name", "parent code", "kind"),
        ("NY1", "Ny enhet 1", "HO", "unit"),
        ("NY2", "Ny enhet 2", "HO", "unit"),
        ("NY3", "Ny enhet 3", "OPP", "unit"),
        ("NY4", "Ny enhet 4", "OPP", "unit"),
    ],
    "survey_results": [
        ("Enhet", "Dimensjon", "Snitt", "Antall svar"),
        ("HO", "Mestringstro", "4,5", "12"),
        ("HO", "Rolleklarhet", "4,1", "12"),
        ("OPP", "Mestringstro", "3,9", "20"),
        ("OPP", "Rolleklarhet", "4,0", "20"),
    ],
}


def csv_bytes(rows, delimiter=";"):
    return "\r\n".join(delimiter.join(row) for row in rows).encode("utf-8") + b"\r\n"


def zip_bomb(unpacked_size=50 * 1024 * 1024):
    """A real workbook whose worksheet is padded with spaces to ``unpacked_size``: about
    50 KB on disk, 50 MB unpacked (a compression ratio near 1000)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(GOOD_ROWS["units"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in source.infolist():
            data = source.read(part)
            if part.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(part, data)
                continue
            with bomb.open(part.filename, "w") as sheet:
                head, tail = data.split(b"</sheetData>")
                sheet.write(head)
                spaces = b" " * (1024 * 1024)
                for _megabyte in range(unpacked_size // len(spaces)):
                    sheet.write(spaces)
                sheet.write(b"</sheetData>" + tail)
    return buffer.getvalue()


@pytest.fixture
def world(unit_tree):
    """The units the files name and a survey with the ten factors."""
    return {"survey": make_survey()}


@pytest.fixture
def superuser_client(client, admin_user):
    use_admin_language(admin_user, "en")
    client.force_login(admin_user)
    return client


def snapshot():
    return (
        PendingImport.objects.count(),
        sorted(OrganisationUnit.objects.values_list("code", "name", "parent__code", "kind")),
        sorted(SurveyResult.objects.values_list("unit__code", "dimension__name", "score")),
    )


def page_text(response):
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    return text.replace("\xa0", " ")


def refusal(client, world, tmp_path, kind, entry, file_name, content):
    """Run the import and return the words it refused the file with; fails when the file
    was not refused or when anything was written."""
    before = snapshot()
    if entry == "admin":
        data = {"file": SimpleUploadedFile(file_name, content)}
        if kind == "survey_results":
            data["survey"] = world["survey"].pk
        response = client.post(reverse("wagtail_employer:import_upload", args=[kind]), data)
        assert response.status_code == 200, "the upload was not refused"
        soup = BeautifulSoup(response.content, "html.parser")
        file_field = soup.find("input", attrs={"name": "file"}).find_parent(
            attrs={"data-field-wrapper": True}
        )
        message = file_field.get_text(" ", strip=True)
    else:
        path = tmp_path / file_name
        path.write_bytes(content)
        args = [str(path)]
        if kind == "survey_results":
            args += ["--survey", world["survey"].slug]
        with translation.override("en"), pytest.raises(CommandError) as failure:
            call_command(COMMANDS[kind], *args, stdout=io.StringIO())
        message = str(failure.value)
    assert snapshot() == before, "a refused file left something behind"
    return message.replace("\xa0", " ")  # filesizeformat's non-breaking spaces


@pytest.fixture
def refuse(superuser_client, world, tmp_path):
    def run(kind, entry, file_name, content):
        return refusal(superuser_client, world, tmp_path, kind, entry, file_name, content)

    return run


each_way_in = pytest.mark.parametrize(
    ("kind", "entry"), [(kind, entry) for kind in KINDS for entry in ENTRY_POINTS]
)


@each_way_in
def test_the_good_file_is_accepted_so_each_refusal_below_is_about_its_one_fault(
    superuser_client, world, tmp_path, kind, entry
):
    content = csv_bytes(GOOD_ROWS[kind])
    if entry == "admin":
        data = {"file": SimpleUploadedFile("good.csv", content)}
        if kind == "survey_results":
            data["survey"] = world["survey"].pk
        response = superuser_client.post(
            reverse("wagtail_employer:import_upload", args=[kind]), data
        )
        assert response.status_code == 302
        assert PendingImport.objects.count() == 1
    else:
        path = tmp_path / "good.csv"
        path.write_bytes(content)
        args = [str(path)] + (["--survey", world["survey"].slug] if kind != "units" else [])
        with translation.override("en"):
            call_command(COMMANDS[kind], *args, "--dry-run", stdout=io.StringIO())
        assert PendingImport.objects.count() == 0


@each_way_in
@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_FILE_SIZE": 100})
def test_a_file_over_the_size_limit(refuse, kind, entry):
    content = csv_bytes(GOOD_ROWS[kind])
    assert len(content) > 100
    message = refuse(kind, entry, "big.csv", content)
    assert "files up to 100 bytes can be imported" in message


def test_the_admin_stops_receiving_an_oversized_upload_at_the_default_limit(
    superuser_client, world
):
    """10 MiB and one byte: refused by the upload handler while the file arrives (its
    message), not after Django has stored the whole file."""
    content = csv_bytes(GOOD_ROWS["units"]).ljust(10 * 1024 * 1024 + 1, b"\n")
    before = snapshot()
    response = superuser_client.post(
        reverse("wagtail_employer:import_upload", args=["units"]),
        {"file": SimpleUploadedFile("huge.csv", content)},
    )
    assert response.status_code == 200
    assert "The file is larger than 10.0 MB; files up to 10.0 MB can be imported." in (
        page_text(response)
    )
    assert "This field is required" not in page_text(response)
    assert snapshot() == before


def test_the_survey_choice_survives_an_oversized_upload(superuser_client, world):
    """The rest of the file is skipped, not the rest of the form."""
    survey = world["survey"]
    with override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_FILE_SIZE": 10}):
        response = superuser_client.post(
            reverse("wagtail_employer:import_upload", args=["survey_results"]),
            {"survey": survey.pk, "file": SimpleUploadedFile("big.csv", b"x" * 100)},
        )
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("select[name=survey] option[selected]")["value"] == str(survey.pk)
    assert "files up to 10 bytes can be imported" in page_text(response)


def test_the_upload_form_still_checks_csrf(admin_user, world):
    """The view takes over the CSRF check from the middleware (see ImportUploadView)."""
    use_admin_language(admin_user, "en")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    url = reverse("wagtail_employer:import_upload", args=["units"])
    content = csv_bytes(GOOD_ROWS["units"])
    response = client.post(url, {"file": SimpleUploadedFile("units.csv", content)})
    assert response.status_code == 403
    assert PendingImport.objects.count() == 0
    token = BeautifulSoup(client.get(url).content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    response = client.post(
        url, {"csrfmiddlewaretoken": token, "file": SimpleUploadedFile("units.csv", content)}
    )
    assert response.status_code == 302
    assert PendingImport.objects.count() == 1


def test_the_upload_form_states_the_limits(superuser_client):
    response = superuser_client.get(reverse("wagtail_employer:import_upload", args=["units"]))
    assert "A file may be up to 10.0 MB and have up to 200000 data rows." in page_text(response)


@each_way_in
@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_ROWS": 3})
def test_a_file_over_the_row_limit(refuse, kind, entry):
    message = refuse(kind, entry, "long.csv", csv_bytes(GOOD_ROWS[kind]))
    assert "The file has more than 3 data rows; that is the most one import accepts." in message


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_ROWS": 15})
def test_a_wide_survey_file_over_the_limit_in_values(refuse, entry):
    """Two rows, but 2 × 11 values (ten scores and the respondents each): the limit
    bounds the values a survey file holds."""
    rows = [
        ("Enhet", "Antall svar", *TEN_FACTORS),
        ("HO", "12", *["4"] * 10),
        ("OPP", "20", *["4"] * 10),
    ]
    message = refuse("survey_results", entry, "wide.csv", csv_bytes(rows))
    assert "The file holds 22 values; one import accepts at most 15 values." in message


@each_way_in
@pytest.mark.parametrize(
    ("file_name", "content"), [("empty.csv", b""), ("blank.csv", b" \r\n\r\n"), ("e.xlsx", b"")]
)
def test_an_empty_file(refuse, kind, entry, file_name, content):
    message = refuse(kind, entry, file_name, content)
    # Django's file field refuses a 0-byte upload before the import sees it.
    assert "The file is empty." in message or "The submitted file is empty." in message


@each_way_in
def test_a_pdf_named_csv(refuse, kind, entry):
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n"
    message = refuse(kind, entry, "results.csv", pdf)
    assert "“results.csv” is not a CSV or text file." in message


@each_way_in
def test_a_workbook_named_csv(refuse, kind, entry):
    message = refuse(kind, entry, "results.csv", xlsx_bytes(GOOD_ROWS[kind]))
    assert "“results.csv” is not a CSV or text file." in message


@each_way_in
@pytest.mark.parametrize(
    "content",
    [
        csv_bytes(GOOD_ROWS["units"]),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,  # an old .xls
    ],
    ids=["csv", "pdf", "xls"],
)
def test_an_xlsx_that_is_not_a_zip(refuse, kind, entry, content):
    message = refuse(kind, entry, "results.xlsx", content)
    assert "“results.xlsx” is not an Excel workbook (.xlsx)." in message


@each_way_in
def test_a_zip_that_is_not_a_workbook(refuse, kind, entry):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    message = refuse(kind, entry, "results.xlsx", buffer.getvalue())
    assert "“results.xlsx” is not an Excel workbook (.xlsx)." in message


@pytest.fixture(scope="module")
def bomb():
    return zip_bomb()


@each_way_in
def test_a_zip_bomb_named_xlsx(refuse, kind, entry, bomb):
    assert len(bomb) < 200 * 1024
    message = refuse(kind, entry, "results.xlsx", bomb)
    assert "“results.xlsx” would unpack to more than 100.0 MB." in message
    assert "was not opened" in message


@each_way_in
def test_a_workbook_with_broken_xml(refuse, kind, entry):
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(GOOD_ROWS[kind])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as broken:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            broken.writestr(part, data)
    message = refuse(kind, entry, "results.xlsx", buffer.getvalue())
    assert "“results.xlsx” is not an Excel workbook (.xlsx)." in message


@each_way_in
def test_a_file_with_no_recognisable_header(refuse, kind, entry):
    """The header row is missing: the first row is data."""
    message = refuse(kind, entry, "noheader.csv", csv_bytes(GOOD_ROWS[kind][1:]))
    if kind == "units":
        assert "The column “code” is missing from the header row (row 1)." in message
    else:
        assert "The header row (row 1) fits none of the layouts." in message


@each_way_in
@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_COLUMNS": 10})
def test_a_header_wider_than_the_column_limit(refuse, kind, entry):
    rows = [row + tuple(f"extra {n}" for n in range(8)) for row in GOOD_ROWS[kind]]
    message = refuse(kind, entry, "wide.csv", csv_bytes(rows))
    assert "The header row (row 1) has 12 columns; an import accepts at most 10 columns." in (
        message
    )


@each_way_in
def test_a_cell_too_long_for_csv(refuse, kind, entry):
    rows = [*GOOD_ROWS[kind], (*GOOD_ROWS[kind][1][:-1], "x" * 200_000)]
    message = refuse(kind, entry, "long-cell.csv", csv_bytes(rows))
    assert "Row 6 of the file cannot be read as CSV: a cell is far too long" in message


# The reading layer on its own: the checks that need no database.


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def read_refusal(content, file_name="units.xlsx", **limits):
    with pytest.raises(FileReadError) as caught:
        read_tabular_file(content, file_name, **limits)
    return caught.value.message.replace("\xa0", " ")


@pytest.mark.usefixtures("english")
@override_settings(WAGTAIL_EMPLOYER={"IMPORT_MAX_UNCOMPRESSED_SIZE": 5000})
def test_a_workbook_unpacking_beyond_the_limit_in_all_is_refused():
    """No single part is compressed suspiciously; together they unpack too far."""
    content = xlsx_bytes(GOOD_ROWS["units"])
    assert sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(content)).infolist()) > 5000
    assert "would unpack to more than 4.9 KB" in read_refusal(content)


# Reading a workbook touches no database or Wagtail API: it runs once, in the SQLite run.
@pytest.mark.slow
@pytest.mark.once
@pytest.mark.usefixtures("english")
def test_a_real_large_workbook_passes_the_zip_bomb_checks():
    """100,000 unit rows: compressed about 14 times, far below the refused ratio."""
    rows = [GOOD_ROWS["units"][0]] + [
        (f"L{number:06d}", f"Arbeidslag {number}", "HO", "team") for number in range(100_000)
    ]
    table = read_tabular_file(xlsx_bytes(rows), "units.xlsx")
    assert len(table.rows) == 100_000


@pytest.mark.usefixtures("english")
def test_a_workbook_with_xml_entity_expansion_is_refused():
    """ "Billion laughs": a few kilobytes of entity definitions that expand to gigabytes.
    openpyxl parses through defusedxml (installed with Wagtail), which refuses them."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
            for n in range(1, 10)
        )
        + b"]>"
    )
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(GOOD_ROWS["units"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = laughs + data.replace(b"<t>NY1</t>", b"<t>&lol9;</t>")
                assert b"&lol9;" in data
            bomb.writestr(part, data)
    assert "is not an Excel workbook" in read_refusal(buffer.getvalue())


@pytest.fixture
def cleaned_cells(monkeypatch):
    """Counts the cells the reader cleans: the work a file costs, as a number. The reader
    cleans a text repeated on many rows once, so a count is at most one per cell."""
    from wagtail_employer.imports import reading

    calls = []
    original = reading.clean_cell

    def counting(value):
        calls.append(value)
        return original(value)

    monkeypatch.setattr(reading, "clean_cell", counting)
    return calls


@pytest.mark.usefixtures("english")
def test_a_declared_sheet_size_is_not_trusted(cleaned_cells):
    """A sheet that declares 16,384 columns and a million rows, with its table starting
    on row 3, is read as what it holds. Trusting the declaration, openpyxl would pad
    rows 1 and 2 to 16,384 cells each (and a file could start on row 1,000,000)."""
    workbook = openpyxl.Workbook()
    for offset, row in enumerate(GOOD_ROWS["units"]):
        for column, value in enumerate(row, start=1):
            workbook.active.cell(row=3 + offset, column=column, value=value)
    source = io.BytesIO()
    workbook.save(source)
    source = zipfile.ZipFile(source)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as changed:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A3:D7"', b'<dimension ref="A1:XFD1048576"')
                assert b"XFD1048576" in data
            changed.writestr(part, data)

    table = read_tabular_file(buffer.getvalue(), "units.xlsx")

    assert table.header_row_number == 3
    assert table.headers == GOOD_ROWS["units"][0]
    assert [row.cells for row in table.rows] == GOOD_ROWS["units"][1:]
    assert [row.number for row in table.rows] == [4, 5, 6, 7]
    assert len(cleaned_cells) <= 5 * 4


@pytest.mark.usefixtures("english")
def test_cells_right_of_the_header_are_ignored_and_cost_nothing(cleaned_cells):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["code", "name", "parent code", "kind"])
    for number in range(1, 101):
        sheet.append([f"E{number}", "Enhet", "", "unit"])
        sheet.cell(row=number + 1, column=16384, value="far away")
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_tabular_file(buffer.getvalue(), "units.xlsx")
    assert table.rows[0].cells == ("E1", "Enhet", "", "unit")
    assert len(table.rows) == 100
    assert len(cleaned_cells) <= 101 * 4
    assert "far away" not in cleaned_cells


def test_limits_are_documented_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for key in ("IMPORT_MAX_FILE_SIZE", "IMPORT_MAX_ROWS", "IMPORT_MAX_COLUMNS"):
        assert f"`{key}`" in readme
    assert "`IMPORT_MAX_UNCOMPRESSED_SIZE`" in readme
