"""Block families, one module each; ``EmployerStreamBlock`` offers them all."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import FigureBlock, HeadingBlock, HeadingLevelBlock, ParagraphBlock
from .goals import UnitGoalsBlock, UnitGoalsChooserBlock
from .methods import ActionPlanBlock, MeetingAgendaBlock, MethodCardBlock, ProcessTimelineBlock
from .org import OrganisationUnitChooserBlock, UnitCardBlock
from .strategy import IndicatorBlock, StrategyFocusAreaBlock, StrategyFocusAreaChooserBlock
from .values import SingleValueBlock, ValueChooserBlock, ValueSetBlock, ValueSetChooserBlock


class EmployerStreamBlock(blocks.StreamBlock):
    """A body that can hold every wagtail-employer block; use it in a host page's
    ``StreamField`` or pick single blocks from the modules of this package."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = FigureBlock()
    unit_card = UnitCardBlock()
    value_set = ValueSetBlock()
    single_value = SingleValueBlock()
    strategy_focus_area = StrategyFocusAreaBlock()
    unit_goals = UnitGoalsBlock()
    meeting_agenda = MeetingAgendaBlock()
    action_plan = ActionPlanBlock()
    method_card = MethodCardBlock()
    process_timeline = ProcessTimelineBlock()

    class Meta:
        label = _("Body")


__all__ = [
    "ActionPlanBlock",
    "EmployerStreamBlock",
    "FigureBlock",
    "StrategyFocusAreaBlock",
    "StrategyFocusAreaChooserBlock",
    "HeadingBlock",
    "HeadingLevelBlock",
    "IndicatorBlock",
    "MeetingAgendaBlock",
    "MethodCardBlock",
    "OrganisationUnitChooserBlock",
    "ParagraphBlock",
    "ProcessTimelineBlock",
    "SingleValueBlock",
    "UnitCardBlock",
    "UnitGoalsBlock",
    "UnitGoalsChooserBlock",
    "ValueChooserBlock",
    "ValueSetBlock",
    "ValueSetChooserBlock",
]
