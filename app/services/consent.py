"""授權利用 — usage consent to 文化部 (§12–14, 附件二): build the letter and usage list from
the data, let the officer edit 主旨/說明, record what was sent, write DOCX/PDF/XLSX."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.di_writer import write_letter_di
from app.documents.document_set import document_set
from app.documents.editable import EditableFormats, write_letter, write_table_documents
from app.documents.model import HeaderCell, Item, OfficialLetter, Table
from app.documents.pdf_writer import write_letter_pdf, write_table_pdf
from app.errors import FieldProblem, ValidationError
from app.language import listed, t
from app.messages import LETTER_UNIT_MISMATCH
from app.models import (
    Binding,
    ConsentEntry,
    ConsentKind,
    ConsentLetter,
    Contact,
    EFileRole,
    Publication,
    PublicationStatus,
    PublicationType,
    PublishingUnit,
)
from app.rocdate import format_roc_year_month
from app.services import consent_texts as text
from app.services.agency_codes import recipient_code
from app.services.consent_texts import ArticleScope, ConsentScope
from app.services.licences import binding_licences, licence_label
from app.services.publications import label_of, load_publication
from app.services.serials import load_issue


@dataclass
class BookConsentItem:
    """One book in a consent: the partial scopes or all rights, remarks, e-file types."""

    publication_id: int
    scopes: set[ConsentScope] = field(default_factory=set)
    all_rights: bool = False
    remarks: str = ""
    efile_types: set[EFileRole] = field(default_factory=set)


@dataclass
class ArticleConsentItem:
    """One article of a serial issue: full text (with abstract) or abstract only."""

    article_id: int
    scope: ArticleScope | None = ArticleScope.FULL_TEXT
    remarks: str = ""
    efile_types: set[EFileRole] = field(default_factory=set)


@dataclass
class ConsentRequest:
    """What the officer chose. Books: `books`; a serial issue: `issue_id` and `articles`."""

    unit_id: int
    kind: ConsentKind
    issued_on: date
    books: list[BookConsentItem] = field(default_factory=list)
    issue_id: int | None = None
    articles: list[ArticleConsentItem] = field(default_factory=list)
    contact_id: int | None = None
    doc_number: str = ""
    copies: list[str] = field(default_factory=list)


@dataclass
class ConsentDraft:
    """The letter and list ready to output; `letter.subject` and `letter.items` may be edited."""

    request: ConsentRequest
    letter: OfficialLetter
    table: Table
    entries: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    """附件二 注意事項: a chosen publication already transferred or exclusively licensed."""


def _contact(session: Session, unit: PublishingUnit, contact_id: int | None) -> Contact | None:
    if contact_id is not None:
        chosen = session.get(Contact, contact_id)
        if chosen is not None and chosen.unit_id == unit.id:
            return chosen
    return next((c for c in unit.contacts if c.is_default), unit.contacts[0]
                if unit.contacts else None)


def _letter_base(session: Session, request: ConsentRequest) -> tuple[PublishingUnit, OfficialLetter]:
    unit = session.get(PublishingUnit, request.unit_id)
    if unit is None:
        raise ValidationError.single("unit_id", "請選擇發文機關。")
    contact = _contact(session, unit, request.contact_id)
    lines = []
    if unit.fax:
        lines.append(f"傳真電話：{unit.fax}")
    if contact is not None:
        lines.append(f"聯絡人及電話：{contact.name} {contact.phone or unit.phone}".rstrip())
        if contact.email:
            lines.append(f"電子信箱：{contact.email}")
    letter = OfficialLetter(
        agency_name=unit.full_name, recipient=text.RECIPIENT, subject="", items=[],
        issued_on=request.issued_on,
        doc_number=request.doc_number, doc_code=unit.doc_code or unit.short_name,
        address=f"{unit.postcode}{unit.address}".strip(), contact_lines=lines,
        attachments="如主旨", originals=[text.RECIPIENT], copies=list(request.copies),
        notes=text.CLOSING_NOTE, agency_code=unit.agency_code,
        recipient_code=recipient_code(session, text.RECIPIENT).code)
    return unit, letter


def _list_lines(unit: PublishingUnit, letter: OfficialLetter) -> list[str]:
    contact = next((line for line in letter.contact_lines if line.startswith("聯絡人")), "")
    name_phone = contact.removeprefix("聯絡人及電話：").split(" ", 1)
    return [f"機關名稱：{unit.full_name}",
            f"承辦人：{name_phone[0] if name_phone and name_phone[0] else ''}",
            f"聯絡電話：{name_phone[1] if len(name_phone) > 1 else unit.phone}"]


def _year_month(pub: Publication) -> str:
    if pub.published_year and pub.published_month:
        return format_roc_year_month(pub.published_year, pub.published_month)
    return ""


def _binding(pub: Publication) -> str:
    return {Binding.HARDCOVER: "精裝", Binding.PAPERBACK: "平裝"}.get(pub.binding, "其他")


def _efile_cell(chosen: set[EFileRole], offered: list[EFileRole]) -> str:
    return "\n".join(text.box(role in chosen) + text.EFILE_LIST_LABELS[role] for role in offered)


def _unit_problems(session: Session, pub: Publication, unit_id: int) -> list[FieldProblem]:
    """A letter goes out under the agency whose publications it covers: 發文機關, its contact
    and the record all belong to that unit — never another's by default."""
    chosen = session.get(PublishingUnit, unit_id)
    if pub.unit_id == unit_id or chosen is None:
        return []  # (no unit chosen: `_letter_base` says so)
    return [FieldProblem("unit_id", LETTER_UNIT_MISMATCH.format(
        publication=label_of(pub), owner=pub.unit.full_name, unit=chosen.full_name))]


