"""A whole municipality in which every text an editor, a leader or a file can write holds
one given text: the shared set-up of the XSS sweep and the permissions audit.

Text fields are found from the models and blocks themselves, not listed by hand, so a
field added later is filled too: every ``CharField``/``TextField`` the package declares
(codes, slugs, choices, web and e-mail addresses excepted: their validators refuse
free text), every ``RichTextField`` (through Wagtail's own editor converter, as the
admin stores it), and every text block in every ``StreamField``, which gets one child
of each block type.
"""

import datetime
import json
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import models
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.rich_text import features as feature_registry
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_employer.models import (
    AgreementTemplate,
    AgreementTemplateStatus,
    Commitment,
    CommitmentScore,
    EmployerStrategyPage,
    FocusArea,
    FocusAreaExemplar,
    FocusKind,
    FollowUpAction,
    FollowUpFocus,
    FollowUpPlan,
    FollowUpReview,
    Goal,
    GoalHierarchyPage,
    LeaderAgreementIndexPage,
    LeaderAgreementPage,
    OrganisationUnit,
    PolicyUsage,
    ReadConfirmation,
    SalaryCriterion,
    SelfAssessment,
    ServicePolicy,
    ServicePolicyPage,
    ServicePolicyStatus,
    StrategyFocusArea,
    SurveyResult,
    SurveyResultsPage,
    UnitKind,
    UnitMembership,
    Value,
    ValueSet,
    ValueSetStatus,
    ValuesPage,
    WorkplacePage,
    WorkshopCandidate,
)

from .surveys_helpers import make_survey

# Fields whose validators or meaning refuse free text: they keep safe values.
NOT_FREE_TEXT = {"code", "slug", "tree_path", "letter", "phone"}


def rich_text_html(text, features=None):
    """What the admin's rich text editor stores for a paragraph reading ``text``, with
    ``text`` as the address of a link too (Draftail's LINK entity)."""
    features = features or feature_registry.get_default_features()
    contentstate = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": f"{text} lenke",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": len(text) + 1, "length": 5, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": text}},
        },
    }
    return ContentstateConverter(features).to_database_format(json.dumps(contentstate))


def is_free_text(field):
    return (
        isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.URLField | models.EmailField | models.SlugField)
        and not field.choices
        and field.editable
        and field.name not in NOT_FREE_TEXT
        and field.model._meta.app_label == "wagtail_employer"
    )


def fill_text(instance, text, objects):
    """Set every free-text, rich-text and stream field the package declares on
    ``instance`` to ``text`` (cut to the field's length); page titles too."""
    for field in instance._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created:
            continue
        if isinstance(field, RichTextField):
            setattr(instance, field.attname, rich_text_html(text, field.features))
        elif isinstance(field, StreamField):
            if field.model._meta.app_label == "wagtail_employer":
                raw = sample_raw(field.stream_block, text, objects)
                setattr(instance, field.attname, StreamValue(field.stream_block, raw, True))
        elif is_free_text(field):
            setattr(instance, field.attname, text[: field.max_length or None])
    if isinstance(instance, Page):
        instance.title = text
        instance.draft_title = text
    return instance


def first_choice(block):
    for value, _label in block.field.choices:
        if value not in ("", None):
            return value
    return None


def chosen_pk(block, objects):
    target = block.target_model
    for model, instance in objects.items():
        if issubclass(model, target):
            return instance.pk
    return None


