"""Conformance of the PDFs (issue 29): every PDF of `pubdesk demo` and of the stress data
(`tests.document_stress`: a 151-book consent with a 200-character title and a 300-character
備註, 利用清單 whose first 備註 is 100–600 characters, an 80-title 附件一, a 版權頁 with NCL's
CIP block, a check report with long evidence) read back with PDFium:

- every font embedded, every character on the paper (not within 0.5 cm of its edge);
- no character over another or across a rule (a remark over 「備註」, 「。」 over a column line);
- no empty page, and no page of a list without a row (a heading or a header alone);
- lists: every row that fits a page whole on one page, the first row on page 1, a row taller
  than a page going on with its 序號 and 題名 repeated, the header on every page, every cell's
  text present; the letters' fields in the seed's order; the CIP block as NCL gave it.

The editable formats are read against the same model in test_editable_conformance."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from app.documents.model import Table
from app.documents.style import CM
from tests.document_stress import CIP_BLOCK, Stress, build_stress
from tests.pdf_helpers import font_report
from tests.pdf_layout import PageInk, outside, overprinted, page_ink

PAGE_NUMBER = re.compile(r"(?:機關留存聯|展售門市聯)?第\d+頁，共\d+頁")
LETTER_FIELDS = ["受文者", "發文日期", "發文字號", "速別", "密等及解密條件或保密期限", "附件",
                 "主旨", "說明", "正本", "副本"]
"""A 函's parts in the order of seed 004's templates."""


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Stress:
    return build_stress(tmp_path_factory.mktemp("pdf-conformance"))


@pytest.fixture(scope="module")
def inks(stress: Stress) -> dict[Path, list[PageInk]]:
    pdfs = [p for p in [*stress.files, *stress.demo_files] if p.suffix == ".pdf"]
    assert len(pdfs) > 30
    return {pdf: page_ink(pdf) for pdf in pdfs}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body(page: PageInk) -> str:
    """A page's text without its page number."""
    return PAGE_NUMBER.sub("", page.text)


def test_every_pdf_embeds_its_fonts_and_keeps_its_ink_on_the_paper(
        inks: dict[Path, list[PageInk]]) -> None:
    for pdf, pages in inks.items():
        fonts = font_report(pdf)
        assert all(embedded for _name, embedded in fonts), (pdf.name, fonts)
        for number, page in enumerate(pages, start=1):
            # A4 keeps 0.5 cm clear; the ISBN bar code's own small page only its paper.
            margin = 0.5 * CM if min(page.width, page.height) > 400 else 0.0
            assert outside(page, margin) == [], (pdf.name, number)


def test_no_pdf_draws_text_over_text_or_across_a_rule(inks: dict[Path, list[PageInk]]) -> None:
    for pdf, pages in inks.items():
        for number, page in enumerate(pages, start=1):
            found = overprinted(page)
            assert found == [], (pdf.name, number, found[:5])


def test_no_page_is_empty(inks: dict[Path, list[PageInk]]) -> None:
    for pdf, pages in inks.items():
        for number, page in enumerate(pages, start=1):
            assert body(page), f"{pdf.name}: page {number} carries nothing but its number"


def header_text(table: Table) -> str:
    """The header's cells as they are drawn: row by row, left to right."""
    return "".join(squeeze(cell.text) for placed in table.header_grid()
                   for _row, _column, cell in placed)


def test_every_list_page_carries_its_header_and_a_row(stress: Stress,
                                                      inks: dict[Path, list[PageInk]]) -> None:
    for pdf, table in stress.tables.items():
        header = header_text(table)
        firsts = {squeeze(row[0]) for row in table.rows}
        texts = [body(page) for page in inks[pdf]]
        last = squeeze("".join(table.rows[-1]))
        end = next(n for n, text in enumerate(texts) if last in text)
        for number, text in enumerate(texts[:end + 1], start=1):  # then the notes may go on
            parts = text.split(header, 1)
            assert len(parts) == 2, f"{pdf.name}: page {number} has no header"
            after = parts[1]
            assert any(after.startswith(first) for first in firsts), \
                f"{pdf.name}: page {number} has no row under its header"


