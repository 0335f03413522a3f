"""Every editable document of `pubdesk demo` — DOCX, XLSX, ODT, ODS — and a 60-title
consignment list (1式2份, several pages) converted to PDF by LibreOffice headless, as an office
would print them, then read back with their text positions (pdfium): no number, phone, e-mail
or address split over two lines, no text runs drawn over each other, no cell text clipped by a
row too low, nothing outside the page, and every page of each copy of the list names its copy
(issue 14). Two controls prove the checks see what they look for.

LibreOffice is found on PATH (`soffice`); CI installs it (.ci/system-packages) and sets
PUBDESK_REQUIRE_LIBREOFFICE, so there the test fails rather than skips. It sees the fonts an
office PC without 標楷體 has: the system's and our bundled TW-Kai (a fontconfig file)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db import open_database
from app.demo import make_demo
from app.resources import resource_path

pdfium = pytest.importorskip("pypdfium2")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None:
    if os.environ.get("PUBDESK_REQUIRE_LIBREOFFICE"):
        raise RuntimeError("LibreOffice (soffice) is required here: apt-get install "
                           "libreoffice-writer-nogui libreoffice-calc-nogui")
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

TOKENS = ("1011500057", "1011500046", "2009100011", "978-986-00-0000-9", "9789860000009",
          "(02)2321-2200", "(02)2357-7000", "https://www.ida.gov.tw", "service@ida.gov.tw",
          "lin@ida.gov.tw", "0317-8471", "(02)2321-2200#8123")
EDITABLE = (".docx", ".xlsx", ".odt", ".ods")
COPIES = ("機關留存聯", "展售門市聯")


def convert(files: list[Path], folder: Path) -> dict[Path, Path]:
    """Each file's PDF as LibreOffice prints it (one LibreOffice run for all)."""
    stage, out = folder / "stage", folder / "pdf"
    stage.mkdir(parents=True)
    out.mkdir()
    staged = {}
    for index, source in enumerate(files):
        name = f"{index:03d}{source.suffix}"
        shutil.copy(source, stage / name)
        staged[source] = out / f"{index:03d}.pdf"
    conf = folder / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{resource_path("fonts")}</dir><cachedir>{folder / "fc-cache"}</cachedir></fontconfig>""")
    result = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *sorted(str(p) for p in stage.iterdir())],
        capture_output=True, text=True, timeout=600, check=False,
        env=dict(os.environ, FONTCONFIG_FILE=str(conf)))
    missing = [s.name for s, pdf in staged.items() if not pdf.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stderr[-2000:]}"
    return staged


@dataclass
class Page:
    text: str
    lines: list[str]
    outside: int
    overlaps: list[tuple[str, str]]


def pages_of(pdf: Path) -> list[Page]:
    """Each page's text, its lines, characters outside the page, overlapping text runs."""
    document = pdfium.PdfDocument(str(pdf))
    found = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        text_page = page.get_textpage()
        text = text_page.get_text_range().replace("\r", "")
        outside = 0
        for char in range(text_page.count_chars()):
            if not text_page.get_text_range(char, 1).strip():
                continue
            left, bottom, right, top = text_page.get_charbox(char)
            if left < -0.5 or bottom < -0.5 or right > width + 0.5 or top > height + 0.5:
                outside += 1
        rects = [text_page.get_rect(k) for k in range(text_page.count_rects())]
        overlaps = []
        for a, first in enumerate(rects):
            for second in rects[a + 1:]:
                dx = min(first[2], second[2]) - max(first[0], second[0])
                dy = min(first[3], second[3]) - max(first[1], second[1])
                smaller = min((first[2] - first[0]) * (first[3] - first[1]),
                              (second[2] - second[0]) * (second[3] - second[1]))
                if dx > 1 and dy > 1 and smaller > 0 and dx * dy > 0.3 * smaller:
                    overlaps.append((text_page.get_text_bounded(*first),
                                     text_page.get_text_bounded(*second)))
        found.append(Page(text, text.split("\n"), outside, overlaps))
    document.close()
    return found


def split_tokens(page: Page) -> list[str]:
    """The known numbers and addresses that run over a line break."""
    flat = page.text.replace("\n", "")
    return [token for token in TOKENS
            if token in flat and not any(token in line for line in page.lines)]


def cell_lines(source: Path) -> list[str]:
    """Every line of every cell of a spreadsheet (what its printout must show)."""
    values: list[object] = []
    if source.suffix == ".xlsx":
        import openpyxl

        for row in openpyxl.load_workbook(source).active.iter_rows(values_only=True):
            values += row
    else:
        from odfdo import Document

        for row in Document(str(source)).body.get_tables()[0].get_values():
            values += row
    return [line for value in values if value not in (None, "")
            for line in str(value).split("\n") if line.strip()]


