"""The goal hierarchy (målhierarki, seed 004): vision → overall goals → sector goals →
unit goals → team goals, each goal serving one goal further up the organisation tree,
ending in salary criteria (lönekriterier) that refer to goals and values."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api import GoalChainField
from ..blocks import EmployerStreamBlock
from ..forms.goals import SalaryCriterionForm, goal_errors
from .base import EmployerPageMixin
from .org import PATH_SEGMENT_WIDTH, OrganisationUnit, UnitKind
from .values import Value


class GoalLevel(models.TextChoices):
    """Where a goal sits in the hierarchy; follows from its unit's kind."""

    VISION = "vision", _("Vision")
    OVERALL = "overall", _("Overall goal")
    SECTOR = "sector", _("Sector goal")
    UNIT = "unit", _("Unit goal")
    TEAM = "team", _("Team goal")


LEVEL_BY_UNIT_KIND = {
    UnitKind.MUNICIPALITY: GoalLevel.OVERALL,
    UnitKind.SECTOR: GoalLevel.SECTOR,
    UnitKind.UNIT: GoalLevel.UNIT,
    UnitKind.TEAM: GoalLevel.TEAM,
}


class GoalQuerySet(models.QuerySet):
    def in_chain_order(self):
        """Vision first, then by the unit's place in the tree, then as the editor ordered."""
        return self.order_by("unit__tree_path", "-is_vision", "sort_order", "pk")


class GoalManager(models.Manager.from_queryset(GoalQuerySet)):
    def get_queryset(self):
        # A goal is named with its unit (__str__) in every chooser, select and listing.
        return super().get_queryset().select_related("unit")