def book_consent_draft(session: Session, request: ConsentRequest) -> ConsentDraft:
    """附件二(一): the letter and 圖書之利用清單 for the chosen books.

    Refuses, before anything is written: no book chosen, a book without GPN, a serial among
    the books, a scope that is neither partial nor full.
    """
    problems: list[FieldProblem] = []
    if not request.books:
        raise ValidationError.single("books", "請至少選擇一筆出版品。")
    pubs = []
    for item in request.books:
        pub = load_publication(session, item.publication_id)
        pubs.append(pub)
        problems += _unit_problems(session, pub, request.unit_id)
        if pub.pub_type is PublicationType.SERIAL:
            problems.append(FieldProblem("books", f"「{label_of(pub)}」是連續性出版品，請改用逐期的授權函。"))
        if not pub.gpn:
            problems.append(FieldProblem("books", f"「{label_of(pub)}」沒有 GPN，請先取得統一編號再辦理授權。"))
        if not item.all_rights and not item.scopes:
            problems.append(FieldProblem(
                "scopes", f"「{label_of(pub)}」沒有勾選同意範圍：請勾選部分同意的項目或「全部同意」。"))
        if item.all_rights and item.scopes:
            problems.append(FieldProblem("scopes", f"「{label_of(pub)}」同時勾選了全部同意與部分同意，請擇一。"))
        unknown = item.efile_types - set(text.BOOK_EFILE_TYPES)
        if unknown:
            problems.append(FieldProblem("efile_types", f"「{label_of(pub)}」的電子檔類型不適用於圖書。"))
    if problems:
        raise ValidationError(problems)
    unit, letter = _letter_base(session, request)
    any_files = any(item.efile_types for item in request.books)
    count = "1冊" if len(pubs) == 1 else "各1冊"
    letter.subject = (f"檢送下列出版品紙本{count}{'（電子檔）' if any_files else ''}"
                      "及利用清單1份如附件，請查照。")
    named = [f"{p.title}（{p.gpn}）" for p in pubs]  # the label says what the brackets hold
    first = Item("出版品題名（統一編號GPN）：" + named[0]) if len(named) == 1 else \
        Item("出版品題名（統一編號GPN）：", [Item(n) for n in named])
    letter.items = [first, Item(text.BOOK_ITEM_2)]
    scope_order = list(ConsentScope)
    header = [
        [HeaderCell("出版品基本資訊", colspan=6), HeaderCell("同意利用之範圍", colspan=8),
         HeaderCell("是否可提供電子檔", colspan=2)],
        [HeaderCell("序號", rowspan=2), HeaderCell("題名", rowspan=2),
         HeaderCell("GPN", rowspan=2), HeaderCell("出版年月", rowspan=2),
         HeaderCell("精/平裝", rowspan=2), HeaderCell("定價", rowspan=2),
         HeaderCell("部分同意(可複選)", colspan=6), HeaderCell("全部同意", rowspan=2),
         HeaderCell("備註", rowspan=2), HeaderCell("電子檔類型", colspan=2)],
        [*(HeaderCell(s.label) for s in scope_order), HeaderCell("是(可複選)"),
         HeaderCell("否")],
    ]
    rows, entries = [], []
    for index, (pub, item) in enumerate(zip(pubs, request.books, strict=True), start=1):
        rows.append([str(index), pub.title, pub.gpn or "", _year_month(pub), _binding(pub),
                     f"{pub.price_ntd}" if pub.price_ntd is not None else "非賣品",
                     *(text.box(s in item.scopes) for s in scope_order),
                     text.box(item.all_rights), item.remarks.strip(),
                     _efile_cell(item.efile_types, text.BOOK_EFILE_TYPES),
                     text.box(not item.efile_types)])
        entries.append({"publication_id": pub.id, "article_id": None, "title": pub.title,
                        "gpn": pub.gpn or "",
                        "scopes": ",".join(s.value for s in scope_order if s in item.scopes),
                        "all_rights": item.all_rights, "remarks": item.remarks.strip(),
                        "efile_types": ",".join(r.value for r in text.BOOK_EFILE_TYPES
                                                if r in item.efile_types)})
    table = Table(text.BOOK_LIST_TITLE, header, rows,
                  column_widths=[3, 12, 9, 7, 4, 4, 5, 5, 5, 5, 5, 5, 4, 7, 15, 3],
                  lines_above=_list_lines(unit, letter), notes=list(text.BOOK_LIST_NOTES))
    return ConsentDraft(request, letter, table, entries)


