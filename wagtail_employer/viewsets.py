"""Wagtail viewsets (snippets and choosers) for the package's models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AgreementTemplate, OrganisationUnit, Value, ValueSet
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


class AgreementTemplateViewSet(SnippetViewSet):
    """The leader agreement template, maintained by HR / the chief executive's office."""

    model = AgreementTemplate
    icon = "doc-full"
    menu_label = _("Leader agreement templates")
    # Shown in the package's "Employer strategy" menu (see EmployerAdminGroup).
    add_to_admin_menu = False
    list_display = ["name", "version", "valid_from", "valid_to", "status", UpdatedAtColumn()]
    list_filter = ["status"]
    delete_view_class = ReferenceProtectedDeleteView
    delete_template_name = ReferenceProtectedDeleteView.template_name


agreement_template_viewset = AgreementTemplateViewSet()
