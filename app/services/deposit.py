"""寄存 (§5) — deposit plans per published item (國家圖書館 2, 立法院國會圖書館 1, each
designated library 1, optionally the encouraged national libraries), the shipping list,
address labels, cover letters, and tracking what was sent and acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.di_writer import write_letter_di
from app.documents.document_set import document_set
from app.documents.editable import EditableFormats, write_letter, write_table_documents
from app.documents.labels import LabelSheet, write_labels_pdf
from app.documents.model import HeaderCell, Item, OfficialLetter, Table
from app.documents.pdf_writer import write_letter_pdf, write_table_pdf
from app.errors import NotFoundError, ValidationError
from app.models import (
    DepositLibrary,
    DepositLine,
    LibraryKind,
    Publication,
    PublicationStatus,
)
from app.rocdate import format_roc_date
from app.services.publications import label_of, load_publication

STATUS_ORDER = list(PublicationStatus)


def plan_deposit(session: Session, publication_id: int, include_encouraged: bool = False,
                 include_efiles: bool = True) -> list[int]:
    """Lines for every active library of the right kinds; existing lines are kept as edited."""
    load_publication(session, publication_id)
    kinds = [LibraryKind.STATUTORY, LibraryKind.DESIGNATED]
    if include_encouraged:
        kinds.append(LibraryKind.ENCOURAGED)
    existing = {line.library_id: line for line in session.scalars(
        select(DepositLine).where(DepositLine.publication_id == publication_id))}
    libraries = session.scalars(select(DepositLibrary).where(
        DepositLibrary.active.is_(True), DepositLibrary.kind.in_(kinds)).order_by(
        DepositLibrary.id))
    ids = []
    for library in libraries:
        line = existing.get(library.id)
        if line is None:
            line = DepositLine(publication_id=publication_id, library_id=library.id,
                               copies=library.copies, include_efiles=include_efiles
                               and library.kind is LibraryKind.STATUTORY)
            session.add(line)
            session.flush()
        ids.append(line.id)
    return ids


def _line(session: Session, line_id: int) -> DepositLine:
    line = session.get(DepositLine, line_id)
    if line is None:
        raise NotFoundError(f"找不到編號 {line_id} 的寄存項目。")
    return line


def set_copies(session: Session, line_id: int, copies: int, reason: str = "") -> None:
    """Change the copies for one library; a reason is needed when it departs from the rule."""
    line = _line(session, line_id)
    if copies < 0:
        raise ValidationError.single("copies", "冊數不能是負數。")
    if copies != line.library.copies and not reason.strip():
        raise ValidationError.single(
            "reason", f"{line.library.name}依規定寄存 {line.library.copies} 冊；改為 {copies} 冊時請說明原因。")
    line.copies, line.reason = copies, reason.strip()
    session.flush()


def remove_line(session: Session, line_id: int, reason: str) -> None:
    """Drop one library from the plan (with a reason, kept in the audit log)."""
    if not reason.strip():
        raise ValidationError.single("reason", "請說明不寄存這個圖書館的原因。")
    line = _line(session, line_id)
    line.reason = reason.strip()
    session.flush()
    session.delete(line)
    session.flush()


@dataclass(frozen=True)
class DepositRow:
    """One line of a plan, for lists and the page."""

    id: int
    publication_id: int
    title: str
    gpn: str
    library: str
    division: str
    postcode: str
    address: str
    kind: LibraryKind
    copies: int
    include_efiles: bool
    reason: str
    sent_on: date | None
    carrier: str
    reference: str
    acknowledged_on: date | None
    publication_label: str
    """The publication as `publication_label` names it, for screens (lists print the title)."""
    library_code: str = ""
    """The library's 機關代碼 (for the deposit letter's DI file)."""


def _row(line: DepositLine, pub: Publication) -> DepositRow:
    library = line.library
    return DepositRow(line.id, pub.id, pub.title, pub.gpn or "", library.name, library.division,
                      library.postcode, library.address, library.kind, line.copies,
                      line.include_efiles, line.reason, line.sent_on, line.carrier,
                      line.reference, line.acknowledged_on, label_of(pub),
                      library.agency_code)


def deposit_rows(session: Session, publication_id: int | None = None,
                 unsent_only: bool = False) -> list[DepositRow]:
    """Plan lines (of one publication, or all); `unsent_only` lists what is not deposited."""
    query = select(DepositLine, Publication).join(
        Publication, Publication.id == DepositLine.publication_id).order_by(
        Publication.title, DepositLine.id)
    if publication_id is not None:
        query = query.where(DepositLine.publication_id == publication_id)
    if unsent_only:
        query = query.where(DepositLine.sent_on.is_(None))
    return [_row(line, pub) for line, pub in session.execute(query)]


def total_copies(rows: list[DepositRow]) -> int:
    """Copies in total."""
    return sum(row.copies for row in rows)


def mark_sent(session: Session, line_ids: list[int], on: date, carrier: str = "",
              reference: str = "") -> None:
    """Bulk 「已寄出」; a publication whose every line is sent becomes 已寄存."""
    if not line_ids:
        raise ValidationError.single("lines", "請先選擇要標示寄出的項目。")
    touched: set[int] = set()
    for line_id in line_ids:
        line = _line(session, line_id)
        line.sent_on, line.carrier, line.reference = on, carrier.strip(), reference.strip()
        touched.add(line.publication_id)
    session.flush()
    for publication_id in touched:
        pending = session.scalar(select(DepositLine.id).where(
            DepositLine.publication_id == publication_id, DepositLine.sent_on.is_(None)))
        pub = load_publication(session, publication_id)
        if pending is None and STATUS_ORDER.index(pub.status) < STATUS_ORDER.index(
                PublicationStatus.DEPOSITED):
            pub.status = PublicationStatus.DEPOSITED
    session.flush()


def acknowledge(session: Session, line_ids: list[int], on: date) -> None:
    """The library confirmed receipt."""
    for line_id in line_ids:
        line = _line(session, line_id)
        if line.sent_on is None:
            raise ValidationError.single("lines", f"寄給{line.library.name}的項目尚未寄出，不能登記收到。")
        line.acknowledged_on = on
    session.flush()


def shipping_list(rows: list[DepositRow], agency: str, on: date) -> Table:
    """寄存清單: one row per library and item."""
    body = [[str(i), row.library + (f"（{row.division}）" if row.division else ""),
             f"{row.postcode}{row.address}", row.title, row.gpn, str(row.copies),
             "有" if row.include_efiles else "", row.reason]
            for i, row in enumerate(rows, start=1)]
    return Table("出版品寄存清單",
                 [[HeaderCell(h) for h in ("序號", "寄存圖書館", "地址", "題名", "GPN", "冊數",
                                           "電子檔", "備註")]],
                 body, column_widths=[3, 14, 20, 18, 8, 4, 4, 10], key_columns=(0, 1, 3),
                 lines_above=[f"寄送機關：{agency}", f"日期：{format_roc_date(on)}",
                              f"合計：{total_copies(rows)} 冊"])


def labels_for(rows: list[DepositRow]) -> list[list[str]]:
    """One label per library (items to the same library share a parcel)."""
    seen: dict[str, list[str]] = {}
    for row in rows:
        seen.setdefault(row.library, [f"{row.postcode} {row.address}".strip(),
                                      f"{row.library}{' ' + row.division if row.division else ''} 收"])
    return list(seen.values())


MOEA_RULES = "經濟部及所屬機關（構）政府出版品管理作業注意事項"
"""The rules' full name: a letter from a 署 or 局 must not call them 「本部」 rules."""


