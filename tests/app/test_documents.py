import re
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from app.documents.docx_writer import write_letter_docx, write_table_docx
from app.documents.model import HeaderCell, Item, OfficialLetter, Table, chinese_number, item_label
from app.documents.pdf_fonts import MissingGlyphError
from app.documents.pdf_writer import write_letter_pdf, write_table_pdf
from app.documents.xlsx_writer import write_table_xlsx
from tests.pdf_helpers import (
    font_report,
    ink_ratio,
    page_count,
    page_texts,
    pdf_text,
    rendered_pages,
)


def sample_letter(**changes: object) -> OfficialLetter:
    letter = OfficialLetter(
        agency_name="經濟部產業發展署", recipient="文化部",
        subject="檢送下列出版品紙本1冊及利用清單1份如附件，請查照。",
        items=[Item("出版品題名（統一編號GPN）：", [Item("年報（GPN 1011500057）", [
            Item("第三層", [Item("第四層")])])]), Item("本機關同意貴部利用。")],
        issued_on=date(2026, 8, 16), doc_number="產發字第11500012340號",
        address="100臺北市中正區福州街15號", contact_lines=["聯絡人及電話：林怡君 (02)2321-2200"],
        attachments="如主旨", originals=["文化部"], copies=["本署產業政策組"],
        notes="注意事項：請保障已授予文化部之相關權利。")
    for key, value in changes.items():
        setattr(letter, key, value)
    return letter


EXPECTED_ORDER = ["經濟部產業發展署 函", "地址：100臺北市中正區福州街15號", "聯絡人及電話：林怡君",
                  "受文者：文化部", "發文日期：中華民國115年8月16日", "發文字號：產發字第11500012340號",
                  "速別：普通件", "密等及解密條件或保密期限：普通", "附件：如主旨", "主旨：檢送",
                  "說明：", "一、出版品題名", "(一)年報", "1、第三層", "(1)第四層", "二、本機關同意",
                  "正本：文化部", "副本：本署產業政策組", "注意事項"]


def test_numbering() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 20, 35)] == ["一", "十", "十一", "二十", "三十五"]
    assert [item_label(level, 2) for level in range(4)] == ["二、", "(二)", "2、", "(2)"]
    # A letter naming 100 or more books used to stop at 九十九 (issue 19).
    assert [chinese_number(n) for n in (99, 100, 101, 110, 111, 200, 1001, 1010, 2005)] == [
        "九十九", "一百", "一百零一", "一百一十", "一百一十一", "二百", "一千零一", "一千零一十",
        "二千零五"]
    with pytest.raises(ValueError, match="range"):
        chinese_number(0)


def test_a_table_of_many_rows_is_written_in_linear_time(tmp_path: Path) -> None:
    """Every data row reaches the DOCX, in order, with the table's paragraph style (the rows
    are appended, not addressed through `Table.cell`, which was quadratic)."""
    from app.documents.model import HeaderCell, Table

    rows = [[str(i), f"題名{i}", f"10115{i:05d}"] for i in range(1, 301)]
    table = Table("清單", [[HeaderCell("序號"), HeaderCell("題名"), HeaderCell("GPN")]], rows,
                  column_widths=[2, 10, 5])
    path = write_table_docx(table, tmp_path / "清單.docx")
    grid = docx.Document(str(path)).tables[0]
    assert len(grid.rows) == 301
    assert [c.text for c in grid.rows[300].cells] == ["300", "題名300", "1011500300"]
    assert {grid.rows[150].cells[1].paragraphs[0].style.name} == {"PubDesk 表格"}