def sample_raw(block, text, objects):
    """Raw stream data with one child of every block type and ``text`` in every text."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": name, "value": sample_raw(child, text, objects), "id": str(uuid.uuid4())}
            for name, child in block.child_blocks.items()
        ]
    if isinstance(block, blocks.ListBlock):
        return [
            {
                "type": "item",
                "value": sample_raw(block.child_block, text, objects),
                "id": str(uuid.uuid4()),
            }
        ]
    if type(block).__name__ == "ImageBlock":
        return None
    if isinstance(block, blocks.StructBlock):
        return {
            name: sample_raw(child, text, objects) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_html(text, block.features)
    if isinstance(block, blocks.EmailBlock):
        return "hr@example.invalid"
    if isinstance(block, blocks.ChoiceBlock):
        return first_choice(block)
    if isinstance(block, blocks.BooleanBlock):
        return True
    if isinstance(block, blocks.IntegerBlock):
        return max(1, block.field.min_value or 1) if hasattr(block.field, "min_value") else 1
    if isinstance(block, blocks.DecimalBlock | blocks.FloatBlock):
        return 1
    if isinstance(block, blocks.DateBlock):
        return "2026-03-01"
    if isinstance(block, blocks.TimeBlock):
        return "10:00:00"
    if isinstance(block, blocks.ChooserBlock | SnippetChooserBlock):
        return chosen_pk(block, objects)
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        max_length = block.field.max_length
        return text[:max_length] if max_length else text
    return None


def save_page(parent, page, text, objects):
    fill_text(page, text, objects)
    page.slug = f"side-{uuid.uuid4().hex[:8]}"
    parent.add_child(instance=page)
    page.save_revision().publish()
    objects[type(page)] = page
    return page


def build_world(text, home_page):
    """The municipality, with ``text`` everywhere; returns the objects by name."""
    user_model = get_user_model()
    objects = {Page: home_page}

    def unit(code, kind, parent=None):
        unit = OrganisationUnit(code=code, kind=kind, parent=parent)
        fill_text(unit, text, objects)
        unit.save()
        return unit

    municipality = unit("K", UnitKind.MUNICIPALITY)
    sector = unit("HO", UnitKind.SECTOR, municipality)
    nursing_home = unit("HO-SYK", UnitKind.UNIT, sector)
    team = unit("HO-SYK-A", UnitKind.TEAM, nursing_home)
    objects[OrganisationUnit] = nursing_home

    def person(username):
        return user_model.objects.create_user(
            username=username,
            password="password",
            first_name=text[:150],
            last_name=text[:150],
            email=f"{username}@example.invalid",
        )

    superior = person("sektorsjef")
    leader = person("enhetsleder")
    staff = person("ansatt")
    sector.leader = superior
    sector.save()
    nursing_home.leader = leader
    nursing_home.save()
    UnitMembership.objects.create(user=staff, unit=team)
    objects[UnitMembership] = UnitMembership.objects.create(user=leader, unit=nursing_home)

    value_set = fill_text(
        ValueSet(locale=Locale.get_default(), status=ValueSetStatus.ADOPTED), text, objects
    )
    value_set.acronym = ""
    value_set.save()
    objects[ValueSet] = value_set
    value = fill_text(Value(value_set=value_set, locale=value_set.locale), text, objects)
    value.save()
    objects[Value] = value
    fill_text(WorkshopCandidate(value_set=value_set), text, objects).save()

    policy = fill_text(
        ServicePolicy(locale=Locale.get_default(), status=ServicePolicyStatus.ADOPTED),
        text,
        objects,
    )
    policy.save()
    objects[ServicePolicy] = policy
    focus_area = fill_text(FocusArea(policy=policy), text, objects)
    focus_area.save()
    objects[FocusArea] = focus_area
    commitment = fill_text(Commitment(focus_area=focus_area), text, objects)
    commitment.save()
    policy.save()  # numbers the commitments
    commitment.refresh_from_db()
    objects[Commitment] = commitment
    FocusAreaExemplar.objects.create(focus_area=focus_area, unit=nursing_home)
    fill_text(PolicyUsage(policy=policy), text, objects).save()

    survey = make_survey(name=text[:200])
    survey.refresh_from_db()
    objects[type(survey)] = survey
    for dimension in survey.dimensions.all():
        dimension.description = text[:300]
        dimension.save()
    dimension = survey.dimensions.first()
    dimension.name = text[:200]
    dimension.save()
    objects[type(dimension)] = dimension
    objects[SurveyResult] = SurveyResult.objects.create(
        survey=survey, unit=nursing_home, dimension=None, respondents=12, invited=15
    )
    for each in survey.dimensions.all():
        SurveyResult.objects.create(
            survey=survey, unit=nursing_home, dimension=each, score=Decimal("4.1"), respondents=12
        )
        SurveyResult.objects.create(survey=survey, unit=None, dimension=each, score=Decimal(4))
    plan = fill_text(FollowUpPlan(survey=survey, unit=nursing_home), text, objects)
    plan.save()
    objects[FollowUpPlan] = plan
    fill_text(
        FollowUpFocus(plan=plan, kind=FocusKind.IMPROVE, dimension=dimension), text, objects
    ).save()
    fill_text(
        FollowUpAction(plan=plan, dimension=dimension, due_date=datetime.date(2026, 6, 1)),
        text,
        objects,
    ).save()
    fill_text(FollowUpReview(plan=plan, date=datetime.date(2026, 9, 1)), text, objects).save()

    assessment = fill_text(
        SelfAssessment(
            policy=policy,
            unit=nursing_home,
            assessed_on=datetime.date(2026, 2, 1),
            recorded_by=leader,
        ),
        text,
        objects,
    )
    assessment.save()
    objects[SelfAssessment] = assessment
    fill_text(
        CommitmentScore(assessment=assessment, commitment=commitment, score=4), text, objects
    ).save()

    vision = fill_text(Goal(unit=municipality, is_vision=True), text, objects)
    vision.save()
    goal = fill_text(Goal(unit=team, parent=vision), text, objects)
    goal.save()
    objects[Goal] = goal
    criterion = fill_text(SalaryCriterion(unit=team), text, objects)
    criterion.save()
    criterion.goals.set([goal])
    criterion.values.set([value])
    criterion.save()
    objects[SalaryCriterion] = criterion

    strategy = EmployerStrategyPage(value_set=value_set, period_start=2026, period_end=2029)
    save_page(home_page, strategy, text, objects)
    strategy_area = fill_text(StrategyFocusArea(page=strategy), text, objects)
    strategy_area.save()
    objects[StrategyFocusArea] = strategy_area
    strategy.save_revision().publish()

    template = fill_text(
        AgreementTemplate(
            status=AgreementTemplateStatus.ACTIVE, valid_from=datetime.date(2026, 1, 1)
        ),
        text,
        objects,
    )
    template.save()
    objects[AgreementTemplate] = template
    index = save_page(home_page, LeaderAgreementIndexPage(), text, objects)
    agreement = LeaderAgreementPage(
        agreement_template=template,
        leader=leader,
        unit=nursing_home,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    save_page(index, agreement, text, objects)

    pages = {
        "strategy": strategy,
        "agreement_index": index,
        "agreement": agreement,
        "policy": save_page(home_page, ServicePolicyPage(policy=policy), text, objects),
        "survey": save_page(
            home_page, SurveyResultsPage(survey=survey, unit=nursing_home), text, objects
        ),
        "goals": save_page(home_page, GoalHierarchyPage(default_unit=team), text, objects),
        "workplace": save_page(home_page, WorkplacePage(unit=nursing_home), text, objects),
    }
    # Last, so that its body's blocks can choose everything above.
    values_page = ValuesPage(
        value_set=value_set,
        content_owner=leader,
        next_review_on=datetime.date(2020, 1, 1),
        asks_for_read_confirmation=True,
    )
    pages["values"] = save_page(home_page, values_page, text, objects)
    ReadConfirmation.objects.create(page=values_page, user=staff, version=1)

    return {
        "text": text,
        "objects": objects,
        "pages": pages,
        "units": {"municipality": municipality, "sector": sector, "unit": nursing_home},
        "people": {"superior": superior, "leader": leader, "staff": staff},
        "survey": survey,
        "dimension": dimension,
        "value_set": value_set,
        "policy": policy,
        "template": template,
        "assessment": assessment,
        "plan": plan,
        "goal": goal,
        "criterion": criterion,
    }


def hr_user(username="hr"):
    user = get_user_model().objects.create_user(username=username, password="password")
    user.groups.add(Group.objects.get_or_create(name="HR")[0])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