class Goal(index.Indexed, models.Model):
    """One goal of one organisation unit, or the municipality's vision."""

    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    is_vision = models.BooleanField(
        _("this is the vision"),
        default=False,
        help_text=_("Only the municipality has a vision, and only one."),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("E.g. “Mål för socialtjänstverksamheten”.")
    )
    statement = models.TextField(
        _("what"), help_text=_("The goal itself: what we want to achieve.")
    )
    how = models.TextField(
        _("how"), blank=True, help_text=_("How the goal will be reached. Required for team goals.")
    )
    follow_up = models.TextField(
        _("how we follow up"),
        blank=True,
        help_text=_("How and when progress is followed up. Required for team goals."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("serves the goal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_(
            "The goal one level up that this goal serves: a goal of a unit above this one, "
            "or the vision for the municipality's overall goals."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Goals of a unit are shown in this order.")
    )

    objects = GoalManager()

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("statement"),
        index.SearchField("how"),
        index.SearchField("follow_up"),
        index.RelatedFields("unit", [index.SearchField("name"), index.SearchField("code")]),
        index.FilterField("unit_id"),
        index.FilterField("is_vision"),
    ]

    panels = [
        FieldPanel("unit"),
        FieldPanel("is_vision"),
        FieldPanel("parent"),
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("statement"), FieldPanel("how"), FieldPanel("follow_up")],
            heading=_("What, how and follow-up"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["unit__tree_path", "-is_vision", "sort_order", "pk"]

    def __str__(self):
        if self.unit_id:
            return f"{self.title} ({self.unit.name})"
        return self.title

    def clean(self):
        super().clean()
        errors = goal_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def level(self):
        if self.is_vision:
            return GoalLevel.VISION
        return LEVEL_BY_UNIT_KIND.get(self.unit.kind, GoalLevel.UNIT)

    def get_level_display(self):
        return GoalLevel(self.level).label


class SalaryCriterion(index.Indexed, ClusterableModel):
    """A salary criterion (lønnskriterium / lönekriterium) for a unit, saying which of its
    goals and which shared values it rewards."""

    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="salary_criteria",
        help_text=_("The unit whose staff the criterion applies to; units below inherit it."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("what is rewarded"), help_text=_("What a person does that the criterion rewards.")
    )
    goals = ParentalManyToManyField(
        Goal,
        verbose_name=_("goals"),
        blank=True,
        related_name="salary_criteria",
        help_text=_("Goals of this unit or of units above it that the criterion supports."),
    )
    values = ParentalManyToManyField(
        Value,
        verbose_name=_("values"),
        blank=True,
        related_name="salary_criteria",
        help_text=_("Shared values the criterion puts into practice."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.RelatedFields("unit", [index.SearchField("name")]),
        index.FilterField("unit_id"),
    ]

    base_form_class = SalaryCriterionForm

    panels = [
        FieldPanel("unit"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
        FieldPanel("values", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("salary criterion")
        verbose_name_plural = _("salary criteria")
        ordering = ["unit__tree_path", "sort_order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.unit.name})" if self.unit_id else self.name


class GoalChain:
    """The chain from the vision down to one unit: the unit's ancestors (and itself), each
    with its goals, and the salary criteria that apply to the unit. Four queries, three
    when the caller already holds every unit (``all_units``)."""

    def __init__(self, unit, all_units=None):
        self.unit = unit
        if all_units is None:
            self.units = list(unit.get_ancestors(inclusive=True))
        else:
            self.units = [
                other for other in all_units if other.pk == unit.pk or other.is_ancestor_of(unit)
            ]
        goals = Goal.objects.filter(unit__in=self.units).select_related("unit", "parent__unit")
        by_unit = {}
        for goal in goals.in_chain_order():
            by_unit.setdefault(goal.unit_id, []).append(goal)
        self.levels = [(level_unit, by_unit.get(level_unit.pk, [])) for level_unit in self.units]
        self.salary_criteria = list(
            SalaryCriterion.objects.filter(unit__in=self.units)
            .select_related("unit")
            .prefetch_related(
                models.Prefetch("goals", queryset=Goal.objects.select_related("unit")),
                models.Prefetch("values", queryset=Value.objects.select_related("value_set")),
            )
        )

    def as_data(self):
        """The chain as plain data, for the API."""
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name, "kind": self.unit.kind},
            "levels": [
                {
                    "unit": {"code": level_unit.code, "name": level_unit.name},
                    "goals": [
                        {
                            "id": goal.pk,
                            "level": goal.level,
                            "title": goal.title,
                            "what": goal.statement,
                            "how": goal.how,
                            "follow_up": goal.follow_up,
                            "serves": goal.parent_id,
                        }
                        for goal in goals
                    ],
                }
                for level_unit, goals in self.levels
            ],
            "salary_criteria": [
                {
                    "name": criterion.name,
                    "unit": criterion.unit.code,
                    "description": criterion.description,
                    "goals": [goal.pk for goal in criterion.goals.all()],
                    "values": [value.name for value in criterion.values.all()],
                }
                for criterion in self.salary_criteria
            ],
        }


class GoalHierarchyPage(EmployerPageMixin, Page):
    """Shows the goal chain from the vision down to any unit the reader picks."""

    intro = RichTextField(_("introduction"), blank=True)
    default_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit shown first"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit whose chain readers see before they pick one."),
    )
    body = StreamField(
        EmployerStreamBlock(), blank=True, use_json_field=True, verbose_name=_("more content")
    )

    template = "wagtail_employer/pages/goal_hierarchy_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("default_unit"),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [
        APIField("intro"),
        APIField("goal_chain", serializer=GoalChainField(source="default_goal_chain")),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("goal hierarchy page")
        verbose_name_plural = _("goal hierarchy pages")

    @property
    def default_goal_chain(self):
        return GoalChain(self.default_unit) if self.default_unit_id else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        units = OrganisationUnit.objects.in_tree_order()
        if self.default_unit_id:
            # One municipality per page: the picker offers the default unit's tree.
            municipality_path = (
                OrganisationUnit.objects.filter(pk=self.default_unit_id)
                .values_list("tree_path", flat=True)
                .first()
            )
            units = units.filter(tree_path__startswith=municipality_path[:PATH_SEGMENT_WIDTH])
        units = list(units)
        code = request.GET.get("unit", "").strip()
        selected = None
        if code:
            selected = next((unit for unit in units if unit.code == code), None)
            if selected is None:
                context["unknown_unit_code"] = code
        if selected is None and self.default_unit_id:
            selected = next((unit for unit in units if unit.pk == self.default_unit_id), None)
        context["units"] = units
        context["selected_unit"] = selected
        context["chain"] = GoalChain(selected, all_units=units) if selected else None
        return context
