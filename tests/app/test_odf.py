"""ODT and ODS, the government's editable standard (CNS 15251): the same content as the DOCX and
XLSX, 標楷體 for Chinese, Latin en-US / Chinese zh-TW, spanned header rows repeated on every
page, 「第n頁，共N頁」 in the footer — read back from the files' XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from app.documents.model import HeaderCell, Table
from app.documents.odf_writer import (
    write_letter_odt,
    write_lines_odt,
    write_table_ods,
    write_table_odt,
)
from tests.app.test_documents import EXPECTED_ORDER, sample_letter, sample_table

NS = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}


def parts(path: Path) -> tuple[etree._Element, etree._Element, str]:
    with zipfile.ZipFile(path) as archive:
        assert archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
        content = etree.fromstring(archive.read("content.xml"))
        styles = etree.fromstring(archive.read("styles.xml"))
    return content, styles, "".join(content.itertext())


def footer_text(styles: etree._Element) -> str:
    footer = styles.find(".//style:master-page/style:footer", NS)
    assert footer is not None
    text = "".join(footer.itertext())
    assert footer.find(".//text:page-number", NS) is not None
    assert footer.find(".//text:page-count", NS) is not None
    return text


def test_table_odt(tmp_path: Path) -> None:
    content, styles, text = parts(write_table_odt(sample_table(), tmp_path / "t.odt"))
    for expected in ("圖書之利用清單", "機關名稱：經濟部", "基本資訊", "範圍", "年報", "白皮書", "二、備註"):
        assert expected in text
    assert text.index("年報") < text.index("白皮書") < text.index("二、備註")
    header = content.find(".//table:table-header-rows", NS)
    assert header is not None
    assert len(header.findall("table:table-row", NS)) == 2  # both header rows repeat
    spanned = content.find(".//table:table-cell[@table:number-columns-spanned='2']", NS)
    assert spanned is not None
    assert "基本資訊" in "".join(spanned.itertext())
    assert content.find(".//table:table-cell[@table:number-rows-spanned='2']", NS) is not None
    widths = [float(node.get(f"{{{NS['style']}}}column-width").removesuffix("cm"))
              for node in content.iterfind(".//style:table-column-properties", NS)]
    assert widths[1] == max(widths)  # 題名 gets the widest column (6 of 9 shares)
    assert footer_text(styles).startswith("第")


def test_every_text_style_is_kai_with_latin_english_and_chinese_zh_tw(tmp_path: Path) -> None:
    for path in (write_table_odt(sample_table(), tmp_path / "t.odt"),
                 write_letter_odt(sample_letter(), tmp_path / "l.odt"),
                 write_table_ods(sample_table(), tmp_path / "t.ods")):
        content, styles, _text = parts(path)
        ours = [node for root in (content, styles)
                for node in root.iterfind(".//style:style", NS)
                if str(node.get(f"{{{NS['style']}}}name", "")).startswith("PubDesk")]
        assert ours
        for node in ours:
            properties = node.find("style:text-properties", NS)
            assert properties is not None
            assert properties.get(f"{{{NS['style']}}}font-name-asian") == "標楷體"
            assert properties.get(f"{{{NS['fo']}}}language") == "en"
            assert properties.get(f"{{{NS['style']}}}language-asian") == "zh"
            assert properties.get(f"{{{NS['style']}}}country-asian") == "TW"


def test_letter_odt_keeps_the_order_of_the_template(tmp_path: Path) -> None:
    _content, styles, text = parts(write_letter_odt(sample_letter(), tmp_path / "l.odt"))
    position = 0
    for expected in EXPECTED_ORDER:
        found = text.find(expected, position)
        assert found >= 0, expected
        position = found
    assert footer_text(styles)


def test_table_ods_has_title_header_rows_data_and_notes(tmp_path: Path) -> None:
    rows = [[str(i), f"書名{i}", "1011500057"] for i in range(1, 51)]
    table = Table("清單", [[HeaderCell("序號"), HeaderCell("題名"), HeaderCell("GPN")]], rows,
                  [1, 6, 3], lines_above=["機關名稱：經濟部"], notes=["註：一式兩份。"])
    content, styles, text = parts(write_table_ods(table, tmp_path / "t.ods", "機關留存聯"))
    sheet = content.find(".//table:table", NS)
    assert sheet is not None
    assert sheet.get(f"{{{NS['table']}}}name") == "機關留存聯"
    assert text.index("清單") < text.index("機關名稱") < text.index("序號") < text.index("書名1")
    assert text.index("書名50") < text.index("註：一式兩份。")
    header = sheet.find("table:table-header-rows", NS)
    assert header is not None
    assert "題名" in "".join(header.itertext())
    assert footer_text(styles).startswith("第")
    assert styles.find(".//style:master-page/style:header[@style:display='false']", NS) \
        is not None


def test_lines_odt(tmp_path: Path) -> None:
    _content, _styles, text = parts(write_lines_odt(["書名：年報", "GPN：1011500057"],
                                                    tmp_path / "c.odt", "版權頁"))
    assert text.index("書名：年報") < text.index("GPN：1011500057")
