"""What each demo login can open and export: the README's table of demo logins, checked.

Each row of ``CAN_OPEN`` is an address and the logins that open it (status 200); every
other login is refused (403, 404, or a redirect away from it). The exports are checked for
what they contain: HR's survey export has the scores that the anonymity rule hides from
everyone else, and the agreement export lists every agreement.
"""

import csv
import io

import pytest
import zeal
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import VERSION as WAGTAIL_VERSION

from home.demo.users import DEMO_LOGINS
from wagtail_employer.models import LeaderAgreementPage, OrganisationUnit, Survey

pytestmark = pytest.mark.django_db

LOGINS = [login.username for login in DEMO_LOGINS]
EVERYONE = set(LOGINS)
HR = {"admin", "hr"}


def agreement(unit_code):
    return LeaderAgreementPage.objects.get(unit__code=unit_code)


def survey_export():
    survey = Survey.objects.get(name="10-FAKTOR 2024")
    return reverse("wagtail_employer:export_survey_results", args=[survey.pk, "csv"])


def values_page_edit():
    from wagtail.models import Page

    return reverse(
        "wagtailadmin_pages:edit", args=[Page.objects.get(url_path__endswith="/verdiene-vare/").pk]
    )


# (what, address, the logins that open it)
CAN_OPEN = [
    ("the intranet", lambda: "/", EVERYONE),
    ("the admin", lambda: "/admin/", EVERYONE),
    ("Liv Leder's agreement", lambda: agreement("HO-SYK").url, HR | {"leder", "kommunalsjef"}),
    ("Kåre Kommunalsjef's agreement", lambda: agreement("HO").url, HR | {"kommunalsjef"}),
    ("Siri Skoleleder's agreement", lambda: agreement("OPP-MYK").url, HR | {"leder2"}),
    (
        "editing Kåre's draft",
        lambda: reverse("wagtailadmin_pages:edit", args=[agreement("HO").pk]),
        HR | {"kommunalsjef"},
    ),
    (
        "editing Siri's draft",
        lambda: reverse("wagtailadmin_pages:edit", args=[agreement("OPP-MYK").pk]),
        HR | {"leder2"},
    ),
    # Signed: read-only to everyone but HR.
    (
        "editing Liv's signed agreement",
        lambda: reverse("wagtailadmin_pages:edit", args=[agreement("HO-SYK").pk]),
        HR,
    ),
    # Wagtail's history opens to those who may edit or publish: a signed agreement's is HR's.
    # Wagtail 7 also asks for some group page permission first, which leaders do not hold.
    (
        "Kåre's draft's history",
        lambda: reverse("wagtailadmin_pages:history", args=[agreement("HO").pk]),
        HR | ({"kommunalsjef"} if WAGTAIL_VERSION >= (8,) else set()),
    ),
    (
        "Liv's signed agreement's history",
        lambda: reverse("wagtailadmin_pages:history", args=[agreement("HO-SYK").pk]),
        HR,
    ),
    (
        "signing Kåre's draft",
        lambda: reverse("wagtail_employer:agreement_sign", args=[agreement("HO").pk]),
        HR,
    ),
    ("editing the values page", values_page_edit, {"admin", "redaktor"}),
    (
        "creating an agreement",
        lambda: reverse("wagtail_employer:agreement_create"),
        HR | {"leder", "kommunalsjef", "leder2"},
    ),
    (
        "the HR overview of agreements",
        lambda: reverse("wagtail_employer_leaderagreementpage_modeladmin_index"),
        HR,
    ),
    (
        "the agreements export",
        lambda: reverse("wagtail_employer:export_agreements", args=["csv"]),
        HR,
    ),
    ("the survey export", survey_export, HR),
    (
        "read confirmations",
        lambda: reverse("wagtail_employer:read_confirmations"),
        HR | {"leder", "kommunalsjef", "leder2"},
    ),
    ("policies due for review", lambda: reverse("wagtail_employer:policy_reviews"), HR),
]


@pytest.mark.parametrize("username", LOGINS)
def test_each_demo_login_opens_what_the_readme_says(client, loaded_demo, username):
    client.force_login(get_user_model().objects.get(username=username))
    with zeal.zeal_ignore():  # the test's own look-ups, one address after another
        addresses = [(what, address()) for what, address, _logins in CAN_OPEN]
    opened = {}
    for what, address in addresses:
        response = client.get(address)
        opened[what] = response.status_code
        if response.status_code == 302:
            # Wagtail's admin sends a refused editor back to the dashboard.
            assert "login" not in response["Location"], what
    expected = {what: username in logins for what, _address, logins in CAN_OPEN}
    assert {what: status == 200 for what, status in opened.items()} == expected
    for what, status in opened.items():
        assert status in (200, 302, 403, 404), (what, status)


@pytest.mark.parametrize("username", LOGINS)
def test_my_agreements_lists_the_agreements_each_login_manages(client, loaded_demo, username):
    managed = {
        "admin": {"HO-SYK", "HO", "OPP-MYK"},
        "hr": {"HO-SYK", "HO", "OPP-MYK"},
        "leder": {"HO-SYK"},
        "kommunalsjef": {"HO-SYK", "HO"},
        "leder2": {"OPP-MYK"},
        "redaktor": set(),
        "ansatt": set(),
    }[username]
    client.force_login(get_user_model().objects.get(username=username))
    content = client.get(reverse("wagtail_employer:my_agreements")).content.decode()
    menu = client.get("/admin/").content.decode()
    for code in ("HO-SYK", "HO", "OPP-MYK"):
        unit = OrganisationUnit.objects.get(code=code)
        assert (f"<td>{unit.name} (" in content) == (code in managed), code
    assert (reverse("wagtail_employer:my_agreements") in menu) == bool(managed)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_hr_exports_survey_results_without_suppression(client, loaded_demo):
    """Avdeling B (2 answers) is hidden from readers; HR's export has its scores."""
    client.force_login(get_user_model().objects.get(username="hr"))
    rows = csv_rows(client.get(survey_export()))
    header, body = rows[0], rows[1:]
    score = header.index("score")
    dimension = header.index("dimension")
    avdeling_b = [row for row in body if row[0] == "HO-SYK-B" and row[dimension]]
    assert avdeling_b and all(row[score] for row in avdeling_b)


def test_hr_exports_every_agreement(client, loaded_demo):
    client.force_login(get_user_model().objects.get(username="hr"))
    export = client.get(reverse("wagtail_employer:export_agreements", args=["csv"]))
    text = export.content.decode("utf-8-sig")
    for unit_name in ("Sykehjemmet", "Helse og omsorg", "Myklerud skole"):
        assert unit_name in text