def lost_lines(source: Path, pdf: Path) -> list[str]:
    """Cell text a printout does not show (a row too low clips it)."""
    printed = "".join("".join(page.text.split()) for page in pages_of(pdf))
    return [line for line in cell_lines(source) if "".join(line.split()) not in printed]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    from sqlalchemy import select

    from app.models import SalesStore
    from app.services.consignment import ListItem, create_list, write_consignment_list
    from app.services.publication_rules import PublicationData
    from app.services.publications import create_publication

    folder = tmp_path_factory.mktemp("office")
    locations, sample = make_demo(folder / "demo", date(2026, 11, 2))
    files = [p for p in sample.outputs if p.suffix in EDITABLE]
    db = open_database(locations)
    try:
        with db.session() as session:
            titles = []
            for n in range(60):
                title = f"產業研究報告第{n + 1}輯" + ("：臺灣製造業數位轉型與淨零排放之策略分析" * 3
                                                    if n % 7 == 0 else "")
                titles.append(create_publication(session, PublicationData(
                    unit_id=sample.unit_id, title=title, gpn=f"10114{n:05d}", price_ntd=300,
                    published_year=2026, published_month=6)).id)
            store = session.scalars(select(SalesStore).order_by(SalesStore.id)).first()
            assert store is not None
            store.commission_percent = store.commission_percent or Decimal("35")
            list_id = create_list(session, store.id, date(2026, 7, 1),
                                  [ListItem(t, 10) for t in titles], "林怡君")
            files += [p for p in write_consignment_list(session, list_id, folder / "long")
                      if p.suffix in EDITABLE]
    finally:
        db.dispose()
    # A control: a DOCX whose narrow column must split a GPN — the check has to see it.
    import docx

    control = docx.Document()
    table = control.add_table(rows=1, cols=2)
    table.autofit = False
    for index, width in enumerate((docx.shared.Cm(0.9), docx.shared.Cm(14))):
        table.columns[index].width = width  # the grid, which LibreOffice follows
        table.rows[0].cells[index].width = width
    table.rows[0].cells[0].text = "1011500057"
    control.save(folder / "control.docx")
    # …and a sheet whose five-line cell sits in a row one line high.
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "第一行\n第二行\n第三行\n第四行\n第五行"
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 14
    book.save(folder / "control.xlsx")
    return convert([*files, folder / "control.docx", folder / "control.xlsx"],
                   folder / "converted")


def test_the_checks_see_a_split_number_and_a_clipped_cell(converted: dict[Path, Path]) -> None:
    control = next(pdf for source, pdf in converted.items() if source.name == "control.docx")
    assert split_tokens(pages_of(control)[0]) == ["1011500057"]
    sheet = next(source for source in converted if source.name == "control.xlsx")
    lost = lost_lines(sheet, converted[sheet])
    assert "第一行" not in lost
    assert {"第四行", "第五行"} <= set(lost)


def test_every_editable_document_prints_whole(converted: dict[Path, Path]) -> None:
    suffixes = {source.suffix for source in converted}
    assert suffixes >= set(EDITABLE)
    assert len(converted) >= 40
    problems = []
    for source, pdf in converted.items():
        if source.name.startswith("control."):
            continue
        if source.suffix in (".xlsx", ".ods") and (lost := lost_lines(source, pdf)):
            problems.append(f"{source.parent.name}/{source.name}: not printed {lost[:3]}")
        for number, page in enumerate(pages_of(pdf), start=1):
            where = f"{source.parent.name}/{source.name} p{number}"
            if split := split_tokens(page):
                problems.append(f"{where}: split {split}")
            if page.outside:
                problems.append(f"{where}: {page.outside} characters outside the page")
            if page.overlaps:
                problems.append(f"{where}: text drawn over text {page.overlaps[:2]}")
    assert not problems, "\n".join(problems)


def test_every_page_of_each_copy_names_its_copy(converted: dict[Path, Path]) -> None:
    long_lists = {source: pdf for source, pdf in converted.items()
                  if source.parent.name == "long"}
    assert len(long_lists) == 8  # two copies × DOCX, XLSX, ODT, ODS
    for source, pdf in long_lists.items():
        copy = next(c for c in COPIES if c in source.name)
        pages = pages_of(pdf)
        assert len(pages) >= 2, f"{source.name}: 60 titles should take more than a page"
        for number, page in enumerate(pages, start=1):
            assert copy in page.text, f"{source.name} page {number} does not say {copy}"
