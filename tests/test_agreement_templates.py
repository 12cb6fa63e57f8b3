"""Versions of the leader agreement template: a new version links to the one it came
from, only one version is in use on any day, and next year's agreement is built on the
version in use for the new period, with the parties' own parts carried over."""

import copy
import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text

from wagtail_employer.blocks.agreement_parts import follow_period
from wagtail_employer.blocks.agreements import AgreementStreamBlock
from wagtail_employer.models import (
    AccessLevel,
    AgreementTemplate,
    AgreementTemplateStatus,
    LeaderAgreementPage,
)
from wagtail_employer.viewsets import agreement_template_viewset

from .agreement_helpers import (
    SECRET_GOAL,
    block_form_data,
    filled_in_body,
    make_template,
)
from .conftest import use_admin_language

pytestmark = pytest.mark.django_db

CENTRAL_GOAL = "Sykefraværet i kommunen skal ned med ett prosentpoeng"


@pytest.fixture
def template_2012(db):
    template = make_template(valid_to=datetime.date(2012, 12, 31))
    body = copy.deepcopy(list(template.body.raw_data))
    milestones = next(section for section in body if section["type"] == "milestones")
    milestones["value"]["heading"] = "Milepelsplan for lederavtaler 2012"
    template.body = body
    template.save()
    return template


def as_user(client, user):
    use_admin_language(user, "en")
    client.force_login(user)
    return client


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def url(name, *args):
    return reverse(agreement_template_viewset.get_url_name(name), args=args)


def template_form_data(template, **changes):
    fields = {
        "name": template.name,
        "version": template.version,
        "valid_from": template.valid_from.isoformat(),
        "valid_to": template.valid_to.isoformat() if template.valid_to else "",
        "status": template.status,
        "intro": rich_text(template.intro),
        "body": block_form_data(AgreementStreamBlock(), template.body),
    }
    fields.update(changes)
    return nested_form_data(fields)


def test_hr_starts_a_new_version_linked_to_the_previous(client, people, template_2012):
    as_user(client, people["hr"])
    edit = client.get(url("edit", template_2012.pk))
    assert url("new_version", template_2012.pk) in edit.content.decode()
    assert "Start a new version" in text_of(client.get(url("new_version", template_2012.pk)))

    response = client.post(url("new_version", template_2012.pk))

    version = AgreementTemplate.objects.get(previous_version=template_2012)
    assert response.status_code == 302
    assert response.url == url("edit", version.pk)
    assert version.version == "2012.2"
    assert version.status == AgreementTemplateStatus.DRAFT
    assert version.valid_from == datetime.date(2013, 1, 1)
    assert [c.value["heading"] for c in version.body] == [
        c.value["heading"] for c in template_2012.body
    ]
    assert {c.id for c in version.body}.isdisjoint({c.id for c in template_2012.body})
    listing = text_of(client.get(url("list")))
    assert "Lederavtale for Nesodden kommune (2012.1)" in listing  # the previous version


def test_only_those_who_may_add_templates_start_versions(client, people, template_2012):
    as_user(client, people["leader"])
    assert client.post(url("new_version", template_2012.pk)).status_code == 403
    assert not AgreementTemplate.objects.filter(previous_version=template_2012).exists()


def test_two_versions_in_use_on_the_same_day_are_refused(client, people, template_2012):
    as_user(client, people["hr"])
    version = template_2012.start_new_version()

    response = client.post(
        url("edit", version.pk),
        template_form_data(version, valid_from="2012-07-01", status="active"),
    )

    assert response.status_code == 200
    assert (
        "Lederavtale for Nesodden kommune (2012.1) is in use from 01/01/2012 to 12/31/2012, "
        "which overlaps this period" in text_of(response)
    )
    version.refresh_from_db()
    assert version.status == AgreementTemplateStatus.DRAFT

    response = client.post(
        url("edit", version.pk),
        template_form_data(version, valid_from="2013-01-01", status="active"),
    )
    assert response.status_code == 302, text_of(response)
    assert list(AgreementTemplate.objects.in_use_on(datetime.date(2012, 12, 31))) == [template_2012]
    assert list(AgreementTemplate.objects.in_use_on(datetime.date(2013, 1, 1))) == [version]


def test_an_open_ended_version_overlaps_every_later_one(people, template_2012):
    template_2012.valid_to = None
    template_2012.save()
    version = template_2012.start_new_version()
    version.status = AgreementTemplateStatus.ACTIVE
    with translation.override("en"), pytest.raises(ValidationError, match="with no end"):
        version.full_clean()
    version.status = AgreementTemplateStatus.DRAFT
    version.full_clean()  # drafts may overlap