def test_letter_docx_has_every_part_in_order_and_east_asian_font(tmp_path: Path) -> None:
    path = write_letter_docx(sample_letter(), tmp_path / "函.docx")
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    position = 0
    for expected in EXPECTED_ORDER:
        position = next(i for i in range(position, len(texts)) if texts[i].startswith(expected))
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "標楷體"
    assert normal.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-TW"
    sizes = {p.style.name: p.style.font.size.pt for p in document.paragraphs}
    assert sizes["PubDesk 函標題"] == 20
    assert sizes["PubDesk 主旨"] == 16
    assert sizes["PubDesk 小字"] == 12
    item = document.styles["PubDesk 說明1"].paragraph_format
    assert item.first_line_indent < 0 < item.left_indent, "numbered items hang"
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.left_margin.cm, 1) == 2.5
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer
    assert 'w:instr="NUMPAGES"' in footer
    assert footer.index("第") < footer.index('"PAGE"') < footer.index("頁，共") < footer.index(
        '"NUMPAGES"')


def test_letter_pdf_has_every_part_fonts_embedded_and_ink(tmp_path: Path) -> None:
    path = write_letter_pdf(sample_letter(), tmp_path / "函.pdf")
    text = pdf_text(path)
    position = 0
    for expected in EXPECTED_ORDER:
        found = text.find(expected.split("：")[-1][:6], position)
        assert found >= position, f"{expected} missing or out of order"
        position = found
    assert "第1頁，共1頁" in text
    fonts = font_report(path)
    assert fonts, "the PDF uses fonts"
    assert all(embedded for _name, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)
    assert all(ink_ratio(image) > 0.005 for image in rendered_pages(path))


def test_ink_measure_sees_a_blank_page_as_blank(tmp_path: Path) -> None:
    import pikepdf

    blank = tmp_path / "blank.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(blank)
    assert ink_ratio(rendered_pages(blank)[0]) == 0


def test_long_letter_numbers_every_page(tmp_path: Path) -> None:
    letter = sample_letter(items=[Item("很長的說明文字。" * 40) for _ in range(8)])
    path = write_letter_pdf(letter, tmp_path / "long.pdf")
    pages = page_count(path)
    assert pages >= 2
    text = pdf_text(path)
    for page in range(1, pages + 1):
        assert f"第{page}頁，共{pages}頁" in text


def test_missing_character_stops_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(MissingGlyphError, match=r"U\+10FFFD"):
        write_letter_pdf(sample_letter(subject="造字\U0010fffd"), tmp_path / "x.pdf")
    assert not list(tmp_path.iterdir()), "nothing half-written is left"


def sample_table() -> Table:
    return Table("圖書之利用清單",
                 [[HeaderCell("基本資訊", colspan=2), HeaderCell("範圍", rowspan=2)],
                  [HeaderCell("序號"), HeaderCell("題名")]],
                 [["1", "年報", "■"], ["2", "白皮書", "□"]], column_widths=[1, 6, 2],
                 lines_above=["機關名稱：經濟部"], notes=["一、說明。", "二、備註。"])


def test_table_in_three_formats(tmp_path: Path) -> None:
    table = sample_table()
    pdf = write_table_pdf(table, tmp_path / "t.pdf")
    text = pdf_text(pdf)
    for expected in ("圖書之利用清單", "機關名稱：經濟部", "基本資訊", "範圍", "年報", "白皮書", "二、備註"):
        assert expected in text
    assert all(embedded for _name, embedded in font_report(pdf))

    document = docx.Document(str(write_table_docx(table, tmp_path / "t.docx")))
    grid = document.tables[0]
    assert grid.cell(0, 0).text == grid.cell(0, 1).text == "基本資訊", "merged across"
    assert grid.cell(0, 2).text == grid.cell(1, 2).text == "範圍", "merged down"
    assert [c.text for c in grid.rows[3].cells] == ["2", "白皮書", "□"]
    assert document.sections[0].page_width > document.sections[0].page_height, "landscape"

    sheet = openpyxl.load_workbook(write_table_xlsx(table, tmp_path / "t.xlsx")).active
    assert sheet["A1"].value == "圖書之利用清單"
    assert "A3:B3" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.cell(6, 2).value == "白皮書"
    assert sheet.cell(6, 2).alignment.wrap_text
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.print_area.startswith("'") or "A1" in sheet.print_area
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_write_to_an_unwritable_place_gives_a_message(tmp_path: Path) -> None:
    from app.errors import PubDeskError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PubDeskError, match="是檔案而不是資料夾") as info:
        write_letter_docx(sample_letter(), blocker / "sub" / "函.docx")
    assert f"「{blocker / 'sub'}」" in info.value.message  # the folder it could not make
    assert "Not a directory" not in info.value.message
    assert not list(tmp_path.rglob("*.partial"))


