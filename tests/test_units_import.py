"""Import and export of the unit tree through the admin (real files posted through the
test client), the import service and the ``import_units`` command."""

import codecs
import csv
import io
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from wagtail_employer.imports import get_importer
from wagtail_employer.models import OrganisationUnit, PendingImport, UnitKind
from wagtail_employer.settings import employer_settings

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
HEADER = ("code", "name", "parent code", "kind")
LISTING_URL = reverse("wagtail_employer_organisationunit_modeladmin_index")
UPLOAD_URL = reverse("wagtail_employer:import_upload", args=["units"])

SECTOR_NAMES = [
    "Helse og omsorg",
    "Oppvekst og læring",
    "Kultur og fritid",
    "Teknikk og miljø",
    "Økonomi og styring",
    "Samfunnsutvikling",
    "Bistand og bolig",
    "Næring og kyst",
]
PLACE_NAMES = ["Bjørnemyr", "Fagerstrand", "Nesoddtangen", "Tangen", "Ålesund", "Sætre", "Østre"]
UNIT_TYPES = ["skole", "barnehage", "sykehjem", "hjemmetjeneste", "bibliotek", "legevakt"]


def units_rows(count=300):
    """A municipality: 1 municipality, 8 sectors, 60 units, the rest teams; listed
    children first, so that the import has to put parents first itself."""
    rows = [("K", "Nesodden kommune", "", "municipality")]
    sectors = [f"S{number}" for number in range(1, 9)]
    rows += [(code, name, "K", "sector") for code, name in zip(sectors, SECTOR_NAMES, strict=True)]
    units = []
    for number in range(1, 61):
        code = f"E{number:02d}"
        name = f"{PLACE_NAMES[number % 7]} {UNIT_TYPES[number % 6]} {number}"
        units.append(code)
        rows.append((code, name, sectors[number % 8], "unit"))
    for number in range(1, count - len(rows) + 1):
        rows.append(
            (
                f"L{number:03d}",
                f"Arbeidslag {number} på {PLACE_NAMES[number % 7]}",
                units[number % 60],
                "team",
            )
        )
    return [HEADER, *reversed(rows)]


