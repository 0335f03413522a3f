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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import PubDeskError, ValidationError
from app.models import (
    Binding,
    ContributorRole,
    Publication,
    PublicationForm,
    PublicationStatus,
    PublicationType,
    PublishingUnit,
)
from app.models.enums import LabelledEnum
from app.services.publication_rules import ContributorData, PublicationData, validate_publication
from app.services.publications import create_publication

SHEET_TITLE = "出版品清單"
MAX_ROWS = 100_000

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
]
HEADERS = {column.header: column for column in COLUMNS}


# ------------------------------------------------------------------ export


def _contributors_text(people: Iterable[Any]) -> str:
    return "、".join(f"{p.name}（{p.role.label}）" for p in people)


def _published_text(year: int | None, month: int | None) -> str:
    if year is None:
        return ""
    roc = year - 1911
    return f"{roc}年{month}月" if month else f"{roc}年"


def export_rows(session: Session) -> list[list[Any]]:
    """Every publication as a row of `COLUMNS`, in record order."""
    rows: list[list[Any]] = []
    publications = session.scalars(select(Publication).options(
        selectinload(Publication.contributors), selectinload(Publication.unit))
        .order_by(Publication.id)).all()
    for pub in publications:
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
        }
        rows.append([values[column.field] for column in COLUMNS])
    return rows


def export_publications(session: Session, path: Path) -> int:
    """Write every publication to `path` (XLSX); returns how many."""
    from app.documents.files import atomic_output
    from app.documents.xlsx_writer import put_text

    rows = export_rows(session)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    bold = Font(bold=True)
    for column, spec in enumerate(COLUMNS, start=1):
        put_text(sheet, 1, column, spec.header).font = bold
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                # text cells stay text: a title such as "=1+1" never becomes a formula
                put_text(sheet, row_number, column, value)
            elif value is not None:
                sheet.cell(row_number, column, value)
    sheet.freeze_panes = "A2"
    with atomic_output(path) as target:
        book.save(target)
    return len(rows)


# ------------------------------------------------------------------ import


@dataclass
class ImportRow:
    """One row of the file: what it would create, or why it cannot."""

    row_number: int
    title: str
    data: PublicationData | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the row can be imported."""
        return self.data is not None and not self.problems


@dataclass
class ImportPlan:
    """The report the officer sees before anything is written."""

    rows: list[ImportRow]
    file_problems: list[str] = field(default_factory=list)

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


def read_sheet(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header names and each non-empty row (its number and values by header)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise PubDeskError(f"無法讀取「{path.name}」：這不是 Excel 活頁簿（.xlsx），或檔案已損壞（{exc}）。"
                           "請在 Excel 中另存為 .xlsx 後再匯入。") from exc
    try:
        sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header_row = next(lines, None)
        headers = [_text(value) for value in header_row or ()]
        rows: list[tuple[int, dict[str, str]]] = []
        for number, line in enumerate(lines, start=2):
            values = {headers[i]: _text(v) for i, v in enumerate(line) if i < len(headers)
                      and headers[i]}
            if any(values.values()):
                rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise PubDeskError(f"「{path.name}」超過 {MAX_ROWS:,} 列，請分成幾個檔案匯入。")
    finally:
        book.close()
    return headers, rows


def _row_data(values: dict[str, str], units: dict[str, int],
              problems: list[str]) -> PublicationData:
    get = {column.field: values.get(column.header, "") for column in COLUMNS}
    for column in COLUMNS:
        if column.required and not get[column.field]:
            problems.append(f"缺少必填的「{column.header}」。")
    unit_id = units.get(get["unit"].strip(), 0) if get["unit"] else 0
    if get["unit"] and not unit_id:
        names = "、".join(sorted(units)) or "（尚未設定任何機關）"
        problems.append(f"出版機關「{get['unit']}」不在設定的機關中（有：{names}）。"
                        "請先在「設定」新增該機關，或改成已有的名稱。")
    year, month, problem = parse_year_month(get["published"])
    if problem:
        problems.append(problem)
    return PublicationData(
        unit_id=unit_id, title=get["title"],
        pub_type=_enum(PublicationType, get["pub_type"], PublicationType.BOOK, "類型", problems),
        form=_enum(PublicationForm, get["form"], PublicationForm.PRINT, "載體", problems),
        subtitle=get["subtitle"], series=get["series"],
        edition=_or_one(_integer(get["edition"], "版次", problems)),
        printing=_or_one(_integer(get["printing"], "刷次", problems)),
        published_year=year, published_month=month,
        pages=_integer(get["pages"], "頁數", problems), size_cm=get["size_cm"],
        binding=_enum(Binding, get["binding"], Binding.PAPERBACK, "裝訂", problems),
        price_ntd=_integer(get["price_ntd"], "定價", problems),
        language=get["language"] or "中文", keywords=get["keywords"], summary=get["summary"],
        gpn=get["gpn"] or None, isbn=get["isbn"] or None, issn=get["issn"] or None,
        isrc=get["isrc"] or None,
        status=_enum(PublicationStatus, get["status"], PublicationStatus.PLANNING, "狀態",
                     problems),
        contributors=parse_contributors(get["contributors"], problems))


def _unit_names(session: Session) -> dict[str, int]:
    names: dict[str, int] = {}
    for unit in session.scalars(select(PublishingUnit)):
        for name in (unit.full_name, unit.short_name):
            if name:
                names[name.strip()] = unit.id
    return names


def plan_import(session: Session, path: Path,
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Read and check every row of `path`; nothing is written."""
    headers, raw_rows = read_sheet(path)
    plan = ImportPlan([])
    unknown = [h for h in headers if h and h not in HEADERS]
    missing = [c.header for c in COLUMNS if c.required and c.header not in headers]
    if missing:
        plan.file_problems.append(
            "第一列（欄名）缺少：" + "、".join(missing) + "。請用 PubDesk 匯出的清單當範本。")
        return plan
    if unknown:
        plan.file_problems.append("這些欄不認得，不會匯入：" + "、".join(unknown) + "。")
    units = _unit_names(session)
    taken: dict[str, dict[str, str]] = {kind: dict(session.execute(select(getattr(Publication, kind), Publication.title)
                                        .where(getattr(Publication, kind).is_not(None))).all())
             for kind in ("gpn", "isbn")}
    seen: dict[str, dict[str, int]] = {"gpn": {}, "isbn": {}}
    for index, (number, values) in enumerate(raw_rows):
        if progress is not None and index % 200 == 0:
            progress(index, len(raw_rows))
        row = ImportRow(number, values.get("題名", ""))
        data = _row_data(values, units, row.problems)
        try:
            clean, row.warnings = validate_publication(data)
        except ValidationError as exc:
            row.problems += [p.message for p in exc.problems]
            plan.rows.append(row)
            continue
        for kind, label in (("gpn", "GPN"), ("isbn", "ISBN")):
            value = getattr(clean, kind)
            if not value:
                continue
            if value in taken[kind]:
                row.problems.append(f"{label} {value} 已用於資料庫中的「{taken[kind][value]}」。")
            elif value in seen[kind]:
                row.problems.append(f"{label} {value} 與第 {seen[kind][value]} 列重複。")
            else:
                seen[kind][value] = number
        row.data = clean
        plan.rows.append(row)
    return plan


def apply_import(session: Session, plan: ImportPlan) -> list[int]:
    """Write the importable rows (one transaction: the caller's session); returns new ids."""
    ids = []
    for row in plan.importable:
        assert row.data is not None
        ids.append(create_publication(session, row.data).id)
    return ids
