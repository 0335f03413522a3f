"""The closed vocabularies of the domain. Values are stored; labels are what users read."""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose members know their Traditional Chinese label."""

    @property
    def label(self) -> str:
        """The Traditional Chinese name: the one documents print."""
        return _LABELS[(type(self), self.value)]

    @property
    def shown(self) -> str:
        """The name on screen, in the officer's language (app.language)."""
        from app.language import t

        return t(self.label)


class PublicationType(LabelledEnum):
    """出版品類型 (§4(二))."""

    BOOK = "book"
    SERIAL = "serial"
    E_PUBLICATION = "e_publication"
    OTHER = "other"


class PublicationForm(LabelledEnum):
    """載體 — the form or medium of one publication unit."""

    PRINT = "print"
    EBOOK = "ebook"
    AUDIOBOOK = "audiobook"
    DISC = "disc"
    ONLINE = "online"
    OTHER = "other"


class Binding(LabelledEnum):
    """裝訂."""

    HARDCOVER = "hardcover"
    PAPERBACK = "paperback"
    OTHER = "other"
    NONE = "none"


class PublicationStatus(LabelledEnum):
    """The life cycle the dashboard reads, in order."""

    PLANNING = "planning"
    NUMBERED = "numbered"
    PRINTED = "printed"
    DEPOSITED = "deposited"
    ON_SALE = "on_sale"
    CONSENT_SENT = "consent_sent"


class CipStatus(LabelledEnum):
    """預行編目 (CIP) — optional for print books only."""

    NONE = "none"
    NOT_APPLICABLE = "not_applicable"
    APPLIED = "applied"
    RECEIVED = "received"


class ContributorRole(LabelledEnum):
    """著作方式."""

    AUTHOR = "author"
    EDITOR = "editor"
    CHIEF_EDITOR = "chief_editor"
    TRANSLATOR = "translator"
    ILLUSTRATOR = "illustrator"
    PHOTOGRAPHER = "photographer"
    OTHER = "other"


class CopyrightOwner(LabelledEnum):
    """著作財產權人."""

    AGENCY = "agency"
    AUTHOR = "author"
    SHARED = "shared"


class PartnerKind(LabelledEnum):
    """§17: co-published or commissioned works."""

    NONE = "none"
    CO_PUBLISHER = "co_publisher"
    COMMISSIONED = "commissioned"


class RelationKind(LabelledEnum):
    """How a publication relates to an earlier one — it decides the numbering (§4(二))."""

    OTHER_FORM = "other_form"
    REVISION_OF = "revision_of"
    REPRINT_OF = "reprint_of"


class TocKind(LabelledEnum):
    """目次 entry kind: the figure and table lists count as entries of their own."""

    CHAPTER = "chapter"
    FIGURE_LIST = "figure_list"
    TABLE_LIST = "table_list"


class EFileRole(LabelledEnum):
    """The e-file types of 附件三 and 附件二."""

    FINAL_COVER = "final_cover"
    FINAL_BODY = "final_body"
    PRINT_COVER = "print_cover"
    PRINT_BODY = "print_body"
    SCAN = "scan"
    ARTICLE = "article"
    OTHER = "other"


class LibraryKind(LabelledEnum):
    """Why a library receives deposit copies (§5)."""

    STATUTORY = "statutory"
    DESIGNATED = "designated"
    ENCOURAGED = "encouraged"


class AuditAction(LabelledEnum):
    """What happened to a row."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


# Pairs, not a dict literal: members of different enums share values ("author", "none",
# "other") and, being str, would collide as dict keys.
class PaymentState(LabelledEnum):
    """Where a settlement's money stands (附件一 註三: due two months after the period)."""

    WAITING = "waiting"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    OVERDUE = "overdue"


_LABEL_PAIRS: list[tuple[LabelledEnum, str]] = [
    (PublicationType.BOOK, "圖書"),
    (PublicationType.SERIAL, "連續性出版品"),
    (PublicationType.E_PUBLICATION, "電子出版品"),
    (PublicationType.OTHER, "其他非書資料"),
    (PublicationForm.PRINT, "紙本"),
    (PublicationForm.EBOOK, "電子書"),
    (PublicationForm.AUDIOBOOK, "有聲書"),
    (PublicationForm.DISC, "光碟"),
    (PublicationForm.ONLINE, "網路"),
    (PublicationForm.OTHER, "其他"),
    (Binding.HARDCOVER, "精裝"),
    (Binding.PAPERBACK, "平裝"),
    (Binding.OTHER, "其他"),
    (Binding.NONE, "不適用"),
    (PublicationStatus.PLANNING, "規劃中"),
    (PublicationStatus.NUMBERED, "已編號"),
    (PublicationStatus.PRINTED, "已出版"),
    (PublicationStatus.DEPOSITED, "已寄存"),
    (PublicationStatus.ON_SALE, "展售中"),
    (PublicationStatus.CONSENT_SENT, "已送授權"),
    (CipStatus.NONE, "未申請"),
    (CipStatus.NOT_APPLICABLE, "不適用"),
    (CipStatus.APPLIED, "已申請"),
    (CipStatus.RECEIVED, "已取得"),
    (ContributorRole.AUTHOR, "著"),
    (ContributorRole.EDITOR, "編"),
    (ContributorRole.CHIEF_EDITOR, "主編"),
    (ContributorRole.TRANSLATOR, "譯"),
    (ContributorRole.ILLUSTRATOR, "繪"),
    (ContributorRole.PHOTOGRAPHER, "攝影"),
    (ContributorRole.OTHER, "其他"),
    (CopyrightOwner.AGENCY, "機關"),
    (CopyrightOwner.AUTHOR, "著作人"),
    (CopyrightOwner.SHARED, "共有"),
    (PartnerKind.NONE, "無"),
    (PartnerKind.CO_PUBLISHER, "合作出版"),
    (PartnerKind.COMMISSIONED, "委託出版"),
    (RelationKind.OTHER_FORM, "同一著作之其他載體"),
    (RelationKind.REVISION_OF, "修訂版"),
    (RelationKind.REPRINT_OF, "再刷"),
    (TocKind.CHAPTER, "章節"),
    (TocKind.FIGURE_LIST, "圖目次"),
    (TocKind.TABLE_LIST, "表目次"),
    (EFileRole.FINAL_COVER, "定稿印製檔（封面）"),
    (EFileRole.FINAL_BODY, "定稿印製檔（內文）"),
    (EFileRole.PRINT_COVER, "印製用PDF檔（封面）"),
    (EFileRole.PRINT_BODY, "印製用PDF檔（內文）"),
    (EFileRole.SCAN, "全文掃描PDF檔"),
    (EFileRole.ARTICLE, "單篇文章PDF檔"),
    (EFileRole.OTHER, "其他"),
    (LibraryKind.STATUTORY, "法定寄存"),
    (LibraryKind.DESIGNATED, "文化部指定"),
    (LibraryKind.ENCOURAGED, "鼓勵寄存"),
    (AuditAction.CREATE, "新增"),
    (AuditAction.UPDATE, "修改"),
    (AuditAction.DELETE, "刪除"),
    (PaymentState.WAITING, "待收款"),
    (PaymentState.PARTLY_PAID, "部分收款"),
    (PaymentState.PAID, "已收款"),
    (PaymentState.OVERDUE, "逾期未收"),
]
_LABELS = {(type(member), member.value): text for member, text in _LABEL_PAIRS}
