"""Rights per part of a leader agreement: the leader and the superior fill in their own
parts; every change to a part HR owns is refused on the server, naming the part, however
the form was posted. HR may change them all."""

import copy
import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from wagtail_employer.models import AccessLevel, LeaderAgreementPage

from .agreement_helpers import (
    SECRET_GOAL,
    agreement_form_data,
    filled_in_body,
    make_template,
)
from .conftest import use_admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(client, people, unit_tree, index):
    """Liv's draft agreement, made by HR from the template, with a centrally set goal."""
    template = make_template()
    body = copy.deepcopy(template.body.raw_data)
    body[0]["value"]["scope"] = "overall"
    body[0]["value"]["goals"] = [
        {
            "type": "item",
            "id": "central-goal",
            "value": {
                "goal": "Sektoren drives innenfor rammen",
                "horizon": "year",
                "result_requirement": "Balanse",
                "indicators": [],
            },
        }
    ]
    page = LeaderAgreementPage(
        title="Lederavtale 2012: Sykehjem (Kari Nordmann)",
        slug="lederavtale-2012-sykehjem",
        leader=people["leader"],
        unit=unit_tree["nursing_home"],
        period_start=datetime.date(2012, 1, 1),
        period_end=datetime.date(2012, 12, 31),
        access_level=AccessLevel.PRIVATE,
        agreement_template=template,
        body=body,
    )
    index.add_child(instance=page)
    page.save_revision(user=people["hr"]).publish()
    return page


def post_edit(client, user, agreement, body=None, **changes):
    use_admin_language(user, "en")
    client.force_login(user)
    latest = agreement.get_latest_revision_as_object()
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[agreement.pk]),
        agreement_form_data(latest, body=body, action="", **changes),
    )


def errors_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.get_text(" ", strip=True)


def raw_body(agreement):
    agreement.refresh_from_db()
    return copy.deepcopy(list(agreement.get_latest_revision_as_object().body.raw_data))


def section(body, block_type, heading_start=""):
    return next(
        child
        for child in body
        if child["type"] == block_type and child["value"]["heading"].startswith(heading_start)
    )


def change_heading(body):
    section(body, "perspective", "2")["value"]["heading"] = "2 Noe annet"


def change_intro(body):
    section(body, "perspective", "2")["value"]["intro"] = "<p>Ny innledning</p>"


def untick_required(body):
    section(body, "personal_development")["value"]["required_before_signing"] = False


def change_scope(body):
    section(body, "perspective", "2")["value"]["scope"] = "overall"


def edit_central_goal(body):
    goal = section(body, "perspective", "1")["value"]["goals"][0]["value"]
    goal["goal"] = "Sektoren kan gå med underskudd"


def delete_central_goal(body):
    section(body, "perspective", "1")["value"]["goals"] = []


def undelegate(body):
    section(body, "delegation")["value"]["rows"][0]["value"]["delegated"] = "no"


def rename_authority(body):
    section(body, "delegation")["value"]["rows"][1]["value"]["authority"] = "Ansette ledere"


def delete_authority(body):
    del section(body, "delegation")["value"]["rows"][1]


def delete_section(body):
    body.remove(section(body, "milestones"))


def move_sections(body):
    body[0], body[1] = body[1], body[0]


def change_milestones(body):
    section(body, "milestones")["value"]["milestones"] = []


def change_signature_statement(body):
    next(child for child in body if child["type"] == "signature")["value"]["statement"] = "Nei"


FORBIDDEN_BODY_CHANGES = {
    "heading": (change_heading, "the heading of “2 Tjeneste og brukere”"),
    "intro": (change_intro, "the introduction of “2 Tjeneste og brukere”"),
    "required flag": (
        untick_required,
        "the “must be filled in before signing” flag of “Personlige utviklingsmål”",
    ),
    "kind of goals": (change_scope, "the kind of goals of “2 Tjeneste og brukere”"),
    "central goal edited": (edit_central_goal, "the central goals in “1 Økonomi”"),
    "central goal deleted": (delete_central_goal, "the central goals in “1 Økonomi”"),
    "delegation default": (
        undelegate,
        "the authority “Disponere budsjettmidlene” in “Økonomiansvar”",
    ),
    "authority renamed": (rename_authority, "the authority “Opprette nye stillinger”"),
    "authority deleted": (delete_authority, "the list of authorities in “Økonomiansvar”"),
    "section deleted": (delete_section, "the sections of the agreement"),
    "sections moved": (move_sections, "the sections of the agreement"),
    "milestone plan": (change_milestones, "the milestone plan of “Milepelsplan”"),
    "signature lines": (change_signature_statement, "the statement of “Underskrifter”"),
}


