"""ODF writer (odfdo): the editable documents as ODT and the lists as ODS — Taiwan's government
standard editable format (CNS 15251), beside DOCX/XLSX, from the same document model.

Text in 標楷體 for Chinese (`style:font-name-asian`) and Times New Roman for Latin letters and
digits, Latin tagged en-US and Chinese zh-TW (so a GPN is not broken like Chinese text), A4 with
the PDF's margins, page numbers 「第n頁，共N頁」 in the footer, tables with their spanned header
rows repeated on every page (`table:table-header-rows`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from odfdo import Cell, Column, Document, Element, Paragraph, Row, Table

from app.documents import style
from app.documents.files import atomic_output
from app.documents.model import OfficialLetter
from app.documents.model import Table as DocTable
from app.documents.office_fonts import FALLBACK_FONTS, font_runs, needs_fallback
from app.documents.table_widths import column_widths

_FONTS = (
    f'<style:font-face style:name="{style.CJK_FONT_DOCX}" svg:font-family="{style.CJK_FONT_DOCX}" '
    'style:font-family-generic="script"/>',
    f'<style:font-face style:name="{style.LATIN_FONT_DOCX}" '
    f'svg:font-family="&apos;{style.LATIN_FONT_DOCX}&apos;" style:font-family-generic="roman"/>',
    *(f'<style:font-face style:name="{name}" svg:font-family="&apos;{name}&apos;" '
      'style:font-family-generic="script"/>' for name in FALLBACK_FONTS),
)
"""Declared in content.xml and in styles.xml alike: a style names a font by a declaration of
its own file, and LibreOffice sets a styles.xml style whose font styles.xml does not declare
in its default CJK font, not in 標楷體."""
_FALLBACK_STYLE = {font: f"全字庫 {font}" for font in FALLBACK_FONTS}
_ROW_STYLE = "清單列"
"""Every table row's style: kept together on one page (fo:keep-together, ODF 1.2 §20.242)."""
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _fallback_styles(document: Any) -> None:
    """A text style per 全字庫 fallback font, for the runs of characters 標楷體 lacks."""
    for font, name in _FALLBACK_STYLE.items():
        document.insert_style(Element.from_tag(
            f'<style:style style:name="{name}" style:family="text"><style:text-properties '
            f'style:font-name="{font}" style:font-name-asian="{font}" '
            f'style:font-name-complex="{font}"/></style:style>'))


