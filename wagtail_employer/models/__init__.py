from .follow_up import (
    ActionStatus,
    FocusKind,
    FollowUpAction,
    FollowUpFocus,
    FollowUpPlan,
    FollowUpReview,
)
from .imports import PendingImport
from .org import OrganisationUnit, UnitKind
from .survey_page import SurveyResultsPage
from .surveys import SURVEY_PRESETS, Survey, SurveyDimension, SurveyProvider, SurveyResult
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage

__all__ = [
    "SURVEY_PRESETS",
    "ActionStatus",
    "FocusKind",
    "FollowUpAction",
    "FollowUpFocus",
    "FollowUpPlan",
    "FollowUpReview",
    "Survey",
    "SurveyDimension",
    "SurveyProvider",
    "SurveyResult",
    "SurveyResultsPage",
    "OrganisationUnit",
    "PendingImport",
    "UnitKind",
    "Value",
    "ValueSet",
    "ValueSetStatus",
    "ValueToken",
    "ValuesPage",
    "WorkshopCandidate",
]
