"""The domain model (SQLAlchemy 2 typed mappings). Import entities from here."""

from app.models.agenda import AgendaSetAside
from app.models.audit import AppMeta, AuditEntry
from app.models.base import Audited, Base
from app.models.consent import ConsentEntry, ConsentKind, ConsentLetter
from app.models.consignment import (
    ConsignmentList,
    FreightPayer,
    PriceCalculation,
    Settlement,
    SettlementLine,
    SettlementPayment,
    Shipment,
    ShipmentKind,
)
from app.models.content import Article, SerialIssue, TocEntry
from app.models.deposit import DepositLine
from app.models.efile import EFile
from app.models.enums import (
    AuditAction,
    Binding,
    CipStatus,
    ContributorRole,
    CopyrightOwner,
    EFileRole,
    LibraryKind,
    PartnerKind,
    PaymentState,
    PublicationForm,
    PublicationStatus,
    PublicationType,
    RelationKind,
    TocKind,
)
from app.models.licence import Licence
from app.models.numbering import (
    ApplicationKind,
    ApplicationPart,
    ApplicationStatus,
    NumberApplication,
    PublicationChange,
)
from app.models.organisation import Contact, PublishingUnit
from app.models.package import PackageBuild, PackagePublication
from app.models.publication import Contributor, Publication, PublicationRelation
from app.models.recycle import RecycledPublication
from app.models.reference import DepositLibrary, SalesStore
from app.models.review import GpnSiteRecord, PublicationReview

__all__ = [
    "AgendaSetAside",
    "AppMeta",
    "ApplicationKind",
    "ApplicationPart",
    "ApplicationStatus",
    "Article",
    "AuditAction",
    "AuditEntry",
    "Audited",
    "Base",
    "Binding",
    "CipStatus",
    "ConsentEntry",
    "ConsentKind",
    "ConsentLetter",
    "ConsignmentList",
    "Contact",
    "Contributor",
    "ContributorRole",
    "CopyrightOwner",
    "DepositLibrary",
    "DepositLine",
    "EFile",
    "EFileRole",
    "FreightPayer",
    "GpnSiteRecord",
    "LibraryKind",
    "Licence",
    "NumberApplication",
    "PackageBuild",
    "PackagePublication",
    "PartnerKind",
    "PaymentState",
    "PriceCalculation",
    "Publication",
    "PublicationChange",
    "PublicationForm",
    "PublicationRelation",
    "PublicationReview",
    "PublicationStatus",
    "PublicationType",
    "PublishingUnit",
    "RecycledPublication",
    "RelationKind",
    "SalesStore",
    "SerialIssue",
    "Settlement",
    "SettlementLine",
    "SettlementPayment",
    "Shipment",
    "ShipmentKind",
    "TocEntry",
    "TocKind",
]
