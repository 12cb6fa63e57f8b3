"""Survey results import and export: real files (tests/files/surveys/) in every layout,
delimiter and encoding, through the admin (upload, preview, confirm), the service and
the ``import_survey_results`` command; row errors; export → import round trips."""

import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail_employer.imports.reading import parse_decimal, parse_whole_number
from wagtail_employer.models import PendingImport, Survey, SurveyResult

from .conftest import use_admin_language
from .surveys_helpers import SURVEY_FILES, TEN_FACTORS, import_file, make_survey

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("wagtail_employer:import_upload", args=["survey_results"])
SURVEY_LISTING = reverse("wagtail_employer_survey_modeladmin_index")

# file → (layout, values in the file, has the national benchmark, has invited counts)
TEN_FACTOR_FILES = {
    "10-faktor-wide-semicolon-cp1252.csv": ("cp1252", ";", 76, True, True),
    "10-faktor-wide-comma-utf8-bom.csv": ("utf-8-sig", ",", 76, True, True),
    "10-faktor-long-tab-utf16.txt": ("utf-16", "\t", 70, True, False),
    "10-faktor-long-comma-utf8.csv": ("utf-8", ",", 66, False, True),
    "10-faktor-wide.xlsx": ("", "", 76, True, True),
}


def score(survey, code, dimension):
    result = SurveyResult.objects.get(
        survey=survey, unit__code=code if code else None, dimension__name=dimension
    )
    return result.score


def results_snapshot(survey):
    return sorted(
        SurveyResult.objects.filter(survey=survey).values_list(
            "unit__code",
            "dimension__name",
            "score",
            "respondents",
            "invited",
            "response_rate",
        ),
        key=str,
    )


def upload(client, survey, file_name, content=None):
    content = content if content is not None else (SURVEY_FILES / file_name).read_bytes()
    return client.post(
        UPLOAD_URL,
        {"survey": survey.pk, "file": SimpleUploadedFile(file_name, content)},
    )


