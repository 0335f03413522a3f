"""Check evidence in sentences an officer reads: pages, font names, ppi — not key=value."""

from __future__ import annotations

from pathlib import Path

from pikepdf import Dictionary, Name

from app.pdfcheck import check_pdf
from app.pdfcheck.evidence import evidence_sentences, pages_text, technical_lines
from app.pdfcheck.export import report_table
from tests.pdf_factory import Builder


def faulty(tmp_path: Path) -> Path:
    builder = Builder()
    builder.page(b"1 0 0 rg 0 0 10 10 re f q 288 0 0 288 0 0 cm /Im Do Q "
                 b"BT /F1 12 Tf (abc) Tj ET",
                 Dictionary(XObject=Dictionary(Im=builder.image(1200, 1200,
                                                                colour=Name.DeviceRGB)),
                            Font=Dictionary(F1=Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                                          BaseFont=Name.Helvetica))))
    return builder.save(tmp_path / "x.pdf")


def test_failures_are_told_in_sentences(tmp_path: Path) -> None:
    report = check_pdf(faulty(tmp_path), toc=[{"title": "第一章", "page": 3, "children": []}])
    said = {check: evidence_sentences(check, result.evidence)
            for check, result in report.checks.items()}
    assert said["fonts_embedded"] == ["字型「Helvetica」（Type1）沒有內嵌，用在第 1 頁。"]
    assert said["image_resolution"] == [
        "第 1 頁頁面內容的彩色影像（1200×1200 像素）實際只有 300 ppi，需要 600 ppi。"]
    assert any("第 1 頁" in line and "RGB" in line for line in said["colour_space"])
    assert said["bookmarks"] == ["目次的「第一章」（第 3 頁）沒有對應的書籤。"]
    for lines in said.values():
        assert not any("=" in line or "_" in line for line in lines)
    assert any("=" in line for line in technical_lines(report.checks["image_resolution"].evidence))


def test_the_exported_report_carries_the_sentences(tmp_path: Path) -> None:
    report = check_pdf(faulty(tmp_path))
    table = report_table([report], "印製用PDF檔")
    fonts_row = next(row for row in table.rows if row[1] == "字型嵌入")
    assert "Helvetica" in fonts_row[3]
    assert "第 1 頁" in fonts_row[3]


def test_pages_are_listed_in_order_and_long_lists_cut() -> None:
    assert pages_text([3, 1, 2, 2]) == "第 1、2、3 頁"
    assert pages_text(range(1, 30)).endswith("等 頁")
    assert pages_text([]) == ""


def test_unexpected_evidence_gives_no_sentences_rather_than_an_error() -> None:
    assert evidence_sentences("image_resolution", {"images": "broken"}) == []
    assert evidence_sentences("unknown_check", {"x": 1}) == []