def csv_bytes(rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    return soup(response).get_text(" ", strip=True)


def counts(page):
    return {cell["data-count"]: int(cell.get_text()) for cell in page.select("[data-count]")}


def error_table(page):
    """The errors table as (row, column, message) tuples, as a person reads it."""
    return [
        tuple(cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"]))
        for row in page.select("#import-errors tbody tr")
    ]


def upload(client, content, file_name="units.csv"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(file_name, content)})


def upload_and_preview(client, content, file_name="units.csv"):
    response = upload(client, content, file_name)
    assert response.status_code == 302, text(response)
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    return response["Location"], soup(preview)


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def client_en(editor_client, editor):
    """The editor, reading the admin in English (the site's default is bokmål)."""
    english(editor)
    return editor_client


@pytest.fixture
def english_messages():
    with translation.override("en"):
        yield


def codes_in_tree_order():
    return list(OrganisationUnit.objects.in_tree_order().values_list("code", flat=True))


# A 300-unit file: preview, then confirm.


def test_300_unit_csv_previews_without_writing_then_imports(client_en):
    content = csv_bytes(units_rows(300))

    preview_url, page = upload_and_preview(client_en, content)

    assert OrganisationUnit.objects.count() == 0
    assert counts(page) == {"total": 300, "new": 300, "updated": 0, "unchanged": 0}
    assert not page.select("#import-errors")
    assert "the header is row 1 and the first data row is row 2" in page.get_text()
    first_change = page.select_one("#import-changes tbody tr")
    assert [c.get_text(strip=True) for c in first_change.find_all(["th", "td"])] == [
        "2", "New", "L231", "Arbeidslag 231 på Bjørnemyr", "E52", "team"
    ]  # fmt: skip
    confirm = page.select_one("form[method=post] button[type=submit]")
    assert confirm.get_text(strip=True) == "Confirm import"
    assert page.find("a", string="Cancel")["href"] == LISTING_URL

    response = client_en.post(preview_url, follow=True)

    assert response.redirect_chain[-1][0] == LISTING_URL
    assert "Imported 300 units: 300 new, 0 updated, 0 unchanged." in text(response)
    assert OrganisationUnit.objects.count() == 300
    assert OrganisationUnit.objects.get(code="E01").parent.code == "S2"
    assert OrganisationUnit.objects.get(code="L001").parent.code == "E02"
    assert OrganisationUnit.objects.get(code="S5").name == "Økonomi og styring"
    units = list(OrganisationUnit.objects.in_tree_order().select_related("parent"))
    assert units[0].code == "K"
    seen = set()
    for unit in units:  # every unit comes after its parent, one level deeper
        assert unit.parent is None or unit.parent.code in seen
        assert unit.depth == (1 if unit.parent is None else unit.parent.depth + 1)
        seen.add(unit.code)
    pending = PendingImport.objects.get()
    assert pending.status == PendingImport.Status.CONFIRMED
    assert pending.confirmed_at is not None


def test_reimporting_the_same_file_reports_everything_unchanged(client_en):
    content = csv_bytes(units_rows(80))
    preview_url, _page = upload_and_preview(client_en, content)
    client_en.post(preview_url)

    preview_url, page = upload_and_preview(client_en, content)

    assert counts(page) == {"total": 80, "new": 0, "updated": 0, "unchanged": 80}
    assert not page.select("#import-changes")
    response = client_en.post(preview_url, follow=True)
    assert "Imported 80 units: 0 new, 0 updated, 80 unchanged." in text(response)


def test_names_and_parents_are_updated_and_the_tree_follows(client_en, unit_tree):
    content = csv_bytes(
        [
            ("Kode", "Navn", "Overordnet kode", "Type"),
            ("HO-SYK", "Solåsen sykehjem", "HO", "enhet"),
            ("HO-SYK-A", "Team A", "OPP-MYK", "arbeidslag"),
            ("OPP", "Oppvekst", "K", "sektor"),
        ],
        delimiter=";",
    )

    preview_url, page = upload_and_preview(client_en, content)

    assert counts(page) == {"total": 3, "new": 0, "updated": 2, "unchanged": 1}
    changed = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("strong")]
        for row in page.select("#import-changes tbody tr")
    }
    assert changed == {"2": ["Solåsen sykehjem"], "3": ["OPP-MYK"]}
    assert OrganisationUnit.objects.get(code="HO-SYK").name == "Sykehjem"

    client_en.post(preview_url)

    assert OrganisationUnit.objects.get(code="HO-SYK").name == "Solåsen sykehjem"
    school = OrganisationUnit.objects.get(code="OPP-MYK")
    assert list(school.get_descendants().values_list("code", flat=True)) == ["HO-SYK-A"]
    assert codes_in_tree_order() == ["K", "HO", "HO-SYK", "OPP", "OPP-MYK", "HO-SYK-A"]


# Bad rows: nothing is written, and the row, the column and the reason are named.

VALID_ROWS = [
    HEADER,
    ("K", "Nesodden kommune", "", "municipality"),
    ("HO", "Helse og omsorg", "K", "sector"),
    ("HO-SYK", "Sykehjem", "HO", "unit"),
    ("HO-SYK-A", "Team A", "HO-SYK", "team"),
]


