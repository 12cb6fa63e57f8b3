"""HR's overview of leader agreements: signed, not signed or none per unit for a period,
leader changes (ending an agreement early, starting one for the new leader) and the
export."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_employer.models import (
    AccessLevel,
    AgreementEnding,
    AgreementStatus,
    LeaderAgreementPage,
)

from .agreement_helpers import SECRET_GOAL, filled_in_body, make_template
from .conftest import use_admin_language

pytestmark = pytest.mark.django_db

OVERVIEW = "wagtail_employer_leaderagreementpage_modeladmin_index"
YEAR_2012 = (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31))


def agreement(index, template, unit, leader, hr, status=AgreementStatus.DRAFT):
    page = LeaderAgreementPage(
        leader=leader,
        unit=unit,
        period_start=YEAR_2012[0],
        period_end=YEAR_2012[1],
        access_level=AccessLevel.PRIVATE,
        status=status,
        agreement_template=template,
    )
    page.copy_from_template(template)
    page.locale = index.locale
    page.title = page.generated_title()
    index.add_child(instance=page)
    page.body = filled_in_body(page)
    if status == AgreementStatus.SIGNED:
        page.signed_at = datetime.datetime(2012, 6, 28, 12, 0, tzinfo=datetime.UTC)
        page.signed_by = hr
    page.save_revision(user=hr).publish()
    return page


@pytest.fixture
def agreements(people, unit_tree, index):
    template = make_template()
    return {
        "nursing_home": agreement(
            index,
            template,
            unit_tree["nursing_home"],
            people["leader"],
            people["hr"],
            status=AgreementStatus.SIGNED,
        ),
        "school": agreement(
            index, template, unit_tree["school"], people["other_leader"], people["hr"]
        ),
    }


def as_hr(client, people, language="en"):
    use_admin_language(people["hr"], language)
    client.force_login(people["hr"])
    return client


def coverage_table(response):
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("#we-unit-coverage").find_parent("section")
    return {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.select("td")]
        for row in section.select("tbody tr")
    }


def test_the_overview_shows_signed_unsigned_and_none_per_unit(client, people, agreements):
    as_hr(client, people)

    table = coverage_table(client.get(reverse(OVERVIEW)))

    assert {unit: cells[2] for unit, cells in table.items()} == {
        "Helse og omsorg": "No agreement",
        "Sykehjem": "Signed",
        "Oppvekst": "No agreement",
        "Myklerud skole": "Not signed",
    }
    missing = client.get(reverse(OVERVIEW), {"coverage": "missing"})
    assert list(coverage_table(missing)) == ["Helse og omsorg", "Oppvekst", "Myklerud skole"]
    soup = BeautifulSoup(missing.content, "html.parser")
    assert "Units without a signed agreement for 2012" in soup.get_text()
    listed = [
        row.select("td")[1].get_text(strip=True) for row in soup.select(".result-list tbody tr")
    ]
    assert listed == ["Rita Rektor"]  # the signed agreement is filtered out too


def test_a_leader_change_leaves_the_unit_without_an_agreement_until_the_new_leader_has_one(
    client, people, unit_tree, agreements
):
    nursing_home = unit_tree["nursing_home"]
    nursing_home.leader = people["staff"]  # Anne Ansatt takes over
    nursing_home.save()
    as_hr(client, people)
    old = agreements["nursing_home"]

    cells = coverage_table(client.get(reverse(OVERVIEW)))["Sykehjem"]
    assert cells[1] == "Anne Ansatt" and cells[2] == "No agreement"
    assert (
        "The agreement of Kari Nordmann, who no longer leads the unit, is still running" in cells[3]
    )

    end_url = reverse("wagtail_employer:agreement_end", args=[old.pk])
    refused = client.post(end_url, {"ended_on": "2013-01-15", "note": "Ny jobb"})
    refusal = BeautifulSoup(refused.content, "html.parser").get_text(" ", strip=True)
    assert "The last day must be within the agreement's period, 2012." in refusal
    response = client.post(end_url, {"ended_on": "2012-06-30", "note": "Kari ble kommunalsjef"})
    assert response.status_code == 302
    ending = AgreementEnding.objects.get(agreement=old)
    assert (ending.ended_on, ending.note, ending.ended_by) == (
        datetime.date(2012, 6, 30),
        "Kari ble kommunalsjef",
        people["hr"],
    )
    cells = coverage_table(client.get(reverse(OVERVIEW)))["Sykehjem"]
    assert "The agreement of Kari Nordmann ended on 06/30/2012." in cells[3]

    hand_over = reverse("wagtail_employer:agreement_hand_over", args=[old.pk])
    form = BeautifulSoup(client.get(hand_over).content, "html.parser")
    assert form.find("input", attrs={"name": "period_start"})["value"] == "2012-07-01"
    response = client.post(hand_over, {"period_start": "2012-07-01"})

    assert response.status_code == 302
    new = LeaderAgreementPage.objects.get(leader=people["staff"])
    assert (new.period_start, new.period_end) == (datetime.date(2012, 7, 1), YEAR_2012[1])
    assert new.title == "Lederavtale 01.07.2012–31.12.2012: Sykehjem (Anne Ansatt)"
    assert new.status == AgreementStatus.DRAFT
    assert SECRET_GOAL in str(new.body.raw_data)  # the local goals, carried over
    assert coverage_table(client.get(reverse(OVERVIEW)))["Sykehjem"][2] == "Not signed"


def test_only_hr_ends_or_hands_over_an_agreement(client, people, unit_tree, agreements):
    old = agreements["nursing_home"]
    for person in ("leader", "superior"):
        use_admin_language(people[person], "en")
        client.force_login(people[person])
        for name in ("agreement_end", "agreement_hand_over"):
            response = client.post(
                reverse(f"wagtail_employer:{name}", args=[old.pk]),
                {"ended_on": "2012-06-30", "note": "x", "period_start": "2012-07-01"},
            )
            assert response.status_code == 403
    assert not AgreementEnding.objects.exists()
    assert LeaderAgreementPage.objects.count() == 2


def test_the_export_speaks_the_readers_language_with_real_dates_and_the_missing_units(
    client, people, agreements
):
    as_hr(client, people, language="nb")

    response = client.get(reverse("wagtail_employer:export_agreements", args=["xlsx"]))

    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Lederavtaler"
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Periode", "Periodestart", "Periodeslutt", "Enhetskode")
    by_unit = {row[4]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_unit) == {"Sykehjem", "Myklerud skole", "Helse og omsorg", "Oppvekst"}
    signed = by_unit["Sykehjem"]
    assert signed["Periodestart"] == datetime.datetime(2012, 1, 1)
    assert signed["Status"] == "Signert"
    assert signed["Signeringstidspunkt"] == datetime.datetime(2012, 6, 28, 14, 0)  # Oslo time
    assert signed["Hvem kan lese den"].startswith("Privat")
    assert by_unit["Myklerud skole"]["Status"] == "Utkast"
    assert by_unit["Oppvekst"]["Status"] == "Ingen avtale"

    csv = client.get(reverse("wagtail_employer:export_agreements", args=["csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Periode,Periodestart,Periodeslutt,Enhetskode,Enhet,Sektor,Leder")
    assert any(",2012-01-01,2012-12-31,OPP,Oppvekst," in line for line in lines)