def test_items_round_trip_through_text() -> None:
    items = sample_letter().items
    text = "\n".join(["出版品題名（統一編號GPN）：", "  年報（GPN 1011500057）", "    第三層",
                      "      第四層", "本機關同意貴部利用。"])
    from app.documents.model import items_from_text, items_to_text

    assert items_to_text(items) == text
    assert items_from_text(text) == items
    typed = "一、第一項\n\u3000\u3000(一)子項\n      跳太深\n二、第二項"
    parsed = items_from_text(typed)
    assert [i.text for i in parsed] == ["第一項", "第二項"]
    assert parsed[0].children[0].text == "子項"
    assert parsed[0].children[0].children[0].text == "跳太深"


def test_our_pdfs_pass_our_own_font_and_text_checks(tmp_path: Path) -> None:
    from app.pdfcheck import Status, check_pdf

    for path in (write_letter_pdf(sample_letter(), tmp_path / "l.pdf"),
                 write_table_pdf(sample_table(), tmp_path / "t.pdf")):
        report = check_pdf(path)
        assert report.checks["fonts_embedded"].status is Status.PASS
        assert report.checks["fonts_embedded"].evidence["declared_unused"] == []
        assert report.checks["text_copyable"].status is Status.PASS
        assert report.checks["protection"].status is Status.PASS


def test_our_pdfs_are_print_black_only(tmp_path: Path) -> None:
    from app.pdfcheck import Status, check_pdf

    for path in (write_letter_pdf(sample_letter(), tmp_path / "l.pdf"),
                 write_table_pdf(sample_table(), tmp_path / "t.pdf")):
        assert check_pdf(path).checks["colour_space"].status is Status.PASS


def test_disc_label_keeps_the_centre_clear(tmp_path: Path) -> None:
    import math

    from app.documents.disc_label import (
        CLEAR_RADIUS_MM,
        MM,
        PRINT_RADIUS_MM,
        disc_layout,
        write_disc_label,
    )

    lines = ["2026臺灣產業發展年報、產業經濟季刊", "經濟部產業發展署", "出版年月：115年8月",
             "GPN：1011500057、2009100011", "檔案類型：印製用PDF檔（內文）", "卷期：12卷3期"]
    centre = (300.0, 500.0)
    for placed in disc_layout(lines, centre):
        for x in (placed.x0, placed.x1):
            for y in (placed.y0, placed.y1):
                distance = math.hypot(x - centre[0], y - centre[1]) / MM
                assert CLEAR_RADIUS_MM <= distance <= PRINT_RADIUS_MM, placed
    text = pdf_text(write_disc_label(lines, tmp_path / "disc.pdf"))
    assert "GPN：1011500057" in text
    assert page_count(tmp_path / "disc.pdf") == 2


def test_reportlab_uses_its_c_accelerator() -> None:
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel", "rl-accel is not installed or not used"


