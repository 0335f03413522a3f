"""出版品 services: create, update, copy as a new form / reprint / revision, delete with a
guard, list and filter. Every write goes through `validate_publication`."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from app import messages
from app.db.search_index import has_fts
from app.documents.model import chinese_number
from app.errors import NotFoundError, PubDeskError, ValidationError
from app.language import language, t
from app.models import (
    CipStatus,
    Contributor,
    Publication,
    PublicationForm,
    PublicationRelation,
    PublicationStatus,
    PublicationType,
    PublishingUnit,
    RelationKind,
    SettlementLine,
    TocEntry,
)
from app.services.guard import check_version
from app.services.number_rule import check_numbers
from app.services.publication_rules import (
    ContributorData,
    PublicationData,
    cip_allowed,
    validate_publication,
)

_SCALAR_FIELDS = [f.name for f in fields(PublicationData) if f.name != "contributors"]


@dataclass(frozen=True)
class Saved:
    """The outcome of a write: the record, its new version, and warnings to show."""

    id: int
    row_version: int
    warnings: list[str]


def load_publication(session: Session, publication_id: int) -> Publication:
    """The entity, or NotFoundError with a message the officer understands."""
    publication = session.get(Publication, publication_id)
    if publication is None:
        raise NotFoundError(f"找不到編號 {publication_id} 的出版品，可能已被刪除。")
    return publication


def publication_data(session: Session, publication_id: int) -> tuple[PublicationData, int]:
    """The editable data of a publication and its row version (for optimistic locking)."""
    pub = load_publication(session, publication_id)
    values: dict[str, Any] = {name: getattr(pub, name) for name in _SCALAR_FIELDS}
    values["contributors"] = [ContributorData(c.name, c.role) for c in pub.contributors]
    return PublicationData(**values), pub.row_version


def _check_unit(session: Session, unit_id: int) -> None:
    if session.get(PublishingUnit, unit_id) is None:
        raise ValidationError.single("unit_id", "請選擇出版機關（單位）；可在「設定 → 機關」新增。")


def _apply(pub: Publication, data: PublicationData) -> None:
    for name in _SCALAR_FIELDS:
        setattr(pub, name, getattr(data, name))
    existing = list(pub.contributors)
    for position, person in enumerate(data.contributors, start=1):
        if position <= len(existing):
            row = existing[position - 1]
            row.name, row.role, row.position = person.name, person.role, position
        else:
            pub.contributors.append(Contributor(position=position, name=person.name,
                                                role=person.role))
    for row in existing[len(data.contributors):]:
        pub.contributors.remove(row)


def create_publication(session: Session, data: PublicationData) -> Saved:
    """Validate and insert a publication."""
    clean, warnings = validate_publication(data)
    _check_unit(session, clean.unit_id)
    check_numbers(session, clean)
    pub = Publication()
    _apply(pub, clean)
    session.add(pub)
    session.flush()
    if pub.gpn:
        _registered_on_site(session, pub)
    return Saved(pub.id, pub.row_version, warnings)


def create_checked_publications(session: Session, rows: list[PublicationData],
                                progress: Callable[[int, int], None] | None = None,
                                cancelled: Callable[[], bool] | None = None,
                                batch: int = 500) -> list[int]:
    """Insert many publications already validated (`validate_publication`) — an import's rows —
    in bulk: each unit looked up once, each batch's numbers looked up in one query per kind,
    and the rows written with one multi-row INSERT per batch (not a statement and a flush per
    row, 60 % of a 10,000-row import). Only a row whose number some other record or row
    already holds goes the single way (`check_numbers`, naming that record). The database's
    triggers still write the audit entries, keep the search index and hold the number rule.
    `progress(done, total)` after each batch; `cancelled()` stops with `ImportCancelled`
    before the next (the caller's transaction then writes nothing). Returns the new ids, in
    order."""
    from sqlalchemy import Table, insert

    from app.db.audit import session_user
    from app.models.base import utcnow
    from app.services.number_rule import NUMBER_FIELDS

    for unit_id in dict.fromkeys(row.unit_id for row in rows):
        _check_unit(session, unit_id)
    next_id = _first_free_id(session)
    stamp = {"changed_by": session_user(session), "changed_at": utcnow(), "row_version": 1}
    ids: list[int] = []
    pending: list[PublicationData] = []
    # Core, not the ORM's bulk INSERT: that leaves out a row's None values, so rows with
    # different empty fields went in as hundreds of separate statements.
    connection = session.connection()
    publications: Table = Publication.__table__  # type: ignore[assignment]
    people_table: Table = Contributor.__table__  # type: ignore[assignment]

    def write() -> None:
        nonlocal next_id
        if not pending:
            return
        values = [{**{name: getattr(row, name) for name in _SCALAR_FIELDS}, **stamp}
                  for row in pending]
        if next_id is not None:  # SQLite: ids given (`_first_free_id`)
            new = list(range(next_id, next_id + len(values)))
            next_id += len(values)
            for value, pub_id in zip(values, new, strict=True):
                value["id"] = pub_id
            connection.execute(insert(publications), values)
        else:
            new = list(connection.execute(insert(publications).returning(
                publications.c.id, sort_by_parameter_order=True), values).scalars())
        people = [{"publication_id": pub_id, "position": position, "name": person.name,
                   "role": person.role}
                  for pub_id, row in zip(new, pending, strict=True)
                  for position, person in enumerate(row.contributors, start=1)]
        if people:
            connection.execute(insert(people_table), people)
        ids.extend(new)
        pending.clear()

    for start in range(0, len(rows), batch):
        if cancelled is not None and cancelled():
            raise ImportCancelled(messages.IMPORT_CANCELLED)
        chunk = rows[start:start + batch]
        held: dict[str, set[str]] = {}
        for field, _label in NUMBER_FIELDS:
            values = [getattr(row, field) for row in chunk if getattr(row, field)]
            column = getattr(Publication, field)
            held[field] = set(session.scalars(select(column).where(column.in_(set(values))))) \
                if values else set()
            seen: set[str] = set()
            for value in values:  # twice in this batch: the second goes the single way
                if value in seen:
                    held[field].add(value)
                seen.add(value)
        for row in chunk:
            if any(getattr(row, field) in held[field] for field, _ in NUMBER_FIELDS
                   if getattr(row, field)):
                write()  # the rows before it are holders to compare with
                check_numbers(session, row)
                pending.append(row)
                write()
            else:
                pending.append(row)
        write()
        if progress is not None:
            progress(len(ids), len(rows))
    return ids


def _first_free_id(session: Session) -> int | None:
    """On SQLite, the id the next publication would get — with this transaction holding the
    write lock from here on, so no other writer takes it — for ids given before the INSERT:
    SQLite cannot tell a multi-row INSERT's new ids in the order of its rows, so SQLAlchemy
    inserts one row a statement when the database picks them. None elsewhere (PostgreSQL's
    sequence and SQLAlchemy's batches work together)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    # A write, though it changes nothing: the transaction takes SQLite's write lock now.
    session.execute(sql_text("UPDATE sqlite_sequence SET seq = seq WHERE name = 'publications'"))
    used = session.execute(sql_text(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'publications'), 0),"
        " coalesce((SELECT max(id) FROM publications), 0))")).scalar_one()
    return int(used) + 1


