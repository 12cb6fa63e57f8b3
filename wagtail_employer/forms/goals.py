"""Rules of the goal hierarchy, reported on the field at fault.

``goal_errors`` is called from ``Goal.clean()``, so the admin form, the API of a host
project and the demo loader all refuse the same things, and nothing is saved."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from ..settings import employer_settings

MUNICIPALITY = "municipality"
TEAM = "team"


def goal_errors(goal):
    """``{field name: message}`` for every rule ``goal`` breaks; empty when it is fine."""
    if not goal.unit_id:
        return {}
    unit = goal.unit
    errors = {}
    if goal.is_vision:
        _check_vision(goal, unit, errors)
    else:
        _check_parent(goal, unit, errors)
    if unit.kind == TEAM and not goal.is_vision:
        _check_team_goal(goal, unit, errors)
    return errors


def _check_vision(goal, unit, errors):
    if unit.kind != MUNICIPALITY:
        errors["is_vision"] = _("Only the municipality has a vision; %(unit)s is a %(kind)s.") % {
            "unit": unit.name,
            "kind": unit.get_kind_display().lower(),
        }
        return
    other = type(goal).objects.filter(unit=unit, is_vision=True).exclude(pk=goal.pk).first()
    if other is not None:
        errors["is_vision"] = _("%(unit)s already has a vision: “%(title)s”.") % {
            "unit": unit.name,
            "title": other.title,
        }
    if goal.parent_id:
        errors["parent"] = _("The vision is the top of the hierarchy and serves no other goal.")


def _check_parent(goal, unit, errors):
    parent = goal.parent if goal.parent_id else None
    if parent is None:
        if unit.kind != MUNICIPALITY:
            errors["parent"] = _(
                "Choose the goal one level up that this goal serves (a goal of a unit above "
                "%(unit)s)."
            ) % {"unit": unit.name}
        return
    if goal.pk and parent.pk == goal.pk:
        errors["parent"] = _("A goal cannot serve itself.")
    elif unit.kind == MUNICIPALITY:
        if not (parent.is_vision and parent.unit_id == unit.pk):
            errors["parent"] = _("An overall goal serves the vision of %(unit)s.") % {
                "unit": unit.name
            }
    elif not _is_above(parent.unit, unit):
        errors["parent"] = _(
            "“%(goal)s” is a goal of %(parent_unit)s, which is not above %(unit)s in the "
            "organisation. Choose a goal of a unit that %(unit)s belongs to."
        ) % {"goal": parent.title, "parent_unit": parent.unit.name, "unit": unit.name}


def _is_above(upper, lower):
    """Whether ``upper`` is an ancestor of ``lower``, on the tree paths as stored now (units
    held in memory may predate a move or a sibling's insertion)."""
    paths = dict(
        type(lower).objects.filter(pk__in=[upper.pk, lower.pk]).values_list("pk", "tree_path")
    )
    upper_path, lower_path = paths.get(upper.pk, ""), paths.get(lower.pk, "")
    return bool(upper_path) and lower_path.startswith(upper_path) and lower_path != upper_path


def _check_team_goal(goal, unit, errors):
    if not (goal.how or "").strip():
        errors["how"] = _("Say how the team will reach the goal.")
    if not (goal.follow_up or "").strip():
        errors["follow_up"] = _("Say how the team will follow the goal up.")
    most = employer_settings.TEAM_GOALS_MAX
    others = type(goal).objects.filter(unit=unit, is_vision=False).exclude(pk=goal.pk).count()
    if others >= most:
        errors["unit"] = ngettext(
            "%(team)s already has %(count)d goal, and a team may have at most %(most)d.",
            "%(team)s already has %(count)d goals, and a team may have at most %(most)d.",
            others,
        ) % {"team": unit.name, "count": others, "most": most}


class SalaryCriterionForm(WagtailAdminModelForm):
    """The goals must be the unit's own or from above it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "goals" in self.fields:
            field = self.fields["goals"]
            field.queryset = field.queryset.select_related("unit").order_by(
                "unit__tree_path", "-is_vision", "sort_order", "pk"
            )
        if "values" in self.fields:
            field = self.fields["values"]
            field.queryset = field.queryset.select_related("value_set").order_by(
                "value_set__name", "sort_order"
            )

    def clean(self):
        cleaned_data = super().clean()
        unit = cleaned_data.get("unit")
        goals = cleaned_data.get("goals")
        if unit is None or not goals:
            return cleaned_data
        outside = [
            goal for goal in goals if goal.unit_id != unit.pk and not goal.unit.is_ancestor_of(unit)
        ]
        if outside:
            self.add_error(
                "goals",
                _(
                    "A salary criterion for %(unit)s can only support goals of %(unit)s or of "
                    "the units above it, not %(goals)s."
                )
                % {
                    "unit": unit.name,
                    "goals": ", ".join(f"“{goal.title}” ({goal.unit.name})" for goal in outside),
                },
            )
        return cleaned_data