def test_document_metadata_names_pubdesk_not_the_libraries(tmp_path: Path) -> None:
    """Issue 14 (11): DOCX said python-docx, 2013, with a blank thumbnail; PDFs 'anonymous'."""
    import zipfile
    from datetime import UTC, datetime

    import docx
    import pikepdf

    from app.documents.docx_writer import write_letter_docx
    from app.documents.model import OfficialLetter
    from app.documents.pdf_writer import write_lines_pdf

    letter = OfficialLetter(agency_name="經濟部產業發展署", recipient="文化部", subject="測試。",
                            items=[])
    path = write_letter_docx(letter, tmp_path / "函.docx")
    properties = docx.Document(str(path)).core_properties
    assert properties.author == "經濟部產業發展署"
    assert properties.created is not None
    assert properties.created.year >= datetime.now(UTC).year - 1
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "thumbnail" in n]
    pdf = write_lines_pdf(["版權頁"], tmp_path / "版權頁.pdf")
    with pikepdf.open(pdf) as document:
        assert str(document.docinfo.get("/Author")) == "PubDesk"


def test_several_copies_in_one_pdf_are_numbered_each_and_named_on_every_page(
        tmp_path: Path) -> None:
    """Issue 14 (7): 附件一 1式2份 read 「第4頁，共6頁」 on the store's copy, whose continuation
    pages did not say which copy they were."""
    from app.documents.model import HeaderCell, Table
    from app.documents.pdf_writer import write_tables_pdf
    from tests.pdf_helpers import page_texts

    rows = [[str(i), f"出版品第{i}種"] for i in range(70)]
    tables = [Table(f"清單（{copy}）", [[HeaderCell("序號"), HeaderCell("名稱")]], rows, [1, 4],
                    landscape=False, copy_label=copy) for copy in ("機關留存聯", "展售門市聯")]
    pages = page_texts(write_tables_pdf(tables, tmp_path / "two-copies.pdf"))
    assert len(pages) >= 4
    half = len(pages) // 2
    for number, text in enumerate(pages[:half], start=1):
        assert f"機關留存聯　第{number}頁，共{half}頁" in text.replace("\n", ""), text[-40:]
    for number, text in enumerate(pages[half:], start=1):
        assert f"展售門市聯　第{number}頁，共{len(pages) - half}頁" in text.replace("\n", "")


def test_a_long_pdf_list_repeats_its_header_and_keeps_every_row_once(tmp_path: Path) -> None:
    """The list is laid out a page at a time (`_PagedTable`): every page starts with the
    spanned header, and every row appears exactly once, in order."""
    from tests.pdf_helpers import page_texts

    header = [[HeaderCell("基本資料", colspan=2), HeaderCell("號碼", rowspan=2)],
              [HeaderCell("序號"), HeaderCell("題名")]]
    rows = [[str(i), f"書名第{i}號", f"GPN{i:05d}"] for i in range(1, 401)]
    path = write_table_pdf(Table("清單", header, rows, [2, 10, 5]), tmp_path / "清單.pdf")
    texts = page_texts(path)
    assert len(texts) > 3
    assert all("基本資料" in text and "題名" in text for text in texts)
    found = [number for page in texts
             for number in sorted(int(n) for n in re.findall(r"GPN(\d{5})", page))]
    assert found == list(range(1, 401))


def test_a_row_taller_than_a_page_continues_on_the_next(tmp_path: Path) -> None:
    rows = [["1", "短題名", "1"], ["2", "長" * 6000, "2"], ["3", "之後的一列", "3"]]
    table = Table("清單", [[HeaderCell("序號"), HeaderCell("題名"), HeaderCell("冊數")]], rows,
                  [2, 10, 2])
    path = write_table_pdf(table, tmp_path / "長.pdf")
    assert page_count(path) >= 3
    assert "之後的一列" in pdf_text(path)


def test_docx_latin_text_is_english_to_word_and_chinese_is_zh_tw(tmp_path: Path) -> None:
    """Tagged zh-TW throughout, Word and LibreOffice break a GPN or a phone number mid-number
    like Chinese text (issue 14, finding 1)."""
    for path in (write_table_docx(sample_table(), tmp_path / "t.docx"),
                 write_letter_docx(sample_letter(), tmp_path / "l.docx")):
        document = docx.Document(str(path))
        tags = list(document.styles.element.iter(qn("w:lang")))
        tags += list(document.element.body.iter(qn("w:lang")))
        assert tags
        assert {(t.get(qn("w:val")), t.get(qn("w:eastAsia"))) for t in tags} == {
            ("en-US", "zh-TW")}


