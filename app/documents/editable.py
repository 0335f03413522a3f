"""Which editable formats an office gets: ODF (ODT/ODS — CNS 15251, the format Taiwan's
government standardised on) and/or Office Open XML (DOCX/XLSX). The document model is the one
source; each format has its writer (docx_writer, xlsx_writer, odf_writer) and this module only
chooses which to call, so every service writes what Settings asks for in the same way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.documents.page_rows import fit_rows

if TYPE_CHECKING:
    from app.documents.model import OfficialLetter
    from app.documents.model import Table as DocTable
    from app.settings import Settings


@dataclass(frozen=True)
class EditableFormats:
    """The editable formats to write besides the PDF (both by default)."""

    odf: bool = True
    ooxml: bool = True

    @classmethod
    def of(cls, settings: Settings) -> EditableFormats:
        """The officer's choice (Settings → Documents); never none at all."""
        if not (settings.write_odf or settings.write_ooxml):
            return cls()
        return cls(settings.write_odf, settings.write_ooxml)

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The editable suffixes these formats write (for packages copying a folder)."""
        return (*((".odt", ".ods") if self.odf else ()),
                *((".docx", ".xlsx") if self.ooxml else ()))


Writer = Callable[[Path], Path]


def _write(base: Path, formats: EditableFormats, ooxml: dict[str, Writer],
           odf: dict[str, Writer]) -> list[Path]:
    """Call the writers of the formats asked for, each with `base` plus its suffix."""
    chosen = {**(ooxml if formats.ooxml else {}), **(odf if formats.odf else {})}
    return [write(base.with_name(base.name + suffix)) for suffix, write in chosen.items()]


def write_letter(letter: OfficialLetter, base: Path, formats: EditableFormats) -> list[Path]:
    """`base`.odt and/or `base`.docx."""
    from app.documents.docx_writer import write_letter_docx
    from app.documents.odf_writer import write_letter_odt

    return _write(base, formats, {".docx": lambda p: write_letter_docx(letter, p)},
                  {".odt": lambda p: write_letter_odt(letter, p)})


def write_table_documents(table: DocTable, base: Path, formats: EditableFormats,
                          sheet_title: str | None = None) -> list[Path]:
    """A table as text documents and spreadsheets: `base`.docx/.xlsx and/or .odt/.ods."""
    from app.documents.docx_writer import write_table_docx
    from app.documents.odf_writer import write_table_ods, write_table_odt
    from app.documents.xlsx_writer import write_table_xlsx

    table = fit_rows(table)  # every row fits a page in Word, LibreOffice and Excel
    return _write(base, formats,
                  {".docx": lambda p: write_table_docx(table, p),
                   ".xlsx": lambda p: write_table_xlsx(table, p, sheet_title or "")},
                  {".odt": lambda p: write_table_odt(table, p),
                   ".ods": lambda p: write_table_ods(table, p, sheet_title or "")})


def write_sheet(table: DocTable, base: Path, formats: EditableFormats) -> list[Path]:
    """A table as a spreadsheet only (a settlement, a stock report): `base`.xlsx and/or .ods."""
    from app.documents.odf_writer import write_table_ods
    from app.documents.xlsx_writer import write_table_xlsx

    table = fit_rows(table)
    return _write(base, formats, {".xlsx": lambda p: write_table_xlsx(table, p)},
                  {".ods": lambda p: write_table_ods(table, p)})


def write_lines(lines: list[str], base: Path, formats: EditableFormats,
                title: str = "") -> list[Path]:
    """Plain lines (the 版權頁 block): `base`.docx and/or .odt."""
    from app.documents.docx_writer import write_lines_docx
    from app.documents.odf_writer import write_lines_odt

    return _write(base, formats, {".docx": lambda p: write_lines_docx(lines, p, title)},
                  {".odt": lambda p: write_lines_odt(lines, p, title)})
