"""Publication lists in Excel: export every publication to an XLSX with Chinese column names,
and import such a list — years of an agency's publications kept in Excel — after checking every
row and showing the officer a report; nothing is written until she confirms, and then all in
one transaction.

The columns are one table (`COLUMNS`): the export writes them, the import reads them by name
(in any order; unknown columns are reported, missing optional ones are fine). Every value goes
through the same checks as the publication form (`validate_publication`): identifiers with
their check digits, required fields; plus the unit by name, ROC or AD year-months, and
duplicates by GPN and ISBN within the file and against the database. Export → import into an
empty database reproduces the records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.errors import ValidationError
from app.intake.child import ReadCancelled, read_table_bounded
from app.intake.limits import LIMITS
from app.intake.messages import (
    ALREADY_IN_DATABASE,
    CANCELLED,
    HIDDEN_COLUMNS,
    HIDDEN_ROW,
    HIDDEN_SHEETS,
    NO_HEADER,
    NUMBER_IN_DATABASE,
    NUMBER_IN_FILE,
    SAME_RECORD_IN_DATABASE,
    SHEET_CHOICE,
    TITLE_ROWS,
    UNIT_MISSING,
    UNIT_TO_CREATE,
    UNKNOWN_COLUMNS,
)
from app.intake.table import Table, header_text, read_table
from app.models import (
    Binding,
    CipStatus,
    ContributorRole,
    Publication,
    PublicationForm,
    PublicationRelation,
    PublicationStatus,
    PublicationType,
    PublishingUnit,
    RelationKind,
)
from app.models.enums import LabelledEnum
from app.services.number_rule import Clash, clash
from app.services.publication_rules import (
    ContributorData,
    PublicationData,
    may_share_numbers,
    same_work_key,
    validate_publication,
)
from app.services.publications import create_checked_publications

SHEET_TITLE = "出版品清單"

E = TypeVar("E", bound=LabelledEnum)


@dataclass(frozen=True)
class Column:
    """One column of the list: its Chinese header and the PublicationData field."""

    header: str
    field: str
    required: bool = False


COLUMNS = [
    Column("出版機關", "unit", required=True),
    Column("類型", "pub_type"),
    Column("載體", "form"),
    Column("題名", "title", required=True),
    Column("副題名", "subtitle"),
    Column("叢書名", "series"),
    Column("著作者", "contributors"),
    Column("版次", "edition"),
    Column("刷次", "printing"),
    Column("出版年月", "published"),
    Column("頁數", "pages"),
    Column("尺寸", "size_cm"),
    Column("裝訂", "binding"),
    Column("定價", "price_ntd"),
    Column("語文", "language"),
    Column("GPN", "gpn"),
    Column("ISBN", "isbn"),
    Column("ISSN", "issn"),
    Column("ISRC", "isrc"),
    Column("狀態", "status"),
    Column("關鍵詞", "keywords"),
    Column("摘要", "summary"),
    Column("讀者對象", "audience"),
    Column("預行編目", "cip_status"),
    Column("預行編目內容", "cip_text"),
    Column("線上網址", "online_url"),
    Column("已登錄政府出版品網", "online_registered"),
]
HEADERS = {column.header: column for column in COLUMNS}
REQUIRED = [column.header for column in COLUMNS if column.required]
RAW_FIELDS = frozenset({"summary", "cip_text"})
"""Kept exactly as written (line breaks and the full-width spaces of a CIP block): the
publication form does not trim them either."""
YES, NO = "是", "否"


# ------------------------------------------------------------------ export


def _contributors_text(people: Iterable[Any]) -> str:
    return "、".join(f"{p.name}（{p.role.label}）" for p in people)


def _published_text(year: int | None, month: int | None) -> str:
    if year is None:
        return ""
    roc = year - 1911
    return f"{roc}年{month}月" if month else f"{roc}年"


def _export_values(pub: Publication) -> list[Any]:
    values = {
        "unit": pub.unit.full_name, "pub_type": pub.pub_type.label, "form": pub.form.label,
        "title": pub.title, "subtitle": pub.subtitle, "series": pub.series,
        "contributors": _contributors_text(pub.contributors), "edition": pub.edition,
        "printing": pub.printing,
        "published": _published_text(pub.published_year, pub.published_month),
        "pages": pub.pages, "size_cm": pub.size_cm, "binding": pub.binding.label,
        "price_ntd": pub.price_ntd, "language": pub.language, "gpn": pub.gpn or "",
        "isbn": pub.isbn or "", "issn": pub.issn or "", "isrc": pub.isrc or "",
        "status": pub.status.label, "keywords": pub.keywords, "summary": pub.summary,
        "audience": pub.audience, "cip_status": pub.cip_status.label, "cip_text": pub.cip_text,
        "online_url": pub.online_url, "online_registered": YES if pub.online_registered else NO,
    }
    return [values[column.field] for column in COLUMNS]


def export_rows(session: Session, chunk: int = 1000) -> Iterator[list[Any]]:
    """Every publication as a row of `COLUMNS`, in record order, fetched `chunk` at a time
    (no object graph of the whole table is held)."""
    last = 0
    while True:
        publications = session.scalars(select(Publication).options(
            selectinload(Publication.contributors), selectinload(Publication.unit))
            .where(Publication.id > last).order_by(Publication.id).limit(chunk)).all()
        if not publications:
            return
        for pub in publications:
            yield _export_values(pub)
        last = publications[-1].id
        session.expunge_all()


_EXCEL_ESCAPE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")


def excel_text(value: str) -> str:
    """A text as Excel stores it: a literal 「_x0041_」 is escaped (_x005F_), or Excel and
    every reader would turn it into 「A」."""
    return _EXCEL_ESCAPE.sub(r"_x005F\1", value) if "_x" in value else value


def export_publications(session: Session, path: Path,
                        progress: Callable[[int], None] | None = None) -> int:
    """Write every publication to `path` (XLSX, streamed: openpyxl's write-only mode);
    returns how many."""
    from openpyxl.cell import WriteOnlyCell

    from app.documents.files import atomic_output

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    bold = Font(bold=True)
    header = []
    for spec in COLUMNS:
        cell = WriteOnlyCell(sheet, value=spec.header)
        cell.font = bold
        header.append(cell)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    count = 0
    for values in export_rows(session):
        cells: list[Any] = []
        for value in values:
            if isinstance(value, str):
                # text cells stay text: a title such as "=1+1" never becomes a formula
                cell = WriteOnlyCell(sheet, value=excel_text(value))
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(count)
    with atomic_output(path) as target:
        book.save(target)
    return count


# ------------------------------------------------------------------ import



@dataclass
class ImportRow:
    """One row of the file: what it would create, or why it cannot."""

    row_number: int
    title: str
    data: PublicationData | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_unit: str = ""
    """The unit this row needs that does not exist yet (created by `apply_import`)."""

    @property
    def ok(self) -> bool:
        """Whether the row can be imported."""
        return self.data is not None and not self.problems


@dataclass
class ImportPlan:
    """The report the officer sees before anything is written."""

    rows: list[ImportRow]
    file_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the officer should know that stops nothing (title rows, hidden columns…)."""
    sheet: str = ""
    sheet_choices: list[str] = field(default_factory=list)
    """Several sheets hold a list: plan again with `sheet=` one of these."""
    missing_units: list[str] = field(default_factory=list)
    """Units named by the file that do not exist (created only with `create_units`)."""
    create_units: bool = False

    @property
    def importable(self) -> list[ImportRow]:
        """The rows that would be written."""
        return [row for row in self.rows if row.ok]

    @property
    def rejected(self) -> list[ImportRow]:
        """The rows with problems (not written)."""
        return [row for row in self.rows if not row.ok]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _enum(enum_class: type[E], text: str, default: E, what: str,
          problems: list[str]) -> E:
    if not text:
        return default
    for member in enum_class:
        if text in (member.label, member.value):
            return member
    choices = "、".join(member.label for member in enum_class)
    problems.append(f"{what}「{text}」不是可用的值（可填：{choices}）。")
    return default


def _or_one(number: int | None) -> int:
    """An empty 版次/刷次 is the first; a 0 stays 0, for validation to refuse."""
    return 1 if number is None else number


def _integer(text: str, what: str, problems: list[str]) -> int | None:
    if not text:
        return None
    cleaned = text.replace(",", "").replace("，", "").removeprefix("NT$").removesuffix("元")
    if re.fullmatch(r"\d+", cleaned.strip()):
        return int(cleaned)
    problems.append(f"{what}「{text}」不是整數。")
    return None


def _yes_no(text: str, problems: list[str]) -> bool:
    if text in ("", NO, "FALSE", "false", "0", "N", "n"):
        return False
    if text in (YES, "TRUE", "true", "1", "Y", "y"):
        return True
    problems.append(f"已登錄政府出版品網「{text}」請填「是」或「否」。")
    return False


_YEAR_MONTH = re.compile(r"^(?:民國)?\s*(\d{2,4})\s*(?:年|[./-])\s*(?:(\d{1,2})\s*月?)?$")


def parse_year_month(text: str) -> tuple[int | None, int | None, str]:
    """出版年月 as people write it: 「115年8月」「115/08」「2026-08」「2026年」, or an Excel date.
    Years under 1000 are ROC years. Returns (AD year, month, problem)."""
    if not text:
        return None, None, ""
    found = _YEAR_MONTH.match(text.replace(" 00:00:00", "").strip())
    if not found:
        iso = re.match(r"^(\d{4})-(\d{2})-\d{2}", text)
        if iso:
            return int(iso.group(1)), int(iso.group(2)), ""
        return None, None, f"出版年月「{text}」看不懂，請寫成「115年8月」或「2026-08」。"
    year = int(found.group(1))
    month = int(found.group(2)) if found.group(2) else None
    if year < 1000:
        year += 1911
    return year, month, ""


def parse_contributors(text: str, problems: list[str]) -> list[ContributorData]:
    """「王小明（主編）、陳美華（編輯）」 — a role in brackets after each name, author if none."""
    people: list[ContributorData] = []
    for raw in re.split(r"[、;；,，\n]+", text):
        part = raw.strip()
        if not part:
            continue
        found = re.fullmatch(r"(.+?)\s*[（(]\s*(.+?)\s*[）)]", part)
        name, role_text = (found.group(1), found.group(2)) if found else (part, "")
        role = _enum(ContributorRole, role_text, ContributorRole.AUTHOR, "著作方式", problems)
        people.append(ContributorData(name.strip(), role))
    return people


def read_list(path: Path, *, sheet: str | None = None, in_child: bool = True,
              progress: Callable[[int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> Table:
    """The list in `path` (.xlsx or .ods) as its sheet's rows, read within `app.intake`'s
    bounds — in a child process unless `in_child` is False (tests of the reader)."""
    if in_child:
        return read_table_bounded(path, REQUIRED, sheet=sheet, preferred=SHEET_TITLE,
                                  progress=progress, cancelled=cancelled)
    return read_table(path, REQUIRED, sheet=sheet, preferred=SHEET_TITLE)


def _row_data(values: dict[str, str], units: dict[str, int], row: ImportRow,
              create_units: bool) -> PublicationData:
    problems = row.problems
    get = {column.field: values.get(column.header, "") for column in COLUMNS}
    for column in COLUMNS:
        if column.required and not get[column.field].strip():
            problems.append(f"缺少必填的「{column.header}」。")
    clean = {name: (value if name in RAW_FIELDS else value.strip())
             for name, value in get.items()}
    unit_name = clean["unit"]
    unit_id = units.get(unit_name, 0) if unit_name else 0
    if unit_name and not unit_id:
        if create_units:
            row.new_unit = unit_name
            row.warnings.append(UNIT_TO_CREATE.format(unit=unit_name))
        else:
            problems.append(UNIT_MISSING.format(
                unit=unit_name, names="、".join(sorted(units)) or "（尚未設定任何機關）"))
    year, month, problem = parse_year_month(clean["published"])
    if problem:
        problems.append(problem)
    return PublicationData(
        unit_id=unit_id, title=clean["title"],
        pub_type=_enum(PublicationType, clean["pub_type"], PublicationType.BOOK, "類型",
                       problems),
        form=_enum(PublicationForm, clean["form"], PublicationForm.PRINT, "載體", problems),
        subtitle=clean["subtitle"], series=clean["series"],
        edition=_or_one(_integer(clean["edition"], "版次", problems)),
        printing=_or_one(_integer(clean["printing"], "刷次", problems)),
        published_year=year, published_month=month,
        pages=_integer(clean["pages"], "頁數", problems), size_cm=clean["size_cm"],
        binding=_enum(Binding, clean["binding"], Binding.PAPERBACK, "裝訂", problems),
        price_ntd=_integer(clean["price_ntd"], "定價", problems),
        language=clean["language"] or "中文", keywords=clean["keywords"],
        summary=clean["summary"], audience=clean["audience"],
        cip_status=_enum(CipStatus, clean["cip_status"], CipStatus.NONE, "預行編目", problems),
        cip_text=clean["cip_text"], online_url=clean["online_url"],
        online_registered=_yes_no(clean["online_registered"], problems),
        gpn=clean["gpn"] or None, isbn=clean["isbn"] or None, issn=clean["issn"] or None,
        isrc=clean["isrc"] or None,
        status=_enum(PublicationStatus, clean["status"], PublicationStatus.PLANNING, "狀態",
                     problems),
        contributors=parse_contributors(clean["contributors"], problems))


def _unit_names(session: Session) -> dict[str, int]:
    names: dict[str, int] = {}
    for unit in session.scalars(select(PublishingUnit)):
        for name in (unit.full_name, unit.short_name):
            if name:
                names[name.strip()] = unit.id
    return names


@dataclass(frozen=True)
class _Holder:
    """A record (or an earlier row) that carries a number: enough to apply §4(二)."""

    title: str
    subtitle: str
    pub_type: str
    form: str
    edition: int
    printing: int
    row: int = 0
    """The row of the file; 0 for a record of the database."""


def _holders(session: Session, kind: str) -> dict[str, list[_Holder]]:
    column = getattr(Publication, kind)
    found: dict[str, list[_Holder]] = {}
    for value, title, subtitle, pub_type, form, edition, printing in session.execute(
            select(column, Publication.title, Publication.subtitle, Publication.pub_type,
                   Publication.form, Publication.edition, Publication.printing)
            .where(column.is_not(None))):
        found.setdefault(value, []).append(
            _Holder(title, subtitle, str(pub_type), str(form), edition, printing))
    return found


def _twin_key(pub: Any) -> tuple[Any, ...]:
    """A record without numbers is the same as a row when unit, work, printing and
    publication month agree (a re-imported list must not double it)."""
    return (pub.unit_id, *same_work_key(pub), int(pub.printing), pub.published_year,
            pub.published_month)


def _check_numbers(row: ImportRow, clean: PublicationData,
                   taken: dict[str, dict[str, list[_Holder]]],
                   seen: dict[str, dict[str, list[_Holder]]]) -> None:
    """One GPN / ISBN per publication, except a reprint's — the rule of
    app.services.number_rule (`clash`), applied to holders loaded once for the whole list."""
    for kind, label in (("gpn", "GPN"), ("isbn", "ISBN")):
        value = getattr(clean, kind)
        if not value:
            continue
        for holder in taken[kind].get(value, []):
            found = clash(holder, clean)
            if found is Clash.SAME_PUBLICATION:
                row.problems.append(ALREADY_IN_DATABASE.format(
                    label=label, value=value, printing=clean.printing, title=holder.title))
                break
            if found is Clash.UNRELATED:
                row.problems.append(NUMBER_IN_DATABASE.format(label=label, value=value,
                                                              title=holder.title))
                break
        else:
            in_file = next((h for h in seen[kind].get(value, [])
                            if clash(h, clean) is not None), None)
            if in_file is not None:
                row.problems.append(NUMBER_IN_FILE.format(label=label, value=value,
                                                          row=in_file.row))
    if not row.problems:
        for kind in ("gpn", "isbn"):
            value = getattr(clean, kind)
            if value:
                seen[kind].setdefault(value, []).append(_Holder(
                    clean.title.strip(), clean.subtitle.strip(), str(clean.pub_type),
                    str(clean.form), clean.edition, clean.printing, row.row_number))


def plan_import(session: Session, path: Path,
                progress: Callable[[int, int], None] | None = None, *,
                sheet: str | None = None, create_units: bool = False, in_child: bool = True,
                cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Read and check every row of `path`; nothing is written. Reading is bounded (see
    `app.intake`): a file beyond a bound raises LimitExceeded with the sentence to show."""
    table = read_list(path, sheet=sheet, in_child=in_child, cancelled=cancelled,
                      progress=None if progress is None else (lambda rows: progress(0, rows)))
    plan = ImportPlan([], sheet=table.sheet, create_units=create_units)
    if table.choices:
        plan.sheet_choices = table.choices
        plan.file_problems.append(SHEET_CHOICE.format(name=path.name,
                                                      sheets="、".join(table.choices)))
        return plan
    hidden_sheets = [s.name for s in table.sheets if not s.visible]
    if hidden_sheets:
        plan.notes.append(HIDDEN_SHEETS.format(sheets="、".join(hidden_sheets)))
    if not table.header_row:
        plan.file_problems.append(NO_HEADER.format(
            sheet=table.sheet, rows=LIMITS.header_search_rows, required="、".join(REQUIRED)))
        return plan
    columns = _columns(table, plan)
    _check_rows(session, table, columns, plan, progress, cancelled)
    return plan


def _columns(table: Table, plan: ImportPlan) -> dict[int, str]:
    """The sheet's columns PubDesk knows (by name, spaces ignored), and notes on the rest."""
    known = {header_text(c.header): c.header for c in COLUMNS}
    columns: dict[int, str] = {}
    unknown = []
    for index, header in sorted(table.headers.items()):
        name = known.get(header_text(header))
        if name is not None and name not in columns.values():
            columns[index] = name
        elif header:
            unknown.append(header)
    if table.rows_above:
        plan.notes.append(TITLE_ROWS.format(row=table.header_row, count=table.rows_above))
    if unknown:
        plan.notes.append(UNKNOWN_COLUMNS.format(columns="、".join(unknown)))
    hidden = [columns[c] for c in table.hidden_columns if c in columns]
    if hidden:
        plan.notes.append(HIDDEN_COLUMNS.format(columns="、".join(hidden)))
    return columns


def _check_rows(session: Session, table: Table, columns: dict[int, str], plan: ImportPlan,
                progress: Callable[[int, int], None] | None,
                cancelled: Callable[[], bool] | None) -> None:
    """Check each row of `table` into `plan.rows`."""
    create_units = plan.create_units
    units = _unit_names(session)
    taken = {kind: _holders(session, kind) for kind in ("gpn", "isbn")}
    twins = {_twin_key(p) for p in session.execute(select(
        Publication.unit_id, Publication.title, Publication.subtitle, Publication.pub_type,
        Publication.form, Publication.edition, Publication.printing,
        Publication.published_year, Publication.published_month))}
    seen: dict[str, dict[str, list[_Holder]]] = {"gpn": {}, "isbn": {}}
    missing: dict[str, None] = {}
    for index, line in enumerate(table.rows):
        if index % 500 == 0:
            if cancelled is not None and cancelled():
                raise ReadCancelled(CANCELLED.format(name=table.file_name))
            if progress is not None:
                progress(index, len(table.rows))
        values = {columns[c]: v for c, v in line.cells.items() if c in columns}
        row = ImportRow(line.number, values.get("題名", "").strip())
        plan.rows.append(row)
        if line.hidden:
            row.problems.append(HIDDEN_ROW)
            continue
        data = _row_data(values, units, row, create_units)
        if row.new_unit or (not data.unit_id and values.get("出版機關", "").strip()):
            missing[values.get("出版機關", "").strip()] = None
        try:
            clean, warnings = validate_publication(data)
        except ValidationError as exc:
            row.problems += [p.message for p in exc.problems]
            continue
        row.warnings += warnings
        _check_numbers(row, clean, taken, seen)
        if not (clean.gpn or clean.isbn) and _twin_key(clean) in twins:
            row.problems.append(SAME_RECORD_IN_DATABASE.format(title=clean.title))
        row.data = clean
    plan.missing_units = list(missing)


def apply_import(session: Session, plan: ImportPlan,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[int]:
    """Write the importable rows (one transaction: the caller's session), in bulk
    (`create_checked_publications`: the plan validated them); returns new ids. Units the plan
    was allowed to create are created first; a reprint is linked to the earliest printing of
    its work that shares its number. `progress(done, total)`; `cancelled()` stops with
    `ImportCancelled`, nothing written."""
    from app.services.units import UnitData, save_unit

    created: dict[str, int] = {}
    for name in dict.fromkeys(row.new_unit for row in plan.importable if row.new_unit):
        created[name] = save_unit(session, UnitData(full_name=name))
    rows = []
    for row in plan.importable:
        assert row.data is not None
        rows.append(replace(row.data, unit_id=created[row.new_unit]) if row.new_unit
                    else row.data)
    ids = create_checked_publications(session, rows, progress, cancelled)
    _link_reprints(session, _sharing_a_number(session, ids))
    return ids


def _sharing_a_number(session: Session, ids: list[int]) -> list[int]:
    """Those of `ids` whose GPN or ISBN another record holds too (the only ones a reprint
    link may join): one grouped query per number kind, not two queries per new record."""
    shared: set[int] = set()
    wanted = set(ids)
    for column in (Publication.gpn, Publication.isbn):
        numbers = select(column).where(column.is_not(None)).group_by(column) \
            .having(func.count() > 1)
        shared |= {pub_id for pub_id in session.scalars(
            select(Publication.id).where(column.in_(numbers))) if pub_id in wanted}
    return [pub_id for pub_id in ids if pub_id in shared]


def _link_reprints(session: Session, ids: list[int]) -> None:
    """Each new publication that shares its GPN or ISBN with an earlier printing of the same
    work becomes, as 「由此新增 → 再刷」 would have made it, a reprint of the first printing."""
    new = set(ids)
    for pub in session.scalars(select(Publication).where(Publication.id.in_(ids))):
        number_filters = [getattr(Publication, kind) == getattr(pub, kind)
                          for kind in ("gpn", "isbn") if getattr(pub, kind)]
        if not number_filters:
            continue
        first = session.scalars(select(Publication).where(
            or_(*number_filters), Publication.id != pub.id)
            .order_by(Publication.printing, Publication.id)).first()
        if first is None or not may_share_numbers(first, pub) or \
                first.printing > pub.printing:
            continue
        known = session.scalar(select(PublicationRelation.id).where(
            PublicationRelation.source_id == pub.id, PublicationRelation.target_id == first.id))
        if known is None and (first.id not in new or first.printing < pub.printing):
            session.add(PublicationRelation(source_id=pub.id, target_id=first.id,
                                            kind=RelationKind.REPRINT_OF))
    session.flush()