class ImportCancelled(PubDeskError):
    """An import stopped by the officer before it was written."""


def update_publication(session: Session, publication_id: int, data: PublicationData, *,
                       expected_version: int) -> Saved:
    """Validate and save changes; refused if someone saved the publication (or its TOC) since
    `expected_version`, the version the form was loaded with (app.services.guard)."""
    pub = load_publication(session, publication_id)
    check_version(pub, expected_version, pub.title)
    clean, warnings = validate_publication(data)
    _check_unit(session, clean.unit_id)
    check_numbers(session, clean, stored=pub)
    had_gpn = bool(pub.gpn)
    _apply(pub, clean)
    session.flush()
    if pub.gpn and not had_gpn:
        _registered_on_site(session, pub)
    return Saved(pub.id, pub.row_version, warnings)


def _registered_on_site(session: Session, pub: Publication) -> None:
    """A GPN entered: it was applied for on the government publications site with the data
    the record has now (§15, app.services.gpn_site)."""
    from app.services.gpn_site import registered_with_gpn  # it builds on this module

    registered_with_gpn(session, pub, date.today())


NUMBERING_CONSEQUENCE = {
    RelationKind.REPRINT_OF: "再刷（內容未變）沿用原出版品的 GPN 與 ISBN，刷次加 1。",
    RelationKind.REVISION_OF: "修訂版或增訂版須申請新的 GPN 與 ISBN；版次加 1，新號碼欄位已清空。",
    RelationKind.OTHER_FORM: "不同載體（例如紙本與電子書）各自需要一組 GPN 與 ISBN；新號碼欄位已清空。",
}
"""§4(二): what each kind of copy means for the numbers. Shown before the copy is made."""


