"""Wagtail viewsets (snippets and choosers) for the package's models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FollowUpPlan, OrganisationUnit, Survey, Value, ValueSet
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


class SurveyChooserViewSet(ChooserViewSet):
    model = Survey
    icon = "table"
    choose_one_text = _("Choose a survey")
    choose_another_text = _("Choose another survey")
    per_page = 50


class FollowUpPlanChooserViewSet(ChooserViewSet):
    model = FollowUpPlan
    icon = "tasks"
    choose_one_text = _("Choose a follow-up plan")
    choose_another_text = _("Choose another follow-up plan")
    per_page = 50

    def get_object_list(self):
        return FollowUpPlan.objects.select_related("survey", "unit")


value_set_viewset = ValueSetViewSet()
value_chooser_viewset = ValueChooserViewSet("wagtail_employer_value_chooser")
survey_chooser_viewset = SurveyChooserViewSet("wagtail_employer_survey_chooser")
follow_up_chooser_viewset = FollowUpPlanChooserViewSet("wagtail_employer_follow_up_chooser")