def agreement_for_2012(people, unit_tree, index, template):
    page = LeaderAgreementPage(
        title="Lederavtale 2012: Sykehjem (Kari Nordmann)",
        slug="lederavtale-2012",
        leader=people["leader"],
        unit=unit_tree["nursing_home"],
        period_start=datetime.date(2012, 1, 1),
        period_end=datetime.date(2012, 12, 31),
        access_level=AccessLevel.PRIVATE,
        agreement_template=template,
    )
    page.copy_from_template(template)
    index.add_child(instance=page)
    body = filled_in_body(page)
    delegation = next(section for section in body if section["type"] == "delegation")
    delegation["value"]["rows"][0]["value"]["note"] = "Avtalt med kommunalsjefen"
    page.body = body
    page.save_revision(user=people["hr"]).publish()
    return page


def version_2013(template_2012):
    """The 2013 version: a new central goal and one authority more; HR forgot to change
    the year in the milestone plan's heading."""
    version = template_2012.start_new_version()
    body = copy.deepcopy(list(version.body.raw_data))
    economy = body[0]["value"]
    economy["scope"] = "overall"
    economy["goals"] = [
        {
            "type": "item",
            "id": "central",
            "value": {
                "goal": CENTRAL_GOAL,
                "horizon": "year",
                "result_requirement": "",
                "indicators": [],
            },
        }
    ]
    delegation = next(section for section in body if section["type"] == "delegation")
    delegation["value"]["rows"].append(
        {
            "type": "item",
            "id": "new-row",
            "value": {"authority": "Inngå leieavtaler", "delegated": "no", "note": ""},
        }
    )
    version.body = body
    version.status = AgreementTemplateStatus.ACTIVE
    version.save()
    template_2012.status = AgreementTemplateStatus.RETIRED
    template_2012.save()
    return version


def test_next_year_uses_the_version_in_use_and_carries_the_local_parts_over(
    client, people, unit_tree, index, template_2012
):
    agreement = agreement_for_2012(people, unit_tree, index, template_2012)
    version = version_2013(template_2012)
    as_user(client, people["hr"])
    next_year_url = reverse("wagtail_employer:agreement_next_year", args=[agreement.pk])

    page = text_of(client.get(next_year_url))
    assert "on Lederavtale for Nesodden kommune (2012.2), the template version in use" in page
    assert "Changed: the central goals in “1 Økonomi”" in page
    assert "Changed: the list of authorities in “Økonomiansvar” (added or removed)" in page

    response = client.post(next_year_url)

    assert response.status_code == 302, text_of(response)
    new = LeaderAgreementPage.objects.get(period_start=datetime.date(2013, 1, 1))
    assert new.agreement_template == version
    raw = new.body.raw_data
    headings = [section["value"]["heading"] for section in raw]
    assert "Milepelsplan for lederavtaler 2013" in headings
    goals = {
        section["value"]["heading"]: [goal["value"]["goal"] for goal in section["value"]["goals"]]
        for section in raw
        if section["type"] == "perspective"
    }
    assert goals == {"1 Økonomi": [CENTRAL_GOAL], "2 Tjeneste og brukere": [SECRET_GOAL]}
    rows = next(section for section in raw if section["type"] == "delegation")["value"]["rows"]
    assert [row["value"]["authority"] for row in rows][-1] == "Inngå leieavtaler"
    assert rows[0]["value"]["note"] == "Avtalt med kommunalsjefen"
    assert new.title == "Lederavtale 2013: Sykehjem (Kari Nordmann)"  # the site's language


def test_next_year_is_refused_when_no_version_is_in_use(
    client, people, unit_tree, index, template_2012
):
    agreement = agreement_for_2012(people, unit_tree, index, template_2012)
    as_user(client, people["hr"])
    next_year_url = reverse("wagtail_employer:agreement_next_year", args=[agreement.pk])
    message = "No version of the agreement template is in use on 01/01/2013."
    assert message in text_of(client.get(next_year_url))

    response = client.post(next_year_url)

    assert response.status_code == 200
    assert message in text_of(response)
    assert not LeaderAgreementPage.objects.filter(period_start__year=2013).exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Milepelsplan 2012", "Milepelsplan 2013"),
        ("Mål for perioden 2012–2013", "Mål for perioden 2013–2014"),
        ("Kommunens 2000-talsplan", "Kommunens 2000-talsplan"),
        ("Uten årstall", "Uten årstall"),
    ],
)
def test_headings_follow_the_period(text, expected):
    if "–" in text:
        old = (datetime.date(2012, 1, 1), datetime.date(2013, 12, 31))
        new = (datetime.date(2013, 1, 1), datetime.date(2014, 12, 31))
    else:
        old = (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31))
        new = (datetime.date(2013, 1, 1), datetime.date(2013, 12, 31))
    assert follow_period(text, old, new) == expected
