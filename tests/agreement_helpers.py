"""Shared set-up for the leader agreement tests: a template, the people an agreement
concerns, and admin form data for an agreement page."""

import datetime
import uuid

from django.contrib.auth.models import Group, Permission
from wagtail import blocks as wagtail_blocks
from wagtail.models import GroupPagePermission
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.test.utils.form_data import nested_form_data, rich_text

from wagtail_employer.blocks.agreements import AgreementStreamBlock
from wagtail_employer.models import (
    AgreementTemplate,
    AgreementTemplateStatus,
    LeaderAgreementIndexPage,
)

SECRET_GOAL = "Redusere sykefraværet på Sykehjem til 6 prosent"


def section(heading, required=True, intro="", **fields):
    return {"heading": heading, "intro": intro, "required_before_signing": required, **fields}


def template_body(value_set=None):
    return [
        (
            "perspective",
            section("1 Økonomi", scope="local", goals=[]),
        ),
        (
            "perspective",
            section("2 Tjeneste og brukere", scope="local", goals=[]),
        ),
        ("personal_development", section("Personlige utviklingsmål", goals=[])),
        (
            "values_requirement",
            section(
                "Verdier – krav til holdninger og lederatferd",
                value_set=value_set,
                expectations="Lederen skal vise verdiene i praksis.",
            ),
        ),
        (
            "delegation",
            section(
                "Økonomiansvar",
                area="finance",
                rows=[
                    {
                        "authority": "Disponere budsjettmidlene",
                        "delegated": "yes",
                        "note": "Ut over vanlige disposisjoner i samråd med kommunalsjef",
                    },
                    {
                        "authority": "Opprette nye stillinger",
                        "delegated": "no",
                        "note": "I samråd med HR",
                    },
                ],
            ),
        ),
        (
            "milestones",
            section(
                "Milepelsplan",
                required=False,
                milestones=[
                    {
                        "what": "Alle kommunalsjefer har lederavtale",
                        "date": datetime.date(2012, 6, 15),
                        "responsible": "Kommunalsjefer og stabssjefer",
                    }
                ],
            ),
        ),
        ("follow_up", section("Oppfølgingssamtaler", required=False, meetings=[])),
        (
            "signature",
            {"heading": "Underskrifter", "statement": "Avtalen er inngått.", "place": "Nesodden"},
        ),
    ]


def make_template(status=AgreementTemplateStatus.ACTIVE, **extra):
    return AgreementTemplate.objects.create(
        name="Lederavtale for Nesodden kommune",
        version="2012.1",
        valid_from=datetime.date(2012, 1, 1),
        status=status,
        body=template_body(),
        **extra,
    )


def make_index(home_page):
    index = home_page.add_child(instance=LeaderAgreementIndexPage(title="Lederavtaler"))
    index.save_revision().publish()
    return index


def make_people(django_user_model, unit_tree, index):
    """The leader of Sykehjem, their superior (leader of Helse og omsorg), another leader
    (Myklerud skole), a staff member who edits the intranet's pages, and HR."""
    access_admin = Permission.objects.get(codename="access_admin")

    def user(username, first, last):
        person = django_user_model.objects.create_user(
            username=username, password="password", first_name=first, last_name=last
        )
        return person

    leaders = Group.objects.create(name="Ledere")
    leaders.permissions.add(access_admin)
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=leaders, page=index, permission=Permission.objects.get(codename=permission)
        )
    editors = Group.objects.create(name="Redaktører")
    editors.permissions.add(access_admin)
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=index.get_parent(),
            permission=Permission.objects.get(codename=permission),
        )
    hr_group = Group.objects.create(name="HR")
    hr_group.permissions.add(
        access_admin,
        *Permission.objects.filter(
            content_type__app_label="wagtail_employer", codename__endswith="agreementtemplate"
        ),
    )
    for permission in ("add_page", "change_page", "publish_page", "delete_page"):
        GroupPagePermission.objects.create(
            group=hr_group, page=index, permission=Permission.objects.get(codename=permission)
        )

    people = {
        "leader": user("kari", "Kari", "Nordmann"),
        "superior": user("ola", "Ola", "Sektorsjef"),
        "other_leader": user("rektor", "Rita", "Rektor"),
        "staff": user("ansatt", "Anne", "Ansatt"),
        "hr": user("hr", "Hanne", "HR"),
    }
    for key in ("leader", "superior", "other_leader"):
        people[key].groups.add(leaders)
    people["staff"].groups.add(editors)
    people["hr"].groups.add(hr_group)
    unit_tree["nursing_home"].leader = people["leader"]
    unit_tree["nursing_home"].save()
    unit_tree["health"].leader = people["superior"]
    unit_tree["health"].save()
    unit_tree["school"].leader = people["other_leader"]
    unit_tree["school"].save()
    return people


