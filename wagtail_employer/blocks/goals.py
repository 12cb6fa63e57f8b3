"""Goal blocks: one organisation unit's goals, each with what it serves."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import HeadingLevelBlock
from .org import OrganisationUnitChooserBlock


def units_with_goals(model):
    """Units with their goals (and the goal each serves) in two queries for any number."""
    from ..models import Goal

    goals = Goal.objects.select_related("parent__unit").order_by("-is_vision", "sort_order", "pk")
    return model.objects.prefetch_related(Prefetch("goals", queryset=goals))


class UnitGoalsChooserBlock(OrganisationUnitChooserBlock):
    """Chooses a unit; every chosen unit of a page comes with its goals at once."""

    def bulk_to_python(self, values):
        units = units_with_goals(self.target_model).in_bulk(
            [value for value in values if value is not None]
        )
        return [units.get(value) for value in values]


class UnitGoalsBlock(blocks.StructBlock):
    """One unit's goals: what, how, how they are followed up, and what each serves."""

    unit = UnitGoalsChooserBlock(label=_("Unit"))
    heading_level = HeadingLevelBlock()
    show_how = blocks.BooleanBlock(label=_("Show how and follow-up"), required=False, default=True)

    class Meta:
        icon = "list-ul"
        label = _("Unit goals")
        template = "wagtail_employer/blocks/unit_goals.html"
        description = _("The goals of one organisation unit and the goal each serves.")
