from .agreements import (
    AccessLevel,
    AgreementStatus,
    AgreementTemplate,
    AgreementTemplateStatus,
    LeaderAgreementIndexPage,
    LeaderAgreementPage,
)
from .imports import PendingImport
from .org import OrganisationUnit, UnitKind
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage

__all__ = [
    "AccessLevel",
    "AgreementStatus",
    "AgreementTemplate",
    "AgreementTemplateStatus",
    "LeaderAgreementIndexPage",
    "LeaderAgreementPage",
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