def test_no_row_is_torn_and_a_taller_one_repeats_its_key(stress: Stress,
                                                         inks: dict[Path, list[PageInk]]) -> None:
    for pdf, table in stress.tables.items():
        texts = [body(page) for page in inks[pdf]]
        rows = table.rows
        start_of = {}
        for index, row in enumerate(rows):
            if index == 0 and pdf in stress.tall_first_row:
                continue
            whole = squeeze("".join(row))
            holding = [n for n, text in enumerate(texts) if whole in text]
            assert len(holding) == 1, (pdf.name, index, holding)
            start_of[index] = holding[0]
        header = header_text(table)
        first = rows[0]
        # The table starts on page 1, its first row under the header there …
        assert squeeze(header + first[0] + first[1][:8]) in texts[0], pdf.name
        if len(rows) > 1:
            # … and a tall first row goes on, page after page, with its 序號 right under the
            # header again (and its 題名: whole, or the rest of one too long to repeat).
            for number in range(1, start_of[1]):
                after = texts[number].split(header, 1)[1]
                assert after.startswith(squeeze(first[0])), (pdf.name, number + 1)
        # Nothing lost at a split: every character of the rows is on some page.
        printed = Counter("".join(texts))
        wanted = Counter(squeeze("".join("".join(row) for row in rows)))
        short = {char: count - printed[char] for char, count in wanted.items()
                 if printed[char] < count}
        assert short == {}, pdf.name


def test_long_remarks_no_longer_break_the_usage_list(stress: Stress,
                                                     inks: dict[Path, list[PageInk]]) -> None:
    """Before: an empty page 1 at 100 characters, 「備註」 overprinted at 150, header-only pages
    at 190, no PDF at all (IndexError) from 200. Now each is written, and its eleven short rows
    share pages (the tall first row does not leave half-empty pages behind it)."""
    lists = [p for p in stress.tables if p.parent.name.startswith("remark-")]
    assert len(lists) == 5
    for pdf in lists:
        texts = [body(page) for page in inks[pdf]]
        table = stress.tables[pdf]
        later = {n for n, text in enumerate(texts) for row in table.rows[1:]
                 if squeeze("".join(row)) in text}
        assert len(later) <= 3, (pdf.name, sorted(later))


def test_letters_carry_the_seeds_fields_in_order_and_name_gpn_once(
        stress: Stress, inks: dict[Path, list[PageInk]]) -> None:
    letters = [p for p in inks if p.stem.endswith("函") or "寄存函" in p.stem]
    assert len(letters) >= 8
    for pdf in letters:
        text = "".join(body(page) for page in inks[pdf])
        positions = [text.find(label + "：") for label in LETTER_FIELDS]
        assert -1 not in positions, (pdf.name, positions)
        assert positions == sorted(positions), (pdf.name, positions)
    book_letter = next(p for p in letters if p.name == "圖書授權函.pdf"
                       and p in stress.demo_files)
    text = "".join(body(page) for page in inks[book_letter])
    assert text.count("統一編號GPN") == 1, "說明一 repeats its label"


def test_the_copyright_page_prints_ncls_cip_block_as_given(stress: Stress) -> None:
    import pypdfium2 as pdfium

    assert stress.copyright_pdf is not None
    document = pdfium.PdfDocument(str(stress.copyright_pdf))
    text = document[0].get_textpage().get_text_range()
    document.close()
    lines = [line.strip(" \r") for line in text.split("\n")]
    for line in CIP_BLOCK.splitlines():
        if "　" in line:
            assert line in lines, (line, lines)
    assert "頁，共" not in text, "a 版權頁 is a page of the book, not of a letter"