def _name_fallback_fonts(root: Any) -> None:
    """Characters of Ext-B and Plane 15 put into spans of the 全字庫 font that has them
    (`root`: an lxml tree of content.xml or styles.xml)."""
    span_tag = f"{{{_TEXT_NS}}}span"
    style_attribute = f"{{{_TEXT_NS}}}style-name"

    def spans(text: str) -> tuple[str, list[Any]]:
        head, made = "", list[Any]()
        for font, piece in font_runs(text):
            if font is None and not made:
                head += piece
            elif font is None:
                made[-1].tail = (made[-1].tail or "") + piece
            else:
                span = root.makeelement(span_tag, {style_attribute: _FALLBACK_STYLE[font]})
                span.text = piece
                made.append(span)
        return head, made

    for node in list(root.iter(f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h", span_tag)):
        if node.text and needs_fallback(node.text):
            node.text, made = spans(node.text)
            for index, span in enumerate(made):
                node.insert(index, span)
        for child in list(node):
            if child.tail and needs_fallback(child.tail):
                child.tail, made = spans(child.tail)
                for span in reversed(made):
                    child.addnext(span)


def _text_properties(size: float, bold: bool = False) -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'<style:text-properties style:font-name="{style.LATIN_FONT_DOCX}" '
            f'style:font-name-asian="{style.CJK_FONT_DOCX}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt" fo:language="en" fo:country="US" '
            f'style:language-asian="zh" style:country-asian="TW"{weight}/>')


def _paragraph_style(name: str, size: float, *, centred: bool = False, left_em: float = 0,
                     hang_em: float = 0, bold: bool = False) -> str:
    align = ' fo:text-align="center"' if centred else ""
    indent = ""
    if left_em or hang_em:
        indent = (f' fo:margin-left="{(left_em + hang_em) * size}pt"'
                  f' fo:text-indent="{-hang_em * size}pt"')
    return (f'<style:style style:name="{name}" style:family="paragraph">'
            f'<style:paragraph-properties fo:line-height="{int(style.LINE_SPACING * 100)}%"'
            f' fo:margin-top="0pt" fo:margin-bottom="0pt"{align}{indent}/>'
            f'{_text_properties(size, bold)}</style:style>')


def _new_document(kind: str, landscape: bool, margins_cm: tuple[float, float, float, float],
                  title: str, running_head: str = "", numbered: bool = True) -> Any:
    """An ODF document with our fonts, A4 page and 「第n頁，共N頁」 footer (unless not
    `numbered`); with `running_head` (附件一's copy, 機關留存聯), that at the top right of
    every page."""
    document = Document(kind)
    document.body.clear()
    for font in _FONTS:
        document.insert_style(font)
        document.insert_style(font, default=True)
    _fallback_styles(document)
    width, height = style.A4_WIDTH_CM, style.A4_HEIGHT_CM
    if landscape:
        width, height = height, width
    top, right, bottom, left = margins_cm
    layout = document.get_styles("page-layout")[0]
    properties = layout.get_element("style:page-layout-properties")
    assert properties is not None, "odfdo's template has a page layout"
    for attribute, value in (("fo:page-width", f"{width}cm"), ("fo:page-height", f"{height}cm"),
                             ("style:print-orientation",
                              "landscape" if landscape else "portrait"),
                             ("fo:margin-top", f"{top}cm"), ("fo:margin-right", f"{right}cm"),
                             ("fo:margin-bottom", f"{bottom}cm"),
                             ("fo:margin-left", f"{left}cm")):
        properties.set_attribute(attribute, value)
    if kind == "spreadsheet":
        # Print one page wide however the office suite measures the columns (the XLSX's
        # fitToWidth): a list whose last column spills onto a page of its own is useless.
        properties.set_attribute("style:scale-to-X", "1")
        properties.set_attribute("style:scale-to-Y", "0")
    footer = ('<style:footer><text:p text:style-name="PubDesk 頁碼">第<text:page-number '
              'text:select-page="current">1</text:page-number>頁，共<text:page-count>1'
              '</text:page-count>頁</text:p></style:footer>')
    document.insert_style(_paragraph_style("PubDesk 頁碼", style.PAGE_NUMBER_PT, centred=True))
    # The template's master page: the spreadsheet's prints the sheet name above and
    # "Page 1" below; ours has no header and 「第n頁，共N頁」 below.
    master = document.get_styles("master-page")[0]
    for child in list(master.children):
        master.delete(child)
    if running_head:
        document.insert_style(
            '<style:style style:name="PubDesk 聯別" style:family="paragraph">'
            '<style:paragraph-properties fo:text-align="end"/>'
            f'{_text_properties(style.PAGE_NUMBER_PT)}</style:style>')
        master.append(Element.from_tag(
            f'<style:header><text:p text:style-name="PubDesk 聯別">{escape(running_head)}'
            '</text:p></style:header>'))
    elif kind == "spreadsheet":
        master.append(Element.from_tag('<style:header style:display="false"/>'))
    if numbered:
        master.append(Element.from_tag(footer))
    meta = document.meta
    meta.set_title(title)
    meta.set_language(style.LANGUAGE_TAG)
    meta.set_initial_creator("PubDesk")
    return document


def _save(document: Any, path: Path) -> Path:
    _name_fallback_fonts(document.body._xml_element)
    _name_fallback_fonts(document.styles.get_element("office:master-styles")._xml_element)
    with atomic_output(path) as partial:
        document.save(str(partial))
    return path


def _cell_styles(document: Any) -> None:
    """Bordered, vertically centred, wrapping cells: the header (grey, centred), data cells
    left or centred. The text properties serve the spreadsheet, whose cells hold no
    paragraph styles."""
    border = "0.5pt solid #000000"
    for name, background, centred in (("PubDesk 表頭格", "#f0f0f0", True),
                                      ("PubDesk 表格格", "transparent", False),
                                      ("PubDesk 表格格置中", "transparent", True)):
        align = '<style:paragraph-properties fo:text-align="center"/>' if centred else ""
        document.insert_style(Element.from_tag(
            f'<style:style style:name="{name}" style:family="table-cell">'
            f'<style:table-cell-properties fo:border="{border}" fo:padding="0.05cm" '
            f'style:vertical-align="middle" fo:wrap-option="wrap" '
            f'fo:background-color="{background}"/>{align}{_text_properties(style.TABLE_PT)}'
            '</style:style>'), automatic=True)


ODF_CELL_PADDING_CM = 0.05
"""Our table cells' padding (fo:padding), each side."""


def _table(document: Any, table: DocTable, usable_cm: float, name: str) -> Table:
    """An empty ODF table `usable_cm` wide, its columns sized in the list's proportions and
    each at least as wide as its longest unbreakable token (app.documents.table_widths)."""
    widths = column_widths(table, usable_cm * style.CM, 2 * ODF_CELL_PADDING_CM * style.CM)
    document.insert_style(Element.from_tag(
        f'<style:style style:name="{name}" style:family="table"><style:table-properties '
        f'style:width="{usable_cm}cm" table:align="center"/></style:style>'), automatic=True)
    grid = Table(name, style=name)
    for index, points in enumerate(widths):
        column_style = f"{name}.C{index}"
        document.insert_style(Element.from_tag(
            f'<style:style style:name="{column_style}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{points / style.CM:.3f}cm"/>'
            '</style:style>'), automatic=True)
        grid.append_column(Column(style=column_style))
    return grid


def _header_rows(table: DocTable) -> list[list[tuple[int, int, int, int, str]]]:
    """(column, row, colspan, rowspan, text) per header row."""
    rows: list[list[tuple[int, int, int, int, str]]] = [[] for _ in table.header]
    for placed in table.header_grid():
        for row, column, cell in placed:
            rows[row].append((column, row, cell.colspan, cell.rowspan, cell.text))
    return rows


def write_table_odt(table: DocTable, path: Path) -> Path:
    """A list as an editable ODT (the DOCX's twin)."""
    margin = style.TABLE_MARGIN_CM
    document = _new_document("text", table.landscape, (margin,) * 4, table.title,
                             table.copy_label)
    for name, size, options in (("PubDesk 表標題", style.TABLE_TITLE_PT, {"centred": True}),
                                ("PubDesk 小字", style.META_PT, {}),
                                ("PubDesk 表格", style.TABLE_PT, {}),
                                ("PubDesk 表格置中", style.TABLE_PT, {"centred": True}),
                                ("PubDesk 附註", style.TABLE_PT, {"hang_em": 2})):
        document.insert_style(_paragraph_style(name, size, **options))
    _cell_styles(document)
    document.insert_style(Element.from_tag(
        f'<style:style style:name="{_ROW_STYLE}" style:family="table-row">'
        '<style:table-row-properties fo:keep-together="always"/></style:style>'),
        automatic=True)
    body = document.body
    body.append(Paragraph(table.title, style="PubDesk 表標題"))
    for line in table.lines_above:
        body.append(Paragraph(line, style="PubDesk 小字"))
    width = (style.A4_HEIGHT_CM if table.landscape else style.A4_WIDTH_CM) - 2 * margin
    grid = _table(document, table, width, "清單")
    # Into the document first, then filled: appended full, its rows moved into the document
    # node by node with their namespaces (4.6 s of a 2,000-book list; filled in place, 0.1 s).
    body.append(grid)
    _fill(grid, table, text_cells=True)
    for line in table.notes:
        body.append(Paragraph(line, style="PubDesk 附註"))
    return _save(document, path)


def _fill(grid: Table, table: DocTable, text_cells: bool, first_row: int = 0) -> None:
    """Header rows (spanned, repeated on every printed page) and data rows into `grid`,
    the header starting at row `first_row`."""
    columns = table.column_count

    def cell(text: str, header: bool) -> Cell:
        centred = header or len(text) <= 2 or text.isdigit()
        if text_cells:
            made = Cell(style="PubDesk 表頭格" if header else "PubDesk 表格格")
            for line in text.split("\n"):
                made.append(Paragraph(line, style="PubDesk 表格置中" if centred else "PubDesk 表格"))
            return made
        return Cell(text, style="PubDesk 表頭格" if header else
                    "PubDesk 表格格置中" if centred else "PubDesk 表格格")

    header = _header_rows(table)
    row_style = f' table:style-name="{_ROW_STYLE}"' if text_cells else ""
    for cells in header:
        row = Row(width=columns, style=_ROW_STYLE if text_cells else None)
        for column, _row, _colspan, _rowspan, text in cells:
            row.set_cell(column, cell(text, True))
        grid.append_row(row)
    for cells in header:
        for column, row_index, colspan, rowspan, _text in cells:
            if colspan > 1 or rowspan > 1:
                top = first_row + row_index
                grid.set_span((column, top, column + colspan - 1, top + rowspan - 1),
                              merge=False)
    if header:
        _mark_header_rows(grid, first_row, len(header))
    # Data rows as XML, parsed once each: odfdo's Row(width)/set_cell clone every cell several
    # times (0.85 s for a 200-book list; this way 0.1 s).
    for values in table.rows:
        parsed = Element.from_tag(f"<table:table-row{row_style}>" + "".join(
            _cell_xml(value, text_cells) for value in values) + "</table:table-row>")
        assert isinstance(parsed, Row)
        grid.append_row(parsed, clone=False)


def _cell_xml(text: str, text_cells: bool) -> str:
    """One data cell: in a text document its lines as paragraphs of the table's paragraph
    style, in a spreadsheet a string cell (centred when short or a number)."""
    centred = len(text) <= 2 or text.isdigit()
    if text_cells:
        paragraph = "PubDesk 表格置中" if centred else "PubDesk 表格"
        cell_style = "PubDesk 表格格"
    else:
        paragraph = ""
        cell_style = "PubDesk 表格格置中" if centred else "PubDesk 表格格"
    lines = "".join(
        (f'<text:p text:style-name="{paragraph}">' if paragraph else "<text:p>")
        + escape(line) + "</text:p>" for line in text.split("\n"))
    return (f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
            f"{lines}</table:table-cell>")


def _mark_header_rows(grid: Table, first: int, count: int) -> None:
    """Move rows `first`… into <table:table-header-rows>: repeated on every printed page."""
    holder = Element.from_tag("<table:table-header-rows/>")
    rows = grid.get_elements("table:table-row")[first:first + count]
    parent = rows[0].parent
    assert parent is not None
    parent.insert(holder, position=parent.index(rows[0]))
    for row in rows:
        parent.delete(row)
        holder.append(row)


def write_table_ods(table: DocTable, path: Path, sheet_title: str = "") -> Path:
    """A list as an ODS spreadsheet (the XLSX's twin)."""
    margin = style.TABLE_MARGIN_CM
    document = _new_document("spreadsheet", table.landscape, (margin,) * 4, table.title,
                             table.copy_label)
    _cell_styles(document)
    width = (style.A4_HEIGHT_CM if table.landscape else style.A4_WIDTH_CM) - 2 * margin
    forbidden: dict[str, str | int | None] = dict.fromkeys("[]:*?/\\'", "_")
    name = (sheet_title or table.title)[:31].translate(str.maketrans(forbidden)) or "Sheet1"
    grid = _table(document, table, width, name)
    columns = table.column_count
    document.insert_style(Element.from_tag(
        '<style:style style:name="PubDesk 標題格" style:family="table-cell">'
        '<style:table-cell-properties fo:wrap-option="wrap"/>'
        '<style:paragraph-properties fo:text-align="center"/>'
        f'{_text_properties(style.TABLE_TITLE_PT, bold=True)}</style:style>'), automatic=True)
    document.insert_style(Element.from_tag(
        '<style:style style:name="PubDesk 文字格" style:family="table-cell">'
        '<style:table-cell-properties fo:wrap-option="wrap"/>'
        f'{_text_properties(style.TABLE_PT)}</style:style>'), automatic=True)
    document.body.append(grid)  # first, then filled (see write_table_odt)
    above = [(table.title, "PubDesk 標題格"), *[(line, "PubDesk 文字格")
                                                for line in table.lines_above]]
    for index, (text, cell_style) in enumerate(above):
        row = Row(width=columns)
        row.set_cell(0, Cell(text, style=cell_style))
        grid.append_row(row)
        grid.set_span((0, index, columns - 1, index), merge=False)
    _fill(grid, table, text_cells=False, first_row=len(above))
    grid.append_row(Row(width=columns))
    notes_from = len(above) + len(table.header) + len(table.rows) + 1
    for offset, line in enumerate(table.notes):
        row = Row(width=columns)
        row.set_cell(0, Cell(line, style="PubDesk 文字格"))
        grid.append_row(row)
        grid.set_span((0, notes_from + offset, columns - 1, notes_from + offset), merge=False)
    return _save(document, path)


def write_letter_odt(letter: OfficialLetter, path: Path) -> Path:
    """The official letter as an editable ODT, in the DOCX's order, sizes and indents."""
    document = _new_document("text", False, (style.MARGIN_TOP_CM, style.MARGIN_RIGHT_CM,
                                              style.MARGIN_BOTTOM_CM, style.MARGIN_LEFT_CM),
                             letter.title)
    document.insert_style(_paragraph_style("PubDesk 函標題", style.TITLE_PT, centred=True))
    document.insert_style(_paragraph_style("PubDesk 小字", style.META_PT))
    document.insert_style(_paragraph_style("PubDesk 聯絡資訊", style.META_PT,
                                           left_em=8 * style.BODY_PT / style.META_PT))
    document.insert_style(_paragraph_style("PubDesk 本文", style.BODY_PT))
    document.insert_style(_paragraph_style("PubDesk 主旨", style.BODY_PT, hang_em=3))
    for level in range(4):
        document.insert_style(_paragraph_style(f"PubDesk 說明{level + 1}", style.BODY_PT,
                                               left_em=style.ITEM_INDENT_EM * (level + 1),
                                               hang_em=2))
    body = document.body
    if letter.file_reference:
        body.append(Paragraph(letter.file_reference, style="PubDesk 小字"))
    body.append(Paragraph(letter.title, style="PubDesk 函標題"))
    for line in ([f"地址：{letter.address}"] if letter.address else []) + letter.contact_lines:
        body.append(Paragraph(line, style="PubDesk 聯絡資訊"))
    body.append(Paragraph(f"受文者：{letter.recipient}", style="PubDesk 本文"))
    for label, value in letter.header_fields()[1:]:
        body.append(Paragraph(f"{label}：{value}", style="PubDesk 小字"))
    body.append(Paragraph(f"主旨：{letter.subject}", style="PubDesk 主旨"))
    if letter.items:
        body.append(Paragraph("說明：", style="PubDesk 本文"))
        for level, label, text in letter.numbered_items():
            body.append(Paragraph(label + text, style=f"PubDesk 說明{min(level, 3) + 1}"))
    for label, names in (("正本", letter.originals), ("副本", letter.copies)):
        body.append(Paragraph(f"{label}：{'、'.join(names)}", style="PubDesk 小字"))
    if letter.notes:
        body.append(Paragraph(letter.notes, style="PubDesk 小字"))
    return _save(document, path)


def write_lines_odt(lines: list[str], path: Path, title: str = "") -> Path:
    """A block of lines (the 版權頁) as an editable ODT, without a page number."""
    document = _new_document("text", False, (style.MARGIN_TOP_CM, style.MARGIN_RIGHT_CM,
                                              style.MARGIN_BOTTOM_CM, style.MARGIN_LEFT_CM), title,
                             numbered=False)
    document.insert_style(_paragraph_style("PubDesk 版權頁", style.META_PT, hang_em=2))
    for line in lines:
        document.body.append(Paragraph(line, style="PubDesk 版權頁"))
    return _save(document, path)