def serial_consent_draft(session: Session, request: ConsentRequest) -> ConsentDraft:
    """附件二(二): the letter and 連續性出版品之利用清單 for one issue, article by article."""
    if request.issue_id is None:
        raise ValidationError.single("issue_id", "請選擇要授權的期別（卷期）。")
    issue = load_issue(session, request.issue_id)
    pub = issue.publication
    problems: list[FieldProblem] = _unit_problems(session, pub, request.unit_id)
    if not pub.gpn:
        problems.append(FieldProblem("gpn", f"「{label_of(pub)}」沒有 GPN，請先取得統一編號再辦理授權。"))
    if not request.articles:
        problems.append(FieldProblem("articles", f"{issue.volume}卷{issue.number}期沒有列出任何篇目，"
                                                 "請先在出版品的「期別與篇目」輸入篇名。"))
    articles = {a.id: a for a in issue.articles}
    for item in request.articles:
        article = articles.get(item.article_id)
        if article is None:
            problems.append(FieldProblem("articles", "清單中有不屬於這一期的篇目，請重新選擇。"))
        elif item.scope is None:
            problems.append(FieldProblem("scopes", f"「{article.title}」沒有勾選全文(含摘要)或摘要。"))
        elif item.efile_types - set(text.SERIAL_EFILE_TYPES):
            problems.append(FieldProblem("efile_types", f"「{article.title}」的電子檔類型不適用於期刊。"))
    if problems:
        raise ValidationError(problems)
    unit, letter = _letter_base(session, request)
    any_files = any(item.efile_types for item in request.articles)
    year_month = format_roc_year_month(issue.year, issue.month)
    letter.subject = (f"檢送「{pub.title}」{issue.volume}卷{issue.number}期（{year_month}）紙本1冊"
                      f"{'（電子檔）' if any_files else ''}及利用清單1份如附件，請查照。")
    letter.items = [Item(f"出版品題名（統一編號GPN）：{pub.title}（{pub.gpn}）"),
                    Item(text.SERIAL_ITEM_2)]
    header = [
        [HeaderCell("出版品基本資訊", colspan=2), HeaderCell("同意利用之範圍", colspan=3),
         HeaderCell("是否可提供電子檔", colspan=2)],
        [HeaderCell("序號", rowspan=2), HeaderCell("篇名", rowspan=2),
         HeaderCell("全文(含摘要)", rowspan=2), HeaderCell("摘要", rowspan=2),
         HeaderCell("備註", rowspan=2), HeaderCell("電子檔類型", colspan=2)],
        [HeaderCell("是"), HeaderCell("否")],
    ]
    rows, entries = [], []
    for index, item in enumerate(request.articles, start=1):
        article = articles[item.article_id]
        rows.append([str(index), article.title, text.box(item.scope is ArticleScope.FULL_TEXT),
                     text.box(item.scope is ArticleScope.ABSTRACT), item.remarks.strip(),
                     _efile_cell(item.efile_types, text.SERIAL_EFILE_TYPES),
                     text.box(not item.efile_types)])
        entries.append({"publication_id": pub.id, "article_id": article.id,
                        "title": article.title, "gpn": pub.gpn or "",
                        "scopes": item.scope.value if item.scope else "", "all_rights": False,
                        "remarks": item.remarks.strip(),
                        "efile_types": ",".join(r.value for r in text.SERIAL_EFILE_TYPES
                                                if r in item.efile_types)})
    lines = [*_list_lines(unit, letter), f"題名：{pub.title}", f"GPN：{pub.gpn}",
             f"卷期：{issue.volume}卷{issue.number}期", f"出版年月：{year_month}"]
    table = Table(text.SERIAL_LIST_TITLE, header, rows, column_widths=[4, 30, 8, 8, 14, 16, 5],
                  lines_above=lines, notes=list(text.SERIAL_LIST_NOTES))
    return ConsentDraft(request, letter, table, entries)


