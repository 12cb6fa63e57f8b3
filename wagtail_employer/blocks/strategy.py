"""Strategy blocks: one focus area of an employer strategy, shown anywhere."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import HeadingLevelBlock, StaticChoiceBlock
from .service_policy import CommitmentChooserBlock
from .surveys import SurveyDimensionChooserBlock


class IndicatorKind:
    """KS's distinction (seed 002): drivers count effort, results show the effect."""

    RESULT = "result"
    DRIVER = "driver"
    CHOICES = [
        (RESULT, _("Result indicator")),
        (DRIVER, _("Driver indicator")),
    ]


class IndicatorValue(blocks.StructValue):
    def kind_label(self):
        return dict(IndicatorKind.CHOICES).get(self.get("kind"), "")


class IndicatorBlock(blocks.StructBlock):
    """How progress on a focus area is measured, optionally tied to the survey dimension
    that measures it or the service-policy commitment it follows up."""

    name = blocks.CharBlock(label=_("Indicator"), max_length=300)
    kind = StaticChoiceBlock(
        choices=IndicatorKind.CHOICES, default=IndicatorKind.RESULT, label=_("Kind")
    )
    target = blocks.CharBlock(
        label=_("Target"), max_length=200, required=False, help_text=_("E.g. “4,5 of 6”.")
    )
    survey_dimension = SurveyDimensionChooserBlock(
        label=_("Measured by survey dimension"),
        required=False,
        help_text=_("Optional: the employee-survey dimension that measures this indicator."),
    )
    commitment = CommitmentChooserBlock(
        label=_("Service-policy commitment"),
        required=False,
        help_text=_("Optional: the commitment of the service policy this indicator follows up."),
    )

    class Meta:
        icon = "success"
        label = _("Indicator")
        value_class = IndicatorValue


class StrategyFocusAreaChooserBlock(blocks.ChooserBlock):
    """Chooses a focus area of an employer strategy; all chosen areas in one query."""

    @cached_property
    def target_model(self):
        from ..models import StrategyFocusArea

        return StrategyFocusArea

    @cached_property
    def widget(self):
        from ..viewsets import strategy_focus_area_chooser_viewset

        return strategy_focus_area_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        found = self.target_model.objects.select_related("page").in_bulk(
            [value for value in values if value is not None]
        )
        return [found.get(value) for value in values]

    class Meta:
        icon = "crosshairs"
        label = _("Focus area")


class StrategyFocusAreaBlock(blocks.StructBlock):
    """One focus area of the employer strategy: goal, success factors, measures, indicators."""

    focus_area = StrategyFocusAreaChooserBlock(label=_("Focus area"))
    heading_level = HeadingLevelBlock()

    class Meta:
        icon = "crosshairs"
        label = _("Strategy focus area")
        template = "wagtail_employer/blocks/strategy_focus_area.html"
        description = _("A focus area of the employer strategy, with a link to the strategy.")
