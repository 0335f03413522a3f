"""DOCX writer (python-docx): real Word styles with 標楷體 as the East Asian font
(`w:eastAsia`) and Times New Roman for Latin letters and digits, zh-TW language tags, A4
with the binding margin, hanging indents for 說明 items, 「第n頁，共N頁」 in the footer."""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Length, Pt

from app.documents import style
from app.documents.files import atomic_output
from app.documents.model import OfficialLetter
from app.documents.model import Table as DocTable
from app.documents.office_fonts import font_runs, needs_fallback
from app.documents.table_widths import column_widths


def _set_fonts(target: Any, size: float | None = None) -> None:
    """Latin slots Times New Roman, East Asian slot 標楷體, zh-TW language (a style or run)."""
    target.font.name = style.LATIN_FONT_DOCX
    if size is not None:
        target.font.size = Pt(size)
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), style.LATIN_FONT_DOCX)
    fonts.set(qn("w:eastAsia"), style.CJK_FONT_DOCX)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    # Latin letters and digits are English to Word's line breaker, Chinese is zh-TW: tagged
    # zh-TW throughout, a GPN or a phone number may be broken mid-number like Chinese text.
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), style.LANGUAGE_TAG)


def _centre_vertically(tc: Any) -> None:
    """A table cell's content in the middle of its height (w:vAlign), as in the PDF."""
    properties = tc.get_or_add_tcPr()
    if properties.find(qn("w:vAlign")) is None:
        align = OxmlElement("w:vAlign")
        align.set(qn("w:val"), "center")
        properties.append(align)


def _paragraph_style(document: Any, name: str, size: float, *, centred: bool = False,
                     left_em: float = 0, hang_em: float = 0) -> Any:
    styles = document.styles
    paragraph_style = styles[name] if name in [s.name for s in styles] else \
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    paragraph_style.base_style = styles["Normal"]
    _set_fonts(paragraph_style, size)
    fmt = paragraph_style.paragraph_format
    fmt.line_spacing = style.LINE_SPACING
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    if centred:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.left_indent = Pt((left_em + hang_em) * size)
    fmt.first_line_indent = Pt(-hang_em * size)
    return paragraph_style


