"""Wagtail viewsets (choosers) for the package's models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import OrganisationUnit


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