def copy_publication(session: Session, source_id: int, kind: RelationKind,
                     new_form: PublicationForm | None = None) -> Saved:
    """「由此新增」: make a new publication from `source_id` and record how they relate.

    The numbers follow §4(二) (see NUMBERING_CONSEQUENCE): a reprint keeps GPN and ISBN; a
    revised edition or another form starts without numbers. Contributors and the TOC are
    copied; issues, e-files and the application history are not.
    """
    source = load_publication(session, source_id)
    data, _version = publication_data(session, source_id)
    data.status = PublicationStatus.PLANNING
    if kind is RelationKind.REPRINT_OF:
        data.printing = source.printing + 1
    else:
        data.gpn = data.isbn = data.isrc = None
        data.cip_status, data.cip_text = CipStatus.NONE, ""
        if kind is RelationKind.REVISION_OF:
            data.edition, data.printing = source.edition + 1, 1
        else:
            if new_form is None or new_form is source.form:
                raise ValidationError.single("form", "另一種載體必須與原出版品的載體不同，請選擇新的載體。")
            data.form = new_form
            if new_form is not PublicationForm.PRINT and data.pub_type is PublicationType.BOOK:
                data.pub_type = PublicationType.E_PUBLICATION if new_form in (
                    PublicationForm.EBOOK, PublicationForm.ONLINE) else data.pub_type
            if not cip_allowed(data.pub_type, data.form):
                data.cip_status = CipStatus.NOT_APPLICABLE
    # A reprint's numbers are its original's by the link (number_rule): written once the
    # link exists, so the rule — and the database's triggers — know whose reprint it is.
    numbers = {f: getattr(data, f) for f in ("gpn", "isbn", "issn", "isrc")}
    if kind is RelationKind.REPRINT_OF:
        for f in numbers:
            setattr(data, f, None)
    saved = create_publication(session, data)
    new = load_publication(session, saved.id)
    for entry in source.toc_entries:
        new.toc_entries.append(TocEntry(position=entry.position, level=entry.level,
                                        title=entry.title, page=entry.page, kind=entry.kind))
    session.add(PublicationRelation(source_id=saved.id, target_id=source_id, kind=kind))
    session.flush()
    if kind is RelationKind.REPRINT_OF and any(numbers.values()):
        for f, value in numbers.items():
            setattr(data, f, value)
        clean, _warnings = validate_publication(data)  # the status follows the GPN
        check_numbers(session, clean, stored=new, all_numbers=True)
        for f in numbers:
            setattr(new, f, getattr(clean, f))
        new.status = clean.status
        session.flush()
    return Saved(saved.id, new.row_version, [NUMBERING_CONSEQUENCE[kind], *saved.warnings])


@dataclass(frozen=True)
class RelatedPublication:
    """A link shown on a publication: how the other one relates, from this one's view."""

    other_id: int
    other_label: str
    """The other publication as `publication_label` names it (title, 載體, 版次, GPN)."""
    kind: RelationKind
    outgoing: bool
    """True: this publication is `kind` of the other (e.g. this is the reprint)."""


def related_publications(session: Session, publication_id: int) -> list[RelatedPublication]:
    """Every relation this publication takes part in, both directions."""
    rows = session.scalars(select(PublicationRelation).where(or_(
        PublicationRelation.source_id == publication_id,
        PublicationRelation.target_id == publication_id)).order_by(PublicationRelation.id))
    result = []
    for rel in rows:
        outgoing = rel.source_id == publication_id
        other = rel.target if outgoing else rel.source
        result.append(RelatedPublication(other.id, label_of(other), rel.kind, outgoing))
    return result


def delete_blockers(session: Session, publication_id: int) -> list[str]:
    """Reasons to think twice before deleting: numbers assigned, files, later editions."""
    pub = load_publication(session, publication_id)
    reasons = []
    numbers = [f"{n} {getattr(pub, n.lower())}" for n in ("GPN", "ISBN", "ISSN", "ISRC")
               if getattr(pub, n.lower())]
    if numbers and not any(
            r.kind is RelationKind.REPRINT_OF and r.outgoing
            for r in related_publications(session, publication_id)):
        reasons.append("已取得號碼：" + "、".join(numbers) + "。號碼不會因刪除而作廢。")
    if pub.status is not PublicationStatus.PLANNING:
        reasons.append(f"狀態為「{pub.status.label}」，已進入出版流程。")
    derived = [r for r in related_publications(session, publication_id) if not r.outgoing]
    if derived:
        reasons.append("有 " + str(len(derived)) + " 筆出版品由它衍生（再刷、修訂版或其他載體），"
                       "刪除後它們的關聯會一併移除。")
    return reasons


