"""The policy lifecycle on a values page: owner, contact and review date, the "what changed"
log, staff's read confirmation per version, and HR's and leaders' reports."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from wagtail_employer.models import ReadConfirmation, UnitMembership, ValuesPage

from .conftest import use_admin_language
from .test_values import make_value_set

pytestmark = pytest.mark.django_db

READ_CONFIRMATIONS = "wagtail_employer:read_confirmations"
POLICY_REVIEWS = "wagtail_employer:policy_reviews"


def change(summary, significant=False, on=datetime.date(2026, 11, 1)):
    return ("change", {"changed_on": on, "summary": summary, "significant": significant})


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def policy_page(home_page, admin_user):
    page = ValuesPage(
        title="Verdiene våre",
        slug="verdiene-vare",
        value_set=make_value_set(),
        content_owner=admin_user,
        contact="HR-avdelingen, hr@grue.kommune.invalid",
        next_review_on=datetime.date(2036, 6, 1),
        asks_for_read_confirmation=True,
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def staff(django_user_model, unit_tree):
    def make(username, unit, first_name, last_name):
        user = django_user_model.objects.create_user(
            username=username, password="password", first_name=first_name, last_name=last_name
        )
        UnitMembership.objects.create(user=user, unit=unit_tree[unit])
        return user

    return {
        "kari": make("kari", "nursing_home", "Kari", "Nordmann"),
        "ola": make("ola", "team", "Ola", "Hansen"),
        "per": make("per", "school", "Per", "Lærer"),
    }


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def section_text(response, selector):
    element = soup(response).select_one(selector)
    return element.get_text(" ", strip=True) if element else ""


def test_staff_confirm_they_have_read_the_current_version(client, policy_page, staff):
    client.force_login(staff["kari"])
    page = client.get("/verdiene-vare/")
    form = soup(page).select_one("#we-read-confirmation form")
    assert form["action"] == "/verdiene-vare/read/"
    assert form.button.get_text(strip=True) == "Jeg har lest dette"

    response = client.post(form["action"])
    assert response.status_code == 302
    assert response["Location"] == "/verdiene-vare/#we-read-confirmation"
    confirmation = ReadConfirmation.objects.get(user=staff["kari"], page=policy_page)
    assert confirmation.version == 1
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert (
        section_text(client.get("/verdiene-vare/"), "#we-read-confirmation")
        == f"Lesebekreftelse Du bekreftet {today} at du har lest versjon 1."
    )
    client.post(form["action"])
    assert ReadConfirmation.objects.filter(user=staff["kari"]).count() == 1


def test_a_significant_change_asks_again_and_a_minor_one_does_not(client, policy_page, staff):
    client.force_login(staff["kari"])
    client.post("/verdiene-vare/read/")

    publish(policy_page, change_log=[change("Rettet en skrivefeil i Likeverd.")])
    assert "Du bekreftet" in section_text(client.get("/verdiene-vare/"), "#we-read-confirmation")

    publish(
        policy_page,
        change_log=[
            change("Ny verdi: Åpenhet.", significant=True, on=datetime.date(2026, 11, 20)),
            change("Rettet en skrivefeil i Likeverd."),
        ],
    )
    page = client.get("/verdiene-vare/")
    assert section_text(page, "#we-read-confirmation") == (
        "Lesebekreftelse Retningslinjen er vesentlig endret siden du bekreftet versjon 1. "
        "Les den igjen. Jeg har lest dette"
    )
    changes = soup(page).select_one(".we-policy-changes")
    assert changes.h2.get_text() == "Hva er endret"
    assert [item.get_text() for item in changes("li")] == [
        "20.11.2026: Ny verdi: Åpenhet. (vesentlig endring)",
        "01.11.2026: Rettet en skrivefeil i Likeverd.",
    ]
    client.post("/verdiene-vare/read/")
    assert list(
        ReadConfirmation.objects.filter(user=staff["kari"]).values_list("version", flat=True)
    ) == [1, 2]


def test_anonymous_readers_are_asked_to_log_in_and_nothing_is_stored(client, policy_page):
    page = client.get("/verdiene-vare/")
    link = soup(page).select_one("#we-read-confirmation a")
    assert link["href"] == "/admin/login/?next=%2Fverdiene-vare%2F"
    response = client.post("/verdiene-vare/read/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not ReadConfirmation.objects.exists()


def test_confirming_needs_a_post(client, policy_page, staff):
    client.force_login(staff["kari"])
    assert client.get("/verdiene-vare/read/").status_code == 405
    assert not ReadConfirmation.objects.exists()


def test_owner_contact_and_review_date_are_shown(client, policy_page):
    assert section_text(client.get("/verdiene-vare/"), ".we-policy-facts") == (
        "Innholdsansvarlig admin Kontakt HR-avdelingen, hr@grue.kommune.invalid "
        "Neste revisjon 01.06.2036"
    )


def test_a_page_that_does_not_ask_shows_no_confirmation(client, policy_page):
    publish(policy_page, asks_for_read_confirmation=False)
    assert not soup(client.get("/verdiene-vare/")).select("#we-read-confirmation")


def test_editor_sets_the_lifecycle_on_the_policy_tab(admin_user_client, policy_page, admin_user):
    response = admin_user_client.post(
        reverse("wagtailadmin_pages:edit", args=[policy_page.pk]),
        nested_form_data(
            {
                "title": policy_page.title,
                "slug": policy_page.slug,
                "intro": rich_text(""),
                "value_set": policy_page.value_set_id,
                "body": streamfield([]),
                "content_owner": admin_user.pk,
                "contact": "Personalsjefen",
                "next_review_on": "2027-01-15",
                "asks_for_read_confirmation": "on",
                "change_log": streamfield(
                    [
                        (
                            "change",
                            {
                                "changed_on": "2026-11-22",
                                "summary": "Vedtatt på nytt.",
                                "significant": "on",
                            },
                        )
                    ]
                ),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302
    page = ValuesPage.objects.get(pk=policy_page.pk)
    assert page.contact == "Personalsjefen"
    assert page.next_review_on == datetime.date(2027, 1, 15)
    assert page.policy_version == 2


@pytest.fixture
def hr_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="hr", password="password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(Group.objects.get_or_create(name="HR")[0])
    use_admin_language(user, "en")
    client.force_login(user)
    return client


def report_rows(response):
    rows = []
    for row in soup(response).select("table tbody tr"):
        rows.append([cell.get_text(" ", strip=True) for cell in row.find_all("td")])
    return rows


def test_hr_sees_who_has_and_has_not_confirmed_per_unit(
    hr_client, client, policy_page, staff, unit_tree
):
    ReadConfirmation.objects.create(page=policy_page, user=staff["kari"], version=1)
    response = hr_client.get(reverse(READ_CONFIRMATIONS))
    assert response.status_code == 200
    rows = report_rows(response)
    assert [row[:3] for row in rows] == [
        ["Kari Nordmann", "Sykehjem", "Confirmed"],
        ["Ola Hansen", "Team A", "Not confirmed"],
        ["Per Lærer", "Myklerud skole", "Not confirmed"],
    ]
    within_health = hr_client.get(
        reverse(READ_CONFIRMATIONS),
        {"policy": policy_page.pk, "unit": unit_tree["health"].pk, "status": "missing"},
    )
    assert [row[0] for row in report_rows(within_health)] == ["Ola Hansen"]


def test_after_a_significant_change_hr_sees_who_must_confirm_again(hr_client, policy_page, staff):
    reader = Client()  # hr_client is pytest-django's client, logged in as HR
    for person in ("kari", "per"):
        reader.force_login(staff[person])
        reader.post("/verdiene-vare/read/")
    publish(policy_page, change_log=[change("Ny verdi: Åpenhet.", significant=True)])
    reader.force_login(staff["kari"])
    reader.post("/verdiene-vare/read/")

    rows = report_rows(hr_client.get(reverse(READ_CONFIRMATIONS), {"policy": policy_page.pk}))
    assert [row[:3] for row in rows] == [
        ["Kari Nordmann", "Sykehjem", "Confirmed"],
        ["Ola Hansen", "Team A", "Not confirmed"],
        ["Per Lærer", "Myklerud skole", "Not confirmed"],
    ]
    export = hr_client.get(reverse(READ_CONFIRMATIONS), {"export": "csv"})
    exported = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert {row[3] for row in exported[1:]} == {"2"}


def test_hr_exports_the_read_confirmations(hr_client, policy_page, staff):
    ReadConfirmation.objects.create(page=policy_page, user=staff["per"], version=1)
    response = hr_client.get(reverse(READ_CONFIRMATIONS), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Staff member", "Unit", "Policy", "Version", "Status", "Confirmed at"]
    assert [row[:5] for row in rows[1:]] == [
        ["Kari Nordmann", "Sykehjem", "Verdiene våre", "1", "Not confirmed"],
        ["Ola Hansen", "Team A", "Verdiene våre", "1", "Not confirmed"],
        ["Per Lærer", "Myklerud skole", "Verdiene våre", "1", "Confirmed"],
    ]


def test_a_leader_sees_only_their_own_units(
    client, policy_page, staff, unit_tree, django_user_model
):
    leader = django_user_model.objects.create_user(username="leder", password="password")
    leader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    unit_tree["nursing_home"].leader = leader
    unit_tree["nursing_home"].save()
    use_admin_language(leader, "en")
    client.force_login(leader)
    response = client.get(reverse(READ_CONFIRMATIONS))
    assert [row[0] for row in report_rows(response)] == ["Kari Nordmann", "Ola Hansen"]
    outside = client.get(reverse(READ_CONFIRMATIONS), {"unit": unit_tree["school"].pk})
    assert "Per Lærer" not in outside.content.decode()


def test_staff_without_a_role_cannot_see_the_reports(client, policy_page, django_user_model):
    user = django_user_model.objects.create_user(username="ansatt", password="password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (reverse(READ_CONFIRMATIONS), reverse(POLICY_REVIEWS)):
        # Wagtail's admin answers PermissionDenied with a redirect to its dashboard.
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "read-confirmations" not in menu


def test_hr_lists_policies_past_their_review_date(hr_client, policy_page, home_page):
    overdue = ValuesPage(
        title="Gamle verdier",
        slug="gamle-verdier",
        value_set=policy_page.value_set,
        next_review_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    home_page.add_child(instance=overdue)
    due_today = ValuesPage(
        title="Verdier i dag",
        slug="verdier-i-dag",
        value_set=policy_page.value_set,
        next_review_on=timezone.localdate(),
    )
    home_page.add_child(instance=due_today)
    response = hr_client.get(reverse(POLICY_REVIEWS))
    titles = [row[0] for row in report_rows(response)]
    assert titles == ["Gamle verdier", "Verdier i dag"]
    export = hr_client.get(reverse(POLICY_REVIEWS), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [row[0] for row in rows] == ["Policy", "Gamle verdier", "Verdier i dag"]