def block_form_data(block, value):
    """The admin form data of ``value`` for ``block``, as the page editor posts it."""
    if isinstance(block, wagtail_blocks.StreamBlock):
        children = list(value)
        data = {
            str(position): {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "deleted": "",
                "order": str(position),
                "id": child.id or "",
            }
            for position, child in enumerate(children)
        }
        data["count"] = str(len(children))
        return data
    if isinstance(block, wagtail_blocks.ListBlock):
        items = list(value)
        data = {
            str(position): {
                "value": block_form_data(block.child_block, item),
                "deleted": "",
                "order": str(position),
                "id": "",
            }
            for position, item in enumerate(items)
        }
        data["count"] = str(len(items))
        return data
    if isinstance(block, wagtail_blocks.StructBlock):
        return {
            name: block_form_data(child, value[name]) for name, child in block.child_blocks.items()
        }
    if isinstance(block, wagtail_blocks.RichTextBlock):
        return rich_text(value.source if value else "")
    if isinstance(block, wagtail_blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(block, (wagtail_blocks.ChooserBlock, SnippetChooserBlock)):
        return str(value.pk) if value is not None else ""
    if isinstance(block, wagtail_blocks.DateBlock):
        return value.isoformat() if value else ""
    return "" if value is None else str(value)


def agreement_form_data(agreement, body=None, action="action-publish", **changes):
    """Form data for the agreement page editor: the agreement as it stands, with
    ``changes`` to its fields and ``body`` (a StreamValue or raw list) instead of its own."""
    stream_block = AgreementStreamBlock()
    body_value = stream_block.to_python(body) if isinstance(body, list) else body
    fields = {
        "title": agreement.title,
        "slug": agreement.slug,
        "leader": agreement.leader_id,
        "unit": agreement.unit_id,
        "period_start": agreement.period_start.isoformat(),
        "period_end": agreement.period_end.isoformat(),
        "status": agreement.status,
        "access_level": agreement.access_level,
        "agreement_template": agreement.agreement_template_id or "",
    }
    fields.update(changes)
    data = {
        **fields,
        "body": block_form_data(stream_block, body_value if body is not None else agreement.body),
    }
    if action:
        data[action] = action.removeprefix("action-")
    return nested_form_data(data)


def filled_in_body(agreement):
    """The agreement's sections with the required ones filled in."""
    raw = [dict(child) for child in agreement.body.raw_data]
    for child in raw:
        value = child["value"]
        if child["type"] == "perspective" and value["heading"].startswith("1"):
            value["goals"] = [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "goal": "Balanse i budsjettet",
                        "horizon": "year",
                        "result_requirement": "Avvik under 1 prosent",
                        "indicators": [],
                    },
                }
            ]
        elif child["type"] == "perspective":
            value["goals"] = [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "goal": SECRET_GOAL,
                        "horizon": "period",
                        "result_requirement": "Sykefravær under 6 prosent",
                        "indicators": [
                            {
                                "type": "item",
                                "id": str(uuid.uuid4()),
                                "value": {
                                    "kind": "driver",
                                    "measure": "Antall medarbeidersamtaler",
                                    "target": "Alle ansatte",
                                    "source": "HR-systemet",
                                },
                            },
                            {
                                "type": "item",
                                "id": str(uuid.uuid4()),
                                "value": {
                                    "kind": "result",
                                    "measure": "Sykefravær",
                                    "target": "6 %",
                                    "source": "Fraværsstatistikk",
                                },
                            },
                        ],
                    },
                }
            ]
        elif child["type"] == "personal_development":
            value["goals"] = [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"goal": "Lederutdanning", "actions": "Studium", "deadline": None},
                }
            ]
    return raw
