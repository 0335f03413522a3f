"""Reading the PDFs we write, the way the conventions ask: text with QtPdf, fonts with pikepdf,
pages rendered to images (QtPdf) to prove they are not blank."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument


def _open(path: Path) -> QPdfDocument:
    document = QPdfDocument(None)
    document.load(str(path))
    assert document.status() == QPdfDocument.Status.Ready, f"QtPdf cannot open {path}"
    return document


def pdf_text(path: Path) -> str:
    """All text, page after page."""
    document = _open(path)
    return "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))


def page_texts(path: Path) -> list[str]:
    """The text of each page."""
    document = _open(path)
    return [document.getAllText(page).text() for page in range(document.pageCount())]


def page_count(path: Path) -> int:
    """Number of pages."""
    return _open(path).pageCount()


def rendered_pages(path: Path, width: int = 300) -> list[QImage]:
    """Every page as an image `width` pixels wide, on white."""
    from ui.pages.viewer_page import render_page

    document = _open(path)
    return [render_page(document, page, width) for page in range(document.pageCount())]


def ink_ratio(image: QImage) -> float:
    """Share of pixels that are not white (rendering gives a white background)."""
    white = 0
    total = image.width() * image.height()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if image.pixelColor(x, y).lightness() > 245:
                white += 1
    return 1 - white / (total / 4)


def font_report(path: Path) -> list[tuple[str, bool]]:
    """(base font, embedded) for every font in every page's resources, forms included."""
    found: dict[str, bool] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            stack = [page.obj.get("/Resources")]
            while stack:
                resources = stack.pop()
                if resources is None:
                    continue
                for font in (resources.get("/Font") or {}).values():
                    fonts = [font, *list(font.get("/DescendantFonts") or [])]
                    embedded = any(
                        f.get("/FontDescriptor") is not None and any(
                            key in f.FontDescriptor for key in
                            ("/FontFile", "/FontFile2", "/FontFile3")) for f in fonts)
                    found[str(font.get("/BaseFont"))] = embedded or font.get(
                        "/Subtype") == "/Type3"
                for xobject in (resources.get("/XObject") or {}).values():
                    if xobject.get("/Subtype") == "/Form":
                        stack.append(xobject.get("/Resources"))
    return sorted(found.items())