def preview_soup(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url, BeautifulSoup(client.get(response.url).content, "html.parser")


@pytest.mark.parametrize("file_name", list(TEN_FACTOR_FILES))
def test_admin_imports_every_layout_delimiter_and_encoding(admin_user_client, unit_tree, file_name):
    encoding, delimiter, values, has_benchmark, has_invited = TEN_FACTOR_FILES[file_name]
    survey = make_survey()

    preview_url, soup = preview_soup(
        admin_user_client, upload(admin_user_client, survey, file_name)
    )
    text = soup.get_text(" ", strip=True)
    assert "Imported into: Medarbeiderundersøkelsen 2024" in text
    if encoding:
        assert f"encoding {encoding}" in text
    assert soup.select_one('[data-count="values"]').get_text(strip=True) == str(values)
    assert soup.select_one('[data-count="new"]').get_text(strip=True) == str(values)
    assert not SurveyResult.objects.exists(), "nothing is written before confirm"

    response = admin_user_client.post(preview_url)
    assert response.status_code == 302 and response.url == SURVEY_LISTING
    assert SurveyResult.objects.filter(survey=survey).count() == values
    # Decimal comma or point alike, units by name or by code.
    assert score(survey, "HO", "Mestringstro") == Decimal("4.2")
    assert score(survey, "HO-SYK-A", "Nyttemotivasjon") == Decimal("2.9")
    # "-" and "*" are no value, never zero.
    assert score(survey, "OPP-MYK", "Relevant kompetanseutvikling") is None
    if has_benchmark:
        assert score(survey, None, "Mestringsorientert ledelse") == Decimal("3.9")
    if has_invited:
        total = SurveyResult.objects.get(survey=survey, unit__code="HO", dimension=None)
        assert total.invited == 55
        assert total.effective_response_rate == Decimal("72.7")

    # The same file again changes nothing.
    before = results_snapshot(survey)
    _url, soup = preview_soup(admin_user_client, upload(admin_user_client, survey, file_name))
    assert soup.select_one('[data-count="unchanged"]').get_text(strip=True) == str(values)
    assert soup.select_one('[data-count="new"]').get_text(strip=True) == "0"
    assert soup.select_one('[data-count="updated"]').get_text(strip=True) == "0"
    assert results_snapshot(survey) == before


def test_all_layouts_give_the_same_scores(unit_tree):
    snapshots = []
    for file_name in ("10-faktor-wide-semicolon-cp1252.csv", "10-faktor-long-tab-utf16.txt"):
        survey = make_survey(name=file_name, year=2024)
        assert not import_file(survey, file_name).has_errors
        snapshots.append(
            sorted(
                SurveyResult.objects.filter(survey=survey, dimension__isnull=False).values_list(
                    "unit__code", "dimension__name", "score"
                ),
                key=str,
            )
        )
    assert snapshots[0] == snapshots[1]


def test_bedre_kommune_2012_report_table_fills_municipality_benchmark_and_response_rate(
    unit_tree,
):
    survey = make_survey("bedre-kommune-2012", name="Medarbeiderundersøkelsen 2012", year=2012)
    assert survey.dimensions.count() == 13
    report = import_file(survey, "bedre-kommune-2012-table.csv")
    assert not report.has_errors, report.errors
    assert score(survey, "K", "Nærmeste leder") == Decimal("4.5")
    assert score(survey, None, "Nærmeste leder") == Decimal("4.6")
    assert score(survey, "K", "Innhold i jobben") == Decimal("5")
    assert score(survey, None, "Systemer for lønns- og arbeidstidsordninger") == Decimal("4")
    total = SurveyResult.objects.get(survey=survey, unit__code="K", dimension=None)
    assert (total.respondents, total.response_rate) == (753, Decimal("68.0"))


def test_one_bad_row_writes_nothing_and_names_row_and_column(admin_user_client, unit_tree):
    survey = make_survey()
    preview_url, soup = preview_soup(
        admin_user_client, upload(admin_user_client, survey, "10-faktor-one-bad-row.csv")
    )
    errors = soup.select("#import-errors tbody tr")
    assert len(errors) == 1
    cells = [cell.get_text(strip=True) for cell in errors[0].find_all(["th", "td"])]
    assert cells == ["4", "Snitt", "7,2 is outside the survey's scale 1–5."]
    assert soup.find("button", string="Confirm import") is None
    # Posting the confirmation anyway is refused; nothing is written.
    admin_user_client.post(preview_url)
    assert not SurveyResult.objects.exists()
    assert PendingImport.objects.get().status == PendingImport.Status.FAILED


def test_every_kind_of_row_error_is_named(unit_tree):
    survey = make_survey()
    with translation.override("en"):
        report = import_file(survey, "10-faktor-row-errors.csv")
        errors = {(error.row, error.column): error.message for error in report.errors}
    assert errors == {
        (2, "unit"): "There is no unit “Sykehjemmet”. Did you mean: Sykehjem?",
        (3, "dimension"): "The survey has no dimension “Mestringsklimaet”. "
        "Did you mean: Mestringsklima?",
        (4, "score"): "0.5 is outside the survey's scale 1–5.",
        (5, "respondents"): "“12.5” is not a whole number.",
        (7, "dimension"): "“OPP” and “Rolleklarhet” are also in row 6.",
    }
    assert not SurveyResult.objects.exists()


def test_a_file_in_no_known_layout_says_what_it_needs(admin_user_client, unit_tree):
    survey = make_survey()
    response = upload(admin_user_client, survey, "x.csv", b"Navn;Verdi\nHO;4\n")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "fits none of the layouts" in text
    assert "Oppgavemotivasjon" in text


def test_upload_form_needs_a_survey_and_is_preselected_from_the_listing(
    admin_user_client, unit_tree
):
    survey = make_survey()
    listing = BeautifulSoup(admin_user_client.get(SURVEY_LISTING).content, "html.parser")
    link = listing.find("a", string="Import results", href=lambda href: "?survey=" in href)
    assert link is not None
    form = BeautifulSoup(admin_user_client.get(link["href"]).content, "html.parser")
    assert form.select_one("select[name=survey] option[selected]")["value"] == str(survey.pk)
    response = admin_user_client.post(
        UPLOAD_URL,
        {"file": SimpleUploadedFile("a.csv", b"unit;dimension;score\nHO;Mestringstro;4\n")},
    )
    assert response.status_code == 200
    assert not PendingImport.objects.exists()


def test_editor_without_result_permissions_cannot_import(client, editor, unit_tree):
    use_admin_language(editor, "en")
    client.force_login(editor)
    assert client.get(UPLOAD_URL).status_code == 403


# The command.


def run_command(*args):
    output = io.StringIO()
    with translation.override("en"):
        call_command("import_survey_results", *args, stdout=output)
    return output.getvalue()


def test_command_imports_by_slug_and_by_id(unit_tree):
    survey = make_survey()
    file_path = SURVEY_FILES / "10-faktor-wide-semicolon-cp1252.csv"
    output = run_command(str(file_path), "--survey", survey.slug)
    assert "Read as CSV, encoding cp1252, separated by semicolons." in output
    assert "Imported 76 values into “Medarbeiderundersøkelsen 2024”: 76 new" in output
    output = run_command(str(file_path), "--survey", str(survey.pk))
    assert "0 new, 0 updated, 76 unchanged" in output


def test_command_dry_run_writes_nothing(unit_tree):
    survey = make_survey()
    output = run_command(
        str(SURVEY_FILES / "10-faktor-long-tab-utf16.txt"), "--survey", survey.slug, "--dry-run"
    )
    assert "70 values: 70 new" in output and "Dry run: nothing was saved." in output
    assert not SurveyResult.objects.exists()


def test_command_fails_with_the_errors_and_writes_nothing(unit_tree):
    survey = make_survey()
    with pytest.raises(CommandError) as failure:
        run_command(str(SURVEY_FILES / "10-faktor-one-bad-row.csv"), "--survey", survey.slug)
    assert "Row 4, column “Snitt”: 7,2 is outside the survey's scale 1–5." in str(failure.value)
    assert not SurveyResult.objects.exists()


def test_command_refuses_an_unknown_survey(unit_tree):
    with pytest.raises(CommandError, match="No survey with the id or slug “nope”"):
        run_command(str(SURVEY_FILES / "10-faktor-one-bad-row.csv"), "--survey", "nope")


# Export → import.


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(admin_user_client, unit_tree, file_format):
    survey = make_survey()
    import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    before = results_snapshot(survey)
    url = reverse("wagtail_employer:export_survey_results", args=[survey.pk, file_format])
    response = admin_user_client.get(url)
    assert response.status_code == 200
    assert f"survey-results-{survey.slug}.{file_format}" in response["Content-Disposition"]

    _url, soup = preview_soup(
        admin_user_client,
        upload(admin_user_client, survey, f"export.{file_format}", response.content),
    )
    assert soup.select_one('[data-count="new"]').get_text(strip=True) == "0"
    assert soup.select_one('[data-count="updated"]').get_text(strip=True) == "0"
    assert soup.select_one('[data-count="unchanged"]').get_text(strip=True) == str(len(before))
    assert not soup.select("#import-errors")
    assert results_snapshot(survey) == before


def exported_rows(client, survey):
    url = reverse("wagtail_employer:export_survey_results", args=[survey.pk, "xlsx"])
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def analyst(django_user_model):
    """Admin access and the view permission on survey results: not HR."""
    user = django_user_model.objects.create_user("analyst", password="x")
    group = Group.objects.create(name="Analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_surveyresult"),
    )
    user.groups.add(group)
    return user


