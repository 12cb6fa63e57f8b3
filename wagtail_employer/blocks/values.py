"""Value blocks: a whole value set (full, acronym banner or behaviours) or one value."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from ..localization import localize_in_bulk
from .basic import HeadingLevelBlock, StaticChoiceBlock


def _value_sets():
    from ..models import ValueSet

    return ValueSet.objects.select_related("locale").prefetch_related(
        "values", "workshop_candidates"
    )


class ValueSetChooserBlock(SnippetChooserBlock):
    """Chooses a value set; fetches every chosen set of a page, with its values, at once."""

    def __init__(self, **kwargs):
        super().__init__("wagtail_employer.ValueSet", **kwargs)

    def bulk_to_python(self, values):
        ids = [value for value in values if value is not None]
        value_sets = _value_sets().in_bulk(ids)
        chosen = [value_sets.get(value) for value in values]
        return localize_in_bulk(self.target_model, chosen, _value_sets())


class ValueChooserBlock(blocks.ChooserBlock):
    """Chooses one value of a value set."""

    @cached_property
    def target_model(self):
        from ..models import Value

        return Value

    @cached_property
    def widget(self):
        from ..viewsets import value_chooser_viewset

        return value_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        queryset = self.target_model.objects.select_related("value_set", "locale")
        found = queryset.in_bulk([value for value in values if value is not None])
        return localize_in_bulk(self.target_model, [found.get(v) for v in values], queryset)

    class Meta:
        icon = "pick"
        label = _("Value")


class ValueSetDisplay:
    FULL = "full"
    ACRONYM = "acronym"
    BEHAVIOURS = "behaviours"
    CHOICES = [
        (FULL, _("Full: each value with its meaning and behaviours")),
        (ACRONYM, _("Compact: the acronym as a banner")),
        (BEHAVIOURS, _("Behaviours only")),
    ]


class ValueSetBlock(blocks.StructBlock):
    """One of the municipality's value sets, in full or compact."""

    value_set = ValueSetChooserBlock(label=_("Value set"))
    display = StaticChoiceBlock(
        choices=ValueSetDisplay.CHOICES, default=ValueSetDisplay.FULL, label=_("Display")
    )
    heading_level = HeadingLevelBlock()

    class Meta:
        icon = "pick"
        label = _("Value set")
        template = "wagtail_employer/blocks/value_set.html"
        description = _("The municipality's shared values, in full or as an acronym banner.")


class SingleValueBlock(blocks.StructBlock):
    """One value, with its meaning and behaviours."""

    value = ValueChooserBlock(label=_("Value"))
    heading_level = HeadingLevelBlock(default="h3")
    show_behaviours = blocks.BooleanBlock(label=_("Show behaviours"), required=False, default=True)

    class Meta:
        icon = "pick"
        label = _("Single value")
        template = "wagtail_employer/blocks/single_value.html"
        description = _("One value of a value set, with what it means in action.")