@pytest.mark.parametrize(
    ("bad_rows", "expected_errors"),
    [
        pytest.param(
            [("OPP", "Oppvekst", "NOPE", "sector")],
            [("6", "parent code", "There is no unit with the code “NOPE”")],
            id="unknown parent",
        ),
        pytest.param(
            [("HO", "Helse igjen", "K", "sector")],
            [
                ("3", "code", "The code “HO” is also used in row 6"),
                ("6", "code", "The code “HO” is also used in row 3"),
            ],
            id="duplicate code",
        ),
        pytest.param(
            [("A", "Avdeling A", "B", "unit"), ("B", "Avdeling B", "A", "unit")],
            [
                ("6", "parent code", "The units A → B → A form a cycle (rows 6, 7)"),
                ("7", "parent code", "The units A → B → A form a cycle (rows 6, 7)"),
            ],
            id="cycle",
        ),
        pytest.param(
            [("OPP", "Oppvekst", "K", "avdeling")],
            [("6", "kind", "“avdeling” is not a kind of unit. Use one of: municipality, kommune")],
            id="bad kind",
        ),
        pytest.param(
            [("OPP", "", "K", "sector")],
            [("6", "name", "The name is empty.")],
            id="empty name",
        ),
        pytest.param(
            [("OPP MYK", "Myklerud skole", "HO", "unit")],
            [("6", "code", "Use letters, digits, dots, hyphens or underscores")],
            id="invalid code",
        ),
        pytest.param(
            # OrganisationUnit.clean(), reported by django-import-export's validation.
            [("OPP", "Oppvekst", "HO-SYK", "sector")],
            [("6", "parent code", "A sector cannot be placed under a unit.")],
            id="kind order from clean()",
        ),
    ],
)
def test_a_file_with_a_bad_row_writes_nothing_and_names_row_column_and_reason(
    client_en, bad_rows, expected_errors
):
    preview_url, page = upload_and_preview(client_en, csv_bytes([*VALID_ROWS, *bad_rows]))

    errors = error_table(page)
    assert [(row, column) for row, column, _message in errors] == [
        (row, column) for row, column, _message in expected_errors
    ]
    for (_row, _column, message), (_r, _c, expected) in zip(errors, expected_errors, strict=True):
        assert expected in message
    assert "Nothing will be imported" in page.get_text()
    assert not page.select("form[method=post]")  # no Confirm button
    assert client_en.post(preview_url).status_code == 302
    assert OrganisationUnit.objects.count() == 0


def test_children_of_a_row_that_fails_name_that_row(client_en):
    content = csv_bytes(
        [*VALID_ROWS, ("OPP", "Oppvekst", "HO-SYK", "sector"), ("OPP-1", "Skole", "OPP", "unit")]
    )

    _url, page = upload_and_preview(client_en, content)

    assert error_table(page) == [
        ("6", "parent code", "A sector cannot be placed under a unit."),
        ("7", "parent code", "The parent unit “OPP” in row 6 has errors; fix that row first."),
    ]


def test_a_cycle_through_existing_units_names_the_rows(client_en, unit_tree):
    # Moving the sector under its own team would make HO → HO-SYK-A → HO-SYK → HO.
    content = csv_bytes([HEADER, ("HO", "Helse og omsorg", "HO-SYK-A", "sector")])

    _url, page = upload_and_preview(client_en, content)

    ((row, column, message),) = error_table(page)
    assert (row, column) == ("2", "parent code")
    assert "HO → HO-SYK-A → HO-SYK → HO" in message


def test_a_missing_column_is_a_file_error_on_the_upload_form(client_en):
    content = csv_bytes([("kode", "navn", "overordnet"), ("K", "Nesodden kommune", "")])

    response = upload(client_en, content)

    assert response.status_code == 200
    assert "The column “kind” is missing from the header row (row 1)." in text(response)
    assert "kind, type, typ, nivå, level" in text(response)
    assert PendingImport.objects.count() == 0


def test_a_pdf_named_csv_is_refused_on_the_upload_form(client_en):
    response = upload(client_en, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "units.csv")

    assert response.status_code == 200
    assert "“units.csv” is not a CSV or text file." in text(response)


