"""Wagtail viewsets (snippets and choosers) for the package's models."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import (
    AgreementTemplate,
    Commitment,
    FocusArea,
    FollowUpPlan,
    Goal,
    OrganisationUnit,
    SalaryCriterion,
    ServicePolicy,
    StrategyFocusArea,
    Survey,
    SurveyDimension,
    Value,
    ValueSet,
)
from .views.snippets import ReferenceProtectedDeleteView
from .views.versions import StartNewVersionView, VersionedEditView


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


class VersionedSnippetViewSet(SnippetViewSet):
    """A snippet kept in versions: the edit view offers “Start a new version”, which makes a
    draft copy (the model's ``start_new_version()``) that records this one as its previous
    version. ``new_version_template_name`` says what is copied."""

    edit_view_class = VersionedEditView
    new_version_template_name = None

    @property
    def new_version_view(self):
        return StartNewVersionView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("new-version/<str:pk>/", self.new_version_view, name="new_version"),
        ]


class ServicePolicyViewSet(VersionedSnippetViewSet):
    model = ServicePolicy
    icon = "list-ol"
    menu_label = _("Service policies")
    # Shown in the package's "Employer strategy" menu (see EmployerAdminGroup).
    add_to_admin_menu = False
    list_display = ["title", "version", "status", "valid_from", "valid_to", UpdatedAtColumn()]
    list_filter = ["status"]
    new_version_template_name = "wagtail_employer/admin/service_policy_new_version.html"
    # “Start a new version” copies the focus areas with their commitments and units and
    # links the versions; Wagtail's generic Copy would re-submit the original's inline
    # rows into the new policy.
    copy_view_enabled = False
    delete_view_class = ReferenceProtectedDeleteView
    delete_template_name = ReferenceProtectedDeleteView.template_name


class FocusAreaChooserViewSet(ChooserViewSet):
    model = FocusArea
    icon = "list-ol"
    choose_one_text = _("Choose a focus area")
    choose_another_text = _("Choose another focus area")
    edit_item_text = _("Edit service policy")
    per_page = 50

    def get_object_list(self):
        return FocusArea.objects.select_related("policy").order_by("policy__title", "sort_order")


class CommitmentChooserViewSet(ChooserViewSet):
    model = Commitment
    icon = "tick"
    choose_one_text = _("Choose a commitment")
    choose_another_text = _("Choose another commitment")
    edit_item_text = _("Edit service policy")
    per_page = 50

    def get_object_list(self):
        return Commitment.objects.select_related("focus_area__policy").order_by(
            "focus_area__policy__title", "number"
        )


class SurveyChooserViewSet(ChooserViewSet):
    model = Survey
    icon = "table"
    choose_one_text = _("Choose a survey")
    choose_another_text = _("Choose another survey")
    per_page = 50


class SurveyDimensionChooserViewSet(ChooserViewSet):
    model = SurveyDimension
    icon = "table"
    choose_one_text = _("Choose a survey dimension")
    choose_another_text = _("Choose another survey dimension")
    per_page = 50

    def get_object_list(self):
        return SurveyDimension.objects.select_related("survey").order_by(
            "-survey__year", "survey__name", "sort_order"
        )


class FollowUpPlanChooserViewSet(ChooserViewSet):
    model = FollowUpPlan
    icon = "tasks"
    choose_one_text = _("Choose a follow-up plan")
    choose_another_text = _("Choose another follow-up plan")
    per_page = 50

    def get_object_list(self):
        return FollowUpPlan.objects.select_related("survey", "unit")


value_set_viewset = ValueSetViewSet()
service_policy_viewset = ServicePolicyViewSet()
focus_area_chooser_viewset = FocusAreaChooserViewSet("wagtail_employer_focus_area_chooser")
commitment_chooser_viewset = CommitmentChooserViewSet("wagtail_employer_commitment_chooser")
value_chooser_viewset = ValueChooserViewSet("wagtail_employer_value_chooser")
survey_chooser_viewset = SurveyChooserViewSet("wagtail_employer_survey_chooser")
follow_up_chooser_viewset = FollowUpPlanChooserViewSet("wagtail_employer_follow_up_chooser")
survey_dimension_chooser_viewset = SurveyDimensionChooserViewSet(
    "wagtail_employer_survey_dimension_chooser"
)


class AgreementTemplateViewSet(VersionedSnippetViewSet):
    """The leader agreement template, maintained by HR / the chief executive's office."""

    model = AgreementTemplate
    icon = "doc-full"
    menu_label = _("Leader agreement templates")
    # Shown in the package's "Employer strategy" menu (see EmployerAdminGroup).
    add_to_admin_menu = False
    list_display = [
        "name",
        "version",
        "valid_from",
        "valid_to",
        "status",
        "previous_version",
        UpdatedAtColumn(),
    ]
    list_filter = ["status"]
    new_version_template_name = "wagtail_employer/admin/agreement_template_new_version.html"
    # “Start a new version” links the versions; a plain copy would not.
    copy_view_enabled = False
    delete_view_class = ReferenceProtectedDeleteView
    delete_template_name = ReferenceProtectedDeleteView.template_name


agreement_template_viewset = AgreementTemplateViewSet()


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