def delete_publication(session: Session, publication_id: int, *, confirmed: bool = False) -> None:
    """Delete a publication and everything that belongs to it — into the 資源回收筒
    (app.services.recycle_bin), from which it can be restored whole.

    Guard: when `delete_blockers` finds reasons, the caller must pass `confirmed=True`
    (after showing them to the officer); otherwise nothing is deleted.
    """
    from app.services.recycle_bin import move_to_bin

    reasons = delete_blockers(session, publication_id)
    if reasons and not confirmed:
        raise PubDeskError("這筆出版品需要確認後才能刪除：" + " ".join(reasons))
    pub = load_publication(session, publication_id)
    settled = session.scalar(select(func.count()).select_from(SettlementLine)
                             .where(SettlementLine.publication_id == publication_id)) or 0
    if settled:
        raise PubDeskError(f"「{pub.title}」已列在 {settled} 筆展售結帳紀錄中；結帳是帳務憑據，必須保留，"
                           "所以這筆出版品不能刪除。若已不再銷售，請在展售頁辦理退書，或在備註中註明。")
    session.flush()
    move_to_bin(session, publication_id, label_of(pub))
    session.delete(pub)
    session.flush()


@dataclass(frozen=True)
class PublicationFilter:
    """What the publications list shows: free text plus exact filters."""

    text: str = ""
    pub_type: PublicationType | None = None
    status: PublicationStatus | None = None
    unit_id: int | None = None


SORT_KEYS = {
    "title": Publication.title, "gpn": Publication.gpn, "isbn": Publication.isbn,
    "published": Publication.published_year, "status": Publication.status,
    "type": Publication.pub_type, "updated": Publication.updated_at, "id": Publication.id,
}


def _indexed(session: Session) -> bool:
    """Whether this database has the SQLite search index (asked once per engine)."""
    engine = session.get_bind()
    known = _INDEXED.get(engine)
    if known is None:
        known = _INDEXED[engine] = has_fts(session.connection())
    return known


_INDEXED: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()


def like_pattern(text: str) -> str:
    """`%text%` for LIKE … ESCAPE '\\', with the text's own %, _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _indexed_word(word: str, position: int) -> Any:
    """Publication ids whose title, subtitle, series, people, GPN or ISBN contain `word` (three
    or more characters), through the SQLite full-text index's trigram MATCH."""
    phrase = '"' + word.replace('"', '""') + '"'
    return sql_text("SELECT rowid FROM publication_search WHERE publication_search MATCH "
                    f":match_{position}").bindparams(**{f"match_{position}": phrase})


def filtered_query(flt: PublicationFilter, indexed: bool = False) -> Select[Any]:
    """SELECT publication ids matching `flt` (Chinese substring search on titles, series,
    contributors and numbers) — through the SQLite search index when `indexed`, with the
    same results as the plain LIKE scan.

    Words of three or more characters go through the trigram index; one or two characters
    (which no trigram holds) stay a LIKE scan, which the type-ahead's most-recent-first order
    lets SQLite stop after the first screenful (benchmarks/search.py)."""
    query = select(Publication.id)
    for position, word in enumerate(flt.text.split()):
        if indexed and len(word) >= 3:
            query = query.where(Publication.id.in_(_indexed_word(word, position)))
            continue
        pattern = like_pattern(word)
        contributor_hit = select(Contributor.publication_id).where(
            Contributor.name.like(pattern, escape="\\"))
        query = query.where(or_(
            Publication.title.like(pattern, escape="\\"),
            Publication.subtitle.like(pattern, escape="\\"),
            Publication.series.like(pattern, escape="\\"),
            Publication.gpn.like(pattern, escape="\\"),
            Publication.isbn.like(pattern, escape="\\"),
            Publication.id.in_(contributor_hit),
        ))
    if flt.pub_type is not None:
        query = query.where(Publication.pub_type == flt.pub_type)
    if flt.status is not None:
        query = query.where(Publication.status == flt.status)
    if flt.unit_id is not None:
        query = query.where(Publication.unit_id == flt.unit_id)
    return query


def publication_ids(session: Session, flt: PublicationFilter, sort: str = "updated",
                    descending: bool = True) -> list[int]:
    """Ids in display order — cheap even for 100,000 rows; rows are fetched by `rows_for`."""
    column = SORT_KEYS.get(sort, Publication.updated_at)
    order = column.desc() if descending else column.asc()
    tie = Publication.id.desc() if descending else Publication.id.asc()
    # Through Core, not the ORM: plain integers need no ORM loading (half the time at 100,000).
    return list(session.connection().execute(filtered_query(flt, _indexed(session))
                                             .order_by(order, tie))
                .scalars())


