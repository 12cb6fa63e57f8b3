from .imports import PendingImport
from .org import OrganisationUnit, UnitKind
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage

__all__ = [
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
