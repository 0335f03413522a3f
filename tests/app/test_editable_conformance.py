"""Conformance of the editable formats (issue 29): every DOCX, ODT, XLSX and ODS of `pubdesk
demo` and of stress data — a 200-character title with 𠀋𡘙𪚥, a 151-book consent with a
300-character 備註, an 80-title 附件一 — read back from its XML:

- ODF: every font a style names is declared in the same part (content.xml *and* styles.xml;
  LibreOffice sets an undeclared one in its default CJK font, not 標楷體);
- every table row kept whole (DOCX `w:cantSplit`, ODT `fo:keep-together="always"`) and the
  header rows repeated (`w:tblHeader`, `table:table-header-rows`);
- DOCX and ODT columns at least as wide as their longest unbreakable token plus the cell
  padding (no 「11/5」, no 「115年6/月」);
- Ext-B characters in runs naming 全字庫正楷體 Ext-B (declared, in ODF);
- XLSX pages numbered 「第n頁，共N頁」 and header rows as high as their wrapped text;
- the same cell texts in every format as in the model, the seed's columns in order.

Where LibreOffice is installed (PUBDESK_REQUIRE_LIBREOFFICE=1 in CI makes it required) the
stress ODT and DOCX are printed to PDF and read back: Chinese set in a Kai font, and no row
torn over two pages."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from lxml import etree

from app.documents.docx_writer import WORD_CELL_PADDING_CM
from app.documents.model import Table
from app.documents.odf_writer import ODF_CELL_PADDING_CM
from app.documents.office_fonts import EXT_B_FONT
from app.documents.page_rows import FILL, fit_rows, page_room
from app.documents.style import CM, LINE_SPACING, TABLE_PT
from app.documents.table_widths import SERIAL_DIGITS, longest_token, text_width
from app.resources import resource_path
from tests.document_stress import CONSENT_COLUMNS, RARE, Stress, build_stress

NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}
EDITABLE = (".docx", ".odt", ".xlsx", ".ods")


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Stress:
    built = build_stress(tmp_path_factory.mktemp("conformance"))
    built.files = [p for p in built.files if p.suffix in EDITABLE
                   and p.parent.name in ("consent", "consignment", "copyright")]
    built.demo_files = [p for p in built.demo_files if p.suffix in EDITABLE]
    return built


def every_file(stress: Stress, suffix: str) -> list[Path]:
    found = [p for p in [*stress.files, *stress.demo_files] if p.suffix == suffix]
    assert found, suffix
    return found


def xml_part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def attr(ns: str, name: str) -> str:
    return f"{{{NS[ns]}}}{name}"


# ODF ---------------------------------------------------------------------------------------

def test_every_font_an_odf_style_names_is_declared_in_its_own_part(stress: Stress) -> None:
    for path in every_file(stress, ".odt") + every_file(stress, ".ods"):
        for part in ("content.xml", "styles.xml"):
            root = xml_part(path, part)
            declared = {node.get(attr("style", "name"))
                        for node in root.iterfind(".//office:font-face-decls/style:font-face", NS)}
            named = {value for node in root.iter(f"{{{NS['style']}}}text-properties")
                     for key in ("font-name", "font-name-asian", "font-name-complex")
                     if (value := node.get(attr("style", key)))}
            assert part == "content.xml" or "標楷體" in named, path.name
            assert named <= declared, (path.name, part, named - declared)


def test_every_odt_row_is_kept_whole_under_repeated_headers(stress: Stress) -> None:
    for path in every_file(stress, ".odt"):
        content = xml_part(path, "content.xml")
        tables = content.findall(".//table:table", NS)
        if not tables:
            continue  # a letter
        keep = {node.get(attr("style", "name")) for node in content.iterfind(".//style:style", NS)
                if node.find("style:table-row-properties[@fo:keep-together='always']", NS)
                is not None}
        for grid in tables:
            assert grid.find("table:table-header-rows/table:table-row", NS) is not None, path
            rows = grid.findall(".//table:table-row", NS)
            assert rows
            assert all(row.get(attr("table", "style-name")) in keep for row in rows), path.name


def odt_column_widths_pt(content: etree._Element) -> list[float]:
    widths = {node.get(attr("style", "name")): float(
        node.find("style:table-column-properties", NS).get(attr("style", "column-width"))
        .removesuffix("cm")) * CM for node in content.iterfind(".//style:style", NS)
        if node.get(attr("style", "family")) == "table-column"}
    grid = content.find(".//table:table", NS)
    return [widths[col.get(attr("table", "style-name"))]
            for col in grid.iterfind("table:table-column", NS)]


def tokens_fit(table: Table, widths: list[float], padding: float) -> list[str]:
    """The cells whose longest unbreakable token does not fit its column."""
    return [f"{value!r} in column {column} ({widths[column] / CM:.2f} cm)"
            for row in table.rows for column, value in enumerate(row)
            if longest_token(value) + padding > widths[column] + 0.01]


def test_odt_and_docx_columns_hold_their_longest_unbreakable_token(stress: Stress) -> None:
    consent_odt = next(p for p in stress.files if p.name == "圖書之利用清單.odt")
    widths = odt_column_widths_pt(xml_part(consent_odt, "content.xml"))
    assert tokens_fit(stress.consent_table, widths, 2 * ODF_CELL_PADDING_CM * CM) == []
    consent_docx = next(p for p in stress.files if p.name == "圖書之利用清單.docx")
    grid = docx.Document(str(consent_docx)).tables[0]
    twips = [int(col.get(qn("w:w"))) for col in grid._tbl.tblGrid.iterfind(qn("w:gridCol"))]
    widths = [t / 20 for t in twips]
    assert tokens_fit(stress.consent_table, widths, 2 * WORD_CELL_PADDING_CM * CM) == []
    assert widths[0] >= text_width(SERIAL_DIGITS) + 2 * WORD_CELL_PADDING_CM * CM
    # …and every cell of a data row says the same width as the grid (Word follows w:tcW).
    for tr in grid._tbl.tr_lst[3:6]:
        assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tr.tc_lst] == twips


# DOCX --------------------------------------------------------------------------------------

def test_every_docx_row_is_kept_whole_under_repeated_headers(stress: Stress) -> None:
    for path in every_file(stress, ".docx"):
        for grid in docx.Document(str(path)).tables:
            rows = grid._tbl.tr_lst
            assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
                       for tr in rows), path.name
            assert rows[0].trPr.find(qn("w:tblHeader")) is not None, path.name


def run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iterfind(qn("w:t")))


def test_ext_b_characters_name_the_font_that_has_them(stress: Stress) -> None:
    consent_docx = next(p for p in stress.files if p.name == "圖書之利用清單.docx")
    body = docx.Document(str(consent_docx)).element.body
    rare_runs = [run for run in body.iter(qn("w:r")) if any(ch in run_text(run) for ch in RARE)]
    assert rare_runs
    for run in rare_runs:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == EXT_B_FONT
        assert set(run_text(run)) <= set(RARE)
    for path in (p for p in stress.files if p.name == "圖書之利用清單.odt"):
        content = xml_part(path, "content.xml")
        styles = xml_part(path, "styles.xml")
        spans = [s for s in content.iter(f"{{{NS['text']}}}span")
                 if s.text and set(s.text) <= set(RARE)]
        assert spans
        span_style = {node.get(attr("style", "name")): node for node in
                      styles.iterfind(".//office:styles/style:style", NS)}
        for span in spans:
            properties = span_style[span.get(attr("text", "style-name"))].find(
                "style:text-properties", NS)
            assert properties.get(attr("style", "font-name-asian")) == EXT_B_FONT


# XLSX --------------------------------------------------------------------------------------

def test_every_xlsx_page_is_numbered_and_header_rows_hold_their_lines(stress: Stress) -> None:
    from app.documents.xlsx_writer import _LINE_PT

    for path in every_file(stress, ".xlsx"):
        sheet = openpyxl.load_workbook(path).active
        assert sheet.oddFooter.center.text == "第&P頁，共&N頁", path.name
    consent = next(p for p in stress.files if p.name == "圖書之利用清單.xlsx")
    sheet = openpyxl.load_workbook(consent).active
    scope_row = next(row[0].row for row in sheet.iter_rows()
                     if any(cell.value == "製作電子書銷售" for cell in row))
    # 「製作電子書銷售」 is seven characters in a column about five wide: two lines at least.
    assert sheet.row_dimensions[scope_row].height >= 2 * _LINE_PT


def test_xlsx_columns_hold_their_longest_unbreakable_token(stress: Stress) -> None:
    from openpyxl.utils import get_column_letter

    from app.documents.xlsx_writer import XLSX_UNIT_PT

    consent = next(p for p in stress.files if p.name == "圖書之利用清單.xlsx")
    sheet = openpyxl.load_workbook(consent).active
    table = stress.consent_table
    widths = [sheet.column_dimensions[get_column_letter(c + 1)].width * XLSX_UNIT_PT
              for c in range(table.column_count)]
    assert tokens_fit(table, widths, XLSX_UNIT_PT) == []
    assert widths[0] >= text_width(SERIAL_DIGITS) + XLSX_UNIT_PT  # 序號 to four digits


# The same text in every format -------------------------------------------------------------

def docx_cell_text(tc: etree._Element) -> str:
    """A cell's text as Word shows it: paragraphs and line breaks as new lines."""
    paragraphs = []
    for p in tc.iter(qn("w:p")):
        paragraphs.append("".join(node.text or "" if node.tag == qn("w:t") else "\n"
                                  for node in p.iter(qn("w:t"), qn("w:br"))))
    return "\n".join(paragraphs)