def count_publications(session: Session, flt: PublicationFilter,
                       at_most: int | None = None) -> int:
    """How many publications match (counting stops after `at_most`: a type-ahead needs
    「1,000 筆以上」, not a count of every match of one character)."""
    query = filtered_query(flt, _indexed(session))
    if at_most is not None:
        query = query.limit(at_most + 1)
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


@dataclass(frozen=True)
class PublicationRow:
    """One line of the publications table (plain data, safe to cache in a Qt model)."""

    id: int
    title: str
    pub_type: PublicationType
    form: PublicationForm
    status: PublicationStatus
    unit_name: str
    gpn: str
    isbn: str
    published_year: int | None
    published_month: int | None
    edition: int = 1
    printing: int = 1
    issn: str = ""

    @property
    def edition_text(self) -> str:
        """版次/刷次 on screen, e.g. 「二版」, 「初版三刷」 (2nd edition … in English)."""
        return edition_shown(self.edition, self.printing)

    @property
    def label(self) -> str:
        """What tells this record from others of the same title (see `publication_label`)."""
        return publication_label(self.id, self.title, self.form, self.edition, self.printing,
                                 self.gpn)


def edition_text(edition: int, printing: int) -> str:
    """版次/刷次 as printed and said: 初版, 初版二刷, 二版 …"""
    base = "初版" if edition <= 1 else f"{chinese_number(edition)}版"
    return base if printing <= 1 else f"{base}{chinese_number(printing)}刷"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                 "th")
    return f"{number}{suffix}"


def edition_shown(edition: int, printing: int) -> str:
    """版次/刷次 in the officer's language: 初版二刷, or 1st edition, 2nd printing."""
    if language() != "en":
        return edition_text(edition, printing)
    base = f"{_ordinal(max(edition, 1))} edition"
    return base if printing <= 1 else f"{base}, {_ordinal(printing)} printing"


def publication_label(record_id: int, title: str, form: PublicationForm, edition: int,
                      printing: int, gpn: str | None) -> str:
    """A publication named so that records sharing a title can be told apart — the print book,
    its e-book, a reprint and a revision: 「臺灣產業白皮書（紙本，二版，GPN 1011500057）」.
    Without a GPN the record number stands in its place."""
    number = f"GPN {gpn}" if gpn else t("編號 {id}", id=record_id)
    return t("{title}（{form}，{edition}，{number}）", title=title, form=form.shown,
             edition=edition_shown(edition, printing), number=number)


def label_of(publication: Publication) -> str:
    """`publication_label` of an entity (for messages that name a publication)."""
    return publication_label(publication.id, publication.title, publication.form,
                             publication.edition, publication.printing, publication.gpn)


def search_publications(session: Session, text: str, limit: int = 50,
                        pub_type: PublicationType | None = None) -> list[PublicationRow]:
    """Publications matching `text` (the search of the publications page), most recently
    changed first, at most `limit` — for choosers that must stay fast at 100,000 records."""
    query = filtered_query(PublicationFilter(text=text, pub_type=pub_type), _indexed(session))
    ids = list(session.scalars(query.order_by(Publication.updated_at.desc(),
                                              Publication.id.desc()).limit(limit)))
    rows = rows_for(session, ids)
    return [rows[i] for i in ids if i in rows]


def publication_unit(session: Session, publication_id: int) -> int | None:
    """The unit a publication belongs to (None when the record is gone)."""
    return session.scalar(select(Publication.unit_id).where(Publication.id == publication_id))


def row_for(session: Session, publication_id: int) -> PublicationRow | None:
    """One row, or None when the record is gone."""
    return rows_for(session, [publication_id]).get(publication_id)


def rows_for(session: Session, ids: list[int]) -> dict[int, PublicationRow]:
    """The table rows for some ids, in one query."""
    if not ids:
        return {}
    query = (select(Publication.id, Publication.title, Publication.pub_type, Publication.form,
                    Publication.status, PublishingUnit.short_name, PublishingUnit.full_name,
                    Publication.gpn, Publication.isbn, Publication.published_year,
                    Publication.published_month, Publication.edition, Publication.printing,
                    Publication.issn)
             .join(PublishingUnit, PublishingUnit.id == Publication.unit_id)
             .where(Publication.id.in_(ids)))
    result = {}
    for row in session.execute(query):
        result[row[0]] = PublicationRow(row[0], row[1], row[2], row[3], row[4],
                                        row[5] or row[6], row[7] or "", row[8] or "",
                                        row[9], row[10], row[11], row[12], row[13] or "")
    return result