def test_docx_cells_carry_their_columns_widths(tmp_path: Path) -> None:
    """Word follows each cell's w:tcW: the header cells (merged ones included) carry their
    columns' share, as the data cells do; every cell is centred vertically (finding 2)."""
    document = docx.Document(str(write_table_docx(sample_table(), tmp_path / "t.docx")))
    grid = document.tables[0]
    columns = [int(c.get(qn("w:w"))) for c in grid._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert columns[1] > 5 * columns[0]
    for row in grid._tbl.tr_lst:
        spans, column = [], 0
        for tc in row.tc_lst:
            spans.append((tc.width, sum(columns[column:column + tc.grid_span])))
            column += tc.grid_span
            assert tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "center"
        assert all(abs(width.twips - share) <= 1 for width, share in spans), spans
    last = grid.rows[-1].cells
    assert last[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER  # "2"
    assert last[1].paragraphs[0].alignment is None  # 白皮書: left, as text reads


def test_xlsx_rows_are_as_tall_as_their_wrapped_cells(tmp_path: Path) -> None:
    """Without row heights Excel and LibreOffice print a five-line cell over the next rows;
    a portrait sheet's columns add up to what prints at about 100 % (finding 3)."""
    efiles = "\n".join(["□定稿印製檔(封面)", "□定稿印製檔(內文)", "■印製用PDF檔(封面)",
                        "■印製用PDF檔(內文)", "□全文掃描PDF檔"])
    table = Table("清單", [[HeaderCell("序號"), HeaderCell("題名"), HeaderCell("電子檔")]],
                  [["1", "短", efiles], ["2", "一行", "■"]], [1, 6, 4], landscape=False)
    sheet = openpyxl.load_workbook(write_table_xlsx(table, tmp_path / "t.xlsx")).active
    assert sheet is not None
    first_data = 3
    tall, short = (sheet.row_dimensions[first_data].height,
                   sheet.row_dimensions[first_data + 1].height)
    assert tall >= 5 * 10
    assert short < tall / 3
    widths = sum(sheet.column_dimensions[letter].width for letter in "ABC")
    assert widths <= 100


def test_disc_label_fits_long_and_many_titles_inside_the_ring(tmp_path: Path) -> None:
    import math

    from app.documents.disc_label import (
        CLEAR_RADIUS_MM,
        MM,
        PRINT_RADIUS_MM,
        disc_layout,
        write_disc_label,
    )

    centre = (300.0, 500.0)
    long_title = "經濟部產業發展與數位轉型政策研究" * 12
    many = "、".join(f"2026產業研究報告第{n}輯" for n in range(1, 30))
    gpns = "GPN：" + "、".join(f"10115000{n:02d}" for n in range(40, 52))
    for title in (long_title, many):
        lines = [title, "經濟部產業發展署", "出版年月：115年8月", gpns,
                 "檔案類型：印製用PDF檔（內文）", "卷期：12卷3期"]
        placed = disc_layout(lines, centre)
        for line in placed:
            for x in (line.x0, line.x1):
                for y in (line.y0, line.y1):
                    distance = math.hypot(x - centre[0], y - centre[1]) / MM
                    assert CLEAR_RADIUS_MM <= distance <= PRINT_RADIUS_MM, line
        text = "".join(line.text for line in placed)
        for n in range(40, 52):  # no GPN split over two lines
            assert any(f"10115000{n:02d}" in line.text for line in placed), n
        assert text.startswith(title[:20])
        pdf = write_disc_label(lines, tmp_path / "disc.pdf")
        assert title in "".join(page_texts(pdf)[1].split())  # the insert keeps it whole