def _new_document(landscape: bool, numbered: bool = True) -> Any:
    document = Document()
    # python-docx's template says it was written by "python-docx" on 2013-12-23 and carries
    # a blank thumbnail: ours says PubDesk, now, and has none.
    now = datetime.now(UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.author, properties.last_modified_by = "PubDesk", "PubDesk"
    properties.created = properties.modified = now
    properties.revision, properties.comments, properties.keywords = 1, "", ""
    package_rels = document.part.package.rels
    for rel_id in [r.rId for r in package_rels.values() if r.reltype.endswith("/thumbnail")]:
        del package_rels[rel_id]
    _set_fonts(document.styles["Normal"], style.BODY_PT)
    # The template's own defaults and styles (docDefaults, headings, captions…) say en-US for
    # East Asian text too: Chinese typed into them later would be checked and broken as English.
    for tag in document.styles.element.iter(qn("w:lang")):
        tag.set(qn("w:val"), "en-US")
        tag.set(qn("w:eastAsia"), style.LANGUAGE_TAG)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(style.A4_WIDTH_CM), Cm(style.A4_HEIGHT_CM)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left", "right", "top", "bottom"):
            setattr(section, f"{side}_margin", Cm(style.TABLE_MARGIN_CM))
    else:
        section.left_margin = Cm(style.MARGIN_LEFT_CM)
        section.right_margin = Cm(style.MARGIN_RIGHT_CM)
        section.top_margin = Cm(style.MARGIN_TOP_CM)
        section.bottom_margin = Cm(style.MARGIN_BOTTOM_CM)
    if numbered:  # not a 版權頁: it is a page of the book, not of a letter
        _page_number_footer(document, section)
    return document


def _field(instruction: str) -> Any:
    """A Word field (PAGE, NUMPAGES) that Word updates when it lays out the pages."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    return simple


def _page_number_footer(document: Any, section: Any) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.style = _paragraph_style(document, "PubDesk 頁碼", style.PAGE_NUMBER_PT,
                                       centred=True)
    for text, instruction in (("第", "PAGE"), ("頁，共", "NUMPAGES"), ("頁", None)):
        _set_fonts(paragraph.add_run(text), style.PAGE_NUMBER_PT)
        if instruction:
            paragraph._p.append(_field(instruction))


WORD_CELL_PADDING_CM = 0.19
"""Word's default left and right cell margin (108 twips each side)."""


def _keep_rows_whole(tr: Any) -> None:
    """A row never split over two pages (w:cantSplit): one book's e-file boxes stay together."""
    properties = tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert(0, OxmlElement("w:cantSplit"))


def _name_fallback_fonts(root: Any) -> None:
    """Runs holding Ext-B or Plane-15 characters split, those characters' runs naming the
    全字庫 font that has them in every slot: 標楷體 has none of them, and Word draws a character
    from the font a run names, or from a font installed for it, or not at all."""
    for run in list(root.iter(qn("w:r"))):
        if not any(needs_fallback(t.text or "") for t in run.iter(qn("w:t"))):
            continue
        properties = run.find(qn("w:rPr"))
        pieces: list[tuple[str | None, Any]] = []
        for child in run:
            if child is properties:
                continue
            if child.tag == qn("w:t") and needs_fallback(child.text or ""):
                for font, text in font_runs(child.text or ""):
                    piece = OxmlElement("w:t")
                    piece.text = text
                    piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    pieces.append((font, piece))
            else:
                pieces.append((None, child))
        for font, child in pieces:
            new = OxmlElement("w:r")
            if properties is not None:
                new.append(deepcopy(properties))
            if font is not None:
                rpr = new.find(qn("w:rPr"))
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    new.insert(0, rpr)
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is None:
                    fonts = OxmlElement("w:rFonts")
                    style_ref = rpr.find(qn("w:rStyle"))
                    rpr.insert(1 if style_ref is not None else 0, fonts)
                for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    fonts.set(qn(slot), font)
                fonts.set(qn("w:hint"), "eastAsia")
            new.append(child)
            run.addprevious(new)
        run.getparent().remove(run)


def _save(document: Any, path: Path) -> Path:
    _name_fallback_fonts(document.element.body)
    with atomic_output(path) as partial:
        document.save(str(partial))
    return path


def _add(document: Any, text: str, paragraph_style: Any) -> Any:
    """`document.add_paragraph(text, style=…)` without its look-up: python-docx compares the
    style with the document's default style, found by scanning every style, per paragraph
    (half of a 200-item letter's time)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = paragraph_style.style_id
    return paragraph


def write_letter_docx(letter: OfficialLetter, path: Path) -> Path:
    """Render `letter` as an editable Word document."""
    document = _new_document(landscape=False)
    title = _paragraph_style(document, "PubDesk 函標題", style.TITLE_PT, centred=True)
    meta = _paragraph_style(document, "PubDesk 小字", style.META_PT)
    contact = _paragraph_style(document, "PubDesk 聯絡資訊", style.META_PT,
                               left_em=8 * style.BODY_PT / style.META_PT)
    body = _paragraph_style(document, "PubDesk 本文", style.BODY_PT)
    subject = _paragraph_style(document, "PubDesk 主旨", style.BODY_PT, hang_em=3)
    levels = [_paragraph_style(document, f"PubDesk 說明{level + 1}", style.BODY_PT,
                               left_em=style.ITEM_INDENT_EM * (level + 1), hang_em=2)
              for level in range(4)]

    if letter.file_reference:
        _add(document, letter.file_reference, meta).alignment = \
            WD_ALIGN_PARAGRAPH.RIGHT
    _add(document, letter.title, title)
    for line in ([f"地址：{letter.address}"] if letter.address else []) + letter.contact_lines:
        _add(document, line, contact)
    _add(document, f"受文者：{letter.recipient}", body)
    for label, value in letter.header_fields()[1:]:
        _add(document, f"{label}：{value}", meta)
    _add(document, f"主旨：{letter.subject}", subject)
    if letter.items:
        _add(document, "說明：", body)
        for level, label, text in letter.numbered_items():
            _add(document, label + text, levels[min(level, 3)])
    for label, names in (("正本", letter.originals), ("副本", letter.copies)):
        _add(document, f"{label}：{'、'.join(names)}", meta)
    if letter.notes:
        _add(document, letter.notes, meta)
    document.core_properties.title = letter.title
    document.core_properties.author = letter.agency_name
    document.core_properties.language = style.LANGUAGE_TAG
    return _save(document, path)


def write_table_docx(table: DocTable, path: Path) -> Path:
    """Render a list as a Word table with merged header cells and notes."""
    document = _new_document(landscape=table.landscape)
    title = _paragraph_style(document, "PubDesk 表標題", style.TABLE_TITLE_PT, centred=True)
    meta = _paragraph_style(document, "PubDesk 小字", style.META_PT)
    cell_style = _paragraph_style(document, "PubDesk 表格", style.TABLE_PT)
    note = _paragraph_style(document, "PubDesk 附註", style.TABLE_PT, hang_em=2)
    _add(document, table.title, title)
    if table.copy_label:  # 附件一 1式2份: every page says which copy it is
        head = document.sections[0].header.paragraphs[0]
        head.style = _paragraph_style(document, "PubDesk 聯別", style.PAGE_NUMBER_PT)
        head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        head.add_run(table.copy_label)
    for line in table.lines_above:
        _add(document, line, meta)
    # Only the header rows are made up front: `Table.cell()` rebuilds the list of every cell of
    # the table on each call, so addressing data cells through it is quadratic (a 200-book
    # list took minutes). Data rows are appended and filled through their own cells.
    grid = document.add_table(rows=len(table.header), cols=table.column_count)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    widths = [Emu(int(Pt(points))) for points in column_widths(
        table, Length(usable).pt, 2 * Cm(WORD_CELL_PADDING_CM).pt)]
    for index, column in enumerate(grid.columns):
        column.width = widths[index]
    style_id = cell_style.style_id
    for placed in table.header_grid():
        for row, column, header_cell in placed:
            target = grid.cell(row, column)
            if header_cell.colspan > 1 or header_cell.rowspan > 1:
                target = target.merge(grid.cell(row + header_cell.rowspan - 1,
                                                 column + header_cell.colspan - 1))
            target.paragraphs[0].text = header_cell.text
            target.paragraphs[0]._p.style = style_id
            target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in grid.rows[:len(table.header)]:
        header_flag = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(header_flag)
        _keep_rows_whole(row._tr)
        # Word lays a table out by each cell's own width (w:tcW), not the grid: the header
        # cells were made before the widths were known, so each gets its columns' share (the
        # data rows below are added with them).
        column = 0
        for tc in row._tr.tc_lst:
            tc.width = sum(widths[column:column + tc.grid_span])
            _centre_vertically(tc)
            column += tc.grid_span
    # Data rows as XML, parsed at once: python-docx built each cell element by element,
    # looking up each child's place by name (0.65 s of a 200-book list's DOCX).
    twips = [Length(gridcol.w).twips for gridcol in grid._tbl.tblGrid.gridCol_lst]
    rows = "".join(_row_xml(values, twips, style_id) for values in table.rows)
    for tr in list(parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")):
        grid._tbl.append(tr)
    for line in table.notes:
        _add(document, line, note)
    document.core_properties.title = table.title
    document.core_properties.language = style.LANGUAGE_TAG
    return _save(document, path)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run_xml(text: str) -> str:
    """A run's content as python-docx writes `paragraph.text`: a line break for \\n, a tab
    for \\t (characters XML cannot hold are left out)."""
    parts = []
    for piece in re.split(r"(\n|\r|\t)", _NOT_XML.sub("", text)):
        if piece in ("\n", "\r"):
            parts.append("<w:br/>")
        elif piece == "\t":
            parts.append("<w:tab/>")
        elif piece:
            keep = ' xml:space="preserve"' if piece != piece.strip() else ""
            parts.append(f"<w:t{keep}>{escape(piece)}</w:t>")
    return f"<w:r>{''.join(parts)}</w:r>"


def _row_xml(values: list[str], twips: list[int], style_id: str) -> str:
    """One data row: each cell its column's width, centred vertically; short values and
    numbers centred."""
    cells = []
    for value, width in zip(values, twips, strict=True):
        centred = '<w:jc w:val="center"/>' if len(value) <= 2 or value.isdigit() else ""
        cells.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>'
                     f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>'
                     f'<w:pStyle w:val="{escape(style_id, {chr(34): "&quot;"})}"/>{centred}'
                     f"</w:pPr>{_run_xml(value)}</w:p></w:tc>")
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


def write_lines_docx(lines: list[str], path: Path, title: str = "") -> Path:
    """A block of lines (e.g. the 版權頁) as an editable Word document, without a page
    number."""
    document = _new_document(landscape=False, numbered=False)
    block = _paragraph_style(document, "PubDesk 版權頁", style.META_PT, hang_em=2)
    for line in lines:
        _add(document, line, block)
    document.core_properties.title = title
    document.core_properties.language = style.LANGUAGE_TAG
    return _save(document, path)
