from .imports import PendingImport
from .org import OrganisationUnit, UnitKind

__all__ = ["OrganisationUnit", "PendingImport", "UnitKind"]
