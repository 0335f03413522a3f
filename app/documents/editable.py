"""Which editable formats an office gets: ODF (ODT/ODS — CNS 15251, the format Taiwan's
government standardised on) and/or Office Open XML (DOCX/XLSX). The document model is the one
source; each format has its writer (docx_writer, xlsx_writer, odf_writer) and this module only
chooses which to call, so every service writes what Settings asks for in the same way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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


def write_letter(letter: OfficialLetter, base: Path, formats: EditableFormats) -> list[Path]:
    """`base`.odt and/or `base`.docx."""
    written = []
    if formats.ooxml:
        from app.documents.docx_writer import write_letter_docx

        written.append(write_letter_docx(letter, base.with_name(base.name + ".docx")))
    if formats.odf:
        from app.documents.odf_writer import write_letter_odt

        written.append(write_letter_odt(letter, base.with_name(base.name + ".odt")))
    return written


def write_table_documents(table: DocTable, base: Path, formats: EditableFormats,
                          sheet_title: str | None = None) -> list[Path]:
    """A table as text documents and spreadsheets: `base`.docx/.xlsx and/or .odt/.ods."""
    written = []
    if formats.ooxml:
        from app.documents.docx_writer import write_table_docx
        from app.documents.xlsx_writer import write_table_xlsx

        written.append(write_table_docx(table, base.with_name(base.name + ".docx")))
        written.append(write_table_xlsx(table, base.with_name(base.name + ".xlsx"),
                                        sheet_title or ""))
    if formats.odf:
        from app.documents.odf_writer import write_table_ods, write_table_odt

        written.append(write_table_odt(table, base.with_name(base.name + ".odt")))
        written.append(write_table_ods(table, base.with_name(base.name + ".ods"),
                                       sheet_title or ""))
    return written


def write_sheet(table: DocTable, base: Path, formats: EditableFormats) -> list[Path]:
    """A table as a spreadsheet only: `base`.xlsx and/or .ods."""
    written = []
    if formats.ooxml:
        from app.documents.xlsx_writer import write_table_xlsx

        written.append(write_table_xlsx(table, base.with_name(base.name + ".xlsx")))
    if formats.odf:
        from app.documents.odf_writer import write_table_ods

        written.append(write_table_ods(table, base.with_name(base.name + ".ods")))
    return written


def write_lines(lines: list[str], base: Path, formats: EditableFormats,
                title: str = "") -> list[Path]:
    """Plain lines (the 版權頁 block): `base`.docx and/or .odt."""
    written = []
    if formats.ooxml:
        from app.documents.docx_writer import write_lines_docx

        written.append(write_lines_docx(lines, base.with_name(base.name + ".docx"), title))
    if formats.odf:
        from app.documents.odf_writer import write_lines_odt

        written.append(write_lines_odt(lines, base.with_name(base.name + ".odt"), title))
    return written