def docx_rows(path: Path) -> list[list[str]]:
    grid = docx.Document(str(path)).tables[0]
    return [[docx_cell_text(tc) for tc in tr.tc_lst] for tr in grid._tbl.tr_lst]


def odf_rows(path: Path) -> list[list[str]]:
    grid = xml_part(path, "content.xml").find(".//table:table", NS)
    rows = []
    for row in grid.iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row:
            if cell.tag == attr("table", "table-cell"):
                cells.append("\n".join("".join(p.itertext())
                                       for p in cell.iterfind("text:p", NS)))
        rows.append(cells)
    return rows


def xlsx_rows(path: Path) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_a_row_taller_than_a_page_is_cut_with_its_key_repeated(stress: Stress) -> None:
    """The editable formats keep every row whole on a page, so the 200-character title beside
    the 300-character 備註 is cut beforehand (app.documents.page_rows) into parts that each fit,
    each starting with its 序號; every other row is left as it is, and nothing is lost."""
    table = stress.consent_table
    fitted = fit_rows(table).rows
    parts = [row for row in fitted if row[0] == "1"]
    assert len(parts) >= 2
    assert fitted[len(parts):] == table.rows[1:]
    whole = table.rows[0]
    for column in range(table.column_count):
        pieces = [part[column] for part in parts]
        if column == 0:
            assert pieces == ["1"] * len(parts)  # the 序號 names every part
        elif pieces[0] == whole[column] and column in table.key_columns:
            assert set(pieces) == {whole[column]}  # a 題名 that fits, repeated
        else:
            assert "".join(pieces).replace("\n", "") == whole[column].replace("\n", ""), column
    assert len(parts[0][1]) < len(whole[1])  # this 題名 itself is too long to repeat
    room_lines = page_room(table) * FILL / (TABLE_PT * LINE_SPACING)
    assert all(len(part[13]) / 4 <= room_lines for part in parts)  # 4 a line in 備註