def consent_draft(session: Session, request: ConsentRequest) -> ConsentDraft:
    """The draft for either kind."""
    draft = serial_consent_draft(session, request) if request.kind is ConsentKind.SERIAL \
        else book_consent_draft(session, request)
    chosen = dict.fromkeys(entry["publication_id"] for entry in draft.entries)
    draft.warnings = [t("「{title}」已有{licences}：「已同意文化部之出版品，若另有讓與或專屬授權等情事，"
                        "務請保障已授予文化部之相關權利。」（附件二 注意事項）請確認契約允許再同意文化部利用。",
                        title=label_of(load_publication(session, pid)),
                        licences=listed([licence_label(b) for b in binding]))
                      for pid in chosen if (binding := binding_licences(session, pid))]
    return draft


def _items_to_json(items: list[Item]) -> list[dict[str, Any]]:
    return [{"text": i.text, "children": _items_to_json(i.children)} for i in items]


def _items_from_json(data: list[dict[str, Any]]) -> list[Item]:
    return [Item(d["text"], _items_from_json(d.get("children", []))) for d in data]


def record_consent(session: Session, draft: ConsentDraft, output_folder: str = "") -> int:
    """Store the letter as sent and mark its publications 「已送授權」 with the date."""
    letter = draft.letter
    if not letter.subject.strip():
        raise ValidationError.single("subject", "主旨不能空白。")
    contact = next((line for line in letter.contact_lines if line.startswith("聯絡人")), "")
    name_phone = contact.removeprefix("聯絡人及電話：").split(" ", 1)
    record = ConsentLetter(
        kind=draft.request.kind, unit_id=draft.request.unit_id, issue_id=draft.request.issue_id,
        issued_on=letter.issued_on or date.today(), doc_number=letter.doc_number,
        contact_name=name_phone[0], contact_phone=name_phone[1] if len(name_phone) > 1 else "",
        subject=letter.subject.strip(),
        items_json=json.dumps(_items_to_json(letter.items), ensure_ascii=False),
        copies="、".join(letter.copies), output_folder=output_folder)
    for position, entry in enumerate(draft.entries, start=1):
        record.entries.append(ConsentEntry(position=position, **entry))
    session.add(record)
    for publication_id in {e["publication_id"] for e in draft.entries}:
        pub = load_publication(session, publication_id)
        pub.consent_sent_on = record.issued_on
        pub.status = PublicationStatus.CONSENT_SENT
    session.flush()
    return record.id