def test_export_outside_hr_leaves_hidden_figures_empty(client, django_user_model, unit_tree):
    survey = make_survey()
    import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    user = analyst(django_user_model)
    client.force_login(user)

    rows = exported_rows(client, survey)
    team = [row for row in rows if row["unit"] == "HO-SYK-A"]
    assert len(team) == 11  # ten scores and the participation
    # No score, no respondents, no response rate of the hidden team; its invited stay.
    assert {(row["score"], row["respondents"], row["response rate"]) for row in team} == {
        (None, None, None)
    }
    assert any(row["unit"] == "HO" and row["score"] == "4.2" for row in rows)
    assert any(row["unit"] == "HO" and not row["dimension"] and row["respondents"] for row in rows)

    # HR sees every figure.
    user.groups.add(Group.objects.create(name="HR"))
    rows = exported_rows(client, survey)
    team = [row for row in rows if row["unit"] == "HO-SYK-A"]
    assert "2.9" in [row["score"] for row in team]
    assert {row["respondents"] for row in team} == {"2"}


def listed_results(client, **params):
    """{(unit, dimension): (score, respondents)} as the Survey results listing shows."""
    url = reverse("wagtail_employer_surveyresult_modeladmin_index")
    response = client.get(url, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    listed = {}
    for row in soup.select("table.listing tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        listed[(cells[1], cells[2])] = (cells[3], cells[4])
    return listed


def test_survey_results_listing_and_search_outside_hr_hide_what_readers_may_not_see(
    client, django_user_model, unit_tree
):
    survey = make_survey()
    import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    user = analyst(django_user_model)
    use_admin_language(user, "en")
    client.force_login(user)

    for params in ({}, {"q": "Team"}, {"q": "Oppgavemotivasjon"}):
        listed = listed_results(client, **params)
        team = {key: value for key, value in listed.items() if key[0] == "Team A"}
        assert team, params
        assert set(team.values()) == {("too few answers", "too few answers")}, params
    listed = listed_results(client, q="Team")
    assert len(listed) == 11
    listed = listed_results(client)
    assert listed[("Helse og omsorg", "Oppgavemotivasjon")] == ("4.50", "40")
    assert listed[("Helse og omsorg", "Response rate")][1] == "40"

    # HR sees the figures.
    user.groups.add(Group.objects.create(name="HR"))
    listed = listed_results(client, q="Team")
    assert listed[("Team A", "Oppgavemotivasjon")] == ("3.10", "2")
    assert listed[("Team A", "Response rate")][1] == "2"


def test_export_needs_the_view_permission(client, editor, unit_tree):
    survey = make_survey()
    client.force_login(editor)
    url = reverse("wagtail_employer:export_survey_results", args=[survey.pk, "csv"])
    assert client.get(url).status_code == 403


# Surveys in the admin.


def survey_form(**extra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "name": "Medarbeiderundersøkelsen 2026",
        "slug": "",
        "provider": "other",
        "year": "2026",
        "preset": "",
        "scale_min": "1",
        "scale_max": "5",
        "decimals": "1",
        "anonymity_threshold": "3",
        "keep_count": "1",
        "improve_count": "1",
        "dimensions": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def test_editor_creates_a_survey_from_a_preset(admin_user_client):
    response = admin_user_client.post(
        reverse("wagtail_employer_survey_modeladmin_create"), survey_form(preset="10-faktor")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get()
    assert survey.provider == "10-faktor"
    assert survey.slug == "medarbeiderundersokelsen-2026"
    assert [d.name for d in survey.dimensions.all()] == TEN_FACTORS
    assert survey.anonymity_threshold == 3


def test_nesodden_preset_asks_for_three_and_three(admin_user_client):
    admin_user_client.post(
        reverse("wagtail_employer_survey_modeladmin_create"),
        survey_form(preset="bedre-kommune-2012", name="Bedre kommune 2012", year="2012"),
    )
    survey = Survey.objects.get()
    assert (survey.keep_count, survey.improve_count) == (3, 3)
    assert (survey.scale_min, survey.scale_max) == (1, 6)


def test_scale_must_go_upwards(admin_user_client):
    response = admin_user_client.post(
        reverse("wagtail_employer_survey_modeladmin_create"),
        survey_form(scale_min="5", scale_max="1"),
    )
    assert response.status_code == 200
    assert "The highest score must be above the lowest score." in response.content.decode()
    assert not Survey.objects.exists()


# Numbers as people write them.


@pytest.mark.parametrize(
    "text, expected",
    [
        ("4,5", Decimal("4.5")),
        ("4.5", Decimal("4.5")),
        (" 68 % ", Decimal("68")),
        ("1 234,5", Decimal("1234.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("", None),
        ("-", None),
        ("*", None),
    ],
)
def test_parse_decimal(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "4,5,6", "nan", "inf"])
def test_parse_decimal_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


def test_whole_numbers():
    assert parse_whole_number("12,0") == 12
    assert parse_whole_number("*") is None
    with pytest.raises(ValueError):
        parse_whole_number("12,5")


def test_swedish_hme_file_on_a_0_to_100_scale(unit_tree):
    survey = make_survey("hme", name="Medarbetarenkät 2024", year=2024)
    assert (survey.scale_min, survey.scale_max, survey.decimals) == (0, 100, 0)
    with translation.override("en"):
        report = import_file(survey, "hme-wide-tab-utf16-sv.txt")
        # "Helse och omsorg" is no unit; the closest name is suggested.
        assert [str(error) for error in report.errors] == [
            "Row 2, column “Arbetsplats”: There is no unit “Helse och omsorg”. "
            "Did you mean: Helse og omsorg?"
        ]
    content = (SURVEY_FILES / "hme-wide-tab-utf16-sv.txt").read_bytes()
    fixed = content.decode("utf-16").replace("Helse och omsorg", "HO").encode("utf-16")
    report = import_file(survey, "hme.txt", fixed)
    assert not report.has_errors
    assert score(survey, "HO-SYK", "Ledarskap") == Decimal("80")
    assert score(survey, None, "HME totalt") == Decimal("78")
    total = SurveyResult.objects.get(survey=survey, unit__code="HO", dimension=None)
    assert (total.respondents, total.invited, total.response_rate) == (40, 55, Decimal("72.7"))


def test_a_hidden_result_cannot_be_opened_for_editing_outside_hr(
    client, django_user_model, unit_tree
):
    survey = make_survey()
    import_file(survey, "10-faktor-wide-semicolon-cp1252.csv")
    user = analyst(django_user_model)
    user.groups.first().permissions.add(Permission.objects.get(codename="change_surveyresult"))
    client.force_login(user)
    team = SurveyResult.objects.get(survey=survey, unit__code="HO-SYK-A", dimension=None)
    health = SurveyResult.objects.get(survey=survey, unit__code="HO", dimension=None)

    def edit(result):
        url = reverse("wagtail_employer_surveyresult_modeladmin_edit", args=[result.pk])
        return client.get(url)

    response = edit(team)
    assert response.status_code in (302, 403)
    assert b'value="2"' not in response.content
    assert edit(health).status_code == 200
    # The listing offers no Edit button on the hidden team's rows.
    listing = client.get(reverse("wagtail_employer_surveyresult_modeladmin_index"), {"q": "Team"})
    assert f"/edit/{team.pk}/" not in listing.content.decode()
    assert f"/edit/{health.pk}/" not in listing.content.decode()  # not searched for

    user.groups.add(Group.objects.create(name="HR"))
    assert edit(team).status_code == 200