def test_a_row_failing_in_django_import_export_rolls_back_the_rows_before_it(
    english_messages,
):
    """Rows 2-5 are saved before row 6 fails OrganisationUnit.clean(); all go."""
    rows = [*VALID_ROWS, ("OPP", "Oppvekst", "HO-SYK", "sector")]

    report = get_importer("units").run(csv_bytes(rows), "units.csv", dry_run=False)

    assert [str(error) for error in report.errors] == [
        "Row 6, column “parent code”: A sector cannot be placed under a unit."
    ]
    assert OrganisationUnit.objects.count() == 0


def test_confirm_checks_the_units_as_they_are_now(english_messages):
    """The preview passed, then someone changed the units: confirm writes nothing and
    marks the pending import failed."""
    importer = get_importer("units")
    report = importer.preview(csv_bytes(VALID_ROWS), "units.csv", user=None)
    assert not report.has_errors
    # Meanwhile: HO-SYK exists as a municipality with a sector under it, which cannot
    # stay there once the file makes HO-SYK a unit.
    old = OrganisationUnit.objects.create(code="HO-SYK", name="Gammel", kind="municipality")
    OrganisationUnit.objects.create(code="Z", name="Z", kind=UnitKind.SECTOR, parent=old)

    report = importer.confirm(importer.pending_import_for(report), user=None)

    assert [(error.row, error.column, error.code) for error in report.errors] == [
        (4, "kind", "kind_order")
    ]
    assert "The unit “Z”, which is not in the file, lies under this unit" in str(report.errors[0])
    assert set(OrganisationUnit.objects.values_list("code", flat=True)) == {"HO-SYK", "Z"}
    assert importer.pending_import_for(report).status == PendingImport.Status.FAILED


# Delimiters, encodings and XLSX.


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("cp1252", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
    ],
    ids=["utf-8", "utf-8 BOM", "windows-1252", "utf-16 LE BOM"],
)
def test_delimiters_and_encodings(client_en, delimiter, encoding, bom):
    rows = [*VALID_ROWS, ("OKO", "Økonomi, lønn og særavtaler", "K", "sektor")]
    content = bom + csv_bytes(rows, delimiter=delimiter, encoding=encoding)

    preview_url, page = upload_and_preview(client_en, content)

    assert counts(page)["new"] == 5, error_table(page)
    client_en.post(preview_url)
    assert OrganisationUnit.objects.get(code="OKO").name == "Økonomi, lønn og særavtaler"


def test_xlsx_with_swedish_headers_and_kinds(client_en):
    content = xlsx_bytes(
        [
            ("Kod", "Namn", "Överordnad kod", "Typ", "Kommentar"),
            ("K", "Växjö kommun", None, "kommun"),
            (None, None, None, None),
            ("V1", "Utbildningsförvaltningen", "K", "verksamhet"),
            (1001, "Äppelskolan", "V1", "enhet"),
            ("A1", "Arbetslag Åk 1", 1001, "arbetslag"),
        ]
    )

    preview_url, page = upload_and_preview(client_en, content, "enheter.xlsx")

    assert counts(page) == {"total": 4, "new": 4, "updated": 0, "unchanged": 0}
    assert "Kommentar" in page.get_text()  # named as ignored
    client_en.post(preview_url)
    team = OrganisationUnit.objects.get(code="A1")
    assert (team.kind, team.parent.code, team.parent.name) == ("team", "1001", "Äppelskolan")


# Confirming: once, in time, by the right person.


def test_a_double_confirm_imports_once(client_en):
    preview_url, _page = upload_and_preview(client_en, csv_bytes(VALID_ROWS))

    first = client_en.post(preview_url)
    second = client_en.post(preview_url, follow=True)

    assert first["Location"] == LISTING_URL
    assert "This file has already been imported." in text(second)
    assert OrganisationUnit.objects.count() == 4


