"""Wagtail viewsets (snippets and choosers) for the package's models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import (
    Goal,
    OrganisationUnit,
    SalaryCriterion,
    StrategyFocusArea,
    Value,
    ValueSet,
)
from .views.snippets import ReferenceProtectedDeleteView


class OrganisationUnitChooserViewSet(ChooserViewSet):
    model = OrganisationUnit
    icon = "group"
    choose_one_text = _("Choose an organisation unit")
    choose_another_text = _("Choose another organisation unit")
    edit_item_text = _("Edit organisation unit")
    per_page = 50

    def get_object_list(self):
        return OrganisationUnit.objects.in_tree_order()


unit_chooser_viewset = OrganisationUnitChooserViewSet("wagtail_employer_unit_chooser")


class ValueSetViewSet(SnippetViewSet):
    model = ValueSet
    icon = "pick"
    menu_label = _("Value sets")
    # Shown in the package's "Employer strategy" menu (see EmployerAdminGroup).
    add_to_admin_menu = False
    list_display = ["name", "acronym", "status", "adopted_on", UpdatedAtColumn()]
    list_filter = ["status"]
    delete_view_class = ReferenceProtectedDeleteView
    delete_template_name = ReferenceProtectedDeleteView.template_name


class ValueChooserViewSet(ChooserViewSet):
    model = Value
    icon = "pick"
    choose_one_text = _("Choose a value")
    choose_another_text = _("Choose another value")
    edit_item_text = _("Edit value set")
    per_page = 50

    def get_object_list(self):
        return Value.objects.select_related("value_set").order_by("value_set__name", "sort_order")


value_set_viewset = ValueSetViewSet()
value_chooser_viewset = ValueChooserViewSet("wagtail_employer_value_chooser")


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "list-ul"
    menu_label = _("Goals")
    # Shown in the package's "Employer strategy" menu (see EmployerAdminGroup).
    add_to_admin_menu = False
    list_display = [
        "title",
        "unit",
        Column("level", label=_("Level"), accessor="get_level_display"),
        "parent",
        UpdatedAtColumn(),
    ]
    list_filter = ["is_vision"]
    ordering = ["unit__tree_path", "-is_vision", "sort_order", "pk"]
    delete_view_class = ReferenceProtectedDeleteView
    delete_template_name = ReferenceProtectedDeleteView.template_name

    def get_queryset(self, request):
        return Goal.objects.select_related("unit", "parent__unit")


class SalaryCriterionViewSet(SnippetViewSet):
    model = SalaryCriterion
    icon = "form"
    menu_label = _("Salary criteria")
    add_to_admin_menu = False
    list_display = ["name", "unit", UpdatedAtColumn()]
    delete_view_class = ReferenceProtectedDeleteView
    delete_template_name = ReferenceProtectedDeleteView.template_name

    def get_queryset(self, request):
        return SalaryCriterion.objects.select_related("unit")


class StrategyFocusAreaChooserViewSet(ChooserViewSet):
    model = StrategyFocusArea
    icon = "crosshairs"
    choose_one_text = _("Choose a focus area")
    choose_another_text = _("Choose another focus area")
    edit_item_text = _("Edit employer strategy")
    per_page = 50

    def get_object_list(self):
        return StrategyFocusArea.objects.select_related("page").order_by(
            "page__title", "sort_order"
        )


goal_viewset = GoalViewSet()
salary_criterion_viewset = SalaryCriterionViewSet()
strategy_focus_area_chooser_viewset = StrategyFocusAreaChooserViewSet(
    "wagtail_employer_strategy_focus_area_chooser"
)