def test_every_format_carries_the_models_cells_and_the_seeds_columns(stress: Stress) -> None:
    table = stress.consent_table
    data = [[str(v) for v in row] for row in fit_rows(table).rows]
    by_name = {p.name: p for p in stress.files}
    for name, reader in (("圖書之利用清單.docx", docx_rows), ("圖書之利用清單.odt", odf_rows),
                         ("圖書之利用清單.xlsx", xlsx_rows), ("圖書之利用清單.ods", odf_rows)):
        rows = reader(by_name[name])
        found = [row for row in rows if len(row) == table.column_count and row[0].isdigit()]
        assert found == data, name
        header_text = "".join("".join(row) for row in rows[:len(rows) - len(found)])
        positions = [header_text.find(label) for label in CONSENT_COLUMNS]
        assert -1 not in positions, (name, positions)
    for table, copy in zip(stress.consignment_tables, ("機關留存聯", "展售門市聯"), strict=True):
        data = [[str(v) for v in row] for row in table.rows]
        for suffix, reader in ((".docx", docx_rows), (".odt", odf_rows), (".xlsx", xlsx_rows),
                               (".ods", odf_rows)):
            rows = reader(by_name[f"委託統籌展售清單-{copy}{suffix}"])
            assert [row for row in rows if row in data] == data, (copy, suffix)


# LibreOffice -------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def printed(stress: Stress, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if SOFFICE is None:
        if os.environ.get("PUBDESK_REQUIRE_LIBREOFFICE"):
            raise RuntimeError("LibreOffice (soffice) is required here")
        pytest.skip("LibreOffice is not installed")
    from tests.app.test_office_rendering import convert

    chosen = [p for p in stress.files if p.name in ("圖書之利用清單.odt", "圖書之利用清單.docx")]
    converted = convert(chosen, tmp_path_factory.mktemp("printed"))
    return {source.name: pdf for source, pdf in converted.items()}


def page_texts(pdf: Path) -> list[str]:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(pdf))
    return [re.sub(r"\s+", "", document[i].get_textpage().get_text_range())
            for i in range(len(document))]