def deposit_basis(kind: LibraryKind) -> str:
    """The rule a deposit letter cites: 圖書館法第15條 binds only the statutory libraries
    (國家圖書館, 立法院國會圖書館); every deposit follows §5 of the MOEA rules."""
    if kind is LibraryKind.STATUTORY:
        return f"依圖書館法第15條及{MOEA_RULES}第5點規定辦理。"
    return f"依{MOEA_RULES}第5點規定辦理。"


def cover_letter(session: Session, publication_id: int, row: DepositRow,
                 on: date) -> OfficialLetter:
    """函 to one library that goes with the copies."""
    pub = load_publication(session, publication_id)
    unit = pub.unit
    contact = next((c for c in unit.contacts if c.is_default), None)
    lines = [f"傳真：{unit.fax}"] if unit.fax else []
    if unit.deposit_contact_name:  # NCL 五: who the libraries reach about deposits
        lines.append(f"聯絡人及電話：{unit.deposit_contact_name} "
                     f"{unit.deposit_contact_phone or unit.phone}".rstrip())
        if unit.deposit_contact_email:
            lines.append(f"電子信箱：{unit.deposit_contact_email}")
    elif contact is not None:
        lines.append(f"聯絡人及電話：{contact.name} {contact.phone or unit.phone}".rstrip())
    files = "及電子檔" if row.include_efiles else ""
    return OfficialLetter(
        agency_name=unit.full_name, recipient=row.library, issued_on=on,
        doc_code=unit.doc_code or unit.short_name,
        subject=f"檢送本機關出版品「{pub.title}」{row.copies}冊{files}，請查收典藏。",
        items=[Item(deposit_basis(row.kind)),
               Item(f"出版品題名：{pub.title}（統一編號GPN：{pub.gpn or '申請中'}）。")],
        address=f"{unit.postcode}{unit.address}".strip(), contact_lines=lines,
        attachments="如主旨", originals=[row.library], agency_code=unit.agency_code,
        recipient_code=row.library_code)