@dataclass(frozen=True)
class ConsentFiles:
    """The files written for one consent (the editable ones as Settings asks: None when that
    format is not written)."""

    letter_pdf: Path
    list_pdf: Path
    letter_docx: Path | None = None
    list_docx: Path | None = None
    list_xlsx: Path | None = None
    letter_odt: Path | None = None
    list_odt: Path | None = None
    list_ods: Path | None = None
    """ODF twins of the editable files (CNS 15251, the government's editable standard)."""
    letter_di: Path | None = None
    """The letter as a DI file for the agency's 公文系統, the lists declared as attachments."""

    def all(self) -> list[Path]:
        """Every file written, letter first."""
        return [p for p in (self.letter_pdf, self.letter_docx, self.list_pdf, self.list_docx,
                            self.list_xlsx, self.letter_odt, self.list_odt, self.list_ods,
                            self.letter_di) if p is not None]

    @property
    def letter_editable(self) -> Path | None:
        """The letter to edit: the ODT when written, else the DOCX."""
        return self.letter_odt or self.letter_docx


def write_consent_files(draft: ConsentDraft, folder: Path,
                        formats: EditableFormats | None = None) -> ConsentFiles:
    """Write the letter (PDF; ODT and/or DOCX) and the list (PDF; ODT/ODS and/or
    DOCX/XLSX)."""
    formats = formats or EditableFormats()
    base = "圖書" if draft.request.kind is ConsentKind.BOOK else "連續性出版品"
    author = draft.letter.agency_name
    # All or nothing: the PDFs first (a character no font has stops them), then the editable
    # twins, moved into `folder` together (app.documents.document_set).
    with document_set(folder, f"{base}授權函及{draft.table.title}") as written:
        stage = written.stage
        letter_pdf = write_letter_pdf(draft.letter, stage / f"{base}授權函.pdf", author)
        list_pdf = write_table_pdf(draft.table, stage / f"{draft.table.title}.pdf", author)
        letter = written.finals(write_letter(draft.letter, stage / f"{base}授權函", formats))
        table = written.finals(write_table_documents(draft.table, stage / draft.table.title,
                                                     formats))
        # For the agency's 公文系統: the letter as a DI file, the lists as its attachments.
        letter_di = written.final(write_letter_di(
            draft.letter, stage / f"{base}授權函.di",
            [written.final(list_pdf), *table]))
    by_suffix = {p.suffix: p for p in table}
    return ConsentFiles(
        letter_pdf=written.final(letter_pdf), list_pdf=written.final(list_pdf),
        letter_docx=next((p for p in letter if p.suffix == ".docx"), None),
        letter_odt=next((p for p in letter if p.suffix == ".odt"), None),
        list_docx=by_suffix.get(".docx"), list_xlsx=by_suffix.get(".xlsx"),
        list_odt=by_suffix.get(".odt"), list_ods=by_suffix.get(".ods"), letter_di=letter_di)


@dataclass(frozen=True)
class ConsentRecord:
    """A line of the consent history."""

    id: int
    kind: ConsentKind
    issued_on: date
    doc_number: str
    subject: str
    titles: list[str]
    output_folder: str


def consent_history(session: Session) -> list[ConsentRecord]:
    """Every consent letter, newest first."""
    letters = session.scalars(select(ConsentLetter).order_by(ConsentLetter.issued_on.desc(),
                                                             ConsentLetter.id.desc()))
    return [ConsentRecord(letter.id, letter.kind, letter.issued_on, letter.doc_number,
                          letter.subject, [e.title for e in letter.entries],
                          letter.output_folder) for letter in letters]


def saved_letter_items(session: Session, letter_id: int) -> list[Item]:
    """The 說明 items as they were sent."""
    letter = session.get(ConsentLetter, letter_id)
    if letter is None:
        return []
    return _items_from_json(json.loads(letter.items_json))


def article_choices(session: Session, issue_id: int) -> list[tuple[int, str]]:
    """(id, 篇名) of an issue's articles, in order."""
    return [(a.id, a.title) for a in load_issue(session, issue_id).articles]
