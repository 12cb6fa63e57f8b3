"""Block families, one module each; ``EmployerStreamBlock`` offers them all."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .basic import FigureBlock, HeadingBlock, HeadingLevelBlock, ParagraphBlock
from .goals import UnitGoalsBlock, UnitGoalsChooserBlock
from .methods import ActionPlanBlock, MeetingAgendaBlock, MethodCardBlock, ProcessTimelineBlock
from .org import OrganisationUnitChooserBlock, UnitCardBlock
from .service_policy import (
    CommitmentBlock,
    CommitmentChooserBlock,
    FocusAreaBlock,
    FocusAreaChooserBlock,
    ServicePolicyBlock,
    ServicePolicyChooserBlock,
)
from .strategy import IndicatorBlock, StrategyFocusAreaBlock, StrategyFocusAreaChooserBlock
from .surveys import (
    FollowUpPlanBlock,
    FollowUpPlanChooserBlock,
    SurveyChooserBlock,
    SurveyResultBlock,
)
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
    service_policy = ServicePolicyBlock()
    focus_area = FocusAreaBlock()
    commitment = CommitmentBlock()
    survey_result = SurveyResultBlock()
    follow_up_plan = FollowUpPlanBlock()
    strategy_focus_area = StrategyFocusAreaBlock()
    unit_goals = UnitGoalsBlock()
    meeting_agenda = MeetingAgendaBlock()
    action_plan = ActionPlanBlock()
    method_card = MethodCardBlock()
    process_timeline = ProcessTimelineBlock()

    class Meta:
        label = _("Body")


__all__ = [
    "CommitmentBlock",
    "CommitmentChooserBlock",
    "EmployerStreamBlock",
    "FigureBlock",
    "FocusAreaBlock",
    "FocusAreaChooserBlock",
    "FollowUpPlanBlock",
    "FollowUpPlanChooserBlock",
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
    "ServicePolicyBlock",
    "ServicePolicyChooserBlock",
    "ProcessTimelineBlock",
    "SingleValueBlock",
    "SurveyChooserBlock",
    "SurveyResultBlock",
    "UnitCardBlock",
    "UnitGoalsBlock",
    "UnitGoalsChooserBlock",
    "ValueChooserBlock",
    "ValueSetBlock",
    "ValueSetChooserBlock",
]