def test_closing_punctuation_at_a_cells_end_stays_inside_its_column(tmp_path: Path) -> None:
    """「。」」 hung past a cell's last character was drawn over the column's rule (or beside
    the table); in a cell it now takes the character before it to the next line."""
    from app.documents.model import HeaderCell
    from app.documents.pdf_writer import write_table_pdf

    rows = [[str(k), "說明文字" * 10 + "字" * k + "。」", "說明文字" * 10 + "字" * k + "。」"]
            for k in range(1, 30)]
    table = Table("清單", [[HeaderCell("序號"), HeaderCell("說明"), HeaderCell("備註")]], rows,
                  [2, 8, 8], landscape=False)
    pdf = write_table_pdf(table, tmp_path / "hang.pdf")
    for number, page in enumerate(page_ink(pdf), start=1):
        assert overprinted(page) == [], number
    text = "".join(body(page) for page in page_ink(pdf))
    assert all(squeeze("".join(row)) in text for row in rows)


def test_no_list_breaks_a_word_its_column_must_hold(stress: Stress,
                                                    inks: dict[Path, list[PageInk]]) -> None:
    """Column widths come from the longest unbreakable token (a ROC month, a GPN, a 序號 of
    four digits, a short value such as 「不符合」): none of them is split over two lines."""
    month = re.compile(r"\d{2,3}年\d{1,2}月|\d{10}")
    for pdf, table in stress.tables.items():
        words = {value for row in table.rows for value in row
                 if month.fullmatch(value) or 0 < len(value) <= 4}
        words |= {found for row in table.rows for value in row for found in month.findall(value)}
        text = "\n".join(line for page in inks[pdf] for line in page.lines)
        broken = sorted(word for word in words if word not in text)
        assert broken == [], (pdf.name, broken[:5])


def test_hostile_cells_neither_squeeze_the_other_columns_nor_empty_pages(tmp_path: Path) -> None:
    """Found by review: a long URL counted as one unbreakable token took every other column's
    room (a 459-character one made reportlab's widths negative); a cell of closing marks went
    one character a line; blank lines at a cell's end made pages of empty cells."""
    from app.documents.model import HeaderCell
    from app.documents.pdf_writer import write_table_pdf
    from app.documents.table_widths import column_widths

    url = "https://drive.google.com/drive/folders/" + "1AbCdEfGhIjKlMnOpQrStUvWxYz" * 16
    header = [[HeaderCell(h) for h in ("序號", "寄存圖書館", "地址", "題名", "GPN", "備註")]]
    rows = [[str(n), "國家圖書館", "臺北市中正區中山南路20號", f"題名第{n}種", f"10115{n:05d}",
             url if n == 1 else ""] for n in range(1, 30)]
    rows.append(["30", "國立臺灣圖書館", "新北市中和區", "全是句號", "1011500030", "。" * 3000])
    rows.append(["31", "臺北市立圖書館", "臺北市", "空白的行", "1011500031", "\n" * 300])
    table = Table("寄存清單", header, rows, [3, 14, 20, 18, 8, 10])
    widths = column_widths(table, 770.0, 6.0)
    assert min(widths[:5]) > 30  # the URL breaks inside its own column
    pdf = write_table_pdf(table, tmp_path / "hostile.pdf")
    pages = page_ink(pdf)
    # 3,000 句號 are 250 lines of 備註 (about 8 pages); the blank lines add none.
    without_blank = write_table_pdf(replace(table, rows=rows[:-1]), tmp_path / "no-blank.pdf")
    assert len(pages) == len(page_ink(without_blank)) <= 12
    text = "\n".join(page.lines[i] for page in pages for i in range(len(page.lines)))
    assert all(f"10115{n:05d}" in text for n in range(1, 30))  # no GPN broken
    assert squeeze(url) in "".join(body(page) for page in pages)
    for number, page in enumerate(pages, start=1):
        assert overprinted(page) == [], number