def write_deposit_documents(session: Session, publication_id: int, folder: Path,
                            sheet: LabelSheet, on: date, start_position: int = 1,
                            letters: bool = False,
                            formats: EditableFormats | None = None) -> list[Path]:
    """Shipping list (PDF; ODT/ODS and/or DOCX/XLSX as Settings asks), labels (PDF) and, if
    asked, a cover letter per library (PDF; ODT and/or DOCX)."""
    formats = formats or EditableFormats()
    rows = deposit_rows(session, publication_id)
    if not rows:
        raise ValidationError.single("plan", "這筆出版品還沒有寄存計畫，請先「建立寄存計畫」。")
    agency = load_publication(session, publication_id).unit.full_name
    table = shipping_list(rows, agency, on)
    letter_of = {row.library: cover_letter(session, publication_id, row, on)
                 for row in rows} if letters else {}
    # All or nothing, every PDF before any editable file (app.documents.document_set).
    with document_set(folder, "寄存清單" + ("及寄存函" if letters else "")) as written:
        stage = written.stage
        list_pdf = write_table_pdf(table, stage / "寄存清單.pdf", agency)
        labels = write_labels_pdf(labels_for(rows), sheet, stage / "寄存標籤.pdf", start_position)
        letter_pdfs = {library: write_letter_pdf(letter, stage / f"寄存函-{library}.pdf", agency)
                       for library, letter in letter_of.items()}
        list_twins = write_table_documents(table, stage / "寄存清單", formats)
        letter_twins = {library: write_letter(letter, stage / f"寄存函-{library}", formats)
                        for library, letter in letter_of.items()}
        # For the agency's 公文系統: each letter as a DI file, the shipping list attached.
        for library, letter in letter_of.items():
            letter_twins[library].append(write_letter_di(
                letter, stage / f"寄存函-{library}.di", [written.final(list_pdf)]))
    paths = [list_pdf, *list_twins, labels]
    for library, pdf in letter_pdfs.items():
        paths += [pdf, *letter_twins[library]]
    return written.finals(paths)
