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
from .values import Value, ValueSet, ValueSetStatus, ValueToken, WorkshopCandidate
from .values_page import ValuesPage

__all__ = [
    "AccessLevel",
    "AgreementStatus",
    "AgreementTemplate",
    "AgreementTemplateStatus",
    "LeaderAgreementIndexPage",
    "LeaderAgreementPage",
    "Commitment",
    "CommitmentScore",
    "FocusArea",
    "FocusAreaExemplar",
    "OrganisationUnit",
    "PendingImport",
    "PolicyUsage",
    "SelfAssessment",
    "ServicePolicy",
    "ServicePolicyPage",
    "ServicePolicyStatus",
    "UnitKind",
    "Value",
    "ValueSet",
    "ValueSetStatus",
    "ValueToken",
    "ValuesPage",
    "WorkshopCandidate",
]
