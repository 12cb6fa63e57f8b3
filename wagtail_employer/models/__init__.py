from .imports import PendingImport
from .lifecycle import PolicyLifecycleMixin, ReadConfirmation, UnitMembership
from .org import OrganisationUnit, UnitKind
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage

__all__ = [
    "OrganisationUnit",
    "PendingImport",
    "PolicyLifecycleMixin",
    "ReadConfirmation",
    "UnitKind",
    "UnitMembership",
    "Value",
    "ValueSet",
    "ValueSetStatus",
    "ValueToken",
    "ValuesPage",
    "WorkshopCandidate",
]