PARTIES_AND_CHANGES = [("leader", change) for change in FORBIDDEN_BODY_CHANGES] + [
    ("superior", "heading"),
    ("superior", "central goal edited"),
    ("superior", "delegation default"),
]


@pytest.mark.parametrize(("person", "change"), PARTIES_AND_CHANGES)
def test_parties_cannot_change_a_part_hr_owns(client, people, agreement, person, change):
    change_body, part = FORBIDDEN_BODY_CHANGES[change]
    before = raw_body(agreement)
    body = raw_body(agreement)
    change_body(body)

    response = post_edit(client, people[person], agreement, body=body)

    assert response.status_code == 200, response.get("Location")
    assert f"You cannot change {part}" in errors_of(response)
    assert raw_body(agreement) == before
    assert agreement.revisions.count() == 1


HR_FIELD_CHANGES = {
    "unit": ("school", "unit"),
    "leader": ("other_leader", "leader"),
    "period_start": ("2012-02-01", "period start"),
    "period_end": ("2012-11-30", "period end"),
    "access_level": (AccessLevel.PUBLIC, "who may read it"),
    "agreement_template": ("", "template"),
}


@pytest.mark.parametrize("field", list(HR_FIELD_CHANGES))
def test_the_leader_cannot_change_who_what_or_when(client, people, unit_tree, agreement, field):
    value, label = HR_FIELD_CHANGES[field]
    if field == "unit":
        value = unit_tree[value].pk
    elif field == "leader":
        value = people[value].pk
    response = post_edit(client, people["leader"], agreement, **{field: value})

    assert response.status_code == 200
    assert f"You cannot change {label}" in errors_of(response)
    agreement.refresh_from_db()
    assert agreement.unit == unit_tree["nursing_home"]
    assert agreement.leader == people["leader"]
    assert agreement.access_level == AccessLevel.PRIVATE
    assert agreement.revisions.count() == 1


def test_the_leader_fills_in_her_own_parts(client, people, agreement):
    body = filled_in_body(agreement.get_latest_revision_as_object())
    # The central goal stays as HR set it; the parties fill in the local perspectives.
    section(body, "perspective", "1")["value"]["goals"] = raw_body(agreement)[0]["value"]["goals"]
    delegation = section(body, "delegation")["value"]
    delegation["rows"][0]["value"]["note"] = "Ny merknad fra lederen"
    section(body, "values_requirement")["value"]["expectations"] = "Vise respekt hver dag."

    response = post_edit(client, people["leader"], agreement, body=body)

    assert response.status_code == 302, errors_of(response)
    agreement.refresh_from_db()
    saved = agreement.get_latest_revision_as_object()
    assert SECRET_GOAL in str(saved.body.raw_data)
    assert "Ny merknad fra lederen" in str(saved.body.raw_data)
    assert "Vise respekt hver dag." in str(saved.body.raw_data)


def test_saving_unchanged_rich_text_is_not_a_change(client, people, agreement):
    """The editor re-saves the template's introductions with keys of its own."""
    body = raw_body(agreement)
    section(body, "values_requirement")["value"]["intro"] = "<p>Tekst</p>"
    agreement.body = body
    agreement.save_revision(user=people["hr"]).publish()
    keyed = raw_body(agreement)
    section(keyed, "values_requirement")["value"]["intro"] = '<p data-block-key="a1b2c">Tekst</p>'

    response = post_edit(client, people["leader"], agreement, body=keyed)

    assert response.status_code == 302, errors_of(response)


@pytest.mark.parametrize("change", ["heading", "central goal deleted", "delegation default"])
def test_hr_changes_any_part(client, people, agreement, change):
    change_body, _part = FORBIDDEN_BODY_CHANGES[change]
    body = raw_body(agreement)
    change_body(body)

    response = post_edit(client, people["hr"], agreement, body=body, access_level="staff")

    assert response.status_code == 302, errors_of(response)
    agreement.refresh_from_db()
    assert agreement.get_latest_revision_as_object().access_level == "staff"


