"""Unit self-assessments against the service policy: who may record them (403 for the
rest), the form and its errors, and the overview on the policy page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from wagtail_employer.models import (
    Commitment,
    CommitmentScore,
    OrganisationUnit,
    SelfAssessment,
    ServicePolicy,
)

from .conftest import use_admin_language
from .test_service_policy import make_policy, make_policy_page, page_text

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("wagtail_employer:self_assessment_index")


def add_url(policy):
    return reverse("wagtail_employer:self_assessment_add", args=[policy.pk])


def edit_url(assessment):
    return reverse("wagtail_employer:self_assessment_edit", args=[assessment.pk])


@pytest.fixture
def leader(django_user_model):
    """A unit leader in a group that may record and change self-assessments."""
    user = django_user_model.objects.create_user(username="leder", password="password")
    group = Group.objects.create(name="Enhetsledere")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtail_employer",
            codename__in=["add_selfassessment", "change_selfassessment"],
        ),
    )
    user.groups.add(group)
    use_admin_language(user, "en")
    return user


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def policy():
    return make_policy(scale_min=1, scale_max=5)


def commitments(policy):
    return {c.number: c for c in Commitment.objects.filter(focus_area__policy=policy)}


def assessment_data(policy, unit, assessed_on="2012-10-15", scores=None, **extra):
    """Form data with ``scores`` as {number: score or (score, comment, what, who, when)}."""
    data = {"unit": str(unit.pk), "assessed_on": assessed_on, "summary": ""}
    for number, commitment in commitments(policy).items():
        value = (scores or {}).get(number, "")
        score, comment, action, who, due = (
            value if isinstance(value, tuple) else (value, "", "", "", "")
        )
        data.update(
            {
                f"score_{commitment.pk}": str(score),
                f"comment_{commitment.pk}": comment,
                f"action_{commitment.pk}": action,
                f"action_responsible_{commitment.pk}": who,
                f"action_due_{commitment.pk}": due,
            }
        )
    data.update(extra)
    return data


def test_leader_records_a_self_assessment(leader_client, leader, policy, unit_tree):
    school = unit_tree["school"]
    form = BeautifulSoup(leader_client.get(add_url(policy)).content, "html.parser")
    legends = [legend.get_text(" ", strip=True) for legend in form.select("fieldset legend")]
    assert len(legends) == 10
    assert legends[4].startswith("B5 Vi avklarer behov")
    score_options = form.select(f"select[name=score_{commitments(policy)[1].pk}] option")
    assert [option.get_text(strip=True) for option in score_options] == [
        "Not assessed",
        "1",
        "2",
        "3",
        "4",
        "5",
    ]

    response = leader_client.post(
        add_url(policy),
        assessment_data(
            policy,
            school,
            scores={
                1: 5,
                5: (
                    3,
                    "Vi avklarer for sjelden.",
                    "Avklaringsmøte ved oppstart",
                    "Rektor",
                    "2013-01-31",
                ),
                10: 4,
            },
        ),
    )
    assert response.status_code == 302, page_text(response)
    assessment = SelfAssessment.objects.get()
    assert (assessment.unit, assessment.policy, assessment.recorded_by) == (school, policy, leader)
    scores = {s.commitment.number: s for s in assessment.scores.select_related("commitment")}
    assert {number: s.score for number, s in scores.items()} == {1: 5, 5: 3, 10: 4}
    assert scores[5].action == "Avklaringsmøte ved oppstart"
    assert scores[5].action_responsible == "Rektor"
    assert str(scores[5].action_due) == "2013-01-31"
    listing = page_text(leader_client.get(INDEX_URL))
    assert "Myklerud skole" in listing


def test_the_form_starts_from_the_unit_the_leader_leads(leader_client, leader, policy, unit_tree):
    school = unit_tree["school"]
    school.leader = leader
    school.save()
    form = BeautifulSoup(leader_client.get(add_url(policy)).content, "html.parser")
    assert form.select_one("input[name=unit]")["value"] == str(school.pk)


def test_the_listing_pages_through_many_assessments(leader_client, policy, unit_tree):
    first_day = datetime.date(2012, 1, 1)
    for day in range(55):
        SelfAssessment.objects.create(
            policy=policy,
            unit=unit_tree["school"],
            assessed_on=first_day + datetime.timedelta(days=day),
        )
    first = BeautifulSoup(leader_client.get(INDEX_URL).content, "html.parser")
    assert len(first.select("tbody tr")) == 50
    second = BeautifulSoup(leader_client.get(INDEX_URL + "?p=2").content, "html.parser")
    assert len(second.select("tbody tr")) == 5


def test_leader_changes_a_self_assessment(leader_client, policy, unit_tree):
    school = unit_tree["school"]
    leader_client.post(add_url(policy), assessment_data(policy, school, scores={1: 2, 2: 3}))
    assessment = SelfAssessment.objects.get()
    form = BeautifulSoup(leader_client.get(edit_url(assessment)).content, "html.parser")
    first = commitments(policy)[1]
    assert form.select_one(f"select[name=score_{first.pk}] option[selected]")["value"] == "2"

    response = leader_client.post(
        edit_url(assessment), assessment_data(policy, school, scores={1: 4})
    )
    assert response.status_code == 302, page_text(response)
    assert {s.commitment.number: s.score for s in assessment.scores.all()} == {1: 4}


@pytest.mark.parametrize("bad_score", ["7", "0", "fire", "2.5"])
def test_an_invalid_score_is_a_clear_error_and_nothing_is_saved(
    leader_client, policy, unit_tree, bad_score
):
    response = leader_client.post(
        add_url(policy), assessment_data(policy, unit_tree["school"], scores={1: 4, 5: bad_score})
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one("#assessment-errors").get_text(" ", strip=True)
    expected = (
        f"B5: the score must be a whole number from 1 to 5, or “Not assessed”; "
        f"“{bad_score}” is not."
    )
    assert expected in summary
    assert expected in page_text(response)
    # Errors that are not about a commitment name their field.
    assert "Unit: This field is required." not in summary
    assert not SelfAssessment.objects.exists()
    assert not CommitmentScore.objects.exists()


def test_invalid_score_message_in_norwegian(leader_client, leader, policy, unit_tree):
    use_admin_language(leader, "nb")
    response = leader_client.post(
        add_url(policy), assessment_data(policy, unit_tree["school"], scores={5: "9"})
    )
    assert "B5: poengsummen må være et helt tall fra 1 til 5" in page_text(response)


def test_the_error_summary_names_the_field(leader_client, policy):
    response = leader_client.post(add_url(policy), {"unit": "", "assessed_on": ""})
    summary = BeautifulSoup(response.content, "html.parser").select_one("#assessment-errors")
    items = [li.get_text(strip=True) for li in summary.select("li")]
    assert items == ["Unit: This field is required.", "Assessed on: This field is required."]
    assert summary.select_one("a")["href"] == "#id_unit"
    assert not SelfAssessment.objects.exists()


def test_an_action_needs_a_what(leader_client, policy, unit_tree):
    response = leader_client.post(
        add_url(policy),
        assessment_data(policy, unit_tree["school"], scores={3: (2, "", "", "Rektor", "")}),
    )
    assert "A3: say what the improvement action is." in page_text(response)
    assert not SelfAssessment.objects.exists()


def test_one_assessment_per_unit_policy_and_day(leader_client, policy, unit_tree):
    school = unit_tree["school"]
    leader_client.post(add_url(policy), assessment_data(policy, school, scores={1: 3}))
    response = leader_client.post(add_url(policy), assessment_data(policy, school, scores={1: 4}))
    assert "Myklerud skole already has a self-assessment against this policy on this date" in (
        page_text(response)
    )
    assert SelfAssessment.objects.get().scores.get().score == 3


def test_without_the_permission_recording_and_changing_is_403(leader, editor, policy, unit_tree):
    """The editor may use the admin and manage units, but not record assessments."""
    leader_client, editor_client = Client(), Client()
    leader_client.force_login(leader)
    editor_client.force_login(editor)
    leader_client.post(add_url(policy), assessment_data(policy, unit_tree["school"], scores={1: 3}))
    assessment = SelfAssessment.objects.get()

    data = assessment_data(policy, unit_tree["school"], assessed_on="2012-11-01", scores={1: 1})
    assert editor_client.get(INDEX_URL).status_code == 403
    assert editor_client.get(add_url(policy)).status_code == 403
    assert editor_client.post(add_url(policy), data).status_code == 403
    assert editor_client.get(edit_url(assessment)).status_code == 403
    assert editor_client.post(edit_url(assessment), data).status_code == 403
    assert SelfAssessment.objects.count() == 1
    assert assessment.scores.get().score == 3


def test_recording_without_changing_cannot_edit(client, django_user_model, policy, unit_tree):
    user = django_user_model.objects.create_user(username="revisor", password="password")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_selfassessment"),
    )
    client.force_login(user)
    response = client.post(add_url(policy), assessment_data(policy, unit_tree["school"]))
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get()
    assert client.get(edit_url(assessment)).status_code == 403


def test_the_permission_can_be_granted_to_a_group_in_wagtail(admin_user_client):
    group = Group.objects.create(name="Revisorer")
    form = admin_user_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    add = Permission.objects.get(codename="add_selfassessment")
    assert f'value="{add.pk}"' in form.content.decode()


def test_menu_shows_self_assessments_only_to_those_allowed(leader, editor):
    leader_client, editor_client = Client(), Client()
    leader_client.force_login(leader)
    editor_client.force_login(editor)
    use_admin_language(editor, "en")
    assert INDEX_URL in leader_client.get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX_URL not in editor_client.get(reverse("wagtailadmin_home")).content.decode()


# --- The overview on the policy page ----------------------------------------------------


def record(policy, unit, assessed_on, scores):
    assessment = SelfAssessment(policy=policy, unit=unit, assessed_on=assessed_on)
    by_number = commitments(policy)
    assessment.scores = [
        CommitmentScore(
            commitment=by_number[number],
            score=value if not isinstance(value, tuple) else value[0],
            action=value[1] if isinstance(value, tuple) else "",
            action_responsible=value[2] if isinstance(value, tuple) else "",
        )
        for number, value in scores.items()
    ]
    assessment.save()
    return assessment


def test_policy_page_shows_the_latest_assessment_per_unit(client, home_page, policy, unit_tree):
    school, nursing_home = unit_tree["school"], unit_tree["nursing_home"]
    record(policy, school, "2012-06-01", {1: 1})  # older: not shown
    record(policy, school, "2012-10-15", {1: 4, 2: 5, 10: (3, "Svar innen to uker", "Rektor")})
    record(policy, nursing_home, "2012-10-20", {1: 5})
    page = make_policy_page(home_page, policy, show_self_assessments=True)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = soup.select_one(".we-assessments")
    assert section.h2.get_text(strip=True) == "Slik vurderer enhetene seg selv"
    table = section.select_one("table")
    assert table.caption.get_text(strip=True).startswith("Siste egenvurdering per enhet")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == [
        "Enhet",
        "Vurderingsdato",
        "A1",
        "A2",
        "A3",
        "B4",
        "B5",
        "B6",
        "C7",
        "C8",
        "C9",
        "D10",
    ]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.select("td")]
        for row in table.select("tbody tr")
    }
    assert list(rows) == ["Sykehjem", "Myklerud skole"]  # tree order: Helse og omsorg first
    assert rows["Myklerud skole"][0] == "15.10.2012"
    assert rows["Myklerud skole"][1:4] == ["4", "5", "– ikke vurdert"]
    assert rows["Myklerud skole"][10] == "3"
    # The mean per commitment, with a decimal comma for a Norwegian reader.
    means = [td.get_text(" ", strip=True) for td in table.select("tfoot td")]
    assert means[1] == "4,5"
    actions = section.get_text(" ", strip=True)
    assert "D10 : Svar innen to uker – ansvarlig: Rektor" in actions


def test_overview_is_hidden_unless_the_editor_enables_it(client, home_page, policy, unit_tree):
    record(policy, unit_tree["school"], "2012-10-15", {1: 4})
    page = make_policy_page(home_page, policy)
    assert b"we-assessments" not in client.get(page.url).content


def test_overview_without_assessments_says_so(client, home_page, policy):
    page = make_policy_page(home_page, policy, show_self_assessments=True)
    text = page_text(client.get(page.url))
    assert "Ingen enheter har registrert en egenvurdering" in text


def test_overview_costs_the_same_queries_for_one_and_many_units(
    client, home_page, policy, unit_tree
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = make_policy_page(home_page, policy, show_self_assessments=True)
    record(policy, unit_tree["school"], "2012-10-15", {1: 4})
    client.get(page.url)
    with CaptureQueriesContext(connection) as one:
        client.get(page.url)
    for n in range(20):
        unit = OrganisationUnit.objects.create(
            name=f"Enhet {n}", code=f"E{n}", parent=unit_tree["health"]
        )
        record(policy, unit, "2012-10-16", dict.fromkeys(range(1, 11), 3))
    with CaptureQueriesContext(connection) as many:
        response = client.get(page.url)
    assert response.content.decode().count("<tr>") >= 21
    assert len(one) == len(many)


# --- What refers to a unit or a policy ----------------------------------------------------


def test_assessed_unit_cannot_be_deleted_and_its_usage_lists_the_assessment(
    admin_user_client, policy, unit_tree
):
    school = unit_tree["school"]
    record(policy, school, "2012-10-15", {1: 4})
    usage = page_text(
        admin_user_client.get(reverse("wagtail_employer:unit_usage", args=[school.pk]))
    )
    assert "Myklerud skole, 10/15/2012" in usage
    response = admin_user_client.post(
        reverse("wagtail_employer_organisationunit_modeladmin_delete", args=[school.pk])
    )
    assert OrganisationUnit.objects.filter(pk=school.pk).exists()
    assert "Myklerud skole, 10/15/2012" in page_text(response)


def test_assessed_policy_cannot_be_deleted(admin_user_client, policy, unit_tree):
    record(policy, unit_tree["school"], "2012-10-15", {1: 4})
    delete_url = reverse("wagtailsnippets_wagtail_employer_servicepolicy:delete", args=[policy.pk])
    text = page_text(admin_user_client.get(delete_url))
    assert "cannot be deleted while this content uses it" in text
    admin_user_client.post(delete_url)
    assert ServicePolicy.objects.filter(pk=policy.pk).exists()


def test_a_scored_commitment_cannot_be_removed_from_the_policy(
    admin_user_client, policy, unit_tree
):
    from .test_service_policy import policy_form_data

    record(policy, unit_tree["school"], "2012-10-15", {9: 2})
    areas = []
    for area in policy.focus_areas.all():
        area_commitments = list(area.commitments.all())
        areas.append(
            {
                "id": area.pk,
                "title": area.title,
                "initial_commitments": len(area_commitments),
                "commitments": [
                    {"id": c.pk, "text": c.text, "DELETE": "on" if c.number == 9 else ""}
                    for c in area_commitments
                ],
            }
        )
    response = admin_user_client.post(
        reverse("wagtailsnippets_wagtail_employer_servicepolicy:edit", args=[policy.pk]),
        policy_form_data(areas, initial_areas=len(areas)),
    )
    assert response.status_code == 200
    assert "Commitment 9 has scores in recorded self-assessments" in page_text(response)
    assert Commitment.objects.filter(focus_area__policy=policy).count() == 10


def test_deleting_an_assessment_needs_the_delete_permission(
    leader, django_user_model, policy, unit_tree
):
    assessment = record(policy, unit_tree["school"], "2012-10-15", {1: 4})
    delete_url = reverse("wagtail_employer:self_assessment_delete", args=[assessment.pk])
    leader_client = Client()
    leader_client.force_login(leader)
    assert delete_url not in leader_client.get(INDEX_URL).content.decode()
    assert leader_client.post(delete_url).status_code == 403
    assert SelfAssessment.objects.exists()

    hr = django_user_model.objects.create_user(username="hr", password="password")
    hr.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="delete_selfassessment"),
    )
    use_admin_language(hr, "en")
    hr_client = Client()
    hr_client.force_login(hr)
    assert delete_url in hr_client.get(INDEX_URL).content.decode()
    confirm = page_text(hr_client.get(delete_url))
    assert "Delete the self-assessment “Myklerud skole, 10/15/2012” and its 1 score?" in confirm
    response = hr_client.post(delete_url)
    assert response.status_code == 302
    assert not SelfAssessment.objects.exists()
    assert not CommitmentScore.objects.exists()
