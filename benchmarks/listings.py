"""Admin listings with a thousand units: HR's overview of leader agreements and the
read-confirmation report, each measured with few rows and with many rows shown (queries
of one request, median ms of uncached requests). Their queries must not depend on the
number of rows."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from benchmarks.organisation import place_staff
from benchmarks.timing import page_figures
from wagtail_employer.models import (
    AgreementTemplate,
    LeaderAgreementIndexPage,
    LeaderAgreementPage,
    ReadConfirmation,
    UnitKind,
    ValuesPage,
)
from wagtail_employer.views.agreements import add_agreement

FEW, MANY = 5, 50
PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def hr_client():
    """Logged in as the demo's HR user (a member of the HR group, not a superuser)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="hr"))
    return client


def add_agreements(units, count, hr_user):
    index = LeaderAgreementIndexPage.objects.first()
    template = AgreementTemplate.objects.first()
    for unit in itertools.islice(units, count):
        agreement = LeaderAgreementPage(
            leader=unit.leader,
            unit=unit,
            period_start=PERIOD[0],
            period_end=PERIOD[1],
            access_level="private",
        )
        agreement.copy_from_template(template)
        add_agreement(index, agreement, hr_user)


def measure_hr_overview(units, leaders):
    client = hr_client()
    hr_user = get_user_model().objects.get(username="hr")
    led = iter(
        unit
        for unit in units
        if unit.kind in (UnitKind.SECTOR, UnitKind.UNIT) and unit.pk in leaders
    )
    url = (
        reverse("wagtail_employer_leaderagreementpage_modeladmin_index")
        + f"?period={PERIOD[0].isoformat()}_{PERIOD[1].isoformat()}"
    )
    add_agreements(led, FEW, hr_user)
    few = page_figures(client, url)
    add_agreements(led, MANY - FEW, hr_user)
    many = page_figures(client, url)
    shown = LeaderAgreementPage.objects.filter(period_start=PERIOD[0]).count()
    assert shown == MANY, shown
    return {"few": {"rows": FEW, **few}, "many": {"rows": MANY, **many}}


def measure_read_confirmations(units):
    client = hr_client()
    policy = ValuesPage.objects.live().first()
    policy.asks_for_read_confirmation = True
    policy.save_revision().publish()
    url = reverse("wagtail_employer:read_confirmations") + f"?policy={policy.pk}"

    def confirm_every_other(staff):
        ReadConfirmation.objects.bulk_create(
            ReadConfirmation(page_id=policy.pk, user=user, version=policy.policy_version)
            for user in staff[::2]
        )

    # The demo places nobody, so the rows shown are exactly these.
    staff = place_staff(units, FEW, prefix="lest-a")
    confirm_every_other(staff)
    few = page_figures(client, url)
    staff = place_staff(units[FEW:], MANY - FEW, prefix="lest-b")
    confirm_every_other(staff)
    many = page_figures(client, url)
    return {"few": {"rows": FEW, **few}, "many": {"rows": MANY, **many}}


def measure_listings(units, leaders):
    return {
        "hr_overview": measure_hr_overview(units, leaders),
        "read_confirmations": measure_read_confirmations(units),
    }