def test_the_refusal_is_in_the_leaders_language(client, people, agreement):
    body = raw_body(agreement)
    change_heading(body)
    use_admin_language(people["leader"], "nb")
    client.force_login(people["leader"])
    latest = agreement.get_latest_revision_as_object()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[agreement.pk]),
        agreement_form_data(latest, body=body, action=""),
    )

    assert (
        "Du kan ikke endre overskriften i «2 Tjeneste og brukere»: det bestemmer HR."
        in errors_of(response)
    )


def test_no_moderation_workflow_takes_an_agreement(client, people, agreement, home_page):
    """A workflow on the site (Wagtail's default moderation) passes agreements by: the
    leader is offered no "Submit to Moderators", and a posted submission starts none."""
    from wagtail.models import Workflow, WorkflowPage

    workflow = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})
    use_admin_language(people["leader"], "en")
    client.force_login(people["leader"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[agreement.pk])

    assert "Submit to Moderators approval" not in client.get(edit_url).content.decode()
    latest = agreement.get_latest_revision_as_object()
    response = client.post(edit_url, agreement_form_data(latest, action="action-submit"))

    assert response.status_code == 302, errors_of(response)
    agreement.refresh_from_db()
    assert agreement.workflow_states.count() == 0
    assert not agreement.locked


def test_revision_compare_shows_labels_not_stored_values(client, people, agreement):
    first = agreement.latest_revision
    body = raw_body(agreement)
    change_scope(body)
    untick_required(body)
    agreement.body = body
    second = agreement.save_revision(user=people["hr"])
    use_admin_language(people["hr"], "en")
    client.force_login(people["hr"])

    response = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[agreement.pk, first.pk, second.pk])
    )

    text = errors_of(response)
    assert response.status_code == 200
    # Wagtail shows a change word by word: the old label's words, then the new label's.
    for words in ("Kind of goals Local Overall goals", "agreed with the leader", "set centrally"):
        assert words in text
    assert "Must be filled in before signing Yes No" in text
    for stored in (" overall ", " local ", " False ", " True "):
        assert stored not in f" {text} "


def test_the_new_agreement_form_has_a_working_date_picker_and_no_default_period(client, people):
    use_admin_language(people["hr"], "en")
    client.force_login(people["hr"])

    response = client.get(reverse("wagtail_employer:agreement_create"))

    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    # The widget calls initDateChooser, which Wagtail's date-time chooser script defines.
    assert "initDateChooser(" in html
    assert soup.find("script", src=lambda src: src and "date-time-chooser" in src)
    assert not soup.find("input", attrs={"name": "period_start"}).get("value")
    assert not soup.find("input", attrs={"name": "period_end"}).get("value")


def test_a_refusal_is_a_translated_admin_page(client, people, agreement):
    use_admin_language(people["staff"], "nb")
    client.force_login(people["staff"])

    response = client.get(reverse("wagtail_employer:agreement_sign", args=[agreement.pk]))

    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Du kan ikke gjøre dette"
    assert "Forbidden" not in soup.get_text()
    assert soup.find("a", href=reverse("wagtailadmin_home"))


def test_the_title_follows_the_unit_and_is_in_the_sites_language(
    client, people, unit_tree, agreement
):
    """HR, with an English admin, moves the agreement to another unit."""
    response = post_edit(client, people["hr"], agreement, unit=unit_tree["school"].pk)

    assert response.status_code == 302, errors_of(response)
    agreement.refresh_from_db()
    latest = agreement.get_latest_revision_as_object()
    assert latest.title == "Lederavtale 2012: Myklerud skole (Kari Nordmann)"


def test_the_leader_field_offers_leaders_by_name(client, people, agreement):
    use_admin_language(people["hr"], "en")
    client.force_login(people["hr"])
    soup = BeautifulSoup(
        client.get(reverse("wagtailadmin_pages:edit", args=[agreement.pk])).content,
        "html.parser",
    )
    options = [
        option.get_text(strip=True)
        for option in soup.select('select[name="leader"] option')
        if option.get("value")
    ]
    # The three who lead a unit; not the staff member or HR, and no usernames.
    assert options == ["Kari Nordmann", "Ola Sektorsjef", "Rita Rektor"]
