from .agreements import (
    AccessLevel,
    AgreementEnding,
    AgreementStatus,
    AgreementTemplate,
    AgreementTemplateStatus,
    Coverage,
    LeaderAgreementIndexPage,
    LeaderAgreementPage,
)
from .follow_up import (
    ActionStatus,
    FocusKind,
    FollowUpAction,
    FollowUpFocus,
    FollowUpPlan,
    FollowUpReview,
)
from .goals import Goal, GoalChain, GoalHierarchyPage, GoalLevel, SalaryCriterion
from .imports import ImportProgress, PendingImport
from .lifecycle import PolicyLifecycleMixin, ReadConfirmation, UnitMembership
from .org import OrganisationUnit, UnitKind
from .self_assessment import CommitmentScore, SelfAssessment
from .service_policy import (
    Commitment,
    FocusArea,
    FocusAreaExemplar,
    PolicyUsage,
    ServicePolicy,
    ServicePolicyStatus,
)
from .service_policy_page import ServicePolicyPage
from .strategy import EmployerStrategyPage, StrategyFocusArea
from .survey_page import SurveyResultsPage
from .surveys import SURVEY_PRESETS, Survey, SurveyDimension, SurveyProvider, SurveyResult
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage
from .workplace import WorkplacePage

__all__ = [
    "AccessLevel",
    "AgreementEnding",
    "Coverage",
    "AgreementStatus",
    "AgreementTemplate",
    "AgreementTemplateStatus",
    "LeaderAgreementIndexPage",
    "LeaderAgreementPage",
    "Commitment",
    "CommitmentScore",
    "FocusArea",
    "FocusAreaExemplar",
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
    "ImportProgress",
    "PendingImport",
    "PolicyUsage",
    "SelfAssessment",
    "ServicePolicy",
    "ServicePolicyPage",
    "ServicePolicyStatus",
    "EmployerStrategyPage",
    "Goal",
    "GoalChain",
    "GoalHierarchyPage",
    "GoalLevel",
    "OrganisationUnit",
    "PendingImport",
    "SalaryCriterion",
    "StrategyFocusArea",
    "PolicyLifecycleMixin",
    "ReadConfirmation",
    "UnitKind",
    "UnitMembership",
    "Value",
    "ValueSet",
    "ValueSetStatus",
    "ValueToken",
    "ValuesPage",
    "WorkplacePage",
    "WorkshopCandidate",
]
