from .goals import Goal, GoalChain, GoalHierarchyPage, GoalLevel, SalaryCriterion
from .imports import PendingImport
from .org import OrganisationUnit, UnitKind
from .strategy import EmployerStrategyPage, StrategyFocusArea
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage
from .workplace import WorkplacePage

__all__ = [
    "EmployerStrategyPage",
    "Goal",
    "GoalChain",
    "GoalHierarchyPage",
    "GoalLevel",
    "OrganisationUnit",
    "PendingImport",
    "SalaryCriterion",
    "StrategyFocusArea",
    "UnitKind",
    "Value",
    "ValueSet",
    "ValueSetStatus",
    "ValueToken",
    "ValuesPage",
    "WorkplacePage",
    "WorkshopCandidate",
]