def test_libreoffice_prints_the_odt_in_kai_and_tears_no_row(
        stress: Stress, printed: dict[str, Path]) -> None:
    import pikepdf

    for name, pdf in printed.items():
        with pikepdf.open(pdf) as document:
            fonts = {str(font.get("/BaseFont")) for page in document.pages
                     for font in (page.Resources.get("/Font") or {}).values()}
        assert any("Kai" in font for font in fonts), (name, fonts)
        if resource_path("fonts", "TW-Kai-Ext-B-98_1.ttf").exists():  # fetched in CI
            assert any("Ext-B" in font for font in fonts), (name, fonts)  # 𠀋𡘙𪚥 drawn
        pages = page_texts(pdf)
        assert len(pages) > 3
        assert all(page for page in pages), f"{name}: an empty page"
        first = stress.consent_table.rows[0]
        # The table starts on page 1 (the tall row is not pushed off it) …
        assert first[1][:12] in pages[0], name
        # … and a row that fits a page is never torn: on each page as many rows begin (a GPN)
        # as end (the e-file cell's last box). The tall row (200-character title, 300-character
        # 備註) is taller than a page and may continue; its e-file cell is on its first page.
        for index, text in enumerate(pages):
            begun = len(re.findall(r"10114\d{5}", text))
            ended = text.count("全文掃描PDF檔")
            assert begun == ended, (name, index + 1, begun, ended)
        for row in stress.consent_table.rows[1:]:
            holding = {i for i, text in enumerate(pages) if row[1] + row[2] in text}
            assert len(holding) == 1, (name, row[0], holding)


def test_a_plane_15_character_names_the_plus_font_in_docx_and_odt(tmp_path: Path) -> None:
    from app.documents.docx_writer import write_letter_docx
    from app.documents.odf_writer import write_letter_odt
    from app.documents.office_fonts import PLUS_FONT
    from tests.app.test_documents import sample_letter

    letter = sample_letter()
    letter.recipient = "王\U000f0001明"  # an agency's 造字 in CNS 11643's Plane-15 mapping
    body = docx.Document(str(write_letter_docx(letter, tmp_path / "l.docx"))).element.body
    run = next(r for r in body.iter(qn("w:r")) if "\U000f0001" in run_text(r))
    assert run_text(run) == "\U000f0001"
    assert run.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == PLUS_FONT
    odt = write_letter_odt(letter, tmp_path / "l.odt")
    span = next(s for s in xml_part(odt, "content.xml").iter(f"{{{NS['text']}}}span")
                if s.text == "\U000f0001")
    name = span.get(attr("text", "style-name"))
    styles = xml_part(odt, "styles.xml")
    properties = next(node for node in styles.iterfind(".//office:styles/style:style", NS)
                      if node.get(attr("style", "name")) == name).find("style:text-properties", NS)
    assert properties.get(attr("style", "font-name-asian")) == PLUS_FONT
    declared = {node.get(attr("style", "name"))
                for node in styles.iterfind(".//office:font-face-decls/style:font-face", NS)}
    assert PLUS_FONT in declared
    text = "".join(xml_part(odt, "content.xml").itertext())
    assert "受文者：王\U000f0001明" in text


def test_libreoffice_breaks_no_month_or_gpn_of_the_list(
        stress: Stress, printed: dict[str, Path]) -> None:
    """Column widths allow for the quarter em Word and LibreOffice set between Chinese and
    Latin text: 「115 年 1 月」 wrapped before 「月」 in the DOCX's 出版年月 column."""
    from tests.pdf_layout import page_ink

    words = {value for row in stress.consent_table.rows for value in row[2:4]}
    assert any("年" in word for word in words)
    for name, pdf in printed.items():
        lines = {re.sub(r"\s+", "", line) for page in page_ink(pdf) for line in page.lines}
        text = "\n".join(lines)
        broken = sorted(word for word in words if word not in text)
        assert broken == [], (name, broken[:5])


def test_the_copyright_page_carries_no_page_number_and_keeps_the_cip_spaces(
        stress: Stress) -> None:
    """A 版權頁 is a page of the book: 「第1頁，共1頁」 under it was wrong in every format."""
    from tests.document_stress import CIP_BLOCK

    docx_file = next(p for p in stress.files if p.name == "版權頁.docx")
    document = docx.Document(str(docx_file))
    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "頁" not in footer
    assert not list(document.sections[0].footer._element.iter(qn("w:instrText")))
    text = "\n".join(p.text for p in document.paragraphs)
    odt = next(p for p in stress.files if p.name == "版權頁.odt")
    styles = xml_part(odt, "styles.xml")
    assert styles.find(".//style:master-page/style:footer", NS) is None
    odt_text = "\n".join("".join(p.itertext())
                         for p in xml_part(odt, "content.xml").iter(f"{{{NS['text']}}}p"))
    for line in CIP_BLOCK.splitlines():
        assert line in text.splitlines(), line
        assert line in odt_text.splitlines(), line
