"""Blocks that refer to the organisation tree."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import HeadingLevelBlock


class OrganisationUnitChooserBlock(blocks.ChooserBlock):
    """Chooses an organisation unit with the admin's unit chooser."""

    @cached_property
    def target_model(self):
        from ..models import OrganisationUnit

        return OrganisationUnit

    @cached_property
    def widget(self):
        from ..viewsets import unit_chooser_viewset

        return unit_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        # One query for every unit in the stream, with what the templates show.
        units = self.target_model.objects.select_related("parent", "leader").in_bulk(
            [value for value in values if value is not None]
        )
        return [units.get(value) for value in values]

    class Meta:
        icon = "group"
        label = _("Organisation unit")


class UnitCardBlock(blocks.StructBlock):
    """A unit's name, kind, leader and where it sits in the organisation."""

    unit = OrganisationUnitChooserBlock(label=_("Unit"))
    heading_level = HeadingLevelBlock(default="h3")
    show_leader = blocks.BooleanBlock(label=_("Show the leader"), required=False, default=True)

    class Meta:
        icon = "group"
        label = _("Organisation unit card")
        template = "wagtail_employer/blocks/unit_card.html"
        description = _("Shows a unit with its leader and the unit it belongs to.")