def test_an_expired_preview_is_refused(client_en):
    preview_url, _page = upload_and_preview(client_en, csv_bytes(VALID_ROWS))
    max_age = timedelta(seconds=employer_settings.IMPORT_PREVIEW_MAX_AGE)
    PendingImport.objects.update(created_at=timezone.now() - max_age - timedelta(seconds=1))

    page = soup(client_en.get(preview_url))
    assert "This preview has expired." in page.get_text()
    assert not page.select("form[method=post]")
    response = client_en.post(preview_url, follow=True)

    assert "This preview is more than 60 minutes old." in text(response)
    assert OrganisationUnit.objects.count() == 0


def test_someone_elses_preview_is_not_found(client_en, django_user_model, client):
    preview_url, _page = upload_and_preview(client_en, csv_bytes(VALID_ROWS))
    other = django_user_model.objects.create_superuser("other", "other@example.invalid", "pw")
    client.force_login(other)

    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert OrganisationUnit.objects.count() == 0


# Permissions.


def test_anonymous_people_are_sent_to_the_login(client):
    for url in (UPLOAD_URL, reverse("wagtail_employer:export_units", args=["csv"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_editors_without_the_unit_permissions_get_403(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(UPLOAD_URL).status_code == 403
    assert upload(client, csv_bytes(VALID_ROWS)).status_code == 403
    assert client.get(reverse("wagtail_employer:export_units", args=["csv"])).status_code == 403
    assert PendingImport.objects.count() == 0

    user.user_permissions.add(Permission.objects.get(codename="view_organisationunit"))
    user = django_user_model.objects.get(pk=user.pk)  # fresh permission cache
    client.force_login(user)
    assert client.get(reverse("wagtail_employer:export_units", args=["csv"])).status_code == 200
    assert client.get(UPLOAD_URL).status_code == 403  # viewing is not importing


def test_the_upload_form_explains_the_columns(client_en):
    page = soup(client_en.get(UPLOAD_URL))

    file_input = page.select_one("input[type=file][name=file]")
    assert file_input["accept"] == ".csv,.txt,.tsv,.xlsx"
    rows = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in page.select("table tbody tr")
    }
    assert rows["Parent code"].startswith("parent code, parent, overordnet")
    assert "arbeidslag" in rows["team"]


def test_an_unknown_import_kind_is_not_found(client_en):
    assert (
        client_en.get(reverse("wagtail_employer:import_upload", args=["cats"])).status_code == 404
    )


# The management command.


def test_command_imports_the_sample_file(english_messages):
    output = io.StringIO()

    call_command("import_units", str(FILES / "units-300.csv"), stdout=output)

    assert "300 rows: 300 new, 0 updated, 0 unchanged." in output.getvalue()
    assert "Imported 300 units" in output.getvalue()
    assert OrganisationUnit.objects.count() == 300


def test_command_dry_run_writes_nothing(english_messages):
    output = io.StringIO()

    call_command("import_units", str(FILES / "units-300.csv"), "--dry-run", stdout=output)

    assert "300 rows: 300 new" in output.getvalue()
    assert "Dry run: nothing was saved." in output.getvalue()
    assert OrganisationUnit.objects.count() == 0
    assert PendingImport.objects.count() == 0


def test_command_fails_listing_the_row_errors(english_messages, tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes([*VALID_ROWS, ("OPP", "Oppvekst", "NOPE", "sector")]))

    with pytest.raises(CommandError) as caught:
        call_command("import_units", str(path), stdout=io.StringIO())

    assert "Row 6, column “parent code”: There is no unit with the code “NOPE”" in str(caught.value)
    assert OrganisationUnit.objects.count() == 0


# Export, and export → import round trips.


def test_csv_export_in_tree_order_with_bom(client_en, unit_tree):
    response = client_en.get(reverse("wagtail_employer:export_units", args=["csv"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="organisation-units.csv"'
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["code", "name", "parent code", "kind"],
        ["K", "Nesodden kommune", "", "municipality"],
        ["HO", "Helse og omsorg", "K", "sector"],
        ["HO-SYK", "Sykehjem", "HO", "unit"],
        ["HO-SYK-A", "Team A", "HO-SYK", "team"],
        ["OPP", "Oppvekst", "K", "sector"],
        ["OPP-MYK", "Myklerud skole", "OPP", "unit"],
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(client_en, unit_tree, file_format):
    tricky = OrganisationUnit.objects.create(
        code="X-1",
        name='=HYPERLINK("http://example.invalid","x")',
        kind=UnitKind.UNIT,
        parent=unit_tree["health"],
    )
    OrganisationUnit.objects.create(
        code="X-2", name="-Vikarpool æøå", kind=UnitKind.TEAM, parent=tricky
    )
    exported = client_en.get(reverse("wagtail_employer:export_units", args=[file_format]))

    _url, page = upload_and_preview(client_en, exported.content, f"export.{file_format}")

    assert not error_table(page)
    assert counts(page) == {"total": 8, "new": 0, "updated": 0, "unchanged": 8}


def test_formulae_are_escaped_in_both_export_formats(client_en, unit_tree):
    formula = '=HYPERLINK("http://example.invalid","x")'
    OrganisationUnit.objects.create(
        code="X", name=formula, kind=UnitKind.UNIT, parent=unit_tree["health"]
    )

    exported_csv = client_en.get(reverse("wagtail_employer:export_units", args=["csv"]))
    exported_xlsx = client_en.get(reverse("wagtail_employer:export_units", args=["xlsx"]))

    rows = list(csv.reader(io.StringIO(exported_csv.content.decode("utf-8-sig"))))
    assert ["X", "'" + formula, "HO", "unit"] in rows
    assert exported_xlsx["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(exported_xlsx.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "'" + formula]
    assert len(cells) == 1
    assert cells[0].data_type == "s"  # text, not a formula


# Query counts: one tree rebuild per import, not per row.


def test_import_queries_grow_by_a_constant_per_row(english_messages):
    importer = get_importer("units")
    table = '"wagtail_employer_organisationunit"'

    def queries_for(count):
        OrganisationUnit.objects.update(parent=None)  # PROTECT: detach before deleting
        OrganisationUnit.objects.all().delete()
        content = csv_bytes(units_rows(count))
        with CaptureQueriesContext(connection) as captured:
            report = importer.run(content, "units.csv", dry_run=False)
        assert report.new == count and not report.has_errors
        unit_reads = [
            query["sql"]
            for query in captured.captured_queries
            if query["sql"].startswith("SELECT") and f"FROM {table}" in query["sql"]
        ]
        return len(captured), len(unit_reads)

    (small, small_reads), (large, large_reads) = queries_for(100), queries_for(200)

    # Per row: a savepoint and its release, the insert, and the unit's reference-index
    # read and write. The search index is written for all units at once, and nothing
    # reads a unit per row: parents come from the codes read once, and full_clean()'s
    # foreign-key and unique checks, which the import has already made, are skipped.
    # (A one-off read, such as a cold content-type cache, may fall in either import.)
    per_row = (large - small) / 100
    assert per_row < 5.5, per_row
    # Reading the units (the existing codes, the parents, rebuild_tree()) happens once
    # per import, not once per row.
    assert small_reads == large_reads <= 4
    assert OrganisationUnit.objects.filter(tree_path="").count() == 0


def test_a_new_preview_deletes_previews_that_can_no_longer_be_confirmed(admin_user):
    from datetime import timedelta

    from django.utils import timezone

    from wagtail_employer.imports import get_importer
    from wagtail_employer.models import PendingImport

    importer = get_importer("units")
    content = b"code,name,parent,kind\nK,Kommunen,,municipality\n"
    old = importer.pending_import_for(importer.preview(content, "old.csv", admin_user))
    PendingImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    fresh = importer.preview(content, "fresh.csv", admin_user)
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [
        importer.pending_import_for(fresh).pk
    ]
