"""Every document, written for a publication whose author is 陳𠀋明 (𠀋: CJK Extension B, not
in TW-Kai) and whose title runs to 200 characters: every PDF is written, embeds its fonts,
draws the rare character (not a box) and keeps the whole title (issue 14, finding 9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.db import open_database
from app.demo import (
    build_sample,
    write_consignment_documents,
    write_deposit_documents_for,
    write_numbering_documents,
    write_sample_documents,
    write_sample_packages,
)
from app.documents.pdf_fonts import pdf_fonts
from app.paths import resolve_locations
from app.services.publication_rules import ContributorData
from app.services.publications import publication_data, update_publication
from tests.pdf_helpers import font_report, ink_ratio, pdf_text, rendered_pages

RARE = "𠀋"
NAME = f"陳{RARE}明"
# 200 characters: the rare one near the start and again at the very end.
TITLE = (f"經濟部{RARE}" + "產業發展與數位轉型政策研究" * 15)[:199] + RARE


def test_the_title_is_long_and_rare() -> None:
    assert len(TITLE) == 200
    assert "TW-Kai-ExtB" in pdf_fonts().fallbacks, "python tools/fetch_fonts.py was not run"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    locations = resolve_locations(tmp_path_factory.mktemp("rare"), environ={})
    db = open_database(locations)
    try:
        sample = build_sample(db)
        with db.session() as session:
            data, version = publication_data(session, sample.books[0])
            update_publication(session, sample.books[0], replace(
                data, title=TITLE, contributors=[ContributorData(NAME), *data.contributors]),
                expected_version=version)
        output = locations.data_dir / "output"
        on = date(2026, 11, 30)
        files = write_sample_documents(db, sample, output, on)
        files += write_numbering_documents(db, sample, output)
        files += write_deposit_documents_for(db, sample, output, on)
        files += write_consignment_documents(db, sample, output, on)
        for package in write_sample_packages(db, sample, output):
            files += [package] if package.is_file() else sorted(package.rglob("*"))
    finally:
        db.dispose()
    return sorted({p for p in files if p.suffix == ".pdf"})


def test_every_pdf_is_written_with_embedded_fonts(written: list[Path]) -> None:
    assert len(written) >= 15
    for pdf in written:
        fonts = font_report(pdf)
        assert fonts, pdf.name
        assert all(embedded for _, embedded in fonts), (pdf.name, fonts)


def test_the_rare_character_and_the_whole_title_are_in_every_pdf_that_names_the_book(
        written: list[Path]) -> None:
    naming = []
    for pdf in written:
        text = "".join(pdf_text(pdf).split())
        if TITLE[:8] not in text:
            continue
        naming.append(pdf.name)
        assert RARE in text, f"{pdf.name}: 𠀋 did not reach the text layer"
        if pdf.name != "檢查報告.pdf":  # names files by their package paths, kept short
            assert TITLE in text or TITLE[-30:] in text, f"{pdf.name}: the title is cut short"
        assert any("TW-Kai-Ext-B" in f for f, _ in font_report(pdf)), pdf.name
    # The consent letter and list, copyright page, deposit list and letters, consignment
    # list, settlement, stock report and the packages' copies all name the yearbook.
    assert len(naming) >= 8, naming


def test_every_document_draws_something(written: list[Path]) -> None:
    for pdf in written:  # the first page: the sample book body is padded with blank pages
        assert ink_ratio(rendered_pages(pdf, 200)[0]) > 0.001, pdf.name
